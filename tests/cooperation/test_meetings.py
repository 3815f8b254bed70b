"""Meetings of the cooperation network (not client meetings): the date, the area or the county,
the participants, the agenda and the record, and decisions each with a person responsible, a due
date and a status; a decision that concerns the development plan is carried into it."""

from datetime import date

import pytest

from perhekeskus.cooperation import services
from perhekeskus.cooperation.models import Decision, NetworkMeeting
from perhekeskus.errors import InvalidInput, StaleEdit
from perhekeskus.network.models import Area
from tests.families.html import parse

pytestmark = pytest.mark.django_db

BASE = "/fi/leading/cooperation/"


def test_coordinator_records_a_meeting_its_minutes_and_decisions_into_the_plan(cast, client_of):
    client = client_of(cast.maija)
    network = cast.network
    plan = services.plan_create(
        by=cast.maija,
        county=network.west_uusimaa,
        area=network.espoo_area,
        title="Kehittämissuunnitelma",
        starts_on=date(2026, 1, 1),
        ends_on=date(2027, 12, 31),
    )
    response = client.post(
        f"{BASE}meetings/new/",
        {
            "county": str(network.west_uusimaa.pk),
            "area": str(network.espoo_area.pk),
            "title": "Verkoston kokous",
            "held_on": "2026-11-20",
            "participants": [str(cast.pia.pk), str(cast.eero.pk)],
            "organisations": [str(cast.parish.pk)],
            "other_participants": "Jaana Järjestö, järjestö",
            "agenda": "1. Kuulumiset",
        },
    )
    assert response.status_code == 302
    meeting = NetworkMeeting.objects.get()
    address = response["Location"]
    response = client.post(
        address,
        {
            "action": "record",
            "record-version": meeting.version,
            "record-agenda": "1. Kuulumiset",
            "record-record": "Todettiin kesän aukiolot.",
        },
    )
    assert response.status_code == 302
    response = client.post(
        address,
        {
            "action": "decision",
            "decision-text": "Seurakunta pitää kahvilan auki heinäkuussa.",
            "decision-responsible": str(cast.pia.pk),
            "decision-due_on": "2027-06-01",
            "decision-plan": str(plan.pk),
        },
    )
    assert response.status_code == 302

    page = parse(client.get(address))
    assert page.by_testid("record")[0].text == "Todettiin kesän aukiolot."
    names = [p.text for p in page.by_testid("participant")]
    assert any("Pia" in n for n in names) and "Jaana Järjestö, järjestö" in names
    decision = page.by_testid("decision")[0]
    assert "heinäkuussa" in decision.text and "Pia" in decision.text and "1.6.2027" in decision.text
    plan_page = parse(client.get(f"{BASE}plans/{plan.pk}/"))
    assert "heinäkuussa" in plan_page.by_testid("plan-decision")[0].text
    # Pia is responsible: the decision waits for her on the overview.
    overview = parse(client_of(cast.pia).get(BASE))
    assert "heinäkuussa" in overview.by_testid("my-decisions")[0].text


def test_a_decision_names_who_sees_to_it(cast, client_of):
    meeting = services.meeting_create(
        by=cast.maija,
        county=cast.network.west_uusimaa,
        area=None,
        title="K",
        held_on=date(2026, 11, 1),
    )
    with pytest.raises(InvalidInput):
        services.decision_add(by=cast.maija, meeting_id=meeting.pk, text="Jotain")
    response = client_of(cast.maija).post(
        f"{BASE}meetings/{meeting.pk}/", {"action": "decision", "decision-text": "Jotain"}
    )
    assert response.status_code == 400
    assert parse(response).by_id("id_decision-text").text == "Jotain"
    assert not Decision.objects.exists()


def test_a_decision_goes_only_into_a_plan_of_the_same_county(cast):
    meeting = services.meeting_create(
        by=cast.maija,
        county=cast.network.west_uusimaa,
        area=None,
        title="K",
        held_on=date(2026, 11, 1),
    )
    other = services.plan_create(
        by=cast.ville, county=cast.network.vantaa_kerava, area=None, title="Vantaa",
        starts_on=date(2026, 1, 1), ends_on=date(2026, 12, 31),
    )  # fmt: skip
    with pytest.raises(InvalidInput):
        services.decision_add(
            by=cast.maija,
            meeting_id=meeting.pk,
            text="X",
            responsible_text="Joku",
            plan_id=other.pk,
        )


def test_two_editors_of_the_record_do_not_overwrite_each_other(cast):
    meeting = services.meeting_create(
        by=cast.maija,
        county=cast.network.west_uusimaa,
        area=None,
        title="K",
        held_on=date(2026, 11, 1),
    )
    read = meeting.version
    services.meeting_record(
        by=cast.helena, meeting_id=meeting.pk, version=read, agenda="", record="Helenan"
    )
    with pytest.raises(StaleEdit):
        services.meeting_record(
            by=cast.maija, meeting_id=meeting.pk, version=read, agenda="", record="Maijan"
        )
    meeting.refresh_from_db()
    assert meeting.record == "Helenan"


def test_the_area_of_a_meeting_must_be_the_countys(cast, network):
    vantaa_area = Area.objects.create(county=network.vantaa_kerava, name="Tikkurila")
    with pytest.raises(InvalidInput):
        services.meeting_create(
            by=cast.maija,
            county=network.west_uusimaa,
            area=vantaa_area,
            title="K",
            held_on=date(2026, 11, 1),
        )


def test_a_county_meeting_is_seen_by_the_countys_municipality_leaders(cast, client_of):
    meeting = services.meeting_create(
        by=cast.maija,
        county=cast.network.west_uusimaa,
        area=None,
        title="Koko maakunta",
        held_on=date(2026, 11, 1),
    )
    assert client_of(cast.eero).get(f"{BASE}meetings/{meeting.pk}/").status_code == 200
    assert client_of(cast.ville).get(f"{BASE}meetings/{meeting.pk}/").status_code == 404
