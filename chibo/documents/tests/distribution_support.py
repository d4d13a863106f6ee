"""Helpers of the distribution and study tests: documents and members linked to logins."""

from datetime import date
from typing import Any

from chibo.access.models import User
from chibo.core.text import fold
from chibo.documents.models import Document, DocumentKind
from chibo.members.models import Member
from chibo.org.models import OrgUnit
from chibo.testing.personas import make_member


def make_document(
    unit: OrgUnit,
    number: str = "57-NQ/TW",
    title: str = "Về đột phá phát triển khoa học, công nghệ",
    *,
    classified: bool = False,
    kind: str = DocumentKind.RESOLUTION,
) -> Document:
    issuer = number.split("/")[-1]
    return Document.objects.create(
        owner_unit=unit,
        kind=kind,
        number=number,
        serial=int(number.split("-")[0]),
        issuer=issuer,
        issued_on=date(2024, 12, 22),
        title=title,
        summary="Tóm tắt",
        classified=classified,
        search_text=fold(f"{number} {title}"),
    )


def member_for(user: User, unit: OrgUnit, name: str = "Lê Thị Hoa", **fields: Any) -> Member:
    """A member record in `unit` linked to `user`'s login."""
    member = make_member(unit, name)
    member.user = user
    for key, value in fields.items():
        setattr(member, key, value)
    member.save()
    return member
