"""The cooperation network in the admin: a county's data maintainer sees and corrects the
county's records, not another county's; saves go to the same change history as the pages'."""

from datetime import date

import pytest
from django.test import Client

from perhekeskus.cooperation import services
from perhekeskus.cooperation.models import Change
from tests.cooperation.building import agreement

pytestmark = pytest.mark.django_db


def test_a_maintainer_sees_their_countys_agreements_only(cast, personas):
    ours = agreement(cast, title="Länsi-Uudenmaan sopimus")
    theirs = services.agreement_create(
        by=cast.ville,
        county=cast.network.vantaa_kerava,
        title="Vantaan sopimus",
        starts_on=date(2026, 1, 1),
    )
    client = Client()
    client.force_login(personas.leena)
    listing = client.get("/fi/admin/cooperation/agreement/")
    assert listing.status_code == 200
    html = listing.content.decode()
    assert "Länsi-Uudenmaan sopimus" in html and "Vantaan sopimus" not in html
    assert client.get(f"/fi/admin/cooperation/agreement/{theirs.pk}/change/").status_code in (
        302,
        403,
        404,
    )
    response = client.post(
        f"/fi/admin/cooperation/agreement/{ours.pk}/change/",
        {
            "county": cast.network.west_uusimaa.pk,
            "title": "Korjattu nimi",
            "purpose": "",
            "starts_on": "2026-01-01",
            "status": "in_force",
            "parties-TOTAL_FORMS": "0",
            "parties-INITIAL_FORMS": "0",
            "documents-TOTAL_FORMS": "0",
            "documents-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    change = Change.objects.filter(subject=f"agreement:{ours.pk}", action="change").get()
    assert change.actor_name == "Leena" and "title" in change.changes


def test_someone_who_maintains_no_county_has_no_cooperation_admin(cast, personas):
    agreement(cast)
    client = Client()
    client.force_login(personas.sari)  # maintains her NGO's data only
    assert client.get("/fi/admin/cooperation/agreement/").status_code == 403
