"""The member downloads everything the system holds about them (JSON and PDF); each download
is logged as a read of their record (docs/privacy.md). Answers are `private, no-store` (the
middleware's rule for every logged-in user; set here too, since they are personal data)."""

import json

from django.contrib.auth.decorators import login_required
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_GET

from ..exports import own_data_pdf
from ..queries.own_data import my_data
from .common import member_page

NO_STORE = "private, no-store"


def _download(body: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = NO_STORE
    return response


@login_required
@require_GET
@member_page("record")
def own_data_json(request: HttpRequest) -> HttpResponse:
    data = my_data(request.user)
    body = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2).encode()
    return _download(body, "application/json; charset=utf-8", "du-lieu-ca-nhan.json")


@login_required
@require_GET
@member_page("record")
def own_data_pdf_file(request: HttpRequest) -> HttpResponse:
    return _download(own_data_pdf(my_data(request.user)), "application/pdf", "du-lieu-ca-nhan.pdf")
