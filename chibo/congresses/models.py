"""Congresses (đại hội): a unit's congress for a term, its sessions and committees, delegates and
their badges, check-in per session, the agenda with its current item, paperless documents with
read receipts, and delegates' questions and requests to speak.

Elections (chibo/elections) build on these tables: who is a delegate (`Delegate`), who is present
(`CheckIn`), and the base of a result (`queries.convened_count`, `queries.exclusions`).
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from chibo.members.models import Member
from chibo.org.models import OrgUnit


class CongressKind(models.TextChoices):
    # Đại hội đảng viên: every member of the unit is convened.
    MEMBERS = "members", _("Đại hội đảng viên")
    # Đại hội đại biểu: the delegates allocated to the subordinate units and the ex officio ones.
    DELEGATES = "delegates", _("Đại hội đại biểu")


class CongressStatus(models.TextChoices):
    PREPARING = "preparing", _("Đang chuẩn bị")
    IN_SESSION = "in_session", _("Đang họp")
    CLOSED = "closed", _("Đã bế mạc")


class Congress(models.Model):
    unit = models.ForeignKey(OrgUnit, on_delete=models.PROTECT, related_name="congresses")
    kind = models.CharField(max_length=10, choices=CongressKind.choices)
    title = models.CharField(max_length=255)
    term_start = models.PositiveSmallIntegerField()  # 2025 of "nhiệm kỳ 2025-2030"
    term_end = models.PositiveSmallIntegerField()
    starts_on = models.DateField()
    ends_on = models.DateField()
    place = models.CharField(max_length=255, blank=True, default="")
    # The member registry is read on this day to allocate delegates (and to convene members).
    cutoff_on = models.DateField()
    # Official delegates in all (ex officio included) for a congress of delegates; 0 for members.
    planned_delegates = models.PositiveIntegerField(default=0)
    status = models.CharField(
        max_length=12, choices=CongressStatus.choices, default=CongressStatus.PREPARING
    )
    # Set by the organiser (`set_current_item`, audited); the projector shows it.
    current_item = models.ForeignKey(
        "AgendaItem", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    current_item_since = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-starts_on", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "term_start"], name="congresses_one_per_unit_term"
            )
        ]
        indexes = [models.Index(fields=["unit", "starts_on"], name="congress_unit_start")]

    def __str__(self) -> str:
        return self.title

    @property
    def term_label(self) -> str:
        return f"{self.term_start}\u2013{self.term_end}"


class SessionKind(models.TextChoices):
    PREPARATORY = "preparatory", _("Phiên trù bị")
    OFFICIAL = "official", _("Phiên chính thức")


class Session(models.Model):
    congress = models.ForeignKey(Congress, on_delete=models.CASCADE, related_name="sessions")
    number = models.PositiveSmallIntegerField()
    kind = models.CharField(max_length=12, choices=SessionKind.choices)
    title = models.CharField(max_length=255)
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()

    class Meta:
        ordering = ["starts_at", "number"]
        constraints = [
            models.UniqueConstraint(fields=["congress", "number"], name="congresses_session_number")
        ]

    def __str__(self) -> str:
        return self.title


class CommitteeKind(models.TextChoices):
    PRESIDIUM = "presidium", _("Đoàn Chủ tịch")
    SECRETARIAT = "secretariat", _("Đoàn Thư ký")
    CREDENTIALS = "credentials", _("Ban Thẩm tra tư cách đại biểu")
    COUNTING = "counting", _("Ban Kiểm phiếu")


class DelegateKind(models.TextChoices):
    OFFICIAL = "official", _("Đại biểu chính thức")
    ALTERNATE = "alternate", _("Đại biểu dự khuyết")
    # At a congress of all members, probationary members attend without a vote.
    NON_VOTING = "non_voting", _("Đảng viên dự bị (không biểu quyết)")


class DelegateBasis(models.TextChoices):
    EX_OFFICIO = "ex_officio", _("Đương nhiên")
    ELECTED = "elected", _("Được bầu")
    APPOINTED = "appointed", _("Được chỉ định")
    # A congress of all members convenes every member of the unit.
    MEMBER = "member", _("Đảng viên của đảng bộ")


class CredentialsStatus(models.TextChoices):
    PENDING = "pending", _("Chưa thẩm tra")
    ACCEPTED = "accepted", _("Đủ tư cách")
    REJECTED = "rejected", _("Không đủ tư cách")


class Exclusion(models.TextChoices):
    """Why a convened delegate or member is left out of the base of an election's result
    (QĐ 190-QĐ/TW; RULES.md "Elections")."""

    NONE = "", _("Không")
    ABSENT_WITH_APPROVAL = "absent_with_approval", _("Vắng mặt cả đại hội có lý do được chấp thuận")
    TEMPORARY_TRANSFER = "temporary_transfer", _("Đang sinh hoạt tạm thời nơi khác")
    EXEMPT = "exempt", _("Được miễn công tác và sinh hoạt đảng")
    SUSPENDED = "suspended", _("Bị đình chỉ sinh hoạt, khởi tố, tạm giam")


class Delegate(models.Model):
    """One person convened to the congress: an official or alternate delegate (congress of
    delegates) or a member (congress of all members). Never deleted: a substituted official keeps
    the record with `replaced_by` set, and the alternate who took the seat is official from then."""

    congress = models.ForeignKey(Congress, on_delete=models.CASCADE, related_name="delegates")
    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="+")
    # The subordinate unit whose delegation the delegate belongs to (allocation).
    delegation = models.ForeignKey(
        OrgUnit, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    number = models.PositiveIntegerField()  # on the badge
    kind = models.CharField(max_length=12, choices=DelegateKind.choices)
    basis = models.CharField(max_length=12, choices=DelegateBasis.choices)
    credentials = models.CharField(
        max_length=10, choices=CredentialsStatus.choices, default=CredentialsStatus.PENDING
    )
    credentials_note = models.CharField(max_length=255, blank=True, default="")
    exclusion = models.CharField(
        max_length=24, choices=Exclusion.choices, blank=True, default=Exclusion.NONE
    )
    exclusion_note = models.CharField(max_length=255, blank=True, default="")
    # The secret behind the badge's QR code (random; replaced when the badge is reissued).
    badge_token = models.CharField(max_length=64, unique=True)
    badge_issued_at = models.DateTimeField(null=True, blank=True)
    # The token of the badge this one replaced: scanning it says "reissued", not "unknown".
    previous_badge_token = models.CharField(max_length=64, blank=True, default="", db_index=True)
    # Substitution of an alternate for an official who cannot attend (audited).
    replaced_by = models.OneToOneField(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="replaces"
    )
    replaced_at = models.DateTimeField(null=True, blank=True)
    replacement_reason = models.CharField(max_length=255, blank=True, default="")
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["number"]
        constraints = [
            models.UniqueConstraint(fields=["congress", "member"], name="congresses_delegate_once"),
            models.UniqueConstraint(fields=["congress", "number"], name="congresses_delegate_no"),
        ]
        indexes = [models.Index(fields=["congress", "kind"], name="delegate_congress_kind")]

    def __str__(self) -> str:
        return f"{self.number} {self.member_id}"

    @property
    def is_replaced(self) -> bool:
        return self.replaced_by_id is not None


class CommitteeRole(models.TextChoices):
    HEAD = "head", _("Trưởng ban / Chủ tọa")
    MEMBER = "member", _("Thành viên")


class CommitteeMember(models.Model):
    congress = models.ForeignKey(
        Congress, on_delete=models.CASCADE, related_name="committee_members"
    )
    committee = models.CharField(max_length=12, choices=CommitteeKind.choices)
    delegate = models.ForeignKey(Delegate, on_delete=models.PROTECT, related_name="committees")
    role = models.CharField(
        max_length=8, choices=CommitteeRole.choices, default=CommitteeRole.MEMBER
    )
    position = models.PositiveSmallIntegerField(default=1)

    class Meta:
        ordering = ["committee", "position", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["congress", "committee", "delegate"], name="congresses_committee_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.committee} {self.delegate_id}"


class Allocation(models.Model):
    """Official delegates allocated to a subordinate unit, from its members on the cut-off day
    (`allocation.allocate`; the formula is ours where the rules are silent)."""

    congress = models.ForeignKey(Congress, on_delete=models.CASCADE, related_name="allocations")
    unit = models.ForeignKey(OrgUnit, on_delete=models.PROTECT, related_name="+")
    members_on_cutoff = models.PositiveIntegerField()
    seats = models.PositiveIntegerField()
    alternates = models.PositiveIntegerField(default=0)
    computed_at = models.DateTimeField()

    class Meta:
        ordering = ["unit__path"]
        constraints = [
            models.UniqueConstraint(fields=["congress", "unit"], name="congresses_allocation_once")
        ]

    def __str__(self) -> str:
        return f"{self.unit_id}: {self.seats}"


class CheckInMethod(models.TextChoices):
    BADGE = "badge", _("Quét thẻ đại biểu")
    MANUAL = "manual", _("Nhập mã thẻ")


class CheckIn(models.Model):
    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="check_ins")
    delegate = models.ForeignKey(Delegate, on_delete=models.PROTECT, related_name="check_ins")
    checked_in_at = models.DateTimeField()
    method = models.CharField(max_length=8, choices=CheckInMethod.choices)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["checked_in_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["session", "delegate"], name="congresses_check_in_once")
        ]

    def __str__(self) -> str:
        return f"{self.session_id} {self.delegate_id}"


class AgendaItem(models.Model):
    congress = models.ForeignKey(Congress, on_delete=models.CASCADE, related_name="agenda")
    session = models.ForeignKey(
        Session, null=True, blank=True, on_delete=models.SET_NULL, related_name="agenda"
    )
    position = models.PositiveSmallIntegerField(default=1)
    title = models.CharField(max_length=255)
    presenter = models.CharField(max_length=120, blank=True, default="")
    planned_start = models.DateTimeField(null=True, blank=True)
    duration_minutes = models.PositiveSmallIntegerField(default=15)
    started_at = models.DateTimeField(null=True, blank=True)
    ended_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.title


class CongressDocument(models.Model):
    """A document for the delegates' tablets. A classified one (`is_classified`) is read on paper
    at the congress only: no page, no API and no offline cache ever serves its content."""

    congress = models.ForeignKey(Congress, on_delete=models.CASCADE, related_name="documents")
    position = models.PositiveSmallIntegerField(default=1)
    title = models.CharField(max_length=255)
    summary = models.CharField(max_length=500, blank=True, default="")
    body = models.TextField(blank=True, default="")
    is_classified = models.BooleanField(default=False)
    # Alternates and non-voting members read the documents too unless this is set.
    officials_only = models.BooleanField(default=False)
    posted_at = models.DateTimeField(auto_now_add=True)
    posted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.title


class DocumentRead(models.Model):
    """A read receipt: the first time a delegate opened the document."""

    document = models.ForeignKey(CongressDocument, on_delete=models.CASCADE, related_name="reads")
    delegate = models.ForeignKey(Delegate, on_delete=models.CASCADE, related_name="reads")
    first_read_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["document", "delegate"], name="congresses_read_once")
        ]

    def __str__(self) -> str:
        return f"{self.document_id} {self.delegate_id}"


class RequestKind(models.TextChoices):
    QUESTION = "question", _("Câu hỏi bằng văn bản")
    SPEAK = "speak", _("Đăng ký phát biểu")


class RequestStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Đã gửi")
    QUEUED = "queued", _("Trong danh sách phát biểu")
    DONE = "done", _("Đã trả lời / đã phát biểu")
    DECLINED = "declined", _("Không đưa vào")


class FloorRequest(models.Model):
    """A delegate's written question or request to speak; the presidium orders the speakers."""

    congress = models.ForeignKey(Congress, on_delete=models.CASCADE, related_name="requests")
    delegate = models.ForeignKey(Delegate, on_delete=models.PROTECT, related_name="requests")
    kind = models.CharField(max_length=10, choices=RequestKind.choices)
    agenda_item = models.ForeignKey(
        AgendaItem, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    text = models.TextField()
    status = models.CharField(
        max_length=10, choices=RequestStatus.choices, default=RequestStatus.SUBMITTED
    )
    # Place in the speakers list (requests to speak that the presidium queued).
    speaker_position = models.PositiveIntegerField(null=True, blank=True)
    submitted_at = models.DateTimeField()

    class Meta:
        ordering = ["submitted_at", "pk"]

    def __str__(self) -> str:
        return f"{self.kind} {self.delegate_id}"
