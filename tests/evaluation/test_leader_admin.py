"""Who may be a leader is kept in the admin: Olli (superuser) grants any leader role; Leena,
the West Uusimaa county's network maintainer, grants roles within her county only; Sari, an
NGO's maintainer, sees no leader roles at all. The usage counters are a read-only list for Olli."""

from datetime import date

import pytest

from perhekeskus.evaluation.models import LeaderRole, UsageCount
from perhekeskus.staff.models import Professional

pytestmark = pytest.mark.django_db

ROLES = "/fi/admin/evaluation/leaderrole/"
COUNTS = "/fi/admin/evaluation/usagecount/"


@pytest.fixture
def leaders(network, personas):
    west = Professional.objects.create(
        user=personas.aino,
        organisation=network.county_org,
        role=Professional.Role.LEADER,
        municipality=network.espoo,
    )
    vantaa_user = personas.veera
    vantaa = Professional.objects.create(
        user=vantaa_user,
        organisation=network.vantaa_org,
        role=Professional.Role.LEADER,
        municipality=network.vantaa,
    )
    return {
        "west": LeaderRole.objects.create(
            professional=west, county=network.west_uusimaa, may_plan=True
        ),
        "vantaa": LeaderRole.objects.create(professional=vantaa, municipality=network.vantaa),
    }


def test_olli_sees_and_grants_every_leader_role(client, personas, leaders, network):
    client.force_login(personas.olli)
    listing = client.get(ROLES)
    assert listing.status_code == 200
    assert listing.context["cl"].result_count == 2
    vantaa_leader = leaders["vantaa"].professional
    response = client.post(
        f"{ROLES}add/",
        {"professional": vantaa_leader.pk, "county": network.vantaa_kerava.pk, "may_plan": "on"},
    )
    assert response.status_code == 302
    assert LeaderRole.objects.filter(county=network.vantaa_kerava, may_plan=True).exists()


def test_leena_keeps_the_roles_of_her_county_only(client, personas, leaders, network):
    client.force_login(personas.leena)
    listing = client.get(ROLES)
    assert listing.status_code == 200
    assert list(listing.context["cl"].result_list) == [leaders["west"]]
    assert client.get(f"{ROLES}{leaders['vantaa'].pk}/change/").status_code in (302, 403, 404)

    form = client.get(f"{ROLES}add/").context["adminform"].form
    assert set(form.fields["county"].queryset) == {network.west_uusimaa}
    assert leaders["vantaa"].professional not in set(form.fields["professional"].queryset)

    refused = client.post(
        f"{ROLES}add/",
        {"professional": leaders["vantaa"].professional.pk, "county": network.vantaa_kerava.pk},
    )
    assert refused.status_code == 200  # the form shows the choices are not hers
    assert not LeaderRole.objects.filter(county=network.vantaa_kerava).exists()

    response = client.post(f"{ROLES}{leaders['west'].pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert not LeaderRole.objects.filter(pk=leaders["west"].pk).exists()


def test_a_role_needs_exactly_one_scope(client, personas, leaders, network):
    client.force_login(personas.olli)
    response = client.post(
        f"{ROLES}add/",
        {
            "professional": leaders["west"].professional.pk,
            "county": network.west_uusimaa.pk,
            "municipality": network.espoo.pk,
        },
    )
    assert response.status_code == 200
    assert LeaderRole.objects.count() == 2


def test_sari_an_ngo_maintainer_sees_no_leader_roles(client, personas, leaders):
    client.force_login(personas.sari)
    assert client.get(ROLES).status_code == 403
    assert client.get(f"{ROLES}{leaders['west'].pk}/change/").status_code == 403


def test_usage_counters_are_a_read_only_list_for_olli(client, personas, network):
    UsageCount.objects.create(day=date(2026, 3, 2), event="search", need="meeting_place", count=7)
    client.force_login(personas.olli)
    listing = client.get(COUNTS)
    assert listing.status_code == 200 and "meeting_place" in listing.content.decode()
    assert client.get(f"{COUNTS}add/").status_code == 403
    row = UsageCount.objects.get()
    assert client.post(f"{COUNTS}{row.pk}/delete/", {"post": "yes"}).status_code == 403
    assert UsageCount.objects.get().count == 7

    client.force_login(personas.leena)
    assert client.get(COUNTS).status_code == 403
