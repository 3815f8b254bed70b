"""Maintainers in the admin: the codes the mapping does not cover, the mapping itself, import
runs and conflicts, each seen and changed only by those who may."""

import pytest
from django.urls import reverse

from perhekeskus.network.models import Site
from perhekeskus.network.services import network_object_save
from perhekeskus.ptv.models import ClassificationMapping, Conflict, ImportRun
from perhekeskus.ptv.services import ptv_import_files
from tests.ptv.conftest import PORVOO

pytestmark = pytest.mark.django_db


@pytest.fixture
def imported(documents):
    run, _report = ptv_import_files(paths=[documents.directory])
    assert run.status == ImportRun.Status.SUCCEEDED
    return documents


def test_a_maintainer_sees_the_unmapped_codes_and_the_untyped_services(client, personas, imported):
    client.force_login(personas.leena)
    page = client.get(reverse("admin:ptv_classificationmapping_unmapped"))
    assert page.status_code == 200
    text = page.content.decode()
    assert "P4.13" in text and "Sosiaalipalvelujen neuvonta- ja ohjauspalvelut" in text
    assert "kind=service_class&amp;code=P4.13" in text  # a link to map it
    assert "Vanhempien auttava puhelin" in text


def test_a_county_maintainer_maps_a_code_and_an_organisations_maintainer_may_not(
    client, personas, imported
):
    add = reverse("admin:ptv_classificationmapping_add")
    form = {"kind": "service_class", "code": "P4.13", "label": "Neuvonta", "note": ""}
    client.force_login(personas.sari)
    assert client.get(reverse("admin:ptv_classificationmapping_changelist")).status_code == 200
    assert client.post(add, form).status_code == 403
    client.force_login(personas.leena)
    response = client.post(add, {**form, "target_group": "parents"})
    assert response.status_code == 302
    assert ClassificationMapping.objects.get(code="P4.13").target_group == "parents"


def test_someone_who_maintains_nothing_sees_nothing(client, personas, imported):
    client.force_login(personas.aino)
    for name in (
        "admin:ptv_classificationmapping_changelist",
        "admin:ptv_importrun_changelist",
        "admin:ptv_conflict_changelist",
    ):
        assert client.get(reverse(name)).status_code in (302, 403)


def test_the_run_report_is_in_the_admin(client, personas, imported):
    client.force_login(personas.olli)
    run = ImportRun.objects.get()
    assert client.get(reverse("admin:ptv_importrun_changelist")).status_code == 200
    page = client.get(reverse("admin:ptv_importrun_change", args=[run.pk]))
    assert page.status_code == 200
    assert "Vanhempien auttava puhelin" in page.content.decode()


def _conflict(documents, personas) -> Conflict:
    site = Site.objects.get(ptv_id=PORVOO)
    site.phone = "+358 195201111"
    network_object_save(obj=site, actor=personas.olli)
    with documents.edit("channels.json", PORVOO) as channel:
        channel["phoneNumbers"][0]["number"] = "195203333"
    ptv_import_files(paths=[documents.directory])
    return Conflict.objects.get()


def test_conflicts_are_settled_in_the_admin_by_who_maintains_the_object(client, personas, imported):
    conflict = _conflict(imported, personas)
    changelist = reverse("admin:ptv_conflict_changelist")
    client.force_login(personas.leena)  # West Uusimaa: not hers
    assert "Porvoon perhekeskus" not in client.get(changelist).content.decode()
    client.force_login(personas.olli)
    page = client.get(changelist, {"state": "open"})
    assert "+358 195201111" in page.content.decode()
    assert "+358 195203333" in page.content.decode()
    response = client.post(
        changelist, {"action": "take_ptv", "_selected_action": [conflict.pk]}, follow=True
    )
    assert response.status_code == 200
    assert Site.objects.get(ptv_id=PORVOO).phone == "+358 195203333"
    conflict.refresh_from_db()
    assert conflict.resolution == Conflict.Resolution.PTV
