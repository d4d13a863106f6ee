"""Access-matrix rows of the duplicate pages and API (owner: duplicates). Collected into ROWS
by `matrix_rows.py`. Pairs and merges are of two B1 members: hq_admin (HCM) and the branch
officer (B1) reach both, the outsider (P2) neither."""

from chibo.testing.matrix import A401, LOGIN, Ctx, Expect, Row, UrlFn, fixed


def add_pair(ctx: Ctx) -> None:
    from chibo.data_quality.duplicates.actions import flag_duplicate_pair
    from chibo.testing.personas import make_member

    a = make_member(ctx.p.tree.b1, "Trần Văn Bình")
    b = make_member(ctx.p.tree.b1, "Tran Van Binh")
    flag_duplicate_pair(
        actor=ctx.p.hq_admin, left=a, right=b, probability=0.97, reason={"source": "test"}
    )


def add_merge(ctx: Ctx) -> None:
    from chibo.data_quality.duplicates.actions import merge_members
    from chibo.data_quality.models import DuplicatePair

    add_pair(ctx)
    pair = DuplicatePair.objects.get()
    merge_members(
        actor=ctx.p.hq_admin, survivor=pair.left, absorbed=pair.right, choices={}, pair=pair
    )


def add_run(ctx: Ctx) -> None:
    from chibo.data_quality.duplicates.actions import start_detection_run

    start_detection_run(actor=ctx.p.hq_admin, unit=ctx.p.tree.b1)


def _pair(path: str) -> UrlFn:
    def url(ctx: Ctx, persona: str) -> str:
        from chibo.data_quality.models import DuplicatePair

        return path.format(DuplicatePair.objects.get().pk)

    return url


def _merge(path: str) -> UrlFn:
    def url(ctx: Ctx, persona: str) -> str:
        from chibo.data_quality.models import MemberMerge

        return path.format(MemberMerge.objects.get().pk)

    return url


def _run(path: str) -> UrlFn:
    def url(ctx: Ctx, persona: str) -> str:
        from chibo.data_quality.models import DetectionRun

        return path.format(DetectionRun.objects.get().pk)

    return url


DUPLICATE_ROWS: list[Row] = [
    Row(
        "data-quality/duplicates/",
        "GET",
        fixed("/data-quality/duplicates/"),
        Expect(
            hq_admin=200,
            branch_officer=200,
            outsider=200,
            member=403,
            inspector=200,
            leader=200,
            anonymous=LOGIN,
        ),
        setup=add_pair,
    ),
    Row(
        "data-quality/duplicates/detect/",
        "POST",
        fixed("/data-quality/duplicates/detect/"),
        Expect(
            hq_admin=302,
            branch_officer=302,
            outsider=404,
            member=403,
            inspector=403,
            leader=403,
            anonymous=LOGIN,
        ),
        data={"unit": "B1"},
    ),
    Row(
        "data-quality/duplicates/runs/<int:pk>/",
        "GET",
        _run("/data-quality/duplicates/runs/{}/"),
        Expect(
            hq_admin=200,
            branch_officer=200,
            outsider=404,
            member=403,
            inspector=200,
            leader=200,
            anonymous=LOGIN,
        ),
        setup=add_run,
    ),
    Row(
        "data-quality/duplicates/<int:pk>/",
        "GET",
        _pair("/data-quality/duplicates/{}/"),
        Expect(
            hq_admin=200,
            branch_officer=200,
            outsider=404,
            member=403,
            inspector=200,
            leader=200,
            anonymous=LOGIN,
        ),
        setup=add_pair,
    ),
    Row(
        "data-quality/duplicates/<int:pk>/decide/",
        "POST",
        _pair("/data-quality/duplicates/{}/decide/"),
        Expect(
            hq_admin=302,
            branch_officer=302,
            outsider=404,
            member=403,
            inspector=403,
            leader=403,
            anonymous=LOGIN,
        ),
        setup=add_pair,
        data={"decision": "not_duplicate"},
    ),
    Row(
        "data-quality/duplicates/<int:pk>/merge/",
        "POST",
        _pair("/data-quality/duplicates/{}/merge/"),
        Expect(
            hq_admin=302,
            branch_officer=302,
            outsider=404,
            member=403,
            inspector=403,
            leader=403,
            anonymous=LOGIN,
        ),
        setup=add_pair,
        data={"survivor": "left", "keep_full_name": "right"},
    ),
    Row(
        "data-quality/merges/<int:pk>/undo/",
        "POST",
        _merge("/data-quality/merges/{}/undo/"),
        Expect(
            hq_admin=302,
            branch_officer=302,
            outsider=404,
            member=403,
            inspector=403,
            leader=403,
            anonymous=LOGIN,
        ),
        setup=add_merge,
    ),
    Row(
        "GET /api/v1/data-quality/duplicates",
        "GET",
        fixed("/api/v1/data-quality/duplicates"),
        Expect(
            hq_admin=200,
            branch_officer=200,
            outsider=200,
            member=403,
            inspector=200,
            leader=200,
            anonymous=A401,
        ),
        setup=add_pair,
    ),
    Row(
        "GET /api/v1/data-quality/duplicates/{pair_id}",
        "GET",
        _pair("/api/v1/data-quality/duplicates/{}"),
        Expect(
            hq_admin=200,
            branch_officer=200,
            outsider=404,
            member=403,
            inspector=200,
            leader=200,
            anonymous=A401,
        ),
        setup=add_pair,
    ),
    Row(
        "POST /api/v1/data-quality/duplicates/{pair_id}/decide",
        "POST",
        _pair("/api/v1/data-quality/duplicates/{}/decide"),
        Expect(
            hq_admin=200,
            branch_officer=200,
            outsider=404,
            member=403,
            inspector=403,
            leader=403,
            anonymous=A401,
        ),
        setup=add_pair,
        data={"decision": "not_duplicate"},
    ),
    Row(
        "POST /api/v1/data-quality/duplicates/{pair_id}/merge",
        "POST",
        _pair("/api/v1/data-quality/duplicates/{}/merge"),
        Expect(
            hq_admin=200,
            branch_officer=200,
            outsider=404,
            member=403,
            inspector=403,
            leader=403,
            anonymous=A401,
        ),
        setup=add_pair,
        data={"survivor": "right", "keep": {"full_name": "left"}},
    ),
    Row(
        "POST /api/v1/data-quality/merges/{merge_id}/undo",
        "POST",
        _merge("/api/v1/data-quality/merges/{}/undo"),
        Expect(
            hq_admin=200,
            branch_officer=200,
            outsider=404,
            member=403,
            inspector=403,
            leader=403,
            anonymous=A401,
        ),
        setup=add_merge,
    ),
]
