from django import forms
from django.utils.translation import gettext_lazy as _


class TokenForm(forms.Form):
    name = forms.CharField(label=_("Tên khóa (dùng cho việc gì)"), max_length=100)
