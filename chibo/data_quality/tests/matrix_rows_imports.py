"""Access-matrix rows of the import pages and API (owner: imports). Collected into ROWS by
`matrix_rows.py`. Batches are made by hq_admin on G1 (only hq_admin reaches G1: the branch
officer's grant is on B1 below it, the outsider's on P2)."""

import io

from chibo.testing.matrix import A401, LOGIN, Ctx, Expect, Row, UrlFn, fixed

from .import_support import csv_bytes, person

_CSV = csv_bytes([person("M1", "Lê Thị Lan")])


class ReusableUpload(io.BytesIO):
    """A file the test client can post once per persona (it reads it to the end each time)."""

    name = "danh-sach.csv"

    def read(self, size: int | None = -1) -> bytes:
        return _CSV


def add_batch(ctx: Ctx) -> None:
    from chibo.data_quality.importing import actions

    actions.upload_import(
        actor=ctx.p.hq_admin,
        unit=ctx.p.tree.g1,
        file_name="ds.csv",
        stream=io.BytesIO(_CSV),
        size=len(_CSV),
    )


def batch_url(path: str) -> UrlFn:
    def url(ctx: Ctx, persona: str) -> str:
        from chibo.data_quality.models import ImportBatch

        return path.format(ImportBatch.objects.get(unit=ctx.p.tree.g1).pk)

    return url


def add_rejected_batch(ctx: Ctx) -> None:
    from chibo.data_quality.importing import actions

    add_batch(ctx)
    from chibo.data_quality.models import ImportBatch

    batch = ImportBatch.objects.get(unit=ctx.p.tree.g1)
    actions.run_import(actor=ctx.p.hq_admin, batch=batch, stream=io.BytesIO(_CSV))


MAPPING = {"col_full_name": "1", "col_source_ref": "0", "col_unit": "18"}

IMPORT_ROWS: list[Row] = [
    Row(
        "data-quality/imports/",
        "GET",
        fixed("/data-quality/imports/"),
        Expect(
            hq_admin=200,
            branch_officer=200,
            outsider=200,
            member=403,
            inspector=200,
            leader=200,
            anonymous=LOGIN,
        ),
        markers=(("G1", "ds.csv"),),
        setup=add_batch,
    ),
    Row(
        "data-quality/imports/template.xlsx",
        "GET",
        fixed("/data-quality/imports/template.xlsx"),
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
        "data-quality/imports/upload/",
        "POST",
        fixed("/data-quality/imports/upload/"),
        Expect(
            hq_admin=302,
            branch_officer=404,
            outsider=404,
            member=404,
            inspector=403,
            leader=403,
            anonymous=LOGIN,
        ),
        data={"unit": "G1", "file": ReusableUpload()},
    ),
    Row(
        "data-quality/imports/<int:pk>/",
        "GET",
        batch_url("/data-quality/imports/{}/"),
        Expect(
            hq_admin=200,
            branch_officer=404,
            outsider=404,
            member=404,
            inspector=403,
            leader=403,
            anonymous=LOGIN,
        ),
        setup=add_batch,
    ),
    Row(
        "data-quality/imports/<int:pk>/mapping/",
        "POST",
        batch_url("/data-quality/imports/{}/mapping/"),
        Expect(
            hq_admin=302,
            branch_officer=404,
            outsider=404,
            member=404,
            inspector=403,
            leader=403,
            anonymous=LOGIN,
        ),
        data=MAPPING,
        setup=add_batch,
    ),
    Row(
        "data-quality/imports/<int:pk>/preview/",
        "GET",
        batch_url("/data-quality/imports/{}/preview/"),
        Expect(
            hq_admin=200,
            branch_officer=404,
            outsider=404,
            member=404,
            inspector=403,
            leader=403,
            anonymous=LOGIN,
        ),
        setup=add_batch,
    ),
    Row(
        "data-quality/imports/<int:pk>/commit/",
        "POST",
        batch_url("/data-quality/imports/{}/commit/"),
        Expect(
            hq_admin=302,
            branch_officer=404,
            outsider=404,
            member=404,
            inspector=403,
            leader=403,
            anonymous=LOGIN,
        ),
        setup=add_batch,
    ),
    Row(
        "data-quality/imports/<int:pk>/progress/",
        "GET",
        batch_url("/data-quality/imports/{}/progress/"),
        Expect(
            hq_admin=200,
            branch_officer=404,
            outsider=404,
            member=404,
            inspector=403,
            leader=403,
            anonymous=LOGIN,
        ),
        setup=add_batch,
    ),
    Row(
        "data-quality/imports/<int:pk>/rejected.xlsx",
        "GET",
        batch_url("/data-quality/imports/{}/rejected.xlsx"),
        Expect(
            hq_admin=200,
            branch_officer=404,
            outsider=404,
            member=404,
            inspector=403,
            leader=403,
            anonymous=LOGIN,
        ),
        setup=add_rejected_batch,
    ),
    Row(
        "GET /api/v1/data-quality/imports",
        "GET",
        fixed("/api/v1/data-quality/imports"),
        Expect(
            hq_admin=200,
            branch_officer=200,
            outsider=200,
            member=403,
            inspector=200,
            leader=200,
            anonymous=A401,
        ),
        setup=add_batch,
        markers=(("G1", "ds.csv"),),
    ),
    Row(
        "GET /api/v1/data-quality/imports/{import_id}",
        "GET",
        batch_url("/api/v1/data-quality/imports/{}"),
        Expect(
            hq_admin=200,
            branch_officer=404,
            outsider=404,
            member=404,
            inspector=403,
            leader=403,
            anonymous=A401,
        ),
        setup=add_batch,
    ),
]
