"""Who sees and who manages which records of the cooperation network: a table over the people of
the conftest, and the refusals as each of them meets them. An object outside one's rights is
answered as a missing one (404), a change one may not make is refused (403) with nothing
changed, and someone with no part in any network is told why (403)."""

from datetime import date

import pytest

from perhekeskus.cooperation import services
from perhekeskus.cooperation.models import (
    Agreement,
    AgreementParty,
    Change,
    ContactRole,
    Decision,
    DevelopmentPlan,
    NetworkMeeting,
)
from perhekeskus.errors import NotFound, PermissionDenied
from tests.cooperation.building import agreement, assign, pdf, role
from tests.families.html import parse

pytestmark = pytest.mark.django_db

BASE = "/fi/leading/cooperation/"


@pytest.fixture
def records(cast):
    network = cast.network
    with_espoo = agreement(
        cast, title="Espoon sopimus", parties=[network.county_org, cast.espoo_city]
    )
    services.document_upload(by=cast.maija, agreement_id=with_espoo.pk, upload=pdf())
    with_ngo = agreement(cast, title="Järjestön sopimus", parties=[network.county_org, network.ngo])
    vantaa = services.agreement_create(
        by=cast.ville,
        county=network.vantaa_kerava,
        title="Vantaan sopimus",
        starts_on=date(2026, 1, 1),
    )
    services.agreement_party_add(
        by=cast.ville, agreement_id=vantaa.pk, organisation_id=network.vantaa_org.pk
    )
    parish_role = role(cast, cast.parish)
    assign(cast, parish_role, professional=cast.pia)
    meeting = services.meeting_create(
        by=cast.maija,
        county=network.west_uusimaa,
        area=network.espoo_area,
        title="Leppävaaran verkosto",
        held_on=date(2026, 11, 3),
    )
    plan = services.plan_create(
        by=cast.maija,
        county=network.west_uusimaa,
        area=network.espoo_area,
        title="Leppävaaran kehittämissuunnitelma",
        starts_on=date(2026, 1, 1),
        ends_on=date(2027, 12, 31),
    )
    return {
        "with_espoo": with_espoo,
        "with_ngo": with_ngo,
        "vantaa": vantaa,
        "meeting": meeting,
        "plan": plan,
        "area": network.espoo_area,
    }


def url(records, what: str) -> str:
    if what in ("with_espoo", "with_ngo", "vantaa"):
        return f"{BASE}agreements/{records[what].pk}/"
    if what == "document":
        document = records["with_espoo"].documents.get()
        return f"{BASE}agreements/{records['with_espoo'].pk}/documents/{document.pk}/"
    if what == "area":
        return f"{BASE}areas/{records['area'].pk}/"
    if what == "meeting":
        return f"{BASE}meetings/{records['meeting'].pk}/"
    if what == "plan":
        return f"{BASE}plans/{records['plan'].pk}/"
    return (
        BASE
        + {
            "home": "",
            "agreement_new": "agreements/new/",
            "meeting_new": "meetings/new/",
            "plan_new": "plans/new/",
        }[what]
    )


# The status each person gets on each page; a 200 anywhere else would be a leak.
PAGES = (
    "home", "with_espoo", "with_ngo", "vantaa", "document", "area", "meeting", "plan",
    "agreement_new", "meeting_new", "plan_new",
)  # fmt: skip
SEES = {
    #         home with_espoo ngo vantaa doc area meeting plan new-agr new-meet new-plan
    "maija":  (200, 200, 200, 404, 200, 200, 200, 200, 200, 200, 200),
    "helena": (200, 200, 200, 404, 200, 200, 200, 200, 200, 200, 200),
    "eero":   (200, 200, 404, 404, 200, 200, 200, 200, 403, 403, 403),
    "outi":   (200, 404, 200, 404, 404, 403, 404, 404, 403, 403, 403),
    "pia":    (200, 404, 404, 404, 404, 200, 200, 200, 403, 403, 403),
    "ville":  (200, 404, 404, 200, 404, 403, 404, 404, 200, 200, 200),
    "aino":   (403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403),
}  # fmt: skip


@pytest.mark.parametrize("person", sorted(SEES))
def test_each_person_sees_exactly_the_records_their_roles_give(cast, records, client_of, person):
    client = client_of(getattr(cast, person))
    seen = {page: client.get(url(records, page)).status_code for page in PAGES}
    assert seen == dict(zip(PAGES, SEES[person], strict=True))


def test_a_refusal_says_why_in_the_readers_language(cast, records, client_of):
    response = client_of(cast.aino).get("/sv/leading/cooperation/")
    assert response.status_code == 403
    reason = parse(response).by_testid("refused-reason")[0].text
    assert reason.startswith("Samarbetsnätverkets sidor är till för välfärdsområdets ledare")
    assert parse(response).find_all("html")[0].get("lang") == "sv"


def test_a_record_out_of_reach_looks_exactly_like_a_missing_one(cast, records, client_of):
    client = client_of(cast.outi)
    hidden = client.get(url(records, "with_espoo"))
    missing = client.get(f"{BASE}agreements/999999/")
    assert hidden.status_code == missing.status_code == 404
    reason = lambda r: parse(r).by_testid("refused-reason")[0].text  # noqa: E731
    assert reason(hidden) == reason(missing)
    assert "Espoon sopimus" not in hidden.content.decode()


def test_an_area_out_of_reach_is_named_in_the_refusal(cast, records, client_of):
    response = client_of(cast.ville).get(url(records, "area"))
    assert response.status_code == 403
    assert cast.network.espoo_area.name_fi in parse(response).by_testid("refused-reason")[0].text
    assert "pia" not in response.content.decode().lower()


def test_anonymous_visitors_are_sent_to_the_login(records, client):
    for page in ("home", "with_espoo", "document", "area", "plan"):
        response = client.get(url(records, page))
        assert response.status_code == 302
        assert "/staff/login/" in response["Location"]


def test_half_logged_in_user_without_the_second_factor_gets_no_document(cast, records, client):
    client.force_login(cast.maija.user)
    response = client.get(url(records, "document"))
    assert response.status_code == 302 and "/staff/login/" in response["Location"]


def test_a_party_leader_reads_but_cannot_change_the_agreement(cast, records, client_of):
    client = client_of(cast.eero)
    page = client.get(url(records, "with_espoo"))
    assert page.status_code == 200
    html = page.content.decode()
    assert 'data-testid="party-form"' not in html and 'data-testid="document-form"' not in html
    before = AgreementParty.objects.count(), Change.objects.count()
    response = client.post(
        url(records, "with_espoo"),
        {"action": "party", "party-organisation": str(cast.network.ngo.pk)},
    )
    assert response.status_code == 403
    assert (AgreementParty.objects.count(), Change.objects.count()) == before


def test_another_countys_leader_cannot_change_what_they_cannot_see(cast, records, client_of):
    client = client_of(cast.ville)
    agreement_ = records["with_espoo"]
    response = client.post(
        url(records, "with_espoo"),
        {"action": "edit", "edit-title": "Kaapattu", "edit-starts_on": "2026-01-01"},
    )
    assert response.status_code == 404
    agreement_.refresh_from_db()
    assert agreement_.title == "Espoon sopimus"
    response = client.post(
        url(records, "area"),
        {"action": "role", "role-organisation": str(cast.parish.pk), "role-kind": "parish"},
    )
    assert response.status_code == 403
    assert ContactRole.objects.count() == 1


def test_contact_person_reads_the_network_but_names_nobody(cast, records, client_of):
    client = client_of(cast.pia)
    response = client.post(
        url(records, "area"),
        {"action": "role", "role-organisation": str(cast.parish.pk), "role-kind": "parish"},
    )
    assert response.status_code == 403
    assert ContactRole.objects.count() == 1


def test_an_ngos_coordinator_is_not_the_countys_coordinator(cast, records):
    with pytest.raises(PermissionDenied):
        services.agreement_create(
            by=cast.outi,
            county=cast.network.west_uusimaa,
            title="Oma sopimus",
            starts_on=date(2026, 1, 1),
        )
    assert not Agreement.objects.filter(title="Oma sopimus").exists()


def test_services_refuse_the_same_way_the_pages_do(cast, records):
    with pytest.raises(NotFound):
        services.agreement_party_add(
            by=cast.ville, agreement_id=records["with_espoo"].pk, organisation_id=cast.parish.pk
        )
    with pytest.raises(PermissionDenied):
        services.agreement_party_add(
            by=cast.eero, agreement_id=records["with_espoo"].pk, organisation_id=cast.parish.pk
        )
    with pytest.raises(PermissionDenied):
        services.meeting_create(
            by=cast.aino,
            county=cast.network.west_uusimaa,
            area=None,
            title="Kokous",
            held_on=date(2026, 12, 1),
        )
    with pytest.raises(NotFound):
        services.goal_add(
            by=cast.ville,
            plan_id=records["plan"].pk,
            text="Tavoite",
            indicator="searches_empty",
            baseline=10,
            target=5,
            period_start=date(2026, 1, 1),
            period_end=date(2026, 12, 31),
        )
    assert not DevelopmentPlan.objects.get().goals.exists()
    assert not NetworkMeeting.objects.filter(title="Kokous").exists()


def test_a_contact_person_whose_period_ended_loses_sight_of_the_network(cast, records, client_of):
    assignment = ContactRole.objects.get().people.get(professional=cast.pia)
    services.contact_end(
        by=cast.maija,
        area_id=cast.network.espoo_area.pk,
        assignment_id=assignment.pk,
        on=date(2026, 11, 30),
    )
    response = client_of(cast.pia).get(url(records, "area"))
    assert response.status_code == 403


def test_only_the_responsible_person_and_the_countys_managers_change_a_decision(
    cast, records, client_of
):
    decision = services.decision_add(
        by=cast.maija,
        meeting_id=records["meeting"].pk,
        text="Seurakunta selvittää kesän aukiolot.",
        responsible=cast.pia,
    )
    other = services.decision_add(
        by=cast.maija,
        meeting_id=records["meeting"].pk,
        text="Kaupunki varaa tilat.",
        responsible=cast.eero,
    )
    meeting_url = url(records, "meeting")
    pia = client_of(cast.pia)
    response = pia.post(
        meeting_url,
        {
            "action": "decision_status",
            "decision_status-id": decision.pk,
            "decision_status-status": "done",
        },
    )
    assert response.status_code == 302
    decision.refresh_from_db()
    assert decision.status == Decision.Status.DONE
    response = pia.post(
        meeting_url,
        {
            "action": "decision_status",
            "decision_status-id": other.pk,
            "decision_status-status": "done",
        },
    )
    assert response.status_code == 403
    other.refresh_from_db()
    assert other.status == Decision.Status.OPEN
    # Pia takes part but may not write the record.
    response = pia.post(meeting_url, {"action": "record", "record-record": "Muistio"})
    assert response.status_code == 403


@pytest.mark.parametrize(
    ("person", "shown"),
    [("maija", True), ("helena", True), ("eero", True), ("pia", True), ("aino", False)],
)
def test_the_leaders_navigation_links_the_network_for_those_who_take_part(
    cast, records, client_of, person, shown
):
    response = client_of(getattr(cast, person)).get("/fi/staff/inbox/")
    assert ('data-testid="nav-cooperation"' in response.content.decode()) is shown
