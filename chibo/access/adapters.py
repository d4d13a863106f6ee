from allauth.account.adapter import DefaultAccountAdapter
from django.http import HttpRequest


class AccountAdapter(DefaultAccountAdapter):
    """Accounts are created by staff with grants; nobody signs up on their own."""

    def is_open_for_signup(self, request: HttpRequest) -> bool:
        return False
