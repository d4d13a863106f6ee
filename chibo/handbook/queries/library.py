"""The member's own library: every document sent to them, read or not, with their bookmarks and
a diacritics-insensitive search (the documents tab and `GET /api/v1/handbook/documents`)."""

from typing import Any

from chibo.core.text import fold

from .. import sources

MAX_QUERY = 100


def _matches(item: Any, words: list[str]) -> bool:
    document = item.document
    haystack = fold(f"{document.number} {document.title} {document.summary} {document.issuer}")
    return all(word in haystack for word in words)


def member_library(
    user: Any, *, q: str = "", unread: bool = False, bookmarked: bool = False
) -> tuple[list[Any], set[int]]:
    """The documents sent to the user's member record, newest first, filtered; and the ids of
    those they bookmarked. The caller has checked that the login has a member record."""
    items = sources.documents(user)
    marks = sources.bookmarked_ids(user)
    if bookmarked:
        items = [i for i in items if i.document.pk in marks]
    if unread:
        items = [i for i in items if not i.is_read]
    words = fold(q.strip()[:MAX_QUERY]).split()
    if words:
        items = [i for i in items if _matches(i, words)]
    return items, marks
