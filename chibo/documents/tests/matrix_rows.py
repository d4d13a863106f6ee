"""Access-matrix rows of the documents module: the registry's (`REGISTRY_ROWS`) and the
distribution and study rows (`DISTRIBUTION_ROWS`, in their own module when present)."""

from chibo.testing.matrix import A401, LOGIN, Row

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
    Row("documents/", "GET", lambda c, p: "/documents/?q=ke+hoach", (200, 200, 200, LOGIN)),
    Row("documents/new/", "GET", lambda c, p: "/documents/new/", (200, 403, 200, LOGIN)),
    Row(
        "documents/new/",
        "POST",
        lambda c, p: "/documents/new/",
        (302, 403, 404, LOGIN),
        data=_NEW,
        setup=_S,
    ),
    Row("documents/<int:pk>/", "GET", _g1("/documents/{}/"), (200, 200, 404, LOGIN), setup=_S),
    Row(
        "documents/<int:pk>/",
        "GET",
        _hcm("/documents/{}/"),
        (200, 200, 200, LOGIN),
        setup=_S,
        note="city committee's",
    ),
    Row(
        "documents/<int:pk>/edit/",
        "GET",
        _g1("/documents/{}/edit/"),
        (200, 403, 404, LOGIN),
        setup=_S,
    ),
    Row(
        "documents/<int:pk>/edit/",
        "POST",
        _g1("/documents/{}/edit/"),
        (302, 403, 404, LOGIN),
        data=_EDIT,
        setup=_S,
    ),
    # Without a file the allowed caller is answered 400 (the upload itself: test_registry.py).
    Row(
        "documents/<int:pk>/files/",
        "POST",
        _g1("/documents/{}/files/"),
        (400, 403, 404, LOGIN),
        setup=_S,
    ),
    Row(
        "documents/files/<int:pk>/",
        "GET",
        _file("/documents/files/{}/"),
        (200, 200, 404, LOGIN),
        setup=_S,
    ),
    Row(
        "documents/files/<int:pk>/view/",
        "GET",
        _file("/documents/files/{}/view/"),
        (200, 200, 404, LOGIN),
        setup=_S,
    ),
    Row(
        "documents/files/<int:pk>/remove/",
        "POST",
        _file("/documents/files/{}/remove/"),
        (302, 403, 404, LOGIN),
        setup=_S,
    ),
    # --- API ---
    Row(
        "GET /api/v1/documents",
        "GET",
        lambda c, p: "/api/v1/documents?q=chi+thi&in_force=true",
        (200, 200, 200, A401),
        setup=_S,
    ),
    Row(
        "GET /api/v1/documents/{document_id}",
        "GET",
        _g1("/api/v1/documents/{}"),
        (200, 200, 404, A401),
        setup=_S,
    ),
    Row(
        "POST /api/v1/documents",
        "POST",
        lambda c, p: "/api/v1/documents",
        (201, 403, 404, A401),
        data={**_NEW, "issued_on": "2025-10-01"},
    ),
    Row(
        "POST /api/v1/documents/{document_id}/files",
        "POST",
        _g1("/api/v1/documents/{}/files"),
        (400, 403, 404, A401),
        setup=_S,
    ),
]

try:
    from .distribution_rows import DISTRIBUTION_ROWS  # docd's rows
except ModuleNotFoundError:  # pragma: no cover - before the distribution part lands
    DISTRIBUTION_ROWS = []

ROWS: list[Row] = REGISTRY_ROWS + DISTRIBUTION_ROWS
