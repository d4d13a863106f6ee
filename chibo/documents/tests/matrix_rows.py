"""Access-matrix rows of the documents module: the registry's (`REGISTRY_ROWS`) and the
distribution and study rows (`DISTRIBUTION_ROWS`, in their own module when present)."""

from chibo.testing.matrix import A401, LOGIN, Expect, Row

from .registry_support import g1_document_id, g1_file_id, hcm_document_id, matrix_setup


def _g1(template: str):
    return lambda ctx, persona: template.format(g1_document_id())


def _hcm(template: str):
    return lambda ctx, persona: template.format(hcm_document_id())


def _file(template: str):
    return lambda ctx, persona: template.format(g1_file_id())


_S = matrix_setup
_NEW = {
    "unit": "G1",
    "kind": "plan",
    "number": "15-KH/ĐU",
    "issued_on": "01/10/2025",
    "title": "Kế hoạch tổ chức hội nghị",
}
_EDIT = {**_NEW, "number": "12-KH/ĐU", "issued_on": "01/09/2025", "title": "Kế hoạch (sửa)"}

REGISTRY_ROWS: list[Row] = [
    Row(
        "documents/",
        "GET",
        lambda c, p: "/documents/?q=ke+hoach",
        Expect(
            hq_admin=200,
            branch_officer=200,
            outsider=200,
            member=403,
            inspector=200,
            leader=200,
            anonymous=LOGIN,
        ),
    ),
    Row(
        "documents/new/",
        "GET",
        lambda c, p: "/documents/new/",
        Expect(
            hq_admin=200,
            branch_officer=403,
            outsider=200,
            member=403,
            inspector=403,
            leader=403,
            anonymous=LOGIN,
        ),
    ),
    Row(
        "documents/new/",
        "POST",
        lambda c, p: "/documents/new/",
        Expect(
            hq_admin=302,
            branch_officer=403,
            outsider=404,
            member=403,
            inspector=403,
            leader=403,
            anonymous=LOGIN,
        ),
        data=_NEW,
        setup=_S,
    ),
    Row(
        "documents/<int:pk>/",
        "GET",
        _g1("/documents/{}/"),
        Expect(
            hq_admin=200,
            branch_officer=200,
            outsider=404,
            member=403,
            inspector=200,
            leader=200,
            anonymous=LOGIN,
        ),
        setup=_S,
    ),
    Row(
        "documents/<int:pk>/",
        "GET",
        _hcm("/documents/{}/"),
        Expect(
            hq_admin=200,
            branch_officer=200,
            outsider=200,
            member=403,
            inspector=200,
            leader=200,
            anonymous=LOGIN,
        ),
        setup=_S,
        note="city committee's",
    ),
    Row(
        "documents/<int:pk>/edit/",
        "GET",
        _g1("/documents/{}/edit/"),
        Expect(
            hq_admin=200,
            branch_officer=403,
            outsider=404,
            member=403,
            inspector=403,
            leader=403,
            anonymous=LOGIN,
        ),
        setup=_S,
    ),
    Row(
        "documents/<int:pk>/edit/",
        "POST",
        _g1("/documents/{}/edit/"),
        Expect(
            hq_admin=302,
            branch_officer=403,
            outsider=404,
            member=403,
            inspector=403,
            leader=403,
            anonymous=LOGIN,
        ),
        data=_EDIT,
        setup=_S,
    ),
    # Without a file the allowed caller is answered 400 (the upload itself: test_registry.py).
    Row(
        "documents/<int:pk>/files/",
        "POST",
        _g1("/documents/{}/files/"),
        Expect(
            hq_admin=400,
            branch_officer=403,
            outsider=404,
            member=403,
            inspector=403,
            leader=403,
            anonymous=LOGIN,
        ),
        setup=_S,
    ),
    Row(
        "documents/files/<int:pk>/",
        "GET",
        _file("/documents/files/{}/"),
        Expect(
            hq_admin=200,
            branch_officer=200,
            outsider=404,
            member=403,
            inspector=200,
            leader=200,
            anonymous=LOGIN,
        ),
        setup=_S,
    ),
    Row(
        "documents/files/<int:pk>/view/",
        "GET",
        _file("/documents/files/{}/view/"),
        Expect(
            hq_admin=200,
            branch_officer=200,
            outsider=404,
            member=403,
            inspector=200,
            leader=200,
            anonymous=LOGIN,
        ),
        setup=_S,
    ),
    Row(
        "documents/files/<int:pk>/remove/",
        "POST",
        _file("/documents/files/{}/remove/"),
        Expect(
            hq_admin=302,
            branch_officer=403,
            outsider=404,
            member=403,
            inspector=403,
            leader=403,
            anonymous=LOGIN,
        ),
        setup=_S,
    ),
    # --- API ---
    Row(
        "GET /api/v1/documents",
        "GET",
        lambda c, p: "/api/v1/documents?q=chi+thi&in_force=true",
        Expect(
            hq_admin=200,
            branch_officer=200,
            outsider=200,
            member=403,
            inspector=200,
            leader=200,
            anonymous=A401,
        ),
        setup=_S,
    ),
    Row(
        "GET /api/v1/documents/{document_id}",
        "GET",
        _g1("/api/v1/documents/{}"),
        Expect(
            hq_admin=200,
            branch_officer=200,
            outsider=404,
            member=403,
            inspector=200,
            leader=200,
            anonymous=A401,
        ),
        setup=_S,
    ),
    Row(
        "POST /api/v1/documents",
        "POST",
        lambda c, p: "/api/v1/documents",
        Expect(
            hq_admin=201,
            branch_officer=403,
            outsider=404,
            member=403,
            inspector=403,
            leader=403,
            anonymous=A401,
        ),
        data={**_NEW, "issued_on": "2025-10-01"},
    ),
    Row(
        "POST /api/v1/documents/{document_id}/files",
        "POST",
        _g1("/api/v1/documents/{}/files"),
        Expect(
            hq_admin=400,
            branch_officer=403,
            outsider=404,
            member=403,
            inspector=403,
            leader=403,
            anonymous=A401,
        ),
        setup=_S,
    ),
]

try:
    from .distribution_rows import DISTRIBUTION_ROWS  # docd's rows
except ModuleNotFoundError:  # pragma: no cover - before the distribution part lands
    DISTRIBUTION_ROWS = []

ROWS: list[Row] = REGISTRY_ROWS + DISTRIBUTION_ROWS
