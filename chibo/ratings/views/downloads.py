"""A round's results as XLSX and its summary report as DOCX (personal data: no-store)."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.views.decorators.http import require_GET

from chibo.core.spreadsheets import XLSX_CONTENT_TYPE

from ..exports import round_docx, round_xlsx
from ..queries import rounds

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _file(body: bytes, content_type: str, name: str) -> HttpResponse:
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_GET
def xlsx(request: HttpRequest, pk: int) -> HttpResponse:
    rnd = rounds.get_round_for_user(request.user, pk)
    name = (
        f"danh-gia-{rnd.unit.code}-{rnd.year}{'-q' + str(rnd.quarter) if rnd.quarter else ''}.xlsx"
    )
    return _file(round_xlsx(request.user, rnd), XLSX_CONTENT_TYPE, name)


@login_required
@require_GET
def docx(request: HttpRequest, pk: int) -> HttpResponse:
    rnd = rounds.get_round_for_user(request.user, pk)
    body = round_docx(request.user, rnd, on=timezone.localdate())
    name = f"bao-cao-danh-gia-{rnd.unit.code}-{rnd.year}.docx"
    return _file(body, DOCX, name)
