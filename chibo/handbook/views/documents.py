"""Documents sent to the member: list and search, the reader (records the read), bookmarks."""

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect
from django.views.decorators.http import require_GET, require_POST

from .. import queries, sources
from ..queries.library import member_library
from .common import member_page, page

# A PDF opens in the phone's viewer; any other file (DOCX) is a download.
INLINE_TYPES = frozenset({"application/pdf"})


@login_required
@require_GET
@member_page("documents")
def document_list(request: HttpRequest) -> HttpResponse:
    queries.require_member(request.user)
    q = request.GET.get("q", "").strip()[:100]
    show = request.GET.get("xem", "")
    items, bookmarked = member_library(
        request.user, q=q, unread=show == "chua-doc", bookmarked=show == "da-luu"
    )
    return page(
        request,
        "handbook/documents.html",
        "documents",
        items=items,
        q=q,
        show=show,
        bookmarked=bookmarked,
    )


@login_required
@require_GET
@member_page("documents")
def document(request: HttpRequest, pk: int) -> HttpResponse:
    """Opening the document records the read (the first one counts)."""
    queries.require_member(request.user)
    doc = sources.get_document(request.user, pk)
    read_at = sources.record_read(actor=request.user, document_id=doc.pk)
    return page(
        request,
        "handbook/document.html",
        "documents",
        document=doc,
        read_at=read_at,
        bookmarked=sources.is_bookmarked(request.user, doc.pk),
        files=sources.document_files(doc),
        text=sources.document_text(doc),
        campaigns=sources.study_campaigns(request.user, doc),
    )


@login_required
@require_POST
@member_page("documents")
def bookmark(request: HttpRequest, pk: int) -> HttpResponse:
    queries.require_member(request.user)
    sources.get_document(request.user, pk)
    on = sources.toggle_bookmark(actor=request.user, document_id=pk)
    if getattr(request, "htmx", False):
        return page(
            request,
            "handbook/document.html#bookmark",
            "documents",
            document=sources.get_document(request.user, pk),
            bookmarked=on,
        )
    return redirect("handbook:document", pk=pk)


@login_required
@require_GET
@member_page("documents")
def document_file(request: HttpRequest, pk: int, file_id: int) -> HttpResponseBase:
    """A file of a document sent to the member: a PDF inline (the phone's viewer, kept for
    offline reading by the service worker), anything else as a download."""
    stored, stream, content_type = sources.reader_file(request.user, pk, file_id)
    response = FileResponse(
        stream,
        as_attachment=content_type not in INLINE_TYPES,
        filename=stored.original_name,
        content_type=content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response
