"""How allauth and axes fit this project: closed signup, Vietnamese messages, one throttle key."""

from typing import Any

from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.forms import ChangePasswordForm as AllauthChangePasswordForm
from allauth.mfa.adapter import DefaultMFAAdapter
from django.conf import settings
from django.contrib.auth import get_user_model
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from . import policy

# allauth ships no Vietnamese catalogue, so the messages users meet are restated here.
_WRONG_LOGIN = _("Tên đăng nhập, thư điện tử hoặc mật khẩu không đúng.")


class AccountAdapter(DefaultAccountAdapter):
    """Accounts are created by staff with grants; nobody signs up on their own."""

    error_messages = {
        **DefaultAccountAdapter.error_messages,
        "account_inactive": _("Tài khoản này đã bị khóa. Hãy liên hệ quản trị hệ thống."),
        "email_password_mismatch": _WRONG_LOGIN,
        "username_password_mismatch": _WRONG_LOGIN,
        "invalid_login": _WRONG_LOGIN,
        "enter_current_password": _("Hãy nhập mật khẩu hiện tại."),
        "incorrect_password": _("Mật khẩu không đúng."),
        "incorrect_code": _("Mã không đúng."),
        "too_many_login_attempts": _("Đăng nhập sai quá nhiều lần. Hãy thử lại sau."),
        "rate_limited": _("Bạn thao tác quá nhanh. Hãy chờ một chút rồi thử lại."),
        "same_as_current": _("Giá trị mới phải khác giá trị hiện tại."),
    }

    def is_open_for_signup(self, request: HttpRequest) -> bool:
        return False


class MfaAdapter(DefaultMFAAdapter):
    error_messages = {
        **DefaultMFAAdapter.error_messages,
        "cannot_delete_authenticator": _(
            "Vai trò của bạn bắt buộc xác thực hai lớp; không thể tắt ứng dụng xác thực."
        ),
        "cannot_generate_recovery_codes": _(
            "Hãy bật ứng dụng xác thực trước khi tạo mã khôi phục."
        ),
        "incorrect_code": _("Mã không đúng."),
        "rate_limited": _("Bạn nhập mã quá nhiều lần. Hãy chờ một chút rồi thử lại."),
    }

    def can_delete_authenticator(self, authenticator: Any) -> bool:
        """Staff roles may not switch TOTP off while the rule requires it."""
        if (
            settings.CHIBO_REQUIRE_STAFF_MFA
            and authenticator.type == authenticator.Type.TOTP
            and policy.requires_mfa(authenticator.user)
        ):
            return False
        return bool(super().can_delete_authenticator(authenticator))


class ChangePasswordForm(AllauthChangePasswordForm):
    """allauth's form, with its one hard-coded English message said in Vietnamese."""

    def clean(self) -> dict[str, Any]:
        first = self.cleaned_data.get("password1")
        second = self.cleaned_data.get("password2")
        if first and second and first != second:
            # add_error drops password2 from cleaned_data, so allauth does not repeat it in English.
            self.add_error("password2", _("Hai lần nhập mật khẩu mới không khớp."))
        return super().clean()


def axes_username(request: HttpRequest, credentials: dict[str, Any] | None) -> str:
    """The key axes counts failures under: the account, however the user named it.

    allauth calls `authenticate(username=…)` or `authenticate(email=…, username=…)`, never with
    `login=`, so axes would otherwise see no username and count every failure from an IP together.
    An e-mail address of a known account folds into its username, so switching between the two
    does not double the number of tries; case is folded for the same reason.
    """
    posted = getattr(request, "POST", None)
    raw = posted.get("login") if posted is not None else None
    if not raw and credentials:
        raw = credentials.get("username") or credentials.get("email")
    login = str(raw or "").strip().lower()
    if "@" in login:
        usernames = list(
            get_user_model()
            .objects.filter(email__iexact=login)
            .values_list("username", flat=True)[:2]
        )
        if len(usernames) == 1:
            return usernames[0].lower()
    return login
