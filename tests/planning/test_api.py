"""POST /api/v1/planning/proposals: with a token or a verified professional's session, for a
leader who may plan the county; every refusal a 4xx with a reason, never a 500."""

import pytest

from perhekeskus.network.tokens import api_token_create
from tests.professionals import login_professional

pytestmark = pytest.mark.django_db

URL = "/api/v1/planning/proposals"


def _token(professional) -> dict[str, str]:
    _, plaintext = api_token_create(user=professional.user, name="planning")
    return {"HTTP_AUTHORIZATION": f"Bearer {plaintext}"}


def _post(client, body, **headers):
    return client.post(URL, body, content_type="application/json", **headers)


def test_a_planner_with_a_token_gets_areas_with_members_figures_and_coverage(
    client, planner, uusimaa_sites
):
    response = _post(
        client, {"county": "03", "options": {"new_meeting_places": 2}}, **_token(planner)
    )
    assert response.status_code == 200
    body = response.json()
    assert body["county_code"] == "03"
    assert body["options"]["new_meeting_places"] == 2
    areas = body["areas"]
    assert len(areas) >= 8
    kauniainen = next(a for a in areas if "235" in a["municipality_codes"])
    assert kauniainen["postal_codes"] and kauniainen["in_band"]
    assert {m["kind"] for m in kauniainen["members"]} == {"municipality", "postal_area"}
    assert kauniainen["sites"][0]["name"] == "Kauniaisten perhekahvila"
    assert all(
        {"population", "children", "family_centres", "meeting_places"} <= a.keys() for a in areas
    )
    coverage = body["coverage"]
    assert coverage["meeting_place_share"] <= coverage["meeting_place_share_after"]
    assert len(body["suggested_meeting_places"]) == 2
    assert len(body["comparison"]) == len(areas)
    assert body["in_use_count"] == 1


def test_a_verified_professional_session_works_too(client, planner):
    login_professional(client, planner)
    response = _post(client, {"county": "04"})
    assert response.status_code == 403  # she plans West Uusimaa, not Vantaa and Kerava
    response = _post(client, {"county": "03", "options": {"new_meeting_places": 0}})
    assert response.status_code == 200
    assert response.json()["suggested_meeting_places"] == []


def test_without_credentials_the_answer_is_401(client, network):
    response = _post(client, {"county": "03"})
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Bearer"
    response = _post(client, {"county": "03"}, HTTP_AUTHORIZATION="Bearer pk_wrong")
    assert response.status_code == 401


def test_a_token_of_someone_who_is_not_a_professional_is_refused(client, personas):
    _, plaintext = api_token_create(user=personas.olli, name="admin")
    response = _post(client, {"county": "03"}, HTTP_AUTHORIZATION=f"Bearer {plaintext}")
    assert response.status_code == 403
    assert response.json()["code"] == "forbidden"


def test_a_professional_without_a_leader_role_is_refused_with_the_reason(client, not_leader):
    response = _post(client, {"county": "03"}, **_token(not_leader))
    assert response.status_code == 403
    assert response.json()["message"]


def test_a_leader_without_the_right_to_plan_is_refused(client, leader_no_plan):
    response = _post(client, {"county": "03"}, **_token(leader_no_plan))
    assert response.status_code == 403


def test_an_unknown_county_is_404(client, planner):
    response = _post(client, {"county": "77"}, **_token(planner))
    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


@pytest.mark.parametrize(
    "options,field",
    [
        ({"band_min": 55000, "band_max": 35000}, "band_max"),
        ({"meeting_place_km": -2}, "meeting_place_km"),
        ({"family_centre_km": 0}, "family_centre_km"),
        ({"new_meeting_places": 500}, "new_meeting_places"),
    ],
)
def test_options_that_make_no_sense_are_400_with_the_field(client, planner, options, field):
    response = _post(client, {"county": "03", "options": options}, **_token(planner))
    assert response.status_code == 400
    assert field in response.json()["details"]


@pytest.mark.parametrize(
    "body",
    [
        "not json",
        '{"county": 3, "options": "wide"}',
        '{"options": {}}',
        '{"county": "03", "options": {"band_min": "lots"}}',
        '{"county": "03", "options": {"meeting_place_km": 1e400}}',
        '{"county": "\\u0000"}',
    ],
)
def test_malformed_requests_are_400_or_404_never_500(client, planner, body):
    response = client.post(URL, body, content_type="application/json", **_token(planner))
    assert 400 <= response.status_code < 500


def test_the_openapi_document_still_builds_and_lists_the_planning_route(client):
    schema = client.get("/api/v1/openapi.json").json()
    assert "post" in schema["paths"]["/api/v1/planning/proposals"]


def test_a_session_without_the_csrf_token_is_refused(planner):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    login_professional(client, planner)
    response = _post(client, {"county": "03"})
    assert response.status_code == 403
