"""Demo data of the congresses module (called by chibo/demo/seed.py): the accounts' ward holds its
congress of delegates for 2025-2030, in session today, through the module's actions.

Demo accounts given congress roles on the ward (grants written directly, as seed.py writes the
demo accounts' own): `phuong` congress_organizer (the ward's committee staff runs the congress),
`dangvien` delegate (an official delegate of her branch), `bithu` delegate and counting_officer
(an official delegate, head of the counting committee)."""

from collections.abc import Callable
from datetime import date, datetime, time, timedelta

from django.utils import timezone

from chibo.access import policy
from chibo.access.models import Grant, User
from chibo.access.roles import Role
from chibo.congresses.actions import agenda, documents, floor, gate, setup
from chibo.congresses.actions import delegates as delegate_actions
from chibo.congresses.models import (
    Allocation,
    CongressKind,
    CongressStatus,
    Delegate,
    DelegateBasis,
    DelegateKind,
)
from chibo.members.models import Member
from chibo.org.models import OrgUnit

EX_OFFICIO = 3
DOCUMENTS = [
    (
        "Dự thảo Báo cáo chính trị nhiệm kỳ 2025-2030",
        "Báo cáo trình đại hội",
        "I. KẾT QUẢ THỰC HIỆN NGHỊ QUYẾT NHIỆM KỲ 2020-2025\n\n"
        "1. Công tác xây dựng Đảng: các chi bộ duy trì sinh hoạt định kỳ, nâng cao chất lượng "
        "sinh hoạt chuyên đề; kết nạp đảng viên mới đạt chỉ tiêu.\n\n"
        "2. Phát triển kinh tế - xã hội: hoàn thành các chỉ tiêu chủ yếu.\n\n"
        "II. PHƯƠNG HƯỚNG, MỤC TIÊU NHIỆM KỲ 2025-2030\n\n"
        "Tiếp tục xây dựng Đảng bộ trong sạch, vững mạnh; đẩy mạnh chuyển đổi số trong công tác "
        "đảng: sổ tay đảng viên điện tử, đại hội không giấy.",
        False,
        False,
    ),
    (
        "Báo cáo kiểm điểm của Ban Chấp hành nhiệm kỳ 2020-2025",
        "Tự phê bình và phê bình",
        "Ban Chấp hành đã lãnh đạo toàn diện các mặt công tác; còn hạn chế trong kiểm tra, "
        "giám sát ở một số chi bộ. Nguyên nhân và bài học kinh nghiệm.",
        False,
        False,
    ),
    (
        "Chương trình và nội quy đại hội",
        "",
        "Đại biểu có mặt trước giờ khai mạc 30 phút, quét thẻ tại cửa; phát biểu theo danh sách "
        "Đoàn Chủ tịch sắp xếp; gửi câu hỏi bằng văn bản qua máy tính bảng.",
        False,
        False,
    ),
    (
        "Đề án nhân sự Ban Chấp hành nhiệm kỳ 2025-2030",
        "Tài liệu mật: phát bản giấy tại phiên chính thức",
        "",
        True,
        True,
    ),
]
AGENDA = [
    ("Chào cờ, tuyên bố lý do, giới thiệu đại biểu", "Ban Tổ chức", 0, 20),
    ("Bầu Đoàn Chủ tịch, Đoàn Thư ký, Ban Thẩm tra tư cách đại biểu", "Đoàn Chủ tịch", 0, 20),
    ("Báo cáo thẩm tra tư cách đại biểu", "Ban Thẩm tra tư cách", 0, 15),
    ("Trình bày Báo cáo chính trị", "Bí thư Đảng ủy", 1, 45),
    ("Thảo luận Báo cáo chính trị", "Đại biểu", 1, 90),
    ("Bầu Ban Chấp hành nhiệm kỳ 2025-2030", "Ban Kiểm phiếu", 1, 60),
    ("Thông qua Nghị quyết đại hội, bế mạc", "Đoàn Chủ tịch", 2, 30),
]


def _at(day: date, hh: int, mm: int = 0) -> datetime:
    return datetime.combine(day, time(hh, mm), tzinfo=timezone.get_current_timezone())


def _grant(user: User, unit: OrgUnit, role: Role) -> None:
    Grant.objects.get_or_create(user=user, unit=unit, role=role)
    policy.forget(user)


def seed_congresses(
    *,
    root: OrgUnit,
    ward_code: str,
    branch_code: str,
    today: date | None,
    seed: int,
    say: Callable[[str], None],
) -> None:
    ward = OrgUnit.objects.get(code=ward_code)
    day = today or timezone.localdate()
    organiser = User.objects.get(username="phuong")
    dangvien = User.objects.get(username="dangvien")
    bithu = User.objects.get(username="bithu")
    _grant(organiser, ward, Role.CONGRESS_ORGANIZER)
    _grant(dangvien, ward, Role.DELEGATE)
    _grant(bithu, ward, Role.DELEGATE)
    _grant(bithu, ward, Role.COUNTING_OFFICER)
    say(f"Đại hội: {ward.name} nhiệm kỳ 2025-2030")

    children = OrgUnit.objects.filter(path__startswith=ward.path, depth=ward.depth + 1).count()
    planned = max(15, min(60, 3 * children + EX_OFFICIO))
    congress = setup.create_congress(
        actor=organiser,
        unit=ward,
        kind=CongressKind.DELEGATES,
        title=f"Đại hội đại biểu {ward.name} lần thứ I",
        term_start=2025,
        term_end=2030,
        starts_on=day,
        ends_on=day + timedelta(days=1),
        cutoff_on=day - timedelta(days=30),
        place="Hội trường Trung tâm Chính trị phường",
        planned_delegates=planned,
    )
    sessions = [
        setup.add_session(
            actor=organiser,
            congress_id=congress.pk,
            kind="preparatory",
            title="Phiên trù bị",
            starts_at=_at(day, 7, 30),
            ends_at=_at(day, 11, 30),
        ),
        setup.add_session(
            actor=organiser,
            congress_id=congress.pk,
            kind="official",
            title="Phiên chính thức - ngày thứ nhất",
            starts_at=_at(day, 13, 30),
            ends_at=_at(day, 17, 30),
        ),
        setup.add_session(
            actor=organiser,
            congress_id=congress.pk,
            kind="official",
            title="Phiên chính thức - ngày thứ hai",
            starts_at=_at(day + timedelta(days=1), 7, 30),
            ends_at=_at(day + timedelta(days=1), 11, 30),
        ),
    ]

    members = Member.objects.active().filter(unit__path__startswith=ward.path)
    own = [dangvien, bithu]
    own_members = {m.pk: m for m in members.filter(user__in=own)}
    ex_officio = list(
        members.exclude(pk__in=own_members)
        .filter(status="full")
        .order_by("sort_name", "pk")[:EX_OFFICIO]
    )
    for m in ex_officio:
        delegate_actions.add_delegate(
            actor=organiser,
            congress_id=congress.pk,
            member_id=m.pk,
            kind=DelegateKind.OFFICIAL,
            basis=DelegateBasis.EX_OFFICIO,
        )
    delegate_actions.allocate_delegates(actor=organiser, congress_id=congress.pk)
    taken = {m.pk for m in ex_officio}
    for allocation in Allocation.objects.filter(congress=congress).select_related("unit"):
        pool = list(
            members.filter(unit__path__startswith=allocation.unit.path, status="full")
            .exclude(pk__in=taken)
            .order_by("sort_name", "pk")
        )
        # The demo accounts' own records are among their branch's delegates.
        own_here = [m for m in own_members.values() if m.unit.path.startswith(allocation.unit.path)]
        pool = own_here + [m for m in pool if m.pk not in own_members]
        chosen = pool[: allocation.seats]
        waiting = pool[allocation.seats : allocation.seats + allocation.alternates]
        for m, kind in [(m, DelegateKind.OFFICIAL) for m in chosen] + [
            (m, DelegateKind.ALTERNATE) for m in waiting
        ]:
            delegate_actions.add_delegate(
                actor=organiser,
                congress_id=congress.pk,
                member_id=m.pk,
                kind=kind,
                basis=DelegateBasis.ELECTED,
            )
            taken.add(m.pk)
    delegates = list(Delegate.objects.filter(congress=congress).select_related("member"))
    for d in delegates:
        delegate_actions.check_credentials(
            actor=organiser, congress_id=congress.pk, delegate_id=d.pk, status="accepted"
        )
    officials = [d for d in delegates if d.kind == DelegateKind.OFFICIAL]
    by_user = {d.member.user_id: d for d in delegates if d.member.user_id}
    committees = [
        ("presidium", officials[:3]),
        ("secretariat", officials[3:5]),
        ("credentials", officials[5:8]),
    ]
    counting = [by_user[bithu.pk]] if bithu.pk in by_user else []
    counting += [d for d in officials[8:12] if d not in counting][: 3 - len(counting)]
    committees.append(("counting", counting))
    for committee, rows in committees:
        for i, d in enumerate(rows):
            setup.add_committee_member(
                actor=organiser,
                congress_id=congress.pk,
                committee=committee,
                delegate_id=d.pk,
                role="head" if i == 0 else "member",
            )

    # An official who fell ill: the first alternate of the same delegation takes the seat.
    alternates = [d for d in delegates if d.kind == DelegateKind.ALTERNATE]
    swap = next(
        (
            (o, a)
            for a in alternates
            for o in officials
            if o.delegation_id == a.delegation_id
            and o.member.user_id is None
            and o.basis == DelegateBasis.ELECTED
        ),
        None,
    )
    if swap:
        delegate_actions.substitute_alternate(
            actor=organiser,
            congress_id=congress.pk,
            official_id=swap[0].pk,
            alternate_id=swap[1].pk,
            reason="Ốm đột xuất, có giấy xác nhận của cơ sở y tế",
        )

    setup.set_congress_status(
        actor=organiser, congress_id=congress.pk, status=CongressStatus.IN_SESSION
    )
    items = []
    clock = {0: _at(day, 7, 30), 1: _at(day, 13, 30), 2: _at(day + timedelta(days=1), 7, 30)}
    for title, presenter, session_index, minutes in AGENDA:
        items.append(
            agenda.add_agenda_item(
                actor=organiser,
                congress_id=congress.pk,
                title=title,
                presenter=presenter,
                session_id=sessions[session_index].pk,
                planned_start=clock[session_index],
                duration_minutes=minutes,
            )
        )
        clock[session_index] += timedelta(minutes=minutes)
    for item in items[:4]:
        agenda.set_current_item(actor=organiser, congress_id=congress.pk, item_id=item.pk)

    posted = [
        documents.post_document(
            actor=organiser,
            congress_id=congress.pk,
            title=title,
            summary=summary,
            body=body,
            is_classified=classified,
            officials_only=officials_only,
        )
        for title, summary, body, classified, officials_only in DOCUMENTS
    ]

    # Check-ins: most officials at the preparatory session, fewer so far at the afternoon one.
    seated = [d for d in Delegate.objects.filter(congress=congress, replaced_by__isnull=True)]
    for i, d in enumerate(seated):
        if i % 10 != 9:
            gate.check_in(
                actor=organiser,
                congress_id=congress.pk,
                token=d.badge_token,
                session_id=sessions[0].pk,
                now=_at(day, 7, 0) + timedelta(seconds=20 * i),
            )
        if i % 3 == 0 and d.member.user_id is None:
            gate.check_in(
                actor=organiser,
                congress_id=congress.pk,
                token=d.badge_token,
                session_id=sessions[1].pk,
                now=_at(day, 13, 0) + timedelta(seconds=20 * i),
            )

    mine = by_user.get(dangvien.pk)
    if mine is not None:
        documents.record_read(actor=dangvien, delegate=mine, document_id=posted[2].pk)
        floor.submit_request(
            actor=dangvien,
            delegate=mine,
            kind="speak",
            text="Xin phát biểu về chuyển đổi số trong sinh hoạt chi bộ.",
            agenda_item_id=items[4].pk,
        )
    if bithu.pk in by_user:
        request = floor.submit_request(
            actor=bithu,
            delegate=by_user[bithu.pk],
            kind="speak",
            text="Đề nghị bổ sung chỉ tiêu kết nạp đảng viên trong doanh nghiệp.",
            agenda_item_id=items[4].pk,
        )
        floor.queue_speaker(actor=organiser, congress_id=congress.pk, request_id=request.pk)
        floor.submit_request(
            actor=bithu,
            delegate=by_user[bithu.pk],
            kind="question",
            text="Kinh phí hoạt động của chi bộ năm 2026 được bố trí thế nào?",
        )
    say(
        f"Đại hội: {len(seated)} đại biểu, {len(sessions)} phiên, {len(items)} nội dung, "
        f"{len(posted)} tài liệu"
    )
