"""Out of scope is 404 on every verb, and no refusal names anything out of scope (foundations
issue, finding 16).

A document registered by G1 (with a file, sent to G1) and a G1 study campaign on it (quiz,
stored material, a B1 member's open attempt): every write of the documents pages and API is
tried by the outsider (P2's staff) and by a member of G2; each answers 404, names nothing of
P1's tree and changes nothing.
"""

import io
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from chibo.access.models import Grant
from chibo.access.roles import Role
from chibo.documents.distribution import actions as distribution_actions
from chibo.documents.models import (
    Bookmark,
    Distribution,
    Document,
    DocumentFile,
    QuizAttempt,
    StudyCampaign,
    StudySession,
)
from chibo.documents.study import actions as study_actions
from chibo.documents.study.quiz import QuestionSpec
from chibo.testing.personas import make_user

from .distribution_support import member_for
from .registry_support import pdf_bytes, register, upload

pytestmark = pytest.mark.django_db

TITLE = "Kế hoạch học tập nghị quyết nội bộ"
CAMPAIGN = "Quán triệt kế hoạch nội bộ"


@pytest.fixture
def g1(personas, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    p = personas
    document = register(
        p.hq_admin,
        p.tree.g1,
        "12-KH/ĐU",
        kind="plan",
        title=TITLE,
        issued_on=date(2025, 9, 1),
        uploads=[upload("ke-hoach.pdf", pdf_bytes("Ke hoach"))],
    )
    reader = make_user("b1_reader")
    member_for(reader, p.tree.b1, "Nguyễn Văn Tâm")
    distribution_actions.distribute_document(
        actor=p.hq_admin, document_id=document.pk, unit=p.tree.g1
    )
    quiz = study_actions.QuizSpec([QuestionSpec("Câu hỏi?", [("Đúng", True), ("Sai", False)])])
    campaign = study_actions.create_study_campaign(
        actor=p.hq_admin,
        unit=p.tree.g1,
        title=CAMPAIGN,
        document_ids=[document.pk],
        starts_on=date(2026, 1, 1),
        deadline=date(2099, 12, 31),
        quiz=quiz,
    )
    material = study_actions.add_study_material(
        actor=p.hq_admin,
        campaign_id=campaign.pk,
        title="Đề cương",
        upload=io.BytesIO(pdf_bytes("De cuong")),
        upload_name="de-cuong.pdf",
    )
    attempt = study_actions.start_quiz_attempt(actor=reader, campaign_id=campaign.pk)
    return {
        "d": document.pk,
        "f": document.files.get().pk,
        "c": campaign.pk,
        "mat": material.pk,
        "a": attempt.pk,
        "dist": Distribution.objects.get(document=document).pk,
    }


def _pdf() -> SimpleUploadedFile:
    return SimpleUploadedFile("them.pdf", pdf_bytes("Them"), content_type="application/pdf")


REGISTER = {
    "unit": "G1",
    "kind": "plan",
    "number": "13-KH/ĐU",
    "issued_on": "01/09/2025",
    "title": "Thêm",
}
# (path template, body, kind): "form", "multipart" (files made per call) or "json".
WRITES = [
    ("/documents/new/", REGISTER, "form"),
    ("/documents/{d}/edit/", REGISTER, "form"),
    ("/documents/{d}/files/", {"files": _pdf}, "multipart"),
    ("/documents/files/{f}/remove/", {}, "form"),
    ("/documents/{d}/distribute/", {"unit": "G1", "audience": "all"}, "form"),
    ("/documents/read/{d}/bookmark/", {}, "form"),
    (
        "/documents/study/new/",
        {
            "title": "Mở thêm",
            "unit": "G1",
            "documents": "12-KH/ĐU",
            "audience": "all",
            "starts_on": "01/01/2026",
            "deadline": "31/12/2030",
        },
        "form",
    ),
    (
        "/documents/study/{c}/sessions/",
        {"unit": "G1", "held_on": "01/02/2026", "held_time": "08:00", "place": "Hội trường"},
        "form",
    ),
    ("/documents/study/{c}/materials/", {"title": "Thêm", "url": "https://a.vn/x"}, "form"),
    ("/documents/study/{c}/done/", {}, "form"),
    ("/documents/study/{c}/quiz/", {}, "form"),
    ("/documents/study/{c}/quiz/{a}/", {}, "form"),
    ("/api/v1/documents", {**REGISTER, "issued_on": "2025-09-01"}, "json"),
    ("/api/v1/documents/{d}/files", {"files": _pdf}, "multipart"),
    ("/api/v1/documents/{d}/distribute", {"unit": "G1"}, "json"),
    ("/api/v1/documents/{d}/read", {}, "json"),
    ("/api/v1/documents/{d}/bookmark", {}, "json"),
    ("/api/v1/study-campaigns/{c}/quiz/attempts", {}, "json"),
    ("/api/v1/study-campaigns/{c}/quiz/attempts/{a}/submit", {"answers": {}}, "json"),
]
READS = [
    "/documents/{d}/",
    "/documents/files/{f}/",
    "/documents/{d}/read-rates/",
    "/documents/{d}/distributions/{dist}/progress/",
    "/documents/read/{d}/",
    "/documents/read/{d}/files/{f}/",
    "/documents/study/{c}/",
    "/documents/study/{c}/results/",
    "/documents/study/{c}/materials/{mat}/",
    "/api/v1/documents/{d}",
    "/api/v1/documents/{d}/read-rates",
    "/api/v1/documents/{d}/distributions/{dist}",
    "/api/v1/study-campaigns/{c}/results",
]
# Staff-only pages refuse a caller who may register (or open campaigns) nowhere with 403 before
# any unit is named; only callers who may do it somewhere reach the out-of-scope unit (404).
NOWHERE_403 = {"/documents/new/", "/documents/study/new/", "/api/v1/documents"}


def _names(personas) -> list[str]:
    t = personas.tree
    return [TITLE, CAMPAIGN, t.b1.name, t.g1.name, t.p1.name, "ke-hoach.pdf"]


def _state() -> list[object]:
    return [
        list(Document.objects.order_by("pk").values("pk", "title", "number")),
        list(DocumentFile.objects.order_by("pk").values_list("pk", flat=True)),
        Distribution.objects.count(),
        Bookmark.objects.count(),
        StudyCampaign.objects.count(),
        StudySession.objects.count(),
        list(QuizAttempt.objects.values_list("pk", "submitted_at")),
    ]


@pytest.fixture(params=["outsider", "g2_member"])
def stranger(request, personas):
    if request.param == "outsider":
        return request.param, personas.outsider
    user = make_user("g2_member")
    Grant.objects.create(user=user, unit=personas.tree.g2, role=Role.MEMBER)
    member_for(user, personas.tree.g2, "Phạm Văn Hùng")
    return request.param, user


def _fill(value, keys):
    if isinstance(value, str):
        return value.format(**keys)
    if callable(value):
        return value()
    if isinstance(value, dict):
        return {k: _fill(v, keys) for k, v in value.items()}
    return value


def _check(personas, response, url: str) -> None:
    text = response.content.decode(errors="replace")
    for name in _names(personas):
        assert name not in text, (url, name)


@pytest.mark.parametrize(("path", "body", "kind"), WRITES, ids=[w[0] for w in WRITES])
def test_every_write_out_of_scope_is_404_naming_nothing(personas, g1, stranger, path, body, kind):
    who, user = stranger
    client = Client()
    client.force_login(user)
    url = _fill(path, g1)
    data = _fill(body, g1)
    before = _state()
    if kind == "json":
        response = client.post(url, data, content_type="application/json")
    else:
        response = client.post(url, data)
    expected = 403 if who == "g2_member" and path in NOWHERE_403 else 404
    assert response.status_code == expected, (url, response.status_code, response.content[:300])
    _check(personas, response, url)
    assert _state() == before


@pytest.mark.parametrize("path", READS)
def test_the_same_things_read_out_of_scope_are_404(personas, g1, stranger, path):
    _who, user = stranger
    client = Client()
    client.force_login(user)
    response = client.get(_fill(path, g1))
    assert response.status_code == 404, (path, response.status_code)
    _check(personas, response, path)
