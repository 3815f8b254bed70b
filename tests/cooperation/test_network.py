"""The contact-person network of an area: named roles per organisation, the contact person and
the deputies in order, each for a period; the page shows the network and its gaps (a role
without a person, a person whose period ended, a contact whose account is closed)."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from perhekeskus.cooperation import selectors, services
from perhekeskus.cooperation.access import cooperation_scopes
from perhekeskus.cooperation.models import ContactAssignment, ContactRole
from perhekeskus.cooperation.selectors import Gap
from perhekeskus.errors import InvalidInput
from tests.cooperation.building import assign, role
from tests.families.html import parse

pytestmark = pytest.mark.django_db

DEPUTY = ContactAssignment.Standing.DEPUTY


def network_page(cast, person=None):
    return selectors.area_network(
        scopes=cooperation_scopes(person or cast.maija),
        area_id=cast.network.espoo_area.pk,
        today=timezone.localdate(),
    )


def test_coordinator_names_a_contact_person_and_deputies_in_order(cast, client_of):
    client = client_of(cast.maija)
    address = f"/fi/leading/cooperation/areas/{cast.network.espoo_area.pk}/"
    response = client.post(
        address,
        {"action": "role", "role-organisation": str(cast.parish.pk), "role-kind": "parish"},
    )
    assert response.status_code == 302
    parish_role = ContactRole.objects.get()
    for standing, person in (
        ("contact", {"assign-professional": str(cast.pia.pk)}),
        ("deputy", {"assign-name": "Pekka Pappila", "assign-phone": "040 111 2222"}),
        ("deputy", {"assign-name": "Outi Organisti", "assign-email": "outi@seurakunta.example"}),
    ):
        response = client.post(
            address,
            {
                "action": "assign",
                "assign-role": str(parish_role.pk),
                "assign-standing": standing,
                "assign-valid_from": "2026-01-01",
                **person,
            },
        )
        assert response.status_code == 302, response.content.decode()[:2000]

    page = parse(client.get(address))
    row = page.by_testid("role")[0]
    assert "Pia" in row.by_testid("role-contact")[0].text
    deputies = [d.by_testid("person-name")[0].text for d in row.by_testid("deputy")]
    assert deputies == ["Pekka Pappila", "Outi Organisti"]
    assert page.by_testid("gaps-none")


def test_a_role_without_a_person_is_a_gap(cast):
    role(cast, cast.parish)
    (gap,) = network_page(cast).gaps
    assert gap.gap == Gap.NO_PERSON


def test_a_contact_whose_period_ended_is_a_gap_until_someone_follows(cast, client_of):
    today = timezone.localdate()
    parish_role = role(cast, cast.parish)
    assign(
        cast,
        parish_role,
        name="Sanna Seurakunta",
        phone="040 1",
        valid_from=date(2025, 1, 1),
        valid_until=today - timedelta(days=1),
    )
    (gap,) = network_page(cast).gaps
    assert gap.gap == Gap.ENDED and gap.ended_contact.name == "Sanna Seurakunta"
    page = parse(
        client_of(cast.maija).get(f"/fi/leading/cooperation/areas/{cast.network.espoo_area.pk}/")
    )
    assert page.by_testid("gap")[0].get("data-gap") == "ended"
    assert "Sanna Seurakunta" in page.by_testid("gap")[0].text

    assign(cast, parish_role, professional=cast.pia, valid_from=today)
    assert network_page(cast).gaps == ()


def test_a_contact_whose_account_is_closed_is_a_gap(cast):
    parish_role = role(cast, cast.parish)
    assign(cast, parish_role, professional=cast.pia)
    cast.pia.user.is_active = False
    cast.pia.user.save()
    (gap,) = network_page(cast).gaps
    assert gap.gap == Gap.ACCOUNT_CLOSED


def test_a_deputys_ended_period_leaves_the_others_in_order(cast):
    today = timezone.localdate()
    parish_role = role(cast, cast.parish)
    assign(cast, parish_role, professional=cast.pia)
    first = assign(cast, parish_role, standing=DEPUTY, name="Eka", phone="1")
    assign(cast, parish_role, standing=DEPUTY, name="Toka", phone="2")
    services.contact_end(
        by=cast.maija,
        area_id=cast.network.espoo_area.pk,
        assignment_id=first.pk,
        on=today - timedelta(days=1),
    )
    (view,) = network_page(cast).roles
    assert [d.name for d in view.deputies] == ["Toka"]
    assert [p.name for p in view.ended] == ["Eka"]


def test_someone_without_an_account_needs_a_phone_or_an_email(cast):
    parish_role = role(cast, cast.parish)
    with pytest.raises(InvalidInput) as refused:
        assign(cast, parish_role, name="Nimetön Yhteystieto")
    assert "phone" in refused.value.details


def test_a_professional_of_another_county_cannot_be_named(cast):
    parish_role = role(cast, cast.parish)
    with pytest.raises(InvalidInput):
        assign(cast, parish_role, professional=cast.ville)


def test_an_organisation_leader_sees_the_networks_their_organisation_has_a_role_in(cast):
    assert network_page(cast, cast.maija).roles == ()
    role(cast, cast.network.ngo, ContactRole.Kind.NGO)
    assert [r.role.organisation for r in network_page(cast, cast.outi).roles] == [cast.network.ngo]
    assert not network_page(cast, cast.outi).may_manage


def test_the_overview_counts_roles_and_gaps_per_area(cast, client_of):
    role(cast, cast.parish)
    assign(cast, role(cast, cast.network.ngo, ContactRole.Kind.NGO), name="Jaana", phone="1")
    (line,) = selectors.network_areas(
        scopes=cooperation_scopes(cast.maija), today=timezone.localdate()
    )
    assert (line.roles, line.gaps) == (2, 1)
