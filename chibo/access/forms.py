from django import forms
from django.contrib.auth.password_validation import validate_password
from django.utils.translation import gettext_lazy as _

from .models import ROLE_CHOICES


class TokenForm(forms.Form):
    name = forms.CharField(label=_("Tên khóa (dùng cho việc gì)"), max_length=100)


class GrantForm(forms.Form):
    unit_code = forms.CharField(label=_("Mã đơn vị"), max_length=40)
    role = forms.ChoiceField(label=_("Vai trò"), choices=ROLE_CHOICES)


class UserCreateForm(GrantForm):
    username = forms.RegexField(
        label=_("Tên đăng nhập"),
        max_length=150,
        regex=r"^[\w.@+-]+$",
        error_messages={"invalid": _("Chỉ dùng chữ không dấu, số và . @ + - _")},
    )
    last_name = forms.CharField(label=_("Họ và tên đệm"), max_length=150, required=False)
    first_name = forms.CharField(label=_("Tên"), max_length=150)
    email = forms.EmailField(label=_("E-mail"), required=False)
    password = forms.CharField(
        label=_("Mật khẩu ban đầu"), widget=forms.PasswordInput, min_length=10
    )

    field_order = ["username", "last_name", "first_name", "email", "password", "unit_code", "role"]

    def clean_password(self) -> str:
        password: str = self.cleaned_data["password"]
        validate_password(password)
        return password


class UserSearchForm(forms.Form):
    q = forms.CharField(label=_("Tìm người dùng"), max_length=100, required=False)


class RefuseGrantForm(forms.Form):
    reason = forms.CharField(label=_("Lý do không duyệt"), max_length=300, required=False)
