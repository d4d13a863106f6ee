"""The inline fix validates a phone number before saving it (issue 17)."""

from django.test import Client

from chibo.data_quality.campaigns import actions
from chibo.members.models import Member

from .campaign_support import add_campaign, add_member


def test_a_bad_phone_is_refused_beside_its_field_and_nothing_is_saved(personas):
    campaign = add_campaign(personas.tree.hcm)
    member = add_member(personas.tree.b1, phone="09x")
    actions.refresh_member_checks()
    client = Client()
    client.force_login(personas.branch_officer)
    form = client.get(f"/data-quality/members/{member.pk}/fix/?context=page&campaign={campaign.pk}")
    assert 'name="phone"' in form.content.decode()  # the failing field is offered
    refused = client.post(
        f"/data-quality/members/{member.pk}/fix/",
        {"phone": "12345", "context": "page"},
        headers={"HX-Request": "true"},
    )
    assert refused.status_code == 200 and refused.headers["HX-Retarget"]
    assert 'id="id_phone-error"' in refused.content.decode()
    assert "10 chữ số" in refused.content.decode()  # the reason, beside the field
    assert Member.objects.get(pk=member.pk).phone == "09x"  # nothing stored
    saved = client.post(
        f"/data-quality/members/{member.pk}/fix/",
        {"phone": "0912 345 678", "context": "page"},
        headers={"HX-Request": "true"},
    )
    assert saved.status_code == 200
    assert Member.objects.get(pk=member.pk).phone == "0912345678"  # in the one house form
