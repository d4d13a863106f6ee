"""Importing member lists: mapping, idempotence, duplicates, checkpoints, bad input."""

import io
from datetime import date
from typing import Any

import pytest
from django.core.management import CommandError, call_command

from chibo.audit.models import AuditEvent
from chibo.core.errors import Forbidden, NotFound, ValidationFailed
from chibo.data_quality.importing import actions, writer
from chibo.data_quality.importing.columns import auto_map, field_for_header, template_workbook
from chibo.data_quality.models import ImportBatch, ImportRow, ImportStatus, SourceRecord
from chibo.members.models import EventKind, Member, MemberEvent, MemberStatus
from chibo.org.models import OrgUnit

from .import_support import csv_bytes, person, xlsx_bytes


def upload(actor, unit, data: bytes, name: str = "ds.csv", **kw):
    return actions.upload_import(
        actor=actor, unit=unit, file_name=name, stream=io.BytesIO(data), size=len(data), **kw
    )


def run(actor, data: bytes, unit, name="ds.csv", **kw):
    batch = upload(actor, unit, data, name)
    summary = actions.run_import(actor=actor, batch=batch, stream=io.BytesIO(data), **kw)
    batch.refresh_from_db()
    return batch, summary


# --- headers and template ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("header", "key"),
    [
        ("Họ tên", "full_name"),
        ("Ho va ten", "full_name"),
        ("HỌ VÀ TÊN KHAI SINH", "full_name"),
        ("CCCD", "citizen_id"),
        ("Số CMND/CCCD", "citizen_id"),
        ("SĐT", "phone"),
        ("Điện thoại", "phone"),
        ("Ngày sinh (dd/mm/yyyy)", "birth_date"),
        ("Số thẻ Đảng", "card_number"),
        ("Ngày vào đảng", "admitted_on"),
        ("Ngày chính thức", "full_member_on"),
        ("Chi bộ", "unit"),
        ("Mã HS", "source_ref"),
        ("ngay sinh", "birth_date"),
    ],
)
def test_header_synonyms_map_to_template_keys(header, key):
    assert field_for_header(header) == key


def test_unknown_header_is_not_mapped_and_first_column_wins():
    assert field_for_header("Ghi chú") is None
    assert auto_map(["STT", "Họ tên", "Họ và tên", "SĐT"]) == {"full_name": 1, "phone": 3}


def test_template_workbook_has_the_template_headers():
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(template_workbook()))
    headers = [c.value for c in next(book.active.iter_rows(max_row=1))]
    assert headers[:3] == ["Mã hồ sơ", "Họ và tên", "Giới tính"]
    assert headers[-1] == "Chi bộ" and len(headers) == 19


# --- import -------------------------------------------------------------------------------------


def test_import_creates_members_with_events_counts_and_sources(personas):
    b1 = personas.tree.b1
    data = csv_bytes(
        [
            person("HS1", "nguyễn thị  mai", card_number="12345678"),
            person("HS2", "Trần Văn Hùng", gender="Nam", full_member_on="", unit="Chi bộ 2"),
        ]
    )
    batch, summary = run(personas.hq_admin, data, personas.tree.g1)
    assert summary.as_dict()["created"] == 2
    assert batch.status == ImportStatus.DONE and batch.checkpoint == 2
    mai = Member.objects.get(source_records__source_key="ref:HS1")
    assert mai.unit == b1 and mai.status == MemberStatus.FULL
    assert mai.search_name == "nguyen thi mai" and mai.card_number == "12345678"
    assert mai.birth_date == date(1980, 5, 4) and mai.ethnicity == "01"
    assert mai.theory_level == "intermediate" and mai.general_education == "12/12"
    kinds = list(MemberEvent.objects.filter(member=mai).values_list("kind", flat=True))
    assert kinds == [EventKind.ADMISSION, EventKind.FULL_MEMBERSHIP]
    hung = Member.objects.get(source_records__source_key="ref:HS2")
    assert hung.unit == personas.tree.b2 and hung.status == MemberStatus.PROBATIONARY
    assert OrgUnit.objects.get(pk=personas.tree.g1.pk).member_count == 2
    rows = ImportRow.objects.filter(batch=batch).order_by("row_number")
    assert [r.outcome for r in rows] == ["created", "created"]
    assert rows[0].raw[1] == "nguyễn thị  mai"  # raw kept as it was
    # one audit event per chunk, not per row
    assert AuditEvent.objects.filter(action="data_quality.import_rows").count() == 1


def test_running_the_same_file_again_changes_nothing(personas):
    data = csv_bytes([person("HS1", "Lê Thị Lan"), person("HS2", "Phạm Văn Nam", gender="Nam")])
    run(personas.hq_admin, data, personas.tree.g1)
    before = list(Member.objects.order_by("pk").values())
    events = MemberEvent.objects.count()
    _batch, summary = run(personas.hq_admin, data, personas.tree.g1)
    assert summary.as_dict()["unchanged"] == 2 and summary.as_dict()["created"] == 0
    assert list(Member.objects.order_by("pk").values()) == before
    assert MemberEvent.objects.count() == events
    assert OrgUnit.objects.get(pk=personas.tree.g1.pk).member_count == 2


def test_changed_row_updates_profile_fields_only(personas):
    run(personas.hq_admin, csv_bytes([person("HS1", "Lê Thị Lan")]), personas.tree.g1)
    changed = csv_bytes([person("HS1", "Lê Thị Lan", phone="0987654321", unit="B2")])
    _batch, summary = run(personas.hq_admin, changed, personas.tree.g1)
    assert summary.as_dict()["updated"] == 1
    member = Member.objects.get()
    assert member.phone == "0987654321" and member.unit == personas.tree.b1


def test_shared_card_number_is_imported_and_flagged_not_merged(personas):
    from chibo.data_quality.models import DuplicatePair

    run(
        personas.hq_admin,
        csv_bytes([person("HS1", "Lê Thị Lan", card_number="11112222")]),
        personas.tree.g1,
    )
    other = csv_bytes([person("X9", "Lê Thị Lan", card_number="11112222")])
    _batch, summary = run(personas.hq_admin, other, personas.tree.g1)
    assert summary.as_dict()["flagged"] == 1
    first, second = Member.objects.order_by("pk")
    assert first.card_number == "11112222" and second.card_number is None
    assert SourceRecord.objects.get(source_key="ref:X9").card_number == "11112222"
    pair = DuplicatePair.objects.get()
    assert {pair.left_id, pair.right_id} == {first.pk, second.pk}
    assert pair.match_probability == 1.0
    assert second.status != "merged" and first.status != "merged"


def test_shared_citizen_id_inside_one_file_is_flagged(personas):
    from chibo.data_quality.models import DuplicatePair

    cid = "001180012345"
    data = csv_bytes(
        [person("A", "Lê Thị Lan", citizen_id=cid), person("B", "Le Thi Lan", citizen_id=cid)]
    )
    _batch, summary = run(personas.hq_admin, data, personas.tree.g1)
    assert summary.as_dict() | {} == summary.as_dict()
    assert summary.counts["created"] == 1 and summary.counts["flagged"] == 1
    assert DuplicatePair.objects.count() == 1


def test_rejected_rows_are_kept_with_reasons(personas):
    data = csv_bytes(
        [
            person("HS1", "Lê Thị Lan", unit="KHONG-CO"),
            person("HS2", ""),
            person("", "Vô Danh", card_number=""),
            person("HS4", "Đúng Người"),
        ]
    )
    batch, summary = run(personas.hq_admin, data, personas.tree.g1)
    assert summary.counts["rejected"] == 3 and summary.counts["created"] == 1
    reasons = {
        r.row_number: {i["code"] for i in r.issues}
        for r in ImportRow.objects.filter(batch=batch, outcome="rejected")
    }
    assert "unit.unknown" in reasons[1]
    assert "name.missing" in reasons[2]
    assert "key.missing" in reasons[3]


def test_unit_outside_the_target_subtree_is_rejected(personas):
    data = csv_bytes([person("HS1", "Lê Thị Lan", unit="G2")])
    _batch, summary = run(personas.hq_admin, data, personas.tree.g1)
    assert summary.counts["rejected"] == 1 and not Member.objects.exists()


def test_xlsx_with_date_cells_and_synonym_headers(personas):
    lines: list[list[Any]] = [
        ["Mã HS", "Họ tên", "Giới tính", "Ngày sinh", "Số thẻ Đảng", "Ngày vào đảng", "Chi bộ"],
        ["H1", "Ngô Thị Hoa", "Nữ", date(1975, 3, 2), "22223333", date(2000, 1, 5), "B1"],
        [None, None, None, None, None, None, None],
        ["H2", "Đỗ Văn Bình", "Nam", "1970", "", "2001", "B1"],
    ]
    batch, summary = run(personas.hq_admin, xlsx_bytes(lines), personas.tree.g1, name="ds.xlsx")
    assert batch.file_format == "xlsx" and summary.counts["created"] == 2
    hoa = Member.objects.get(full_name="Ngô Thị Hoa")
    assert hoa.birth_date == date(1975, 3, 2) and hoa.admitted_on == date(2000, 1, 5)
    binh = Member.objects.get(source_records__source_key="ref:H2")
    assert binh.birth_date_precision == "year"
    assert ImportRow.objects.get(batch=batch, member=binh).row_number == 3  # blank row skipped


def test_semicolon_csv_in_windows_1258(personas):
    data = csv_bytes([person("HS1", "Lê Thị Lan")], encoding="cp1258", delimiter=";")
    batch, summary = run(personas.hq_admin, data, personas.tree.g1)
    assert batch.delimiter == ";" and summary.counts["created"] == 1
    assert Member.objects.get().full_name == "Lê Thị Lan"


def test_tcvn3_csv_is_converted_to_unicode(personas):
    from chibo.data_quality.normalize import encode_legacy

    text = csv_bytes([person("HS1", "Nguyễn Thị Hằng", unit="Chi bộ 1")]).decode()
    data = encode_legacy(text, "tcvn3").encode("latin-1")
    batch, summary = run(personas.hq_admin, data, personas.tree.g1)
    assert "tcvn3" in batch.encoding and summary.counts["created"] == 1
    member = Member.objects.get()
    assert member.full_name == "Nguyễn Thị Hằng" and member.unit == personas.tree.b1


def test_crash_mid_file_resumes_from_checkpoint(personas, monkeypatch):
    rows = [person(f"HS{i}", f"Người Số {i}") for i in range(1, 8)]
    data = csv_bytes(rows)
    batch = upload(personas.hq_admin, personas.tree.g1, data)
    real = writer.write_chunk
    calls = {"n": 0}

    def crash_on_third(**kw):
        calls["n"] += 1
        if calls["n"] == 3:
            real(**kw)  # written, then the process "dies" before the commit
            raise RuntimeError("killed")
        return real(**kw)

    monkeypatch.setattr(writer, "write_chunk", crash_on_third)
    with pytest.raises(RuntimeError):
        actions.run_import(
            actor=personas.hq_admin, batch=batch, stream=io.BytesIO(data), chunk_rows=2
        )
    batch.refresh_from_db()
    assert batch.status == ImportStatus.FAILED and batch.checkpoint == 4
    assert Member.objects.count() == 4
    monkeypatch.setattr(writer, "write_chunk", real)
    summary = actions.run_import(
        actor=personas.hq_admin, batch=batch, stream=io.BytesIO(data), chunk_rows=2
    )
    batch.refresh_from_db()
    assert summary.counts["created"] == 3
    assert batch.status == ImportStatus.DONE and batch.created_count == 7
    assert Member.objects.count() == 7 and ImportRow.objects.filter(batch=batch).count() == 7
    assert OrgUnit.objects.get(pk=personas.tree.g1.pk).member_count == 7


def test_resume_refuses_another_file(personas):
    data = csv_bytes([person("HS1", "Lê Thị Lan")])
    batch = upload(personas.hq_admin, personas.tree.g1, data)
    with pytest.raises(ValidationFailed):
        actions.run_import(
            actor=personas.hq_admin,
            batch=batch,
            stream=io.BytesIO(csv_bytes([person("HS9", "Khác")])),
        )


def test_dry_run_writes_nothing(personas):
    data = csv_bytes([person("HS1", "Lê Thị Lan")])
    batch = upload(personas.hq_admin, personas.tree.g1, data)
    summary = actions.run_import(
        actor=personas.hq_admin, batch=batch, stream=io.BytesIO(data), dry_run=True
    )
    assert summary.counts["created"] == 1
    assert not Member.objects.exists() and not ImportRow.objects.exists()


# --- permissions --------------------------------------------------------------------------------


def test_upload_allowed_forbidden_out_of_scope(personas):
    from chibo.access.roles import Role
    from chibo.testing.personas import make_user

    data = csv_bytes([person("HS1", "Lê Thị Lan")])
    assert upload(personas.branch_officer, personas.tree.b1, data).pk
    with pytest.raises(NotFound):
        upload(personas.outsider, personas.tree.g1, data)
    reader_only = make_user("leader", (personas.tree.g1, Role.LEADER))
    with pytest.raises(Forbidden):
        upload(reader_only, personas.tree.g1, data)


def test_run_out_of_scope_is_refused(personas):
    data = csv_bytes([person("HS1", "Lê Thị Lan")])
    batch = upload(personas.hq_admin, personas.tree.g1, data)
    with pytest.raises(NotFound):
        actions.run_import(actor=personas.outsider, batch=batch, stream=io.BytesIO(data))
    assert not Member.objects.exists()


# --- bad input ----------------------------------------------------------------------------------


def test_binary_file_is_refused_clearly(personas):
    with pytest.raises(ValidationFailed, match="bảng mã"):
        upload(personas.hq_admin, personas.tree.g1, b"\x00\x01\x02garbage\x00" * 100)
    assert not ImportBatch.objects.exists()


def test_utf8_file_broken_halfway_is_refused_before_any_write(personas):
    good = csv_bytes([person(f"HS{i}", "Lê Thị Lan") for i in range(5000)])
    bad = good + "HS9,Nguyễn Văn Bé\n".encode("utf-16-le")[:7] + b"\xff\xfe\xc3\x28\n"
    with pytest.raises(ValidationFailed):
        upload(personas.hq_admin, personas.tree.g1, bad)
    assert not Member.objects.exists() and not ImportBatch.objects.exists()


def test_broken_xlsx_is_refused_clearly(personas):
    broken = xlsx_bytes([["Họ và tên"], ["A"]])[:300]
    with pytest.raises(ValidationFailed, match="XLSX"):
        upload(personas.hq_admin, personas.tree.g1, broken, name="ds.xlsx")
    with pytest.raises(ValidationFailed, match="XLSX"):
        upload(personas.hq_admin, personas.tree.g1, b"not a zip", name="ds.xlsx")


def test_oversized_upload_is_refused(personas, settings):
    settings.CHIBO_IMPORT_MAX_BYTES = 1000
    data = csv_bytes([person(f"HS{i}", "Lê Thị Lan") for i in range(50)])
    with pytest.raises(ValidationFailed, match="quá lớn"):
        upload(personas.hq_admin, personas.tree.g1, data)


# --- command line -------------------------------------------------------------------------------


def test_command_imports_and_reports(personas, tmp_path, capsys):
    path = tmp_path / "ds.csv"
    path.write_bytes(csv_bytes([person("HS1", "Lê Thị Lan"), person("HS2", "", unit="B1")]))
    call_command("import_members", str(path), "--unit", "G1", "--no-progress")
    out = capsys.readouterr().out
    assert "thêm mới 1" in out and "bị từ chối 1" in out
    assert Member.objects.count() == 1
    event = AuditEvent.objects.filter(action="data_quality.import_rows").get()
    assert event.actor is None and event.actor_label == "manage.py import_members"


def test_command_dry_run_keeps_nothing(personas, tmp_path, capsys):
    path = tmp_path / "ds.csv"
    path.write_bytes(csv_bytes([person("HS1", "Lê Thị Lan")]))
    call_command("import_members", str(path), "--unit", "G1", "--dry-run", "--no-progress")
    assert "thêm mới 1" in capsys.readouterr().out
    assert not Member.objects.exists() and not ImportBatch.objects.exists()


def test_command_unknown_unit_is_a_clear_error(personas, tmp_path):
    path = tmp_path / "ds.csv"
    path.write_bytes(csv_bytes([person("HS1", "Lê Thị Lan")]))
    with pytest.raises(CommandError, match="KHONGCO"):
        call_command("import_members", str(path), "--unit", "KHONGCO")
    assert not Member.objects.exists() and not ImportBatch.objects.exists()


def test_command_resume(personas, tmp_path, monkeypatch, capsys):
    path = tmp_path / "ds.csv"
    path.write_bytes(csv_bytes([person(f"HS{i}", f"Người {i}") for i in range(5)]))
    real = writer.write_chunk
    calls = {"n": 0}

    def crash_once(**kw):
        calls["n"] += 1
        if calls["n"] == 2:
            raise RuntimeError("killed")
        return real(**kw)

    monkeypatch.setattr(writer, "write_chunk", crash_once)
    with pytest.raises(RuntimeError):
        call_command(
            "import_members", str(path), "--unit", "G1", "--chunk-rows", "2", "--no-progress"
        )
    batch = ImportBatch.objects.get()
    assert batch.checkpoint == 2
    call_command(
        "import_members",
        str(path),
        "--unit",
        "G1",
        "--resume",
        str(batch.pk),
        "--chunk-rows",
        "2",
        "--no-progress",
    )
    assert Member.objects.count() == 5
    batch.refresh_from_db()
    assert batch.status == ImportStatus.DONE


def test_mapping_and_queue_allowed_forbidden_out_of_scope(personas):
    from chibo.access.roles import Role
    from chibo.testing.personas import make_user

    data = csv_bytes([person("HS1", "Lê Thị Lan")])
    batch = upload(personas.hq_admin, personas.tree.g1, data)
    mapping = dict(batch.column_mapping)
    reader_only = make_user("leader", (personas.tree.g1, Role.LEADER))
    for action, kwargs in (
        (actions.set_column_mapping, {"mapping": mapping}),
        (actions.queue_import, {}),
    ):
        with pytest.raises(NotFound):
            action(actor=personas.outsider, batch=batch, **kwargs)
        with pytest.raises(Forbidden):
            action(actor=reader_only, batch=batch, **kwargs)
    assert actions.set_column_mapping(actor=personas.hq_admin, batch=batch, mapping=mapping)
    assert actions.queue_import(actor=personas.hq_admin, batch=batch).status == "queued"


def test_awkward_characters_survive_the_write(personas):
    occupation = 'Kỹ sư "điện" \\ nước'
    address = "12 Lê Lợi\nPhường Sài Gòn\tTP Hồ Chí Minh"
    data = csv_bytes([person("HS1", "Lê Thị Lan", occupation=occupation, home_town=address)])
    batch, summary = run(personas.hq_admin, data, personas.tree.g1)
    assert summary.counts["created"] == 1
    member = Member.objects.get()
    assert member.occupation == occupation
    row = ImportRow.objects.get(batch=batch)
    assert row.raw[14] == occupation and row.raw[9] == address
