"""Writes through the API: a maintainer's token, the same scoping as the admin, history and
refusal of stale edits."""

import json

import pytest
from django.utils import timezone

from perhekeskus.network.models import Activity, ApiToken, ChangeRecord, Service, Site
from perhekeskus.network.tokens import api_token_authenticate, api_token_create, api_token_revoke

API = "/api/v1"


@pytest.fixture
def bearer(personas):
    def token_of(user):
        _token, plaintext = api_token_create(user=user, name="test")
        return {"Authorization": f"Bearer {plaintext}"}

    return token_of


def _patch(client, url, body, headers):
    return client.patch(url, body, content_type="application/json", headers=headers)


def _post(client, url, body, headers):
    return client.post(url, body, content_type="application/json", headers=headers)


def test_a_token_is_stored_only_as_a_hash_and_can_be_revoked(personas):
    token, plaintext = api_token_create(user=personas.sari, name="Kupla sync")
    assert plaintext not in (token.key_hash, token.prefix)
    assert plaintext.startswith(token.prefix)
    assert api_token_authenticate(plaintext) == personas.sari
    token.refresh_from_db()
    assert token.last_used_at is not None
    assert api_token_authenticate(plaintext + "x") is None
    api_token_revoke(token=token)
    assert api_token_authenticate(plaintext) is None


def test_sari_updates_her_ngo_s_service_and_the_change_is_recorded(
    client, network, personas, bearer
):
    cafe = network.family_cafe
    response = _patch(
        client,
        f"{API}/services/{cafe.hsds_id}",
        {"version": cafe.version, "summary": {"fi": "Avoinna tiistaisin", "sv": "Öppet tisdagar"}},
        bearer(personas.sari),
    )
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["summary"] == {"fi": "Avoinna tiistaisin", "sv": "Öppet tisdagar", "en": ""}
    assert body["name"]["fi"] == "Perhekahvila Kupla"
    assert body["version"] == cafe.version + 1
    record = ChangeRecord.objects.get(object_id=str(cafe.pk), action="change")
    assert record.actor.username == "sari"
    assert record.changes["summary_fi"][1] == "Avoinna tiistaisin"
    public = client.get(f"{API}/services/{cafe.hsds_id}").json()
    assert public["summary"]["sv"] == "Öppet tisdagar"


def test_sari_s_token_does_not_reach_the_county_clinic(client, network, personas, bearer):
    clinic = network.child_health_clinic
    response = _patch(
        client,
        f"{API}/services/{clinic.hsds_id}",
        {"version": clinic.version, "name": {"fi": "Kaapattu"}},
        bearer(personas.sari),
    )
    assert response.status_code == 404
    assert response.json()["code"] == "not_found"
    clinic.refresh_from_db()
    assert clinic.name_fi == "Lastenneuvola, Leppävaara"
    deleted = client.delete(f"{API}/services/{clinic.hsds_id}", headers=bearer(personas.sari))
    assert deleted.status_code == 404
    assert Service.objects.filter(pk=clinic.pk).exists()


def test_without_a_token_writes_are_refused_with_401(client, network):
    cafe = network.family_cafe
    response = _patch(client, f"{API}/services/{cafe.hsds_id}", {"version": 1}, {})
    assert response.status_code == 401
    assert response.json()["code"] == "not_authenticated"
    assert response["WWW-Authenticate"] == "Bearer"
    wrong = _patch(
        client,
        f"{API}/services/{cafe.hsds_id}",
        {"version": 1},
        {"Authorization": "Bearer pk_not-a-real-token"},
    )
    assert wrong.status_code == 401


def test_a_revoked_token_is_refused(client, network, personas):
    token, plaintext = api_token_create(user=personas.sari, name="old")
    api_token_revoke(token=token)
    response = client.delete(
        f"{API}/services/{network.family_cafe.hsds_id}",
        headers={"Authorization": f"Bearer {plaintext}"},
    )
    assert response.status_code == 401
    assert ApiToken.objects.get(pk=token.pk).revoked_at <= timezone.now()


def test_a_stale_edit_is_refused_with_409_and_the_first_save_stands(
    client, network, personas, bearer
):
    cafe = network.family_cafe
    url = f"{API}/services/{cafe.hsds_id}"
    first = _patch(client, url, {"version": cafe.version, "phone": "09 123"}, bearer(personas.sari))
    assert first.status_code == 200
    second = _patch(
        client, url, {"version": cafe.version, "phone": "09 999"}, bearer(personas.leena)
    )
    assert second.status_code == 409
    assert second.json()["code"] == "stale_edit"
    cafe.refresh_from_db()
    assert cafe.phone == "09 123"


def test_sari_creates_a_service_for_her_ngo(client, network, personas, bearer):
    response = _post(
        client,
        f"{API}/services",
        {
            "organisation": str(network.ngo.hsds_id),
            "name": {"fi": "Isä-lapsi-kerho", "sv": "Pappa-barn-klubb"},
            "service_types": ["meeting_place"],
            "sites": [str(network.meeting_place.hsds_id)],
            "min_age_months": -3,
            "max_age_months": 36,
            "channels": ["in_person"],
            "languages": ["fi", "sv"],
        },
        bearer(personas.sari),
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["sites"] == [str(network.meeting_place.hsds_id)]
    created = Service.objects.get(hsds_id=body["id"])
    assert created.status == Service.Status.DRAFT
    assert created.name == "Isä-lapsi-kerho"
    assert ChangeRecord.objects.filter(object_id=str(created.pk), action="create").exists()
    # A draft is not public until published.
    assert client.get(f"{API}/services/{body['id']}").status_code == 404


def test_creating_for_another_organisation_looks_like_a_missing_one(
    client, network, personas, bearer
):
    response = _post(
        client,
        f"{API}/services",
        {
            "organisation": str(network.vantaa_org.hsds_id),
            "name": {"fi": "Vieras palvelu"},
            "service_types": ["family_work"],
        },
        bearer(personas.sari),
    )
    assert response.status_code == 404
    assert not Service.objects.filter(name_fi="Vieras palvelu").exists()


def test_a_user_without_a_maintainer_role_may_not_create(client, network, personas, bearer):
    response = _post(
        client,
        f"{API}/sites",
        {
            "kind": "meeting_place",
            "name": {"fi": "Ainon paikka"},
            "operator": str(network.ngo.hsds_id),
            "municipality": "049",
        },
        bearer(personas.aino),
    )
    assert response.status_code == 403
    assert response.json()["code"] == "forbidden"
    cafe = network.family_cafe
    patched = _patch(
        client, f"{API}/services/{cafe.hsds_id}", {"version": 1}, bearer(personas.aino)
    )
    assert patched.status_code == 404


def test_sari_cannot_move_her_service_to_another_organisation(client, network, personas, bearer):
    cafe = network.family_cafe
    response = _patch(
        client,
        f"{API}/services/{cafe.hsds_id}",
        {"version": cafe.version, "organisation": str(network.vantaa_org.hsds_id)},
        bearer(personas.sari),
    )
    assert response.status_code == 404
    cafe.refresh_from_db()
    assert cafe.organisation == network.ngo


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"min_age_months": 24, "max_age_months": 12}, "__all__"),
        ({"email": "not an email"}, "email"),
        ({"service_types": ["no_such_type"]}, "service_types"),
        ({"languages": ["Finnish"]}, "languages"),
        ({"name": {"fi": ""}}, "name"),
        ({"referral_required": None}, "referral_required"),
    ],
)
def test_invalid_data_is_refused_with_a_reason_per_field(
    client, network, personas, bearer, body, field
):
    cafe = network.family_cafe
    response = _patch(
        client,
        f"{API}/services/{cafe.hsds_id}",
        {"version": cafe.version, **body},
        bearer(personas.sari),
    )
    assert response.status_code == 400, response.content
    error = response.json()
    assert error["code"] == "invalid"
    assert field in json.dumps(error["details"])
    cafe.refresh_from_db()
    assert cafe.version == 1


def test_a_payload_that_does_not_match_the_schema_is_refused_in_swedish(
    client, network, personas, bearer
):
    response = client.post(
        f"{API}/activities?lang=sv",
        "{not json",
        content_type="application/json",
        headers=bearer(personas.sari),
    )
    assert response.status_code == 400
    assert response.json()["code"] == "invalid"
    missing = _post(client, f"{API}/activities", {"title": {"fi": "x"}}, bearer(personas.sari))
    assert missing.status_code == 400
    fields = {d["field"] for d in missing.json()["details"]}
    assert "body.payload.site" in fields


def test_sari_adds_a_weekly_activity_and_it_appears_in_the_calendar(
    client, network, personas, bearer
):
    response = _post(
        client,
        f"{API}/activities",
        {
            "site": str(network.meeting_place.hsds_id),
            "organiser": str(network.ngo.hsds_id),
            "service": str(network.family_cafe.hsds_id),
            "kind": "family_club",
            "title": {"fi": "Vauvajumppa", "sv": "Babygympa"},
            "starts_on": "2026-09-02",
            "start_time": "13:00",
            "end_time": "14:00",
            "rrule": "FREQ=WEEKLY;BYDAY=WE",
            "cancelled_dates": ["2026-09-09"],
        },
        bearer(personas.sari),
    )
    assert response.status_code == 201, response.content
    activity = Activity.objects.get(hsds_id=response.json()["id"])
    calendar = client.get(
        f"{API}/activities/{activity.hsds_id}/occurrences",
        {"from": "2026-09-01", "to": "2026-09-30"},
    ).json()
    assert [o["date"] for o in calendar["occurrences"]] == [
        "2026-09-02",
        "2026-09-16",
        "2026-09-23",
        "2026-09-30",
    ]


def test_an_unusable_recurrence_rule_is_refused(client, network, personas, bearer):
    activity = network.cafe_activity
    response = _patch(
        client,
        f"{API}/activities/{activity.hsds_id}",
        {"version": activity.version, "rrule": "every other tuesday"},
        bearer(personas.sari),
    )
    assert response.status_code == 400
    assert "rrule" in response.json()["details"]


def test_leena_edits_and_deletes_a_site_in_her_county(client, network, personas, bearer):
    site = network.meeting_place
    url = f"{API}/sites/{site.hsds_id}"
    patched = _patch(
        client,
        url,
        {"version": site.version, "pram_parking": True, "latitude": 60.22},
        bearer(personas.leena),
    )
    assert patched.status_code == 200, patched.content
    assert patched.json()["pram_parking"] is True
    stale = client.delete(f"{url}?version=1", headers=bearer(personas.leena))
    assert stale.status_code == 409
    gone = client.delete(f"{url}?version=2", headers=bearer(personas.leena))
    assert gone.status_code == 204
    assert not Site.objects.filter(pk=site.pk).exists()
    assert ChangeRecord.objects.filter(object_id=str(site.pk), action="delete").exists()
