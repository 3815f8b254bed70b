"""GET /api/v1/indicators: for leaders only (a token or a verified session), their own scopes
only, with reasons for what is refused, texts in the caller's language, and no suppressed
number anywhere in the JSON."""

import json
import re
from datetime import date

import pytest
from django.test import Client
from django.utils import translation

from perhekeskus.evaluation.access import leader_scopes
from perhekeskus.evaluation.indicators import SPEC_BY_CODE, Period
from perhekeskus.evaluation.selectors import period_default, period_parse, scope_choices
from perhekeskus.network.tokens import api_token_create
from perhekeskus.processes.models import ClientProcess
from tests.evaluation.building import processes
from tests.referrals.around import professional

pytestmark = pytest.mark.django_db

URL = "/api/v1/indicators"
MARCH = {"from": "2026-03-01", "to": "2026-03-31"}


def _get(client: Client, **params: str):
    return client.get(URL, params, secure=True)


def _bearer(user) -> Client:
    _token, plaintext = api_token_create(user=user, name="dashboard")
    return Client(HTTP_AUTHORIZATION=f"Bearer {plaintext}")


def test_without_a_token_or_a_session_the_answer_is_401(network):
    response = _get(Client(), scope="county", id="03")
    assert response.status_code == 401
    assert response.json()["code"] == "not_authenticated"


def test_a_county_leader_with_a_token_gets_every_indicator_with_its_definition(network, helena):
    response = _get(_bearer(helena.user), scope="county", id="03", **MARCH)
    assert response.status_code == 200
    body = response.json()
    assert body["scope"] == {"kind": "county", "id": "03", "label": network.west_uusimaa.name}
    assert body["period"] == {"from": "2026-03-01", "to": "2026-03-31"}
    codes = [i["code"] for i in body["indicators"]]
    assert codes == list(SPEC_BY_CODE)
    for item in body["indicators"]:
        assert set(item) >= {"code", "label", "value", "unit", "suppressed", "definition"}
        assert item["definition"]
    assert response["Cache-Control"] == "private, no-store"


def test_a_leader_logged_in_with_the_second_factor_may_use_the_session(helena_client):
    response = _get(helena_client, scope="county", id="03", **MARCH)
    assert response.status_code == 200


def test_labels_and_definitions_come_in_the_language_asked_for(helena):
    client = _bearer(helena.user)
    for lang in ("fi", "sv", "en"):
        body = _get(client, scope="county", id="03", lang=lang, **MARCH).json()
        item = next(i for i in body["indicators"] if i["code"] == "referrals_loop_closed")
        with translation.override(lang):
            spec = SPEC_BY_CODE["referrals_loop_closed"]
            assert item["label"] == str(spec.label)
            assert item["definition"] == str(spec.definition)


def test_a_professional_without_a_leader_role_is_refused_with_a_reason(aino_no_role):
    response = _get(_bearer(aino_no_role.user), scope="county", id="03")
    assert response.status_code == 403
    assert response.json()["message"]


def test_a_token_of_a_user_who_is_no_professional_is_refused(personas):
    response = _get(_bearer(personas.leena), scope="county", id="03")
    assert response.status_code == 403


def test_a_municipal_leader_may_not_see_another_municipality(network, eero):
    client = _bearer(eero.user)
    assert _get(client, scope="municipality", id=network.espoo.code).status_code == 200
    refused = _get(client, scope="municipality", id=network.vantaa.code)
    assert refused.status_code == 403
    assert refused.json()["code"] == "forbidden"
    # The county they lead together with the other municipalities: allowed.
    assert _get(client, scope="county", id="03").status_code == 200


def test_an_organisation_leader_sees_only_their_organisation(network, outi):
    client = _bearer(outi.user)
    assert _get(client, scope="organisation", id=str(network.ngo.hsds_id)).status_code == 200
    assert _get(client, scope="organisation", id=str(network.county_org.hsds_id)).status_code == 403
    assert _get(client, scope="county", id="03").status_code == 403


@pytest.mark.parametrize(
    ("params", "status"),
    [
        ({"scope": "country", "id": "03"}, 400),
        ({"scope": "county", "id": ""}, 400),
        ({"scope": "county", "id": "99"}, 404),
        ({"scope": "area", "id": "not-a-uuid"}, 400),
        ({"scope": "area", "id": "6f1c1f9e-7d1a-4b7e-9c55-0d6f1b1f3a10"}, 404),
        ({"scope": "organisation", "id": "6f1c1f9e-7d1a-4b7e-9c55-0d6f1b1f3a10"}, 404),
        ({"scope": "municipality", "id": "999"}, 404),
        ({"scope": "county", "id": "03", "from": "2026-13-01"}, 400),
        ({"scope": "county", "id": "03", "from": "2026-04-01", "to": "2026-03-31"}, 400),
        ({"scope": "county", "id": "03", "from": "2026-03", "to": "2026-02"}, 400),
        ({"scope": "county", "id": "03", "from": "2026-02-30"}, 400),
        ({"scope": "county", "id": "03", "from": "March"}, 400),
        ({"scope": "county", "id": "03", "from": "2019-01-01", "to": "2026-03-01"}, 400),
        ({"scope": "county", "id": "03\x00"}, 400),
    ],
)
def test_bad_input_gets_a_reason_and_never_a_server_error(helena, params, status):
    response = _get(_bearer(helena.user), lang="en", **params)
    assert response.status_code == status
    body = response.json()
    assert body["message"]
    assert body["code"] in ("invalid", "not_found")


def test_without_a_period_the_last_twelve_full_months_are_shown(helena):
    body = _get(_bearer(helena.user), scope="county", id="03").json()
    assert body["period"]["from"].endswith("-01")
    assert body["period"]["from"] < body["period"]["to"]


def test_a_count_of_three_never_appears_in_the_json(network, helena):
    processes(network.county_org, 3, kind=ClientProcess.Kind.FAMILY_CENTRE_TEAM)
    body = _get(_bearer(helena.user), scope="county", id="03", **MARCH).json()
    item = next(i for i in body["indicators"] if i["code"] == "processes_by_kind")
    assert item["value"] is None and item["suppressed"] is True
    assert all(row["value"] in (None, 0) for row in item["breakdown"])
    # No number 1–4 anywhere among the client and feedback figures.
    for item in body["indicators"]:
        if item["group"] in ("client_processes", "feedback"):
            values = [item["value"], *(row["value"] for row in item["breakdown"])]
            assert not any(isinstance(v, int | float) and 0 < v < 5 for v in values), item
    text = json.dumps(body)
    assert not re.search(r'"value": 3[,}]', text)


def test_the_openapi_document_describes_the_endpoint(network):
    response = Client().get("/api/v1/openapi.json", secure=True)
    assert response.status_code == 200
    operation = response.json()["paths"]["/api/v1/indicators"]["get"]
    names = {p["name"] for p in operation["parameters"]}
    assert {"scope", "id", "from", "to"} <= names


def test_an_inactive_leader_is_refused(helena):
    client = _bearer(helena.user)
    helena.user.is_active = False
    helena.user.save()
    assert _get(client, scope="county", id="03").status_code == 401


def test_a_leader_of_two_counties_cannot_reach_a_third(network, helena):
    # Vantaa–Kerava is not Helena's.
    assert _get(_bearer(helena.user), scope="county", id="04").status_code == 403
    worker = professional("vk_leader", network.vantaa_org, "leader", network.vantaa)
    from perhekeskus.evaluation.models import LeaderRole

    LeaderRole.objects.create(professional=worker, county=network.vantaa_kerava)
    assert _get(_bearer(worker.user), scope="county", id="04").status_code == 200
    assert _get(_bearer(worker.user), scope="county", id="03").status_code == 403


def test_the_default_period_is_the_last_twelve_full_months():
    assert period_default(today=date(2026, 12, 3)) == Period(date(2025, 12, 1), date(2026, 11, 30))
    assert period_default(today=date(2026, 1, 1)) == Period(date(2025, 1, 1), date(2025, 12, 31))


def test_a_period_with_only_a_start_runs_a_year_at_most_up_to_this_month():
    today = date(2026, 12, 3)
    assert period_parse(start="2026-06", end=None, today=today) == Period(
        date(2026, 6, 1), date(2026, 12, 31)
    )
    assert period_parse(start=None, end="2026-03", today=today) == Period(
        date(2025, 4, 1), date(2026, 3, 31)
    )


def test_periods_are_whole_months_so_a_day_apart_reveals_nothing():
    today = date(2026, 12, 3)
    months = Period(date(2026, 1, 1), date(2026, 3, 31))
    assert period_parse(start="2026-01", end="2026-03", today=today) == months
    # Dates are widened to their whole months: a day more or less asks for the same months.
    assert period_parse(start="2026-01-02", end="2026-03-30", today=today) == months
    assert period_parse(start="2026-01-01", end="2026-03-31", today=today) == months


def test_the_api_widens_dates_to_whole_months_and_says_which(helena):
    one_day_less = _get(
        _bearer(helena.user), scope="county", id="03", **{"from": "2026-03-02", "to": "2026-03-30"}
    ).json()
    whole_month = _get(
        _bearer(helena.user), scope="county", id="03", **{"from": "2026-03", "to": "2026-03"}
    ).json()
    assert (
        one_day_less["period"]
        == whole_month["period"]
        == {
            "from": "2026-03-01",
            "to": "2026-03-31",
        }
    )
    assert one_day_less["indicators"] == whole_month["indicators"]


def test_a_county_leader_may_pick_the_county_its_areas_municipalities_and_organisations(
    network, helena
):
    choices = scope_choices(scopes=leader_scopes(helena))
    kinds = [s.kind for s in choices]
    assert kinds == sorted(kinds, key=["county", "area", "municipality", "organisation"].index)
    assert ("county", "03") in {(s.kind, s.key) for s in choices}
    assert ("area", str(network.espoo_area.hsds_id)) in {(s.kind, s.key) for s in choices}
    assert ("organisation", str(network.ngo.hsds_id)) in {(s.kind, s.key) for s in choices}
    assert ("county", "04") not in {(s.kind, s.key) for s in choices}
    assert ("organisation", str(network.vantaa_org.hsds_id)) not in {
        (s.kind, s.key) for s in choices
    }


def test_a_municipal_leader_picks_the_county_jointly_and_their_own_municipality_only(network, eero):
    choices = {(s.kind, s.key) for s in scope_choices(scopes=leader_scopes(eero))}
    assert ("county", "03") in choices
    assert ("municipality", network.espoo.code) in choices
    assert ("area", str(network.espoo_area.hsds_id)) in choices
    assert ("municipality", network.vantaa.code) not in choices
    assert not any(kind == "organisation" for kind, _key in choices)


def test_an_organisation_leader_picks_only_the_organisation(network, outi):
    choices = [(s.kind, s.key) for s in scope_choices(scopes=leader_scopes(outi))]
    assert choices == [("organisation", str(network.ngo.hsds_id))]


# Generated queries from the OpenAPI document, as a leader with a token: never a server error.
from schemathesis.checks import not_a_server_error  # noqa: E402

from tests.network.test_api_fuzz import (  # noqa: E402
    FUZZ,
    _keep_the_test_connection,  # noqa: F401  (autouse: keeps the test's connection open)
    schema,
)


@pytest.mark.slow
@schema.include(path_regex="/indicators").parametrize()
@FUZZ
def test_no_query_of_a_leader_makes_the_indicators_fail(case, helena):
    _token, plaintext = api_token_create(user=helena.user, name="fuzz")
    response = case.call_and_validate(
        checks=[not_a_server_error], headers={"Authorization": f"Bearer {plaintext}"}
    )
    # 405: the generator also tries methods the path does not have.
    assert response.status_code in (200, 400, 403, 404, 405)
