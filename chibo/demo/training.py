"""Demo data of the training module (called by chibo/demo/seed.py, after recruitment, whose demo
has run each demo ward's awareness course): in the accounts' ward, a course for new members
finished last month with its certificates, and an elementary political-theory course running now
(sessions behind and ahead, attendance of the past ones). Through the actions, actor `vanphong`."""

import random
from collections.abc import Callable
from datetime import date, timedelta
from decimal import Decimal

from django.utils import timezone

from chibo.access.models import User
from chibo.members.models import Member, MemberStatus
from chibo.org.models import OrgUnit
from chibo.training import actions


def seed_training(
    *,
    root: OrgUnit,
    ward_code: str,
    branch_code: str,
    today: date | None,
    seed: int,
    say: Callable[[str], None],
) -> None:
    today = today or timezone.localdate()
    rng = random.Random(seed + 17)
    actor = User.objects.get(username="vanphong")
    ward = OrgUnit.objects.get(code=ward_code)
    in_ward = Member.objects.filter(unit__path__startswith=ward.path).select_related("unit")
    # New members admitted more than two months ago: the just admitted still need the course.
    newcomers = list(
        in_ward.filter(
            status=MemberStatus.PROBATIONARY, admitted_on__lt=today - timedelta(days=60)
        ).order_by("pk")[:14]
    )
    start = today - timedelta(days=45)
    course = actions.create_course(
        actor=actor,
        unit=ward,
        kind="new_member",
        title=f"Lớp bồi dưỡng lý luận chính trị cho đảng viên mới năm {today.year}",
        mode="in_person",
        place="Hội trường Đảng ủy phường",
        starts_on=start,
        ends_on=start + timedelta(days=4),
    )
    sessions = [
        actions.add_session(
            actor=actor,
            course=course,
            held_on=start + timedelta(days=i),
            topic=topic,
            teacher="ThS. Trần Văn Giảng",
        )
        for i, topic in enumerate(
            (
                "Nhiệm vụ của đảng viên",
                "Điều lệ Đảng và Quy định 294-QĐ/TW",
                "Sinh hoạt chi bộ theo Chỉ thị 50-CT/TW",
                "Tu dưỡng, rèn luyện của đảng viên",
            )
        )
    ]
    actions.add_teacher(
        actor=actor, course=course, full_name="ThS. Trần Văn Giảng", position="Trung tâm chính trị"
    )
    enrolled = [actions.enrol_member(actor=actor, course=course, member=m) for m in newcomers]
    for i, session in enumerate(sessions):
        # one learner missed three of four sessions: no certificate
        present = {e.pk for j, e in enumerate(enrolled) if not (j == 0 and i > 0)}
        actions.record_attendance(actor=actor, session=session, present_ids=present)
    actions.record_grades(
        actor=actor,
        course=course,
        grades={e.pk: Decimal(5 + rng.randrange(6)) for e in enrolled},
    )
    issued = actions.finish_course(
        actor=actor, course=course, finished_on=start + timedelta(days=4)
    )

    theory = actions.create_course(
        actor=actor,
        unit=ward,
        kind="theory_elementary",
        title=f"Sơ cấp lý luận chính trị khóa {today.year}",
        mode="online",
        video_url="https://hoc.chibo.example.vn/so-cap",
        starts_on=today - timedelta(days=21),
        ends_on=today + timedelta(days=35),
    )
    running = [
        actions.add_session(
            actor=actor,
            course=theory,
            held_on=today + timedelta(days=d),
            topic=topic,
            teacher=teacher,
        )
        for d, topic, teacher in (
            (-21, "Những nguyên lý cơ bản của chủ nghĩa Mác - Lênin", "TS. Lê Minh Triết"),
            (-14, "Tư tưởng Hồ Chí Minh", "TS. Lê Minh Triết"),
            (-7, "Đường lối của Đảng", "ThS. Phạm Thu Hằng"),
            (7, "Xây dựng Đảng", "ThS. Phạm Thu Hằng"),
            (14, "Kỹ năng công tác đảng ở cơ sở", "ThS. Phạm Thu Hằng"),
        )
    ]
    actions.add_teacher(actor=actor, course=theory, full_name="TS. Lê Minh Triết")
    actions.add_teacher(actor=actor, course=theory, full_name="ThS. Phạm Thu Hằng")
    learners = list(
        in_ward.filter(status=MemberStatus.FULL, theory_level="").order_by("pk")[:20]
    ) or list(in_ward.filter(status=MemberStatus.FULL).order_by("pk")[:20])
    rows = [actions.enrol_member(actor=actor, course=theory, member=m) for m in learners]
    for session in running[:3]:
        actions.record_attendance(
            actor=actor,
            session=session,
            present_ids={e.pk for e in rows if rng.random() < 0.9},
        )
    say(f"Bồi dưỡng: lớp đảng viên mới đã bế giảng ({len(issued)} giấy chứng nhận), 1 lớp đang học")
