"""Domain errors raised by actions and queries; views and the API turn them into 4xx answers.

Messages are gettext-lazy strings whose source text is Vietnamese, so a message can be rendered in
Vietnamese and in English (`bilingual`).
"""

from typing import Any

from django.utils import translation
from django.utils.functional import Promise


class DomainError(Exception):
    """A request that breaks a rule: answered with 400 (or `status`) and a clear message."""

    status = 400

    def __init__(self, message: str | Promise, *, field: str | None = None, **params: Any) -> None:
        self.message = message
        self.field = field
        self.params = params
        super().__init__(str(message))

    def text(self) -> str:
        return str(self.message) % self.params if self.params else str(self.message)

    def bilingual(self) -> dict[str, str]:
        with translation.override("vi"):
            vi = self.text()
        with translation.override("en"):
            en = self.text()
        return {"detail": vi, "detail_en": en}


class ValidationFailed(DomainError):
    status = 400


class Conflict(DomainError):
    status = 409


class NotFound(DomainError):
    """Out of the caller's scope, or absent: the two are indistinguishable on purpose."""

    status = 404


class Forbidden(DomainError):
    """In the caller's scope but without the permission."""

    status = 403
