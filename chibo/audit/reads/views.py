"""The data-protection officer's report: who read whose record, when, why; and its XLSX."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from chibo.core.pagination import filter_query_string, page_number
from chibo.core.spreadsheets import XLSX_CONTENT_TYPE

from .exports import reads_xlsx
from .forms import ReadFilterForm
from .queries import EXPORT_LIMIT, entries, reads_for

PER_PAGE = 50
FILTERS = ("unit", "from", "to", "reader")


@login_required
@require_GET
def reads(request: HttpRequest) -> HttpResponse:
    form = ReadFilterForm(request.GET)
    found = reads_for(request.user, form.filters())
    paginator = Paginator(found, PER_PAGE)
    current = paginator.get_page(page_number(request.GET.get("page")))
    return render(
        request,
        "audit/reads.html",
        {
            "form": form,
            "page": current,
            "entries": entries(request.user, current),
            "query": filter_query_string(request.GET, FILTERS),
        },
        status=200 if not form.errors else 400,
    )


@login_required
@require_GET
def reads_export(request: HttpRequest) -> HttpResponse:
    form = ReadFilterForm(request.GET)
    found = reads_for(request.user, form.filters())[:EXPORT_LIMIT]
    response = HttpResponse(
        reads_xlsx(entries(request.user, found)), content_type=XLSX_CONTENT_TYPE
    )
    response["Content-Disposition"] = 'attachment; filename="luot-xem-ho-so.xlsx"'
    return response
