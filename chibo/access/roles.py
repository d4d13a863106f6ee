"""Roles and permissions, in code. Only `policy.py` reads this table to decide access."""

from enum import StrEnum

from django.utils.translation import gettext_lazy as _


class Perm(StrEnum):
    ORG_VIEW = "org.view"
    ORG_MANAGE = "org.manage"
    MEMBERS_VIEW = "members.view"
    MEMBERS_MANAGE = "members.manage"
    MEMBERS_VIEW_SENSITIVE = "members.view_sensitive"
    DATA_QUALITY_VIEW = "data_quality.view"
    DATA_QUALITY_MANAGE = "data_quality.manage"
    DOCUMENTS_VIEW = "documents.view"
    DOCUMENTS_MANAGE = "documents.manage"
    MEETINGS_VIEW = "meetings.view"
    MEETINGS_MANAGE = "meetings.manage"
    # Answering members' questions in the handbook's two-way channel.
    HANDBOOK_ANSWER = "handbook.answer"
    AUDIT_VIEW = "audit.view"
    # Field rules (policy.FIELD_RULES): who reads discipline, rating and dues records of members
    # other than themselves. The modules that keep these records add their own verbs beside them.
    DISCIPLINE_VIEW = "inspections.view_discipline"
    RATINGS_VIEW = "ratings.view_records"
    DUES_VIEW = "dues.view_records"
    # Work programmes and tasks (assignments), the reporting regime (reports).
    ASSIGNMENTS_VIEW = "assignments.view"
    ASSIGNMENTS_MANAGE = "assignments.manage"
    REPORTS_VIEW = "reports.view"
    REPORTS_MANAGE = "reports.manage"  # fill in a unit's report, send report requests down
    REPORTS_APPROVE = "reports.approve"  # the unit's leader approves its report before it goes up
    # Congresses and elections. Voting itself follows from the delegate record, not a permission.
    CONGRESSES_VIEW = "congresses.view"
    CONGRESSES_MANAGE = "congresses.manage"
    CONGRESSES_ATTEND = "congresses.attend"  # a delegate's own pages: badge, documents, questions
    ELECTIONS_MANAGE = "elections.manage"  # candidate lists, polls, motions
    ELECTIONS_COUNT = "elections.count"  # the counting committee: paper entries, closing a count
    # Recruitment of new members and training courses.
    RECRUITMENT_VIEW = "recruitment.view"
    RECRUITMENT_MANAGE = "recruitment.manage"
    TRAINING_VIEW = "training.view"
    TRAINING_MANAGE = "training.manage"
    # Ratings (RATINGS_VIEW above reads the records), commendations and emulation.
    RATINGS_MANAGE = "ratings.manage"  # run rounds, the branch's assessment
    RATINGS_DECIDE = "ratings.decide"  # the committee's decision, closing a round
    COMMENDATIONS_VIEW = "commendations.view"
    COMMENDATIONS_MANAGE = "commendations.manage"  # proposals, campaigns, projects
    COMMENDATIONS_DECIDE = "commendations.decide"
    # Cadre work: posts and terms, planning lists, appointments and rotations (sensitive).
    CADRES_VIEW = "cadres.view"
    CADRES_MANAGE = "cadres.manage"
    CADRES_DECIDE = "cadres.decide"  # approve planning lists, decide appointments
    ACCESS_MANAGE = "access.manage"


class Role(StrEnum):
    MEMBER = "member"
    BRANCH_SECRETARY = "branch_secretary"
    COMMITTEE_STAFF = "committee_staff"
    INSPECTOR = "inspector"
    LEADER = "leader"
    CONGRESS_ORGANIZER = "congress_organizer"
    DELEGATE = "delegate"
    COUNTING_OFFICER = "counting_officer"
    SYSTEM_ADMIN = "system_admin"


ROLE_LABELS = {
    Role.MEMBER: _("Đảng viên"),
    Role.BRANCH_SECRETARY: _("Bí thư chi bộ"),
    Role.COMMITTEE_STAFF: _("Cán bộ văn phòng cấp ủy"),
    Role.INSPECTOR: _("Ủy ban kiểm tra"),
    Role.LEADER: _("Thường trực cấp ủy"),
    Role.CONGRESS_ORGANIZER: _("Ban tổ chức đại hội"),
    Role.DELEGATE: _("Đại biểu"),
    Role.COUNTING_OFFICER: _("Ban kiểm phiếu"),
    Role.SYSTEM_ADMIN: _("Quản trị hệ thống"),
}

ROLE_PERMISSIONS: dict[Role, frozenset[Perm]] = {
    # A member reads their branch's meeting schedule; documents reach them by distribution.
    Role.MEMBER: frozenset({Perm.ORG_VIEW, Perm.MEETINGS_VIEW}),
    Role.BRANCH_SECRETARY: frozenset(
        {
            Perm.ORG_VIEW,
            Perm.MEMBERS_VIEW,
            Perm.MEMBERS_MANAGE,
            Perm.DATA_QUALITY_VIEW,
            Perm.DATA_QUALITY_MANAGE,
            Perm.DOCUMENTS_VIEW,
            Perm.MEETINGS_VIEW,
            Perm.MEETINGS_MANAGE,
            Perm.HANDBOOK_ANSWER,
            Perm.RATINGS_VIEW,
            Perm.DUES_VIEW,
            Perm.ASSIGNMENTS_VIEW,
            Perm.ASSIGNMENTS_MANAGE,
            Perm.REPORTS_VIEW,
            Perm.REPORTS_MANAGE,
            Perm.REPORTS_APPROVE,
            Perm.CONGRESSES_VIEW,
            Perm.RECRUITMENT_VIEW,
            Perm.RECRUITMENT_MANAGE,
            Perm.TRAINING_VIEW,
            Perm.RATINGS_MANAGE,
            Perm.COMMENDATIONS_VIEW,
            Perm.COMMENDATIONS_MANAGE,
        }
    ),
    Role.COMMITTEE_STAFF: frozenset(
        {
            Perm.ORG_VIEW,
            Perm.ORG_MANAGE,
            Perm.MEMBERS_VIEW,
            Perm.MEMBERS_MANAGE,
            Perm.MEMBERS_VIEW_SENSITIVE,
            Perm.DATA_QUALITY_VIEW,
            Perm.DATA_QUALITY_MANAGE,
            Perm.DOCUMENTS_VIEW,
            Perm.DOCUMENTS_MANAGE,
            Perm.MEETINGS_VIEW,
            Perm.MEETINGS_MANAGE,
            Perm.HANDBOOK_ANSWER,
            Perm.AUDIT_VIEW,
            Perm.RATINGS_VIEW,
            Perm.DUES_VIEW,
            Perm.ASSIGNMENTS_VIEW,
            Perm.ASSIGNMENTS_MANAGE,
            Perm.REPORTS_VIEW,
            Perm.REPORTS_MANAGE,
            Perm.CONGRESSES_VIEW,
            Perm.CONGRESSES_MANAGE,
            Perm.ELECTIONS_MANAGE,
            Perm.RECRUITMENT_VIEW,
            Perm.RECRUITMENT_MANAGE,
            Perm.TRAINING_VIEW,
            Perm.TRAINING_MANAGE,
            Perm.RATINGS_MANAGE,
            Perm.COMMENDATIONS_VIEW,
            Perm.COMMENDATIONS_MANAGE,
            Perm.CADRES_VIEW,
            Perm.CADRES_MANAGE,
        }
    ),
    Role.INSPECTOR: frozenset(
        {
            Perm.ORG_VIEW,
            Perm.MEMBERS_VIEW,
            Perm.MEMBERS_VIEW_SENSITIVE,
            Perm.DATA_QUALITY_VIEW,
            Perm.DOCUMENTS_VIEW,
            Perm.MEETINGS_VIEW,
            Perm.AUDIT_VIEW,
            Perm.DISCIPLINE_VIEW,
            Perm.RATINGS_VIEW,
            Perm.DUES_VIEW,
            Perm.ASSIGNMENTS_VIEW,
            Perm.REPORTS_VIEW,
            Perm.CONGRESSES_VIEW,
            Perm.RECRUITMENT_VIEW,
            Perm.TRAINING_VIEW,
            Perm.COMMENDATIONS_VIEW,
        }
    ),
    Role.LEADER: frozenset(
        {
            Perm.ORG_VIEW,
            Perm.MEMBERS_VIEW,
            Perm.DATA_QUALITY_VIEW,
            Perm.DOCUMENTS_VIEW,
            Perm.MEETINGS_VIEW,
            Perm.AUDIT_VIEW,
            Perm.DISCIPLINE_VIEW,
            Perm.RATINGS_VIEW,
            Perm.ASSIGNMENTS_VIEW,
            Perm.ASSIGNMENTS_MANAGE,
            Perm.REPORTS_VIEW,
            Perm.REPORTS_APPROVE,
            Perm.CONGRESSES_VIEW,
            Perm.RECRUITMENT_VIEW,
            Perm.TRAINING_VIEW,
            Perm.RATINGS_DECIDE,
            Perm.COMMENDATIONS_VIEW,
            Perm.COMMENDATIONS_DECIDE,
            Perm.CADRES_VIEW,
            Perm.CADRES_DECIDE,
        }
    ),
    Role.CONGRESS_ORGANIZER: frozenset(
        {Perm.ORG_VIEW, Perm.CONGRESSES_VIEW, Perm.CONGRESSES_MANAGE, Perm.ELECTIONS_MANAGE}
    ),
    Role.DELEGATE: frozenset({Perm.ORG_VIEW, Perm.CONGRESSES_ATTEND}),
    Role.COUNTING_OFFICER: frozenset({Perm.ORG_VIEW, Perm.CONGRESSES_VIEW, Perm.ELECTIONS_COUNT}),
    # IT staff run the system; they see the tree to grant roles, not member records or ballots.
    Role.SYSTEM_ADMIN: frozenset({Perm.ORG_VIEW, Perm.ACCESS_MANAGE, Perm.AUDIT_VIEW}),
}

# Roles that reach other people's data must log in with a second factor (TOTP).
STAFF_ROLES = frozenset(set(Role) - {Role.MEMBER, Role.DELEGATE})
