"""Demo data of distribution, read receipts and study: the seeded documents sent down the city's
tree, a realistic share of members having read them (more in some wards than others), and one
study campaign on Chỉ thị 50-CT/TW and Hướng dẫn 42-HD/BTCTW with an 8-question quiz, attempts
and results, so the read-rate and pass-rate charts show something.

Distributions and the campaign go through the actions (receipts and participants materialised,
notices sent, audited); the reads and quiz attempts of thousands of generated members are written
in bulk, each attempt scored by the same functions the quiz uses. The demo member `dangvien` is
left with unread documents and the quiz still to take. Deterministic for a given seed.
"""

import random
from collections import defaultdict
from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from itertools import batched

from django.utils import timezone

from chibo.access.models import User
from chibo.documents.distribution import actions as distribution_actions
from chibo.documents.models import (
    Audience,
    Document,
    QuizAttempt,
    QuizOption,
    Receipt,
    StudyParticipant,
)
from chibo.documents.study import actions as study_actions
from chibo.documents.study.quiz import Score, draw_layout, parse_quiz_text, score_attempt
from chibo.org.models import OrgUnit

STAFF_USERNAME = "vanphong"  # committee staff of the city
WARD_STAFF_USERNAME = "phuong"  # committee staff of the demo ward
MEMBER_USERNAME = "dangvien"
SEED = 5
BATCH = 900

# (number, audience, deadline in days or None, share of recipients who have read it, by ward)
CITY_DISTRIBUTIONS = (
    ("50-CT/TW", Audience.ALL_MEMBERS, 10, 0.72),
    ("42-HD/BTCTW", Audience.COMMITTEES, 10, 0.85),
    ("366-QĐ/TW", Audience.ALL_MEMBERS, 20, 0.46),
    ("294-QĐ/TW", Audience.ALL_MEMBERS, None, 0.31),
)
WARD_DISTRIBUTION = ("01-KH/ĐU", Audience.ALL_MEMBERS, 7, 0.63)
# The member account keeps these unread (the handbook shows them "to read").
UNREAD_FOR_MEMBER = ("366-QĐ/TW", "294-QĐ/TW")

CAMPAIGN_TITLE = "Học tập, quán triệt Chỉ thị 50-CT/TW và Hướng dẫn 42-HD/BTCTW"
CAMPAIGN_DOCUMENTS = ("50-CT/TW", "42-HD/BTCTW")
QUIZ_TEXT = """
Theo Chỉ thị 50-CT/TW, chi bộ sinh hoạt thường kỳ bao lâu một lần?
* Mỗi tháng một lần
- Mỗi quý một lần
- Sáu tháng một lần
- Mỗi năm một lần

Sinh hoạt chuyên đề của chi bộ được tổ chức ít nhất bao lâu một lần?
- Mỗi tháng một lần
* Mỗi quý một lần
- Mỗi năm một lần

Theo Chỉ thị 50-CT/TW, sinh hoạt chi bộ là gì đối với chi bộ?
* Cuộc họp quan trọng nhất của chi bộ
- Một hoạt động tự nguyện
- Buổi giao lưu văn hóa, văn nghệ

Tài liệu sinh hoạt chi bộ được gửi trước cho đảng viên qua đâu?
* Sổ tay đảng viên điện tử
- Báo in hằng ngày
- Bảng tin của khu phố

Chỉ thị 50-CT/TW được Ban Bí thư ban hành năm nào?
- 2015
- 2020
* 2025

Hướng dẫn 42-HD/BTCTW do cơ quan nào ban hành?
* Ban Tổ chức Trung ương
- Văn phòng Trung ương Đảng
- Ủy ban Kiểm tra Trung ương

Hướng dẫn 42-HD/BTCTW hướng dẫn nội dung sinh hoạt cho những chi bộ nào?
- Chỉ các chi bộ cơ quan hành chính
* Từng loại hình chi bộ: thôn, tổ dân phố; cơ quan; doanh nghiệp; trường học…
- Chỉ các đảng bộ cấp tỉnh

Ngoài nội dung, Hướng dẫn 42-HD/BTCTW còn hướng dẫn điều gì về buổi sinh hoạt?
* Việc chuẩn bị, trình tự và biên bản buổi sinh hoạt
- Mức đóng đảng phí của đảng viên
- Thủ tục kết nạp đảng viên mới
"""
PASS_MARK = 70
MAX_ATTEMPTS = 3
ATTEMPTED_SHARE = 0.46


def seed_documents_distribution(
    *,
    city: OrgUnit,
    ward_code: str,
    branch_code: str,
    today: date | None = None,
    say: Callable[[str], None] = lambda _m: None,
) -> None:
    """Distribute the seeded documents, write reads, open the study campaign with attempts.
    Does nothing when the registry's demo documents are absent."""
    today = today or timezone.localdate()
    documents = {d.number: d for d in Document.objects.filter(classified=False)}
    staff = User.objects.filter(username=STAFF_USERNAME).first()
    if staff is None or not all(n in documents for n in CAMPAIGN_DOCUMENTS):
        say("Phát hành văn bản: bỏ qua (chưa có văn bản mẫu)")
        return
    rng = random.Random(SEED)
    member_id = _member_id(MEMBER_USERNAME)
    ward = OrgUnit.objects.filter(code=ward_code).first()
    ward_staff = User.objects.filter(username=WARD_STAFF_USERNAME).first()
    plans = [(staff, city, *row) for row in CITY_DISTRIBUTIONS]
    if ward is not None and ward_staff is not None:
        plans.append((ward_staff, ward, *WARD_DISTRIBUTION))
    reads = 0
    for actor, unit, number, audience, days, share in plans:
        document = documents.get(number)
        if document is None:
            continue
        distribution_actions.distribute_document(
            actor=actor,
            document_id=document.pk,
            unit=unit,
            audience=audience,
            deadline=today + timedelta(days=days) if days else None,
            today=today,
            background=False,  # the demo runs no task worker: the city's receipts are made here
        )
        keep_unread = {member_id} if number in UNREAD_FOR_MEMBER else set()
        reads += _write_reads(document, share, rng, keep_unread)
    say(f"Phát hành văn bản: {len(plans)} lần, {reads} lượt đã đọc")
    _seed_campaign(staff, city, branch_code, documents, today, rng, member_id, say)


def _member_id(username: str) -> int | None:
    user = User.objects.filter(username=username).first()
    record = getattr(user, "member_record", None) if user else None
    return record.pk if record is not None else None


def _ward_rate(rng_seed: int, path: str, share: float) -> float:
    """The share of a ward's members who have read: around `share`, a little different per
    ward, the same on every run."""
    local = random.Random(f"{rng_seed}:{path}")
    return min(0.98, max(0.05, share + local.uniform(-0.25, 0.2)))


def _ward_path(path: str) -> str:
    return path[: OrgUnit.steplen * 2]


def _write_reads(
    document: Document, share: float, rng: random.Random, keep_unread: set[int | None]
) -> int:
    rows = list(
        Receipt.objects.filter(document=document, read_at__isnull=True).values_list(
            "pk", "member_id", "unit__path"
        )
    )
    seed = rng.randrange(1 << 30)
    now = timezone.now()
    by_day: dict[int, list[int]] = defaultdict(list)
    for pk, member, path in rows:
        if member in keep_unread:
            continue
        if rng.random() < _ward_rate(seed, _ward_path(path), share):
            by_day[rng.choice((0, 0, 1, 1, 2, 3, 4, 5, 6))].append(pk)
    for days, ids in by_day.items():
        at = now - timedelta(days=days, minutes=rng.randrange(600))
        for batch in batched(ids, BATCH):
            Receipt.objects.filter(pk__in=batch).update(read_at=at)
    return sum(len(ids) for ids in by_day.values())


def _seed_campaign(
    staff: User,
    city: OrgUnit,
    branch_code: str,
    documents: dict[str, Document],
    today: date,
    rng: random.Random,
    member_id: int | None,
    say: Callable[[str], None],
) -> None:
    campaign = study_actions.create_study_campaign(
        actor=staff,
        unit=city,
        title=CAMPAIGN_TITLE,
        document_ids=[documents[n].pk for n in CAMPAIGN_DOCUMENTS],
        starts_on=today - timedelta(days=7),
        deadline=today + timedelta(days=14),
        description=(
            "Các chi bộ tổ chức quán triệt trong kỳ sinh hoạt thường kỳ; đảng viên đọc văn bản "
            "trên Sổ tay đảng viên và làm bài kiểm tra trắc nghiệm (đạt từ 70%, làm tối đa 3 lần)."
        ),
        quiz=study_actions.QuizSpec(parse_quiz_text(QUIZ_TEXT), PASS_MARK, MAX_ATTEMPTS),
    )
    study_actions.add_study_material(
        actor=staff,
        campaign_id=campaign.pk,
        title="Đề cương giới thiệu Chỉ thị 50-CT/TW (trang tuyên truyền của Thành ủy)",
        url="https://tuyengiao.hochiminhcity.gov.vn/",
    )
    branch = OrgUnit.objects.filter(code=branch_code).first()
    if branch is not None:
        ward = OrgUnit.objects.filter(path=_ward_path(branch.path)).first() or branch
        held = timezone.make_aware(datetime.combine(today - timedelta(days=2), time(8, 0)))
        study_actions.add_study_session(
            actor=staff,
            campaign_id=campaign.pk,
            unit=ward,
            held_at=held,
            place="Hội trường Đảng ủy phường",
        )
        study_actions.add_study_session(
            actor=staff,
            campaign_id=campaign.pk,
            unit=branch,
            held_at=held + timedelta(days=5, hours=11),
            place="Nhà văn hóa khu phố",
            meeting_id=_branch_meeting_id(branch, today),
        )
    attempts = _write_attempts(campaign.pk, rng, skip={member_id})
    say(f"Học tập, quán triệt: {campaign.participant_count} đảng viên, {attempts} bài làm")


def _branch_meeting_id(branch: OrgUnit, today: date) -> int | None:
    """The branch's meeting nearest the session, when the meetings demo made one."""
    try:
        from chibo.meetings.models import Meeting
    except ImportError:  # pragma: no cover - the meetings module is optional here
        return None
    meeting = (
        Meeting.objects.filter(unit=branch, starts_at__date__gte=today)
        .order_by("starts_at")
        .first()
    )
    return meeting.pk if meeting is not None else None


def _write_attempts(campaign_id: int, rng: random.Random, skip: set[int | None]) -> int:
    """Attempts of a share of the participants: most pass at the first or second try, some use
    up their three tries. Layouts are drawn and answers scored as the quiz does."""
    options: dict[int, list[int]] = defaultdict(list)
    correct: dict[int, int] = {}
    for qid, oid, ok in QuizOption.objects.filter(
        question__quiz__campaign_id=campaign_id
    ).values_list("question_id", "id", "is_correct"):
        options[qid].append(oid)
        if ok:
            correct[qid] = oid
    participants = list(
        StudyParticipant.objects.filter(campaign_id=campaign_id)
        .order_by("pk")
        .values_list("pk", "member_id", "unit__path")
    )
    ward_seed = rng.randrange(1 << 30)
    now = timezone.now()
    attempts: list[QuizAttempt] = []
    outcome: dict[tuple[int, int, bool], list[int]] = defaultdict(list)
    for pk, member, path in participants:
        if member in skip or rng.random() >= _ward_rate(
            ward_seed, _ward_path(path), ATTEMPTED_SHARE
        ):
            continue
        tries = rng.choices((1, 2, 3), weights=(70, 22, 8))[0]
        best, passed_at = 0, None
        for n in range(tries):
            last = n == tries - 1
            # Earlier tries fail; the last one passes 85 % of the time.
            good = rng.random() < 0.85 and last
            right = rng.randint(6, 8) if good else rng.randint(2, 5)
            attempt, score = _attempt(pk, options, correct, right, rng, now, tries - n)
            attempts.append(attempt)
            best = max(best, score.percent)
            if score.passed:
                passed_at = attempt.submitted_at
        outcome[(tries, best, passed_at is not None)].append(pk)
    QuizAttempt.objects.bulk_create(attempts, batch_size=1000)
    for (tries, best, passed), ids in outcome.items():
        for batch in batched(ids, BATCH):
            StudyParticipant.objects.filter(pk__in=batch).update(
                attempts=tries, best_percent=best, passed_at=now if passed else None
            )
    return len(attempts)


def _attempt(
    participant_id: int,
    options: dict[int, list[int]],
    correct: dict[int, int],
    right: int,
    rng: random.Random,
    now: datetime,
    days_ago: int,
) -> tuple[QuizAttempt, Score]:
    seed = rng.randrange(1 << 62)
    layout = draw_layout(options, seed)
    answers: dict[int, int | None] = {}
    for index, (qid, option_ids) in enumerate(layout):
        wrong = [o for o in option_ids if o != correct[qid]]
        answers[qid] = correct[qid] if index < right else rng.choice(wrong)
    score = score_attempt(layout, answers, correct, PASS_MARK)
    submitted = now - timedelta(days=days_ago, minutes=rng.randrange(300))
    attempt = QuizAttempt(
        participant_id=participant_id,
        seed=seed,
        layout=[[q, o] for q, o in layout],
        answers={str(k): v for k, v in answers.items()},
        submitted_at=submitted,
        correct=score.correct,
        total=score.total,
        percent=score.percent,
        passed=score.passed,
    )
    return attempt, score
