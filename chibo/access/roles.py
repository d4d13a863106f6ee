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
        }
    ),
    Role.CONGRESS_ORGANIZER: frozenset({Perm.ORG_VIEW}),
    Role.DELEGATE: frozenset({Perm.ORG_VIEW}),
    Role.COUNTING_OFFICER: frozenset({Perm.ORG_VIEW}),
    # IT staff run the system; they see the tree to grant roles, not member records or ballots.
    Role.SYSTEM_ADMIN: frozenset({Perm.ORG_VIEW, Perm.ACCESS_MANAGE, Perm.AUDIT_VIEW}),
}

# Roles that reach other people's data must log in with a second factor (TOTP).
STAFF_ROLES = frozenset(set(Role) - {Role.MEMBER, Role.DELEGATE})
