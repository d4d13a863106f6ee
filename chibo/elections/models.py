"""Elections and motions at a congress (issue 12; QĐ 190-QĐ/TW, HD 04-HD/TW).

- `Election`: one body to elect (a committee, delegates to the higher congress) with its seats and
  its candidate list (`Candidate`, in the approved order).
- `Poll`: one round of voting, on an election's list or on a motion, **either** on paper (counted
  by computer from `PaperEntry` rows) **or** electronic; never both. A voided electronic poll
  is re-run as a new paper poll.
- Secrecy of electronic ballots: `Participation` (who voted) and `Ballot` (what was voted) share
  nothing but the poll: random UUID keys, no user, no delegate on the ballot, no timestamp on
  either, and at the close the ballots are rewritten in a random order in the closing
  transaction (so neither the insertion order nor PostgreSQL's xmin ties a ballot to a
  participation). Ballots are never audited; the audit log records poll state changes only.
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from chibo.congresses.models import Congress, Delegate, Session
from chibo.org.models import OrgUnit


class Election(models.Model):
    congress = models.ForeignKey(Congress, on_delete=models.PROTECT, related_name="+")
    unit = models.ForeignKey(OrgUnit, on_delete=models.PROTECT, related_name="+")
    title = models.CharField(max_length=255)
    seats = models.PositiveIntegerField()
    # The list is approved by the congress; after that no name is added and ballots print.
    approved_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.title


class CandidateSource(models.TextChoices):
    COMMITTEE = "committee", _("Cấp ủy triệu tập đề cử")
    FLOOR = "floor", _("Đại biểu đề cử hoặc tự ứng cử")


class Candidate(models.Model):
    election = models.ForeignKey(Election, on_delete=models.CASCADE, related_name="candidates")
    full_name = models.CharField(max_length=255)
    position = models.PositiveIntegerField()
    source = models.CharField(max_length=10, choices=CandidateSource.choices)
    # A floor nomination: how many of how many present agreed to put the name on the list.
    approvals = models.PositiveIntegerField(null=True, blank=True)
    present = models.PositiveIntegerField(null=True, blank=True)
    withdrawn = models.BooleanField(default=False)

    class Meta:
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["election", "position"], name="elections_candidate_position"
            )
        ]

    def __str__(self) -> str:
        return self.full_name


class Motion(models.Model):
    """A matter the congress votes on (a resolution, the presidium, the list of candidates)."""

    congress = models.ForeignKey(Congress, on_delete=models.PROTECT, related_name="+")
    unit = models.ForeignKey(OrgUnit, on_delete=models.PROTECT, related_name="+")
    title = models.CharField(max_length=255)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.title


class PollMethod(models.TextChoices):
    PAPER = "paper", _("Phiếu giấy, kiểm bằng máy tính")
    ELECTRONIC = "electronic", _("Bỏ phiếu điện tử")
    SHOW_OF_HANDS = "show_of_hands", _("Giơ tay")


class PollState(models.TextChoices):
    OPEN = "open", _("Đang bỏ phiếu")
    CLOSED = "closed", _("Đã kết thúc kiểm phiếu")
    VOIDED = "voided", _("Đã hủy")


class Poll(models.Model):
    congress = models.ForeignKey(Congress, on_delete=models.PROTECT, related_name="+")
    unit = models.ForeignKey(OrgUnit, on_delete=models.PROTECT, related_name="+")
    session = models.ForeignKey(Session, null=True, on_delete=models.PROTECT, related_name="+")
    election = models.ForeignKey(
        Election, null=True, blank=True, on_delete=models.PROTECT, related_name="polls"
    )
    motion = models.ForeignKey(
        Motion, null=True, blank=True, on_delete=models.PROTECT, related_name="polls"
    )
    round = models.PositiveSmallIntegerField(default=1)
    method = models.CharField(max_length=14, choices=PollMethod.choices)
    form = models.CharField(max_length=16)  # strike | agree_disagree | motion
    state = models.CharField(max_length=8, choices=PollState.choices, default=PollState.OPEN)
    # For a round after a tie or too few elected: the candidates on this round's ballot.
    candidate_ids = models.JSONField(default=list)
    seats = models.PositiveIntegerField(default=1)
    # Paper: ballots the counting committee issued (written in the minutes).
    ballots_issued = models.PositiveIntegerField(null=True, blank=True)
    opened_at = models.DateTimeField()
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    closed_at = models.DateTimeField(null=True, blank=True)
    void_reason = models.CharField(max_length=500, blank=True, default="")
    # Written at the close (never before): the counts checked and the result.
    entitled = models.PositiveIntegerField(null=True, blank=True)
    participated = models.PositiveIntegerField(null=True, blank=True)
    ballots_counted = models.PositiveIntegerField(null=True, blank=True)
    convened = models.PositiveIntegerField(null=True, blank=True)
    excluded = models.JSONField(default=dict)
    result = models.JSONField(null=True, blank=True)

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"{self.pk}"

    @property
    def is_open(self) -> bool:
        return self.state == PollState.OPEN


class Participation(models.Model):
    """That a delegate voted in an electronic poll: nothing about what, nothing about when."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    poll = models.ForeignKey(Poll, on_delete=models.PROTECT, related_name="+")
    delegate = models.ForeignKey(Delegate, on_delete=models.PROTECT, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["poll", "delegate"], name="elections_one_ballot_each")
        ]

    def __str__(self) -> str:
        return f"{self.poll_id}"


class Ballot(models.Model):
    """One electronic ballot: what was voted, nothing about who or when. `choice` holds the
    kept candidate ids (strike), {candidate id: mark} (agree/disagree) or the motion's answer."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    poll = models.ForeignKey(Poll, on_delete=models.PROTECT, related_name="+")
    choice = models.JSONField()

    def __str__(self) -> str:
        return f"{self.poll_id}"


class PaperEntry(models.Model):
    """One officer's reading of one numbered paper ballot. Append-only: a correction is a new
    revision, the entry log prints them all, the latest counts."""

    poll = models.ForeignKey(Poll, on_delete=models.PROTECT, related_name="paper_entries")
    officer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    number = models.PositiveIntegerField()  # the ballot's number in the stack
    revision = models.PositiveSmallIntegerField(default=1)
    issued = models.BooleanField(default=True)
    # Positions (1-based, on the printed ballot) struck out, or marked "disagree" / "both or none".
    struck = models.JSONField(default=list)
    unmarked = models.JSONField(default=list)
    names_added = models.BooleanField(default=False)
    entered_at = models.DateTimeField()

    class Meta:
        ordering = ["number", "officer_id", "revision"]
        constraints = [
            models.UniqueConstraint(
                fields=["poll", "officer", "number", "revision"], name="elections_entry_revision"
            )
        ]

    def __str__(self) -> str:
        return f"{self.poll_id} #{self.number}"
