"""The documents registry: register, edit, files, search, visibility, pages and API."""

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from chibo.audit.models import AuditEvent
from chibo.core.errors import Conflict, Forbidden, NotFound, ValidationFailed
from chibo.documents.models import Document, DocumentFile, DocumentKind, TextStatus
from chibo.documents.registry import actions, queries
from chibo.documents.registry.queries import get_file_for_user

from .registry_support import docx_bytes, pdf_bytes, register, upload, zip_bomb_docx

pytestmark = pytest.mark.django_db

R294 = "Quy định thi hành Điều lệ Đảng"


@contextmanager
def refused(fragment: str) -> Iterator[None]:
    """Expect a ValidationFailed whose Vietnamese text (parameters filled in) has `fragment`."""
    with pytest.raises(ValidationFailed) as error:
        yield
    assert fragment in error.value.text(), error.value.text()
    assert error.value.bilingual()["detail_en"]


# --- register: allowed, forbidden, out of scope -------------------------------------------------


def test_staff_register_a_resolution_with_files(personas):
    document = register(
        personas.hq_admin,
        personas.tree.hcm,
        "57-nq/tw",
        summary="Tóm tắt viết cho bản demo",
        uploads=[
            upload("nq57.pdf", pdf_bytes("Dot pha phat trien khoa hoc cong nghe")),
            upload("nq57.docx", docx_bytes("Chuyển đổi số quốc gia")),
        ],
    )
    assert document.number == "57-NQ/TW"
    assert document.issuer == "TW" and document.serial == 57
    files = list(document.files.order_by("id"))
    assert [f.file_kind for f in files] == ["pdf", "docx"]
    assert all(f.text_status == TextStatus.DONE for f in files)
    assert "khoa hoc cong nghe" in files[0].text.lower()
    document.refresh_from_db()
    assert "chuyen doi so quoc gia" in document.search_text
    event = AuditEvent.objects.get(action="documents.register")
    assert event.changes["files"] == ["nq57.pdf", "nq57.docx"]


def test_branch_secretary_may_not_register(personas):
    with pytest.raises(Forbidden):
        register(personas.branch_officer, personas.tree.b1, "3-KH/CB", kind=DocumentKind.PLAN)
    assert not Document.objects.exists()


def test_register_outside_reach_is_not_found(personas):
    with pytest.raises(NotFound):
        register(personas.outsider, personas.tree.g1, "3-KH/ĐU", kind=DocumentKind.PLAN)


# --- bad input ----------------------------------------------------------------------------------


@pytest.mark.parametrize("number", ["57/NQ-TW", "NQ 57", "57-XY/TW", "0-NQ/TW", ""])
def test_malformed_number_is_refused(personas, number):
    with pytest.raises(ValidationFailed) as error:
        register(personas.hq_admin, personas.tree.hcm, number)
    assert error.value.field == "number"
    assert error.value.bilingual()["detail"] and error.value.bilingual()["detail_en"]


def test_number_must_match_kind(personas):
    with pytest.raises(ValidationFailed) as error:
        register(personas.hq_admin, personas.tree.hcm, "57-NQ/TW", kind=DocumentKind.DIRECTIVE)
    assert "cần CT" in error.value.text()


def test_same_number_twice_in_a_unit_is_a_conflict(personas):
    register(personas.hq_admin, personas.tree.hcm)
    with pytest.raises(Conflict):
        register(personas.hq_admin, personas.tree.hcm, issued_on=date(2024, 12, 23))
    # Another committee may register the same central resolution in its own book.
    register(personas.hq_admin, personas.tree.p1)


def test_dates_are_checked(personas):
    with pytest.raises(ValidationFailed):
        register(personas.hq_admin, personas.tree.hcm, issued_on=date(2999, 1, 1))
    with pytest.raises(ValidationFailed):
        register(
            personas.hq_admin, personas.tree.hcm, in_force_from=date(2024, 1, 1)
        )  # before issued_on


def test_file_whose_content_differs_from_its_name_is_refused(personas):
    with refused("không phải PDF"):
        register(personas.hq_admin, personas.tree.hcm, uploads=[upload("nq.pdf", docx_bytes())])
    with refused("không phải DOCX"):
        register(personas.hq_admin, personas.tree.hcm, uploads=[upload("nq.docx", pdf_bytes())])
    with refused("không phải DOCX"):
        register(
            personas.hq_admin,
            personas.tree.hcm,
            uploads=[upload("nq.docx", b"MZ\x90\x00 an executable")],
        )
    with refused("PDF hoặc DOCX"):
        register(personas.hq_admin, personas.tree.hcm, uploads=[upload("run.exe", pdf_bytes())])
    assert not Document.objects.exists()


def test_zip_bomb_is_refused(personas):
    with refused("bung ra"):
        register(
            personas.hq_admin, personas.tree.hcm, uploads=[upload("bom.docx", zip_bomb_docx())]
        )


def test_too_large_file_is_refused(personas, monkeypatch):
    from chibo.documents import files

    monkeypatch.setattr(files, "MAX_FILE_BYTES", 100)
    with refused("lớn hơn"):
        register(personas.hq_admin, personas.tree.hcm, uploads=[upload("a.pdf", pdf_bytes())])


def test_pdf_without_text_is_kept_with_failed_or_empty_text(personas):
    broken = b"%PDF-1.4\n% not really a pdf\n"
    document = register(personas.hq_admin, personas.tree.hcm, uploads=[upload("scan.pdf", broken)])
    file = document.files.get()
    assert file.text_status in (TextStatus.FAILED, TextStatus.DONE)
    assert file.text == ""


# --- replaces / in force ------------------------------------------------------------------------


def _charter_pair(personas):
    old = register(
        personas.hq_admin,
        personas.tree.hcm,
        "232-QĐ/TW",
        kind=DocumentKind.REGULATION,
        title=R294 + " (2025)",
        issued_on=date(2025, 1, 20),
    )
    new = register(
        personas.hq_admin,
        personas.tree.hcm,
        "294-QĐ/TW",
        kind=DocumentKind.REGULATION,
        title=R294,
        issued_on=date(2025, 5, 26),
        in_force_from=date(2025, 7, 1),
        replaces=[old.pk],
    )
    return old, new


def in_force_of(document: Any) -> bool:
    """`in_force` is annotated on the documents the query returns (not a model field)."""
    return bool(document.in_force)


def test_replacement_is_shown_both_ways_and_ends_force(personas):
    old, new = _charter_pair(personas)
    user = personas.branch_officer
    assert queries.replacing_documents(user, old) == [new]
    assert queries.replaced_documents(user, new) == [old]
    assert in_force_of(queries.get_document_for_user(user, old.pk, on=date(2025, 6, 30)))
    assert not in_force_of(queries.get_document_for_user(user, old.pk, on=date(2025, 7, 1)))
    in_force = queries.documents_for(user, in_force=True, on=date(2025, 8, 1))
    assert list(in_force.values_list("number", flat=True)) == ["294-QĐ/TW"]
    expired = queries.documents_for(user, in_force=False, on=date(2025, 8, 1))
    assert list(expired.values_list("number", flat=True)) == ["232-QĐ/TW"]


def test_replacement_loops_are_refused(personas):
    old, new = _charter_pair(personas)
    with refused("vòng lặp"):
        actions.update_document(
            actor=personas.hq_admin, document=old, changes={}, replaces=[new.pk]
        )
    with pytest.raises(ValidationFailed):
        actions.update_document(
            actor=personas.hq_admin, document=new, changes={}, replaces=[new.pk]
        )


def test_expired_document_is_not_in_force(personas):
    document = register(
        personas.hq_admin,
        personas.tree.hcm,
        "452-KH/TU",
        kind=DocumentKind.PLAN,
        issued_on=date(2025, 3, 1),
        expires_on=date(2025, 12, 31),
    )
    assert in_force_of(
        queries.get_document_for_user(personas.hq_admin, document.pk, on=date(2025, 12, 31))
    )
    assert not in_force_of(
        queries.get_document_for_user(personas.hq_admin, document.pk, on=date(2026, 1, 1))
    )


# --- update: allowed, forbidden, out of scope ---------------------------------------------------


def test_owner_unit_staff_edit(personas):
    document = register(personas.hq_admin, personas.tree.g1, "12-KH/ĐU", kind=DocumentKind.PLAN)
    actions.update_document(
        actor=personas.hq_admin,
        document=document,
        changes={"title": "Kế hoạch mới về chuyển đổi số"},
    )
    document.refresh_from_db()
    assert document.title == "Kế hoạch mới về chuyển đổi số"
    assert "chuyen doi so" in document.search_text
    assert AuditEvent.objects.filter(action="documents.update").exists()


def test_edit_forbidden_and_out_of_scope(personas):
    document = register(personas.hq_admin, personas.tree.g1, "12-KH/ĐU", kind=DocumentKind.PLAN)
    with pytest.raises(Forbidden):
        queries.get_document_to_manage(personas.branch_officer, document.pk)
    with pytest.raises(Forbidden):
        actions.update_document(
            actor=personas.branch_officer, document=document, changes={"title": "x"}
        )
    with pytest.raises(NotFound):
        queries.get_document_to_manage(personas.outsider, document.pk)
    with pytest.raises(NotFound):
        actions.update_document(actor=personas.outsider, document=document, changes={"title": "x"})


def test_file_add_and_remove_three_ways(personas):
    document = register(personas.hq_admin, personas.tree.g1, "12-KH/ĐU", kind=DocumentKind.PLAN)
    added = actions.add_document_files(
        actor=personas.hq_admin, document=document, uploads=[upload("a.pdf", pdf_bytes("Hoc tap"))]
    )
    assert len(added) == 1
    with pytest.raises(Forbidden):
        actions.add_document_files(
            actor=personas.branch_officer, document=document, uploads=[upload("b.pdf", pdf_bytes())]
        )
    with pytest.raises(NotFound):
        actions.add_document_files(
            actor=personas.outsider, document=document, uploads=[upload("b.pdf", pdf_bytes())]
        )
    with pytest.raises(Forbidden):
        actions.remove_document_file(actor=personas.branch_officer, file=added[0])
    actions.remove_document_file(actor=personas.hq_admin, file=added[0])
    assert not DocumentFile.objects.exists()
    document.refresh_from_db()
    assert "hoc tap" not in document.search_text


# --- visibility ---------------------------------------------------------------------------------


def test_visibility_down_the_tree_not_across(personas):
    city = register(personas.hq_admin, personas.tree.hcm, "50-CT/TW", kind=DocumentKind.DIRECTIVE)
    g1 = register(personas.hq_admin, personas.tree.g1, "12-KH/ĐU", kind=DocumentKind.PLAN)
    b2 = register(personas.hq_admin, personas.tree.b2, "3-KH/CB", kind=DocumentKind.PLAN)
    seen = set(queries.visible_documents(personas.branch_officer))
    assert seen == {city, g1}  # ancestors' documents; not the sibling branch's
    assert set(queries.visible_documents(personas.outsider)) == {city}
    assert set(queries.visible_documents(personas.hq_admin)) == {city, g1, b2}


def test_member_without_documents_view_is_forbidden(personas):
    from chibo.access.roles import Role
    from chibo.testing.personas import make_user

    member = make_user("dangvien", (personas.tree.b1, Role.MEMBER))
    document = register(personas.hq_admin, personas.tree.hcm)
    with pytest.raises(Forbidden):
        queries.require_document_reader(member)
    with pytest.raises(Forbidden):
        queries.get_document_for_user(member, document.pk)


def test_classified_documents_are_not_distributable(personas):
    document = register(personas.hq_admin, personas.tree.hcm, classified=True)
    assert not queries.is_distributable(document)


# --- search -------------------------------------------------------------------------------------


@pytest.fixture
def library(personas):
    register(
        personas.hq_admin,
        personas.tree.hcm,
        "57-NQ/TW",
        summary="Khoa học, công nghệ là đột phá quan trọng hàng đầu.",
    )
    register(
        personas.hq_admin,
        personas.tree.hcm,
        "50-CT/TW",
        kind=DocumentKind.DIRECTIVE,
        title="Về tiếp tục đổi mới, nâng cao chất lượng sinh hoạt chi bộ",
        issued_on=date(2025, 7, 23),
        uploads=[upload("ct50.pdf", pdf_bytes("Sinh hoat chuyen de it nhat mot quy mot lan"))],
    )
    register(
        personas.hq_admin,
        personas.tree.hcm,
        "42-HD/BTCTW",
        kind=DocumentKind.GUIDANCE,
        title="Hướng dẫn nâng cao chất lượng sinh hoạt chi bộ",
        issued_on=date(2025, 10, 28),
        uploads=[upload("hd42.docx", docx_bytes("Sinh hoạt thường kỳ mỗi tháng một lần"))],
    )
    return personas


def _numbers(user, **filters):
    return list(queries.documents_for(user, **filters).values_list("number", flat=True))


def test_search_is_diacritics_insensitive_over_title_summary_and_files(library):
    user = library.branch_officer
    assert _numbers(user, q="sinh hoạt chi bộ") == ["42-HD/BTCTW", "50-CT/TW"]
    assert _numbers(user, q="sinh hoat chi bo") == ["42-HD/BTCTW", "50-CT/TW"]
    assert _numbers(user, q="đột phá") == ["57-NQ/TW"]  # summary
    assert _numbers(user, q="chuyen de mot quy") == ["50-CT/TW"]  # PDF text
    assert _numbers(user, q="thuong ky moi thang") == ["42-HD/BTCTW"]  # DOCX text
    assert _numbers(user, q="thuong k") == ["42-HD/BTCTW"]  # prefix of the last word
    assert _numbers(user, q="khong co tu nay") == []


def test_search_by_number(library):
    user = library.branch_officer
    assert _numbers(user, q="57-nq/tw") == ["57-NQ/TW"]
    assert _numbers(user, q="Số 42-HD/BTCTW") == ["42-HD/BTCTW"]
    assert _numbers(user, q="57 nq") == ["57-NQ/TW"]


def test_filters(library):
    user = library.branch_officer
    assert _numbers(user, kind="directive") == ["50-CT/TW"]
    assert _numbers(user, issuer="btctw") == ["42-HD/BTCTW"]
    assert _numbers(user, year=2024) == ["57-NQ/TW"]
    with pytest.raises(ValidationFailed):
        queries.documents_for(user, kind="poem")
    with pytest.raises(ValidationFailed):
        queries.documents_for(user, year=1200)
    with pytest.raises(ValidationFailed):
        queries.documents_for(user, q="x" * 500)


# --- pages --------------------------------------------------------------------------------------


def _client(user):
    client = Client()
    client.force_login(user)
    return client


def test_list_page_and_htmx_partial(library):
    client = _client(library.branch_officer)
    page = client.get("/documents/", {"q": "sinh hoat"})
    assert page.status_code == 200
    assert ">50-CT/TW<" in page.text and ">42-HD/BTCTW<" in page.text
    assert ">57-NQ/TW<" not in page.text
    partial = client.get("/documents/", {"kind": "resolution"}, headers={"HX-Request": "true"})
    assert partial.status_code == 200
    assert "57-NQ/TW" in partial.text and "<html" not in partial.text
    bad = client.get("/documents/", {"year": "abc"})
    assert bad.status_code == 400


def test_detail_shows_replaces_and_replaced_by(personas):
    old, new = _charter_pair(personas)
    client = _client(personas.branch_officer)
    old_page = client.get(f"/documents/{old.pk}/").text
    assert "Đã được thay thế bởi" in old_page and "294-QĐ/TW" in old_page
    new_page = client.get(f"/documents/{new.pk}/").text
    assert "232-QĐ/TW" in new_page


def test_register_form_with_upload(personas):
    client = _client(personas.hq_admin)
    assert client.get("/documents/new/").status_code == 200
    response = client.post(
        "/documents/new/",
        {
            "unit": "HCM",
            "kind": "regulation",
            "number": "366-QĐ/TW",
            "issued_on": "30/08/2025",
            "title": "Quy định về kiểm điểm, đánh giá, xếp loại chất lượng",
            "files": [SimpleUploadedFile("qd366.pdf", pdf_bytes("Kiem diem danh gia"))],
        },
    )
    assert response.status_code == 302, response.content[:2000]
    document = Document.objects.get(number="366-QĐ/TW")
    assert document.files.count() == 1
    refused = client.post(
        "/documents/new/",
        {
            "unit": "HCM",
            "kind": "regulation",
            "number": "366/QĐ-TW",
            "issued_on": "30/08/2025",
            "title": "Sai số",
        },
    )
    assert refused.status_code == 400
    assert "không đúng mẫu" in refused.text
    fake = client.post(
        "/documents/new/",
        {
            "unit": "HCM",
            "kind": "regulation",
            "number": "367-QĐ/TW",
            "issued_on": "30/08/2025",
            "title": "Tệp giả",
            "files": [SimpleUploadedFile("qd.pdf", b"<html><script>alert(1)</script>")],
        },
    )
    assert fake.status_code == 400 and "không phải PDF" in fake.text


def test_download_headers(personas):
    document = register(
        personas.hq_admin, personas.tree.hcm, uploads=[upload("Nghị quyết 57.pdf", pdf_bytes())]
    )
    file = document.files.get()
    client = _client(personas.outsider)
    response = client.get(f"/documents/files/{file.pk}/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response["Content-Security-Policy"]
    assert b"".join(response.streaming_content).startswith(b"%PDF-")
    inline = client.get(f"/documents/files/{file.pk}/view/")
    assert inline["Content-Disposition"].startswith("inline;")
    assert "default-src 'none'" in inline["Content-Security-Policy"]
    assert get_file_for_user(personas.outsider, file.pk) == file


def test_docx_is_never_served_inline(personas):
    document = register(
        personas.hq_admin, personas.tree.hcm, uploads=[upload("a.docx", docx_bytes())]
    )
    file = document.files.get()
    response = _client(personas.hq_admin).get(f"/documents/files/{file.pk}/view/")
    assert response["Content-Disposition"].startswith("attachment;")


# --- API ----------------------------------------------------------------------------------------


def test_api_list_filters_and_detail(library):
    client = _client(library.branch_officer)
    body = client.get("/api/v1/documents", {"q": "sinh hoat chi bo", "kind": "guidance"}).json()
    assert body["count"] == 1
    item = body["items"][0]
    assert item["number"] == "42-HD/BTCTW" and item["issuer"] == "BTCTW"
    assert item["in_force"] is True and item["issued_on"] == "2025-10-28"
    detail = client.get(f"/api/v1/documents/{item['id']}").json()
    assert detail["files"][0]["name"] == "hd42.docx"
    assert detail["replaced_by"] == []
    assert client.get("/api/v1/documents", {"year": 2025, "in_force": "true"}).json()["count"] == 2


def test_api_register_and_bad_input(personas):
    client = _client(personas.hq_admin)
    payload = {
        "unit": "HCM",
        "kind": "resolution",
        "number": "66-NQ/TW",
        "issued_on": "2025-04-30",
        "title": "Về đổi mới công tác xây dựng và thi hành pháp luật",
    }
    created = client.post("/api/v1/documents", payload, content_type="application/json")
    assert created.status_code == 201, created.content
    assert created.json()["number"] == "66-NQ/TW"
    bad = client.post(
        "/api/v1/documents", {**payload, "number": "66/NQ-TW"}, content_type="application/json"
    )
    assert bad.status_code == 400
    assert bad.json()["detail"] and bad.json()["detail_en"]
    doc_id = created.json()["id"]
    bomb = client.post(
        f"/api/v1/documents/{doc_id}/files",
        {"files": [SimpleUploadedFile("bom.docx", zip_bomb_docx())]},
    )
    assert bomb.status_code == 400 and "bung ra" in bomb.json()["detail"], bomb.content
    ok = client.post(
        f"/api/v1/documents/{doc_id}/files",
        {"files": [SimpleUploadedFile("nq66.pdf", pdf_bytes("Thi hanh phap luat"))]},
    )
    assert ok.status_code == 201, ok.content
    assert ok.json()[0]["text_status"] == "done"


def test_large_files_are_extracted_by_a_task_after_commit(
    personas, monkeypatch, django_capture_on_commit_callbacks
):
    from chibo.documents.registry import actions as registry_actions

    monkeypatch.setattr(registry_actions, "INLINE_EXTRACTION_BYTES", 10)
    with django_capture_on_commit_callbacks(execute=True):
        document = register(
            personas.hq_admin,
            personas.tree.hcm,
            uploads=[upload("lon.docx", docx_bytes("Nội dung trích sau khi lưu"))],
        )
    file = DocumentFile.objects.get(document=document)
    assert file.text_status == TextStatus.DONE
    assert "trích sau khi lưu" in file.text
    document.refresh_from_db()
    assert "trich sau khi luu" in document.search_text
