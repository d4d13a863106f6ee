"""Access-matrix rows of distribution, read receipts and study campaigns (combined into
`matrix_rows.ROWS`).

Setup: the registry's documents (`registry_support.matrix_setup`: one at HCM, one at G1 with a
PDF); the personas get member records (hq_admin in B2, branch_officer in B1, outsider in G2; the
member persona has its own in B1, the inspector and the leader none); the G1 document is sent to
G1, so hq_admin, branch_officer and the member are its readers and the others are not; two
campaigns at G1 on it (with a quiz, and without), with a stored material and an open attempt of
each participant persona.
"""

import io
from typing import Any

from chibo.documents.distribution import actions as distribution_actions
from chibo.documents.models import Distribution, QuizAttempt, StudyCampaign, StudyMaterial
from chibo.documents.study import actions as study_actions
from chibo.documents.study.quiz import QuestionSpec
from chibo.testing.matrix import A401, DAY, LOGIN, Ctx, Expect, Row

from .distribution_support import member_for
from .registry_support import g1_document_id, g1_file_id, matrix_setup, pdf_bytes

QUIZ = study_actions.QuizSpec(
    [QuestionSpec("Chỉ thị 50-CT/TW bàn về?", [("Sinh hoạt chi bộ", True), ("Khác", False)])]
)


def setup(ctx: Ctx) -> None:
    from datetime import date

    matrix_setup(ctx)
    p = ctx.p
    member_for(p.hq_admin, p.tree.b2, "Lê Thị Thu Hà")
    member_for(p.branch_officer, p.tree.b1, "Nguyễn Văn Tâm")
    member_for(p.outsider, p.tree.g2, "Phạm Văn Hùng")
    doc = g1_document_id()
    distribution_actions.distribute_document(actor=p.hq_admin, document_id=doc, unit=p.tree.g1)
    # A big distribution is queued for the worker; the test transaction never commits, so this
    # one stays `queued` (its progress rows below).
    distribution_actions.distribute_document(
        actor=p.hq_admin, document_id=doc, unit=p.tree.b1, background=True
    )
    for title, quiz in (("Có kiểm tra", QUIZ), ("Không kiểm tra", None)):
        study_actions.create_study_campaign(
            actor=p.hq_admin,
            unit=p.tree.g1,
            title=title,
            document_ids=[doc],
            starts_on=date(2026, 1, 1),
            deadline=date(2099, 12, 31),
            quiz=quiz,
        )
    campaign = _campaign("Có kiểm tra")
    study_actions.add_study_material(
        actor=p.hq_admin,
        campaign_id=campaign.pk,
        title="Đề cương",
        upload=io.BytesIO(pdf_bytes("De cuong")),
        upload_name="de-cuong.pdf",
    )
    for user in (p.hq_admin, p.branch_officer, p.member):
        study_actions.start_quiz_attempt(actor=user, campaign_id=campaign.pk)


def _campaign(title: str = "Có kiểm tra") -> StudyCampaign:
    return StudyCampaign.objects.get(title=title)


def doc_url(template: str) -> Any:
    return lambda ctx, persona: template.format(g1_document_id())


def queued_url(template: str) -> Any:
    def url(ctx: Ctx, persona: str) -> str:
        queued = Distribution.objects.get(document_id=g1_document_id(), status="queued")
        return template.format(g1_document_id(), queued.pk)

    return url


def file_url(template: str) -> Any:
    return lambda ctx, persona: template.format(g1_document_id(), g1_file_id())


def campaign_url(template: str, title: str = "Có kiểm tra") -> Any:
    return lambda ctx, persona: template.format(_campaign(title).pk)


def material_url(template: str) -> Any:
    def url(ctx: Ctx, persona: str) -> str:
        campaign = _campaign()
        return template.format(campaign.pk, StudyMaterial.objects.get(campaign=campaign).pk)

    return url


def attempt_url(template: str) -> Any:
    """The persona's own attempt; those without one (outsider, inspector, leader, anonymous) aim
    at hq_admin's."""

    def url(ctx: Ctx, persona: str) -> str:
        own = persona in ("hq_admin", "branch_officer", "member")
        user = ctx.user(persona if own else "hq_admin")
        attempt = QuizAttempt.objects.get(participant__member__user=user)
        return template.format(_campaign().pk, attempt.pk)

    return url


_S = setup
NEW_CAMPAIGN = {
    "title": "Quán triệt Kế hoạch 12",
    "unit": "B1",
    "documents": "12-KH/ĐU",
    "audience": "all",
    "starts_on": DAY,
    "deadline": "31/12/2030",
}

DISTRIBUTION_ROWS: list[Row] = [
    # --- distribution pages ---
    Row(
        "documents/<int:pk>/distribute/",
        "GET",
        doc_url("/documents/{}/distribute/"),
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
        "documents/<int:pk>/distribute/",
        "POST",
        doc_url("/documents/{}/distribute/"),
        Expect(
            hq_admin=302,
            branch_officer=403,
            outsider=404,
            member=403,
            inspector=403,
            leader=403,
            anonymous=LOGIN,
        ),
        data={"unit": "B1", "audience": "all"},
        setup=_S,
    ),
    Row(
        "documents/<int:pk>/distributions/<int:distribution_id>/progress/",
        "GET",
        queued_url("/documents/{}/distributions/{}/progress/"),
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
        "documents/<int:pk>/read-rates/",
        "GET",
        doc_url("/documents/{}/read-rates/?unit=B1"),
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
    # The member's reader: only recipients (member records linked to the logins).
    Row(
        "documents/read/<int:pk>/",
        "GET",
        doc_url("/documents/read/{}/"),
        Expect(
            hq_admin=200,
            branch_officer=200,
            outsider=404,
            member=200,
            inspector=404,
            leader=404,
            anonymous=LOGIN,
        ),
        setup=_S,
    ),
    Row(
        "documents/read/<int:pk>/files/<int:file_id>/",
        "GET",
        file_url("/documents/read/{}/files/{}/"),
        Expect(
            hq_admin=200,
            branch_officer=200,
            outsider=404,
            member=200,
            inspector=404,
            leader=404,
            anonymous=LOGIN,
        ),
        setup=_S,
    ),
    Row(
        "documents/read/<int:pk>/bookmark/",
        "POST",
        doc_url("/documents/read/{}/bookmark/"),
        Expect(
            hq_admin=302,
            branch_officer=302,
            outsider=404,
            member=302,
            inspector=302,
            leader=302,
            anonymous=LOGIN,
        ),
        setup=_S,
    ),
    # --- study pages ---
    Row(
        "documents/study/",
        "GET",
        lambda c, p: "/documents/study/",
        Expect(
            hq_admin=200,
            branch_officer=200,
            outsider=200,
            member=200,
            inspector=200,
            leader=200,
            anonymous=LOGIN,
        ),
        setup=_S,
    ),
    Row(
        "documents/study/new/",
        "GET",
        lambda c, p: "/documents/study/new/",
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
        "documents/study/new/",
        "POST",
        lambda c, p: "/documents/study/new/",
        Expect(
            hq_admin=302,
            branch_officer=403,
            outsider=404,
            member=403,
            inspector=403,
            leader=403,
            anonymous=LOGIN,
        ),
        data=NEW_CAMPAIGN,
        setup=_S,
    ),
    Row(
        "documents/study/<int:pk>/",
        "GET",
        campaign_url("/documents/study/{}/"),
        Expect(
            hq_admin=200,
            branch_officer=200,
            outsider=404,
            member=200,
            inspector=302,
            leader=302,
            anonymous=LOGIN,
        ),
        setup=_S,
    ),
    Row(
        "documents/study/<int:pk>/results/",
        "GET",
        campaign_url("/documents/study/{}/results/"),
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
        "documents/study/<int:pk>/sessions/",
        "POST",
        campaign_url("/documents/study/{}/sessions/"),
        Expect(
            hq_admin=302,
            branch_officer=302,
            outsider=404,
            member=403,
            inspector=403,
            leader=403,
            anonymous=LOGIN,
        ),
        data={"unit": "B1", "held_on": DAY, "held_time": "08:00", "place": "Hội trường"},
        setup=_S,
    ),
    # The campaign is G1's: B1's secretary and member see it from below (in reach, 403), only
    # G1's committee adds materials.
    Row(
        "documents/study/<int:pk>/materials/",
        "POST",
        campaign_url("/documents/study/{}/materials/"),
        Expect(
            hq_admin=302,
            branch_officer=403,
            outsider=404,
            member=403,
            inspector=403,
            leader=403,
            anonymous=LOGIN,
        ),
        data={"title": "Bài giảng", "url": "https://hoc.example.vn/bai-giang"},
        setup=_S,
    ),
    Row(
        "documents/study/<int:pk>/materials/<int:material_id>/",
        "GET",
        material_url("/documents/study/{}/materials/{}/"),
        Expect(
            hq_admin=200,
            branch_officer=200,
            outsider=404,
            member=200,
            inspector=200,
            leader=200,
            anonymous=LOGIN,
        ),
        setup=_S,
    ),
    Row(
        "documents/study/<int:pk>/done/",
        "POST",
        campaign_url("/documents/study/{}/done/", "Không kiểm tra"),
        Expect(
            hq_admin=302,
            branch_officer=302,
            outsider=404,
            member=302,
            inspector=404,
            leader=404,
            anonymous=LOGIN,
        ),
        setup=_S,
    ),
    Row(
        "documents/study/<int:pk>/quiz/",
        "GET",
        campaign_url("/documents/study/{}/quiz/"),
        Expect(
            hq_admin=302,
            branch_officer=302,
            outsider=404,
            member=302,
            inspector=404,
            leader=404,
            anonymous=LOGIN,
        ),
        setup=_S,
    ),
    Row(
        "documents/study/<int:pk>/quiz/",
        "POST",
        campaign_url("/documents/study/{}/quiz/"),
        Expect(
            hq_admin=302,
            branch_officer=302,
            outsider=404,
            member=302,
            inspector=404,
            leader=404,
            anonymous=LOGIN,
        ),
        setup=_S,
    ),
    Row(
        "documents/study/<int:pk>/quiz/<int:attempt_id>/",
        "GET",
        attempt_url("/documents/study/{}/quiz/{}/"),
        Expect(
            hq_admin=200,
            branch_officer=200,
            outsider=404,
            member=200,
            inspector=404,
            leader=404,
            anonymous=LOGIN,
        ),
        setup=_S,
    ),
    Row(
        "documents/study/<int:pk>/quiz/<int:attempt_id>/",
        "POST",
        attempt_url("/documents/study/{}/quiz/{}/"),
        Expect(
            hq_admin=302,
            branch_officer=302,
            outsider=404,
            member=302,
            inspector=404,
            leader=404,
            anonymous=LOGIN,
        ),
        setup=_S,
    ),
    # --- API ---
    Row(
        "POST /api/v1/documents/{document_id}/distribute",
        "POST",
        doc_url("/api/v1/documents/{}/distribute"),
        Expect(
            hq_admin=201,
            branch_officer=403,
            outsider=404,
            member=403,
            inspector=403,
            leader=403,
            anonymous=A401,
        ),
        data={"unit": "B1", "audience": "all"},
        setup=_S,
    ),
    Row(
        "POST /api/v1/documents/{document_id}/read",
        "POST",
        doc_url("/api/v1/documents/{}/read"),
        Expect(
            hq_admin=200,
            branch_officer=200,
            outsider=404,
            member=200,
            inspector=404,
            leader=404,
            anonymous=A401,
        ),
        setup=_S,
    ),
    Row(
        "POST /api/v1/documents/{document_id}/bookmark",
        "POST",
        doc_url("/api/v1/documents/{}/bookmark"),
        Expect(
            hq_admin=200,
            branch_officer=200,
            outsider=404,
            member=200,
            inspector=200,
            leader=200,
            anonymous=A401,
        ),
        setup=_S,
    ),
    # Small subtree (B1): materialised in the request, 201; a queued one answers 202
    # (test_distribution.py) and is polled here.
    Row(
        "GET /api/v1/documents/{document_id}/distributions/{distribution_id}",
        "GET",
        queued_url("/api/v1/documents/{}/distributions/{}"),
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
        "GET /api/v1/documents/{document_id}/read-rates",
        "GET",
        doc_url("/api/v1/documents/{}/read-rates?unit=B1"),
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
        "GET /api/v1/study-campaigns",
        "GET",
        lambda c, p: "/api/v1/study-campaigns",
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
        "GET /api/v1/study-campaigns",
        "GET",
        lambda c, p: "/api/v1/study-campaigns?unit=B1",
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
        note="unit B1",
    ),
    Row(
        "GET /api/v1/study-campaigns/{campaign_id}/results",
        "GET",
        campaign_url("/api/v1/study-campaigns/{}/results"),
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
        "POST /api/v1/study-campaigns/{campaign_id}/quiz/attempts",
        "POST",
        campaign_url("/api/v1/study-campaigns/{}/quiz/attempts"),
        Expect(
            hq_admin=201,
            branch_officer=201,
            outsider=404,
            member=201,
            inspector=404,
            leader=404,
            anonymous=A401,
        ),
        setup=_S,
    ),
    Row(
        "POST /api/v1/study-campaigns/{campaign_id}/quiz/attempts/{attempt_id}/submit",
        "POST",
        attempt_url("/api/v1/study-campaigns/{}/quiz/attempts/{}/submit"),
        Expect(
            hq_admin=200,
            branch_officer=200,
            outsider=404,
            member=200,
            inspector=404,
            leader=404,
            anonymous=A401,
        ),
        data={"answers": {}},
        setup=_S,
    ),
]
