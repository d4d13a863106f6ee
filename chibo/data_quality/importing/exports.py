"""Files we write from imports: the rejected rows (with the reason on every cell at fault) and the
member list in the template's columns. Both go through `chibo.core.spreadsheets`, the one writer
that escapes formula starts, so a cell such as `=HYPERLINK(...)` read from a ward's file is never
written back as a live formula; citizen IDs follow the field rule (`policy.reveal`): masked for a
reader without `members.view_sensitive`, each one shown logged as a read."""

from collections.abc import Iterator
from io import BytesIO
from itertools import islice
from typing import IO, Any

from django.db.models import Prefetch
from django.utils import translation
from django.utils.translation import gettext as _
from openpyxl.cell import WriteOnlyCell
from openpyxl.comments import Comment
from openpyxl.styles import Font, PatternFill

from chibo.access.policy import Sensitive, mask, require, reveal, scope
from chibo.access.roles import Perm
from chibo.core.spreadsheets import append_row, csv_writer, safe_cell, workbook
from chibo.members.exports import format_partial_date
from chibo.members.models import Gender, Member, MemberStatus, TheoryLevel
from chibo.members.rules import ETHNIC_GROUPS, Religion
from chibo.org.models import OrgUnit

from ..models import ImportBatch, SourceRecord
from . import queries
from .columns import TEMPLATE_COLUMNS, TEMPLATE_KEYS

_FAULT = PatternFill("solid", fgColor="FFF4CCCC")
_ETHNIC_NAMES = {g.code: g.name for g in ETHNIC_GROUPS}
_CHUNK = 2000


def rejected_rows_workbook(user: Any, batch: ImportBatch) -> bytes:
    """The rejected rows as they were in the file, each cell at fault shaded with the reason as
    a comment, and a last column with every reason of the row (to fix and import again)."""
    column_of = {key: index for key, index in batch.column_mapping.items()}
    id_columns = queries.citizen_id_columns(batch)
    reads_ids = queries.may_read_citizen_ids(user, batch)
    book = workbook(write_only=True)
    sheet = book.create_sheet(title=_("Dòng bị từ chối"))
    bold = Font(bold=True)
    header = [_cell(sheet, h, font=bold) for h in batch.headers]
    header += [_cell(sheet, _("Dòng trong tệp"), font=bold), _cell(sheet, _("Lý do"), font=bold)]
    append_row(sheet, header)
    rows = queries.rejected_rows(user, batch)
    while chunk := list(islice(rows, _CHUNK)):
        revealed = queries.reveal_citizen_ids(
            user,
            batch,
            chunk,
            reason="rejected rows workbook",
            key=lambda row: row.pk,
            raw=lambda row: row.raw,
        )
        for row in chunk:
            raw = row.raw if row.pk in revealed else queries.masked_cells(row.raw, id_columns)
            issues = row.issues if reads_ids else queries.masked_issues(row.issues)
            reasons: dict[int, list[str]] = {}
            for issue in issues:
                index = column_of.get(issue["field"])
                if index is not None:
                    reasons.setdefault(index, []).append(issue["message"])
            width = max(len(batch.headers), len(raw))
            cells = []
            for index in range(width):
                value = raw[index] if index < len(raw) else ""
                found = reasons.get(index)
                cells.append(
                    _cell(
                        sheet, value, comment="\n".join(found) if found else None, fault=bool(found)
                    )
                )
            cells.append(_cell(sheet, row.row_number + 1))
            cells.append(_cell(sheet, "; ".join(i["message"] for i in issues)))
            append_row(sheet, cells)
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _cell(
    sheet: Any, value: Any, *, font: Font | None = None, comment: str | None = None, fault=False
) -> WriteOnlyCell:
    cell = WriteOnlyCell(sheet, value=safe_cell(value))
    if font:
        cell.font = font
    if comment:
        cell.comment = Comment(comment, "Chi Bộ Số")
    if fault:
        cell.fill = _FAULT
    return cell


# --- member export ------------------------------------------------------------------------------


def _label(choices: Any, value: str) -> str:
    if value in choices.values:
        return str(choices(value).label)
    return value


def member_row(member: Member, ref: str, *, citizen_id_shown: bool = True) -> list[str]:
    """A member in the template's columns, normalised values, as text (escaped by the writer)."""
    with translation.override("vi"):
        values = {
            "source_ref": ref,
            "full_name": member.full_name,
            "gender": _label(Gender, member.gender),
            "birth_date": format_partial_date(member.birth_date, member.birth_date_precision),
            "citizen_id": member.citizen_id if citizen_id_shown else mask(member.citizen_id),
            "phone": member.phone,
            "email": member.email,
            "ethnicity": _ETHNIC_NAMES.get(member.ethnicity, member.ethnicity),
            "religion": _label(Religion, member.religion),
            "home_town": member.home_town,
            "permanent_address": member.permanent_address,
            "general_education": member.general_education,
            "professional_qualification": member.professional_qualification,
            "theory_level": _label(TheoryLevel, member.theory_level) if member.theory_level else "",
            "occupation": member.occupation,
            "card_number": member.card_number or "",
            "admitted_on": format_partial_date(member.admitted_on),
            "full_member_on": format_partial_date(member.full_member_on),
            "unit": member.unit.code,
        }
    return [str(values[key]) for key in TEMPLATE_KEYS]


def members_to_export(user: Any, unit: OrgUnit) -> Iterator[tuple[Member, str]]:
    """The subtree's members with their export ref: the source's `Mã hồ sơ` when an import
    brought one, else the member id ("CBS-<id>"), the same refs duplicate detection writes."""
    require(user, Perm.MEMBERS_VIEW_SENSITIVE, unit)
    members = (
        scope(user, Member.objects.filter(unit__path__startswith=unit.path), perm=Perm.MEMBERS_VIEW)
        .exclude(status=getattr(MemberStatus, "MERGED", "merged"))
        .select_related("unit")
        .prefetch_related(
            Prefetch(
                "source_records",
                queryset=SourceRecord.objects.filter(source_key__startswith="ref:").order_by("id"),
                to_attr="refs",
            )
        )
        .order_by("unit__path", "sort_name", "id")
    )
    for member in members.iterator(chunk_size=2000):
        refs = member.refs
        yield member, refs[0].source_key.removeprefix("ref:") if refs else f"CBS-{member.pk}"


def write_members_csv(user: Any, unit: OrgUnit, out: IO[str]) -> int:
    """Write the template header and one line per member; returns the number of members. Each
    citizen ID written is a read of it (`policy.reveal`, chunk by chunk)."""
    writer = csv_writer(out)
    writer.writerow([header for _key, header in TEMPLATE_COLUMNS])
    count = 0
    members = members_to_export(user, unit)
    while chunk := list(islice(members, _CHUNK)):
        revealed = reveal(
            user,
            Sensitive.CITIZEN_ID,
            [member for member, _ref in chunk if member.citizen_id],
            reason="member list export",
        )
        for member, ref in chunk:
            writer.writerow(member_row(member, ref, citizen_id_shown=member.pk in revealed))
        count += len(chunk)
    return count
