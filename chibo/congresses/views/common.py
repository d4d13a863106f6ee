"""Shared helpers of the congress pages."""

from typing import Any

from django import forms

from chibo.core.errors import DomainError

# Pages and files naming delegates: no copy in a proxy's cache (DESIGN.md, privacy).
PRIVATE = "private, no-store"


def add_error(form: forms.Form, exc: DomainError) -> None:
    """Show an action's refusal beside the field it names (or above the form)."""
    field = exc.field if exc.field in form.fields else None
    form.add_error(field, exc.text())


def form_errors(form: forms.Form) -> str:
    return "; ".join(" ".join(str(e) for e in errors) for errors in form.errors.values())


def bound_or_new(cls: Any, key: str, bound: dict[str, forms.Form], **kw: Any) -> forms.Form:
    return bound.get(key) or cls(**kw)
