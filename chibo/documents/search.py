"""Full-text search of the registry.

PostgreSQL: the generated `search_vector` column (migration 0002, `chibo_unaccent` configuration,
GIN index) matched with a prefix tsquery built from the folded words, so "nghi quyet chuyen doi
so" and "Nghị quyết chuyển đổi số" find the same documents and "chuyen d" already finds them.
SQLite: every folded word must occur in `search_text` (LIKE), which is the same rule without an
index; fine for the embedded, small-installation default.

A query that is a document number ("57-NQ/TW", "57-nq/tw") matches the number exactly.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from django.contrib.postgres.search import SearchQuery, SearchVectorField
from django.db import connection
from django.db.models import Q, QuerySet
from django.db.models.expressions import RawSQL

from chibo.core.text import fold

from .numbering import NumberFormatError, parse_number

SEARCH_CONFIG = "chibo_unaccent"
MAX_WORDS = 12
_WORD = re.compile(r"[a-z0-9]+")


def words(text: str) -> list[str]:
    return _WORD.findall(fold(text))[:MAX_WORDS]


def search_text(*, number: str, title: str, summary: str, file_texts: Iterable[str]) -> str:
    """The folded text a document is searched by; the number also as separate words
    ("57-NQ/TW" → "57 nq tw") so "57 nq" finds it."""
    parts = [number, " ".join(words(number)), title, summary, *file_texts]
    return fold("\n".join(p for p in parts if p))


def _tsquery(terms: list[str]) -> str:
    # Terms are [a-z0-9]+ only, so they cannot carry tsquery operators.
    return " & ".join([*terms[:-1], f"{terms[-1]}:*"])


def apply_search(queryset: QuerySet[Any], q: str) -> QuerySet[Any]:
    q = q.strip()
    if not q:
        return queryset
    try:
        number = parse_number(q)
    except NumberFormatError:
        number = None
    if number is not None:
        return queryset.filter(number=number.canonical)
    terms = words(q)
    if not terms:
        return queryset.none()
    if connection.vendor == "postgresql":
        # alias(), not annotate(): filter on the column without fetching the tsvector.
        return queryset.alias(
            _search_vector=RawSQL(
                "documents_document.search_vector", [], output_field=SearchVectorField()
            )
        ).filter(
            _search_vector=SearchQuery(_tsquery(terms), config=SEARCH_CONFIG, search_type="raw")
        )
    condition = Q()
    for term in terms:
        condition &= Q(search_text__contains=term)
    return queryset.filter(condition)
