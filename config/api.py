"""The one NinjaAPI at /api/v1/: one router per module, session or bearer-token auth."""

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.http.multipartparser import MultiPartParserError
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError
from ninja.parser import Parser
from ninja.security import django_auth

from chibo.access.api import router as access_router
from chibo.access.tokens import TokenAuth
from chibo.assignments.api import router as assignments_router
from chibo.audit.api import router as audit_router
from chibo.cadres.api import router as cadres_router
from chibo.commendations.api import router as commendations_router
from chibo.congresses.api import router as congresses_router
from chibo.core.errors import DomainError, ValidationFailed
from chibo.data_quality.api import router as data_quality_router
from chibo.documents.api import router as documents_router
from chibo.elections.api import router as elections_router
from chibo.handbook.api import router as handbook_router
from chibo.meetings.api import router as meetings_router
from chibo.members.api import router as members_router
from chibo.notifications.api import router as notifications_router
from chibo.org.api import router as org_router
from chibo.ratings.api import router as ratings_router
from chibo.recruitment.api import router as recruitment_router
from chibo.reports.api import router as reports_router
from chibo.training.api import router as training_router

# The error answers every operation may give (the exception handlers below): documented once,
# on every operation of the OpenAPI schema, so clients and the fuzz test
# (chibo/core/tests/test_api_fuzz.py) know them.
ERROR_STATUSES = {
    400: "Bad request",
    401: "Not authenticated",
    403: "Not permitted",
    404: "Not found (or out of the caller's scope)",
    409: "Conflicts with the current state",
    422: "Invalid input",
}
ERROR_SCHEMA = {
    "title": "ErrorOut",
    "type": "object",
    "properties": {
        "detail": {"type": "string"},
        "detail_en": {"type": "string"},
        "field": {"type": "string"},
        "errors": {"type": "array"},
    },
    "required": ["detail", "detail_en"],
}


def _has_nul(value: Any) -> bool:
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, dict):
        return any(_has_nul(k) or _has_nul(v) for k, v in value.items())
    if isinstance(value, list):
        return any(_has_nul(v) for v in value)
    return False


class TextParser(Parser):
    """The JSON body and the query parameters, refusing the NUL character: no text column
    holds it (PostgreSQL refuses it, and a search for "a\x00" answered 500)."""

    def parse_body(self, request: HttpRequest) -> Any:
        return self._checked(super().parse_body(request))

    def parse_querydict(self, data: Any, list_fields: list[str], request: HttpRequest) -> Any:
        return self._checked(super().parse_querydict(data, list_fields, request))

    @staticmethod
    def _checked(parsed: Any) -> Any:
        if _has_nul(parsed):
            raise ValidationFailed(_("Dữ liệu gửi lên chứa ký tự không hợp lệ (NUL)."))
        return parsed


class ChiboAPI(NinjaAPI):
    def get_openapi_schema(self, **kwargs: Any) -> Any:
        schema = super().get_openapi_schema(**kwargs)
        schema.setdefault("components", {}).setdefault("schemas", {})["ErrorOut"] = ERROR_SCHEMA
        error = {
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorOut"}}}
        }
        for methods in schema["paths"].values():
            for operation in methods.values():
                responses = operation.setdefault("responses", {})
                for status, description in ERROR_STATUSES.items():
                    responses.setdefault(status, {"description": description, **error})
        return schema


api = ChiboAPI(
    title="Chi Bộ Số API",
    version="1",
    urls_namespace="api",
    auth=[TokenAuth(), django_auth],
    docs_url="/docs",
    parser=TextParser(),
)


def _both(message: Any) -> dict[str, str]:
    with translation.override("vi"):
        vi = str(message)
    with translation.override("en"):
        en = str(message)
    return {"detail": vi, "detail_en": en}


@api.exception_handler(DomainError)
def domain_error(request: HttpRequest, exc: DomainError) -> HttpResponse:
    body: dict[str, Any] = exc.bilingual()
    if exc.field:
        body["field"] = exc.field
    return api.create_response(request, body, status=exc.status)


@api.exception_handler(NinjaValidationError)
def validation_error(request: HttpRequest, exc: NinjaValidationError) -> HttpResponse:
    body: dict[str, Any] = _both(_("Dữ liệu gửi lên không hợp lệ."))
    body["errors"] = exc.errors
    return api.create_response(request, body, status=422)


@api.exception_handler(MultiPartParserError)
def multipart_error(request: HttpRequest, exc: MultiPartParserError) -> HttpResponse:
    # A multipart body without a boundary, or cut short: the client's error, not the server's.
    return api.create_response(
        request, _both(_("Nội dung tệp gửi lên không đúng định dạng multipart.")), status=400
    )


@api.exception_handler(AuthenticationError)
def auth_error(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    return api.create_response(
        request, _both(_("Cần đăng nhập hoặc khóa truy cập hợp lệ.")), status=401
    )


@api.exception_handler(HttpError)
def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    if isinstance(exc.__cause__, DomainError):  # refused by TextParser inside the body parse
        return domain_error(request, exc.__cause__)
    if exc.status_code == 400 and exc.__cause__ is not None:
        # django-ninja wraps a body it cannot parse (malformed JSON) in an English-only 400;
        # answer it like any other invalid input: 422, in Vietnamese and English.
        return api.create_response(
            request, _both(_("Nội dung gửi lên không phải JSON hợp lệ.")), status=422
        )
    return api.create_response(request, _both(exc.message), status=exc.status_code)


api.add_router("/units", org_router, tags=["org"])
# The members module's one router holds /members and /units/{code}/statistics|changes.
api.add_router("", members_router, tags=["members"])
api.add_router("/audit", audit_router, tags=["audit"])
api.add_router("/tokens", access_router, tags=["access"])
api.add_router("/data-quality", data_quality_router, tags=["data_quality"])
# The documents module's one router holds /documents and /study-campaigns.
api.add_router("", documents_router, tags=["documents"])
# The meetings module's one router holds /meetings and /units/{code}/meeting-warnings.
api.add_router("", meetings_router, tags=["meetings"])
api.add_router("/handbook", handbook_router, tags=["handbook"])
api.add_router("/notifications", notifications_router, tags=["notifications"])
# Modules of issues 11-18: each router names its own paths from the API root.
api.add_router("", assignments_router, tags=["assignments"])
api.add_router("", reports_router, tags=["reports"])
api.add_router("", congresses_router, tags=["congresses"])
api.add_router("", elections_router, tags=["elections"])
api.add_router("", recruitment_router, tags=["recruitment"])
api.add_router("", training_router, tags=["training"])
api.add_router("", ratings_router, tags=["ratings"])
api.add_router("", commendations_router, tags=["commendations"])
api.add_router("", cadres_router, tags=["cadres"])
