"""Staff roles must enrol a TOTP authenticator before they use the app."""

from collections.abc import Callable

from allauth.mfa.models import Authenticator
from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

from . import policy

# Pages a staff user without TOTP may still reach: enrolment, logout, language, static files.
_OPEN_PREFIXES = ("/accounts/", "/i18n/", "/static/", "/api/")


class StaffMfaMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if (
            settings.CHIBO_REQUIRE_STAFF_MFA
            and request.user.is_authenticated
            and not request.path.startswith(_OPEN_PREFIXES)
            and policy.requires_mfa(request.user)
            and not Authenticator.objects.filter(
                user=request.user, type=Authenticator.Type.TOTP
            ).exists()
        ):
            return redirect("mfa_activate_totp")
        return self.get_response(request)
