"""Every download of the documents module carries `Cache-Control: private, no-store`: a file
read by a member or by staff names people and party business (foundations issue, finding 19)."""

import io
from datetime import date, timedelta

import pytest
from django.test import Client

from chibo.documents.distribution import actions as distribution_actions
from chibo.documents.study import actions as study_actions
from chibo.testing.personas import make_user

from .distribution_support import member_for
from .registry_support import pdf_bytes, register, upload

pytestmark = pytest.mark.django_db


def _client(user):
    client = Client()
    client.force_login(user)
    return client


def _private(response) -> None:
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]


def test_registry_reader_and_study_material_downloads_are_not_cached(personas, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    document = register(
        personas.hq_admin, personas.tree.hcm, uploads=[upload("Nghị quyết 57.pdf", pdf_bytes())]
    )
    file = document.files.get()
    staff = _client(personas.hq_admin)
    _private(staff.get(f"/documents/files/{file.pk}/"))
    _private(staff.get(f"/documents/files/{file.pk}/view/"))

    reader = make_user("reader")
    member_for(reader, personas.tree.b1, "Nguyễn Văn An")
    distribution_actions.distribute_document(
        actor=personas.hq_admin, document_id=document.pk, unit=personas.tree.b1
    )
    _private(_client(reader).get(f"/documents/read/{document.pk}/files/{file.pk}/"))

    campaign = study_actions.create_study_campaign(
        actor=personas.hq_admin,
        unit=personas.tree.p1,
        title="Quán triệt Nghị quyết 57",
        document_ids=[document.pk],
        starts_on=date.today(),
        deadline=date.today() + timedelta(days=20),
    )
    material = study_actions.add_study_material(
        actor=personas.hq_admin,
        campaign_id=campaign.pk,
        title="Đề cương",
        upload=io.BytesIO(pdf_bytes()),
        upload_name="de-cuong.pdf",
    )
    _private(_client(reader).get(f"/documents/study/{campaign.pk}/materials/{material.pk}/"))
    _private(staff.get(f"/documents/study/{campaign.pk}/materials/{material.pk}/"))
