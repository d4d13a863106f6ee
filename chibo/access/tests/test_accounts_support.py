"""Helpers for the account tests (no tests here): real logins through allauth's form, TOTP codes."""

import base64
import hashlib
import hmac
import struct
import time
from typing import Any

from django.test import Client
from django.urls import reverse

from chibo.access.models import User
from chibo.access.roles import Role
from chibo.org.models import OrgUnit
from chibo.testing.personas import PASSWORD, make_user


def log_in(client: Client, login: str, password: str = PASSWORD, **extra: Any):
    """POST allauth's login form, as a browser does (so axes, allauth stages and signals run)."""
    return client.post(reverse("account_login"), {"login": login, "password": password}, **extra)


def reauthenticate(client: Client, password: str = PASSWORD):
    """allauth asks for the password again before any change to the second factor."""
    return client.post(reverse("account_reauthenticate"), {"password": password})


def totp(secret: str, at: float | None = None) -> str:
    """RFC 6238 as allauth uses it (SHA-1, 6 digits, 30 s), computed without allauth."""
    counter = int(at if at is not None else time.time()) // 30
    digest = hmac.new(
        base64.b32decode(secret, casefold=True), struct.pack(">Q", counter), hashlib.sha1
    ).digest()
    offset = digest[-1] & 0x0F
    value = struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF
    return f"{value % 1_000_000:06d}"


def make_member_user(unit: OrgUnit) -> User:
    return make_user("plain_member", (unit, Role.MEMBER))
