from django.core.management import call_command

from chibo.members.models import MemberStatus
from chibo.org.models import OrgUnit
from chibo.testing.personas import make_member


def test_refresh_counts_only_active_members_by_subtree(personas):
    t = personas.tree
    make_member(t.b1, "Nguyễn Văn An")
    make_member(t.b2, "Trần Thị Bình", MemberStatus.PROBATIONARY)
    make_member(t.b2, "Lê Văn Cường", MemberStatus.DECEASED)
    make_member(t.g2, "Phạm Thị Dung")
    call_command("refresh_member_counts")
    counts = dict(OrgUnit.objects.values_list("code", "member_count"))
    assert counts == {"HCM": 3, "P1": 2, "G1": 2, "B1": 1, "B2": 1, "P2": 1, "G2": 1}
