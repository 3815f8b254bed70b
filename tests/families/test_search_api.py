"""Other systems and the family pages' scripts search through GET /api/v1/search."""

import pytest

from tests.search.conftest import register  # noqa: F401  (the search register fixture)

URL = "/api/v1/search"


def test_a_nurse_app_searches_neuvola_near_tapiola_for_a_baby(client, register):  # noqa: F811
    body = client.get(URL, {"q": "neuvola", "postcode": "02100", "age_months": 3}).json()
    assert body["count"] >= 1
    best = body["results"][0]
    service = best["service"]
    assert service["id"] == str(register.child_health_clinic.hsds_id)
    assert service["name"] == "Lastenneuvola"
    assert service["service_types"] == ["child_health_clinic"]
    assert service["organisation"]["name"] == "Länsi-Uudenmaan hyvinvointialue"
    assert service["url"] == f"/fi/services/{register.child_health_clinic.hsds_id}/"
    site = best["sites"][0]
    assert site["id"] == str(register.tapiola.hsds_id)
    assert 0 < site["distance_km"] < 3
    assert {"words", "age", "distance", "verified"} <= {reason["code"] for reason in best["why"]}
    assert body["location"]["label"].startswith("02100")
    assert best["score"] > 0


def test_results_come_best_first_and_page_with_limit_and_offset(client, register):  # noqa: F811
    everything = client.get(URL, {"limit": 100}).json()
    first_two = client.get(URL, {"limit": 2}).json()
    next_two = client.get(URL, {"limit": 2, "offset": 2}).json()
    ids = [result["service"]["id"] for result in everything["results"]]
    assert [r["service"]["id"] for r in first_two["results"]] == ids[:2]
    assert [r["service"]["id"] for r in next_two["results"]] == ids[2:4]
    assert first_two["count"] == everything["count"] == 7


def test_swedish_answers_in_swedish(client, register):  # noqa: F811
    body = client.get(URL, {"q": "barnrådgivningen", "lang": "sv", "age_months": 3}).json()
    best = body["results"][0]
    assert best["service"]["name"] == "Barnrådgivningen"
    assert best["service"]["organisation"]["name"] == "Västra Nylands välfärdsområde"
    assert any(reason["text"].startswith("Motsvarar sökorden") for reason in best["why"])


def test_filters_by_repeated_type_and_flags(client, register):  # noqa: F811
    body = client.get(URL + "?type=meeting_place&type=helpline&anonymous=true").json()
    names = {result["service"]["name"] for result in body["results"]}
    assert names == {"Perhekahvila Pikkukallio", "Vanhempainchat"}
    open_on_sunday = client.get(URL, {"open_at": "2026-12-06T10:00:00+02:00"}).json()
    assert open_on_sunday["count"] == 0


def test_a_typo_is_reported_as_a_correction(client, register):  # noqa: F811
    body = client.get(URL, {"q": "nevola", "age_months": 3}).json()
    assert body["corrections"] == {"nevola": "neuvola"}


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"lat": "60.2"}, "lon"),
        ({"postcode": "99999"}, "postcode"),
        ({"lang": "de"}, "lang"),
        ({"limit": "1000"}, "limit"),
        ({"age_months": "-30"}, "age_months"),
        ({"open_at": "tomorrow"}, "open_at"),
        ({"channel": "pigeon"}, "channel"),
        ({"lat": "north", "lon": "24"}, "lat"),
    ],
)
def test_bad_parameters_get_a_400_with_a_reason(client, register, params, field):  # noqa: F811
    response = client.get(URL, params)
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "invalid"
    assert field in str(body["details"])


def test_the_reason_speaks_finnish_when_asked(client, register):  # noqa: F811
    body = client.get(URL, {"postcode": "99999", "lang": "fi"}).json()
    assert body["details"] == {"postcode": "suomalainen postinumero"}


@pytest.mark.parametrize(
    "q",
    ["😀👶🍼", "'; DROP TABLE network_service; --", "x" * 600, "neuvola " * 100, "\u0000\u200b"],
)
def test_odd_or_overlong_queries_get_an_answer(client, register, q):  # noqa: F811
    response = client.get(URL, {"q": q})
    assert response.status_code == 200
    assert isinstance(response.json()["count"], int)


def test_drafts_never_leave_the_register(client, register):  # noqa: F811
    body = client.get(URL, {"q": "neuvolaluonnos", "limit": 100}).json()
    ids = {result["service"]["id"] for result in body["results"]}
    assert str(register.draft.hsds_id) not in ids
