"""The handbook's demo data: accounts linked to their member records, a thread, a request."""

import pytest

from chibo.access.roles import Role
from chibo.demo.handbook import seed_handbook
from chibo.handbook.models import CorrectionRequest, Question, QuestionStatus
from chibo.notifications.models import Notice
from chibo.testing.personas import make_member, make_user

pytestmark = pytest.mark.django_db


def test_seed_handbook_links_accounts_and_fills_the_handbook(personas):
    member_user = make_user("dangvien", (personas.tree.b1, Role.MEMBER))
    secretary = make_user("bithu", (personas.tree.b1, Role.BRANCH_SECRETARY))
    mai = make_member(personas.tree.b1, "nguyễn  thị  mai")  # spoiled spelling, as the demo does
    tam = make_member(personas.tree.b1, "Nguyễn Văn Tâm")
    seed_handbook(branch_code="B1")
    mai.refresh_from_db()
    tam.refresh_from_db()
    assert mai.user == member_user and tam.user == secretary
    questions = Question.objects.filter(asked_by=member_user)
    assert questions.count() == 2
    assert questions.filter(status=QuestionStatus.ANSWERED).count() == 1
    assert CorrectionRequest.objects.get().status == "pending"
    assert Notice.objects.filter(user=member_user).count() >= 4
    assert Notice.objects.filter(user=secretary).exists()
