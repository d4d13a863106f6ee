"""Staff roles must enrol a TOTP authenticator before they use the app."""

from collections.abc import Callable

from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from . import policy, queries

# Pages a staff user without TOTP may still reach: enrolment, logout, language, static files.
_OPEN_PREFIXES = ("/accounts/", "/i18n/", "/static/")
# A session on the API is the same person as on the pages: no way around enrolment there.
# (Bearer-token calls carry no session, so `request.user` is anonymous here and they pass.)
_API_PREFIX = "/api/"

_ENROL = _("Vai trò của bạn cần xác thực hai lớp. Hãy cài ứng dụng xác thực để tiếp tục.")


class StaffMfaMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if (
            settings.CHIBO_REQUIRE_STAFF_MFA
            and request.user.is_authenticated
            and not request.path.startswith(_OPEN_PREFIXES)
            and policy.requires_mfa(request.user)
            and not queries.has_totp(request.user)
        ):
            return self._enrol(request)
        return self.get_response(request)

    def _enrol(self, request: HttpRequest) -> HttpResponse:
        target = reverse("mfa_activate_totp")
        if request.path.startswith(_API_PREFIX):
            with translation.override("vi"):
                vi = str(_ENROL)
            with translation.override("en"):
                en = str(_ENROL)
            return JsonResponse({"detail": vi, "detail_en": en}, status=403)
        if getattr(request, "htmx", False):
            # A fragment request must not swap the enrolment page into the fragment.
            response = HttpResponse(status=204)
            response["HX-Redirect"] = target
            return response
        messages.warning(request, _ENROL)
        return redirect(target)
