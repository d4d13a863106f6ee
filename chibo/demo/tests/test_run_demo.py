from io import StringIO

import pytest
from django.core.management import call_command

from chibo.org.models import OrgUnit


@pytest.mark.django_db
def test_run_demo_prepares_once_and_prints_accounts():
    out = StringIO()
    call_command("run_demo", members=60, addrport="127.0.0.1:8123", no_serve=True, stdout=out)
    units = OrgUnit.objects.count()
    assert units > 30
    call_command("run_demo", members=60, addrport="127.0.0.1:8123", no_serve=True, stdout=out)
    assert OrgUnit.objects.count() == units  # the second start reuses the data
    assert "http://127.0.0.1:8123" in out.getvalue()
