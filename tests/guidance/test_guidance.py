"""A family describes its situation in its own words and is guided to the right help."""

import logging

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from perhekeskus.errors import InvalidInput
from perhekeskus.guidance.engine import guidance_reset, guide, needs_vocabulary
from tests.search.conftest import register  # noqa: F401  (services to be guided to)

URL = "/api/v1/guidance"


@pytest.fixture(autouse=True)
def _fresh_vocabulary():
    guidance_reset()
    yield
    guidance_reset()


def top_types(text: str, lang: str, n: int = 3, **options) -> list[str]:
    return [match.code for match in guide(text, lang, **options).service_types[:n]]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("vauva ei nuku öisin ja oon ihan loppu", "fi", {"child_health_clinic", "family_work"}),
        ("lapsen huoltajuus ja elatusapu eron jälkeen", "fi", {"family_law_services"}),
        ("min tonåring mår dåligt och vill inte gå till skolan", "sv", {"youth_mental_health"}),
        ("we just moved to Finland and need daycare", "en", {"early_childhood_education"}),
        ("we cant pay the rent and have debts", "en", {"financial_counselling"}),
    ],
)
def test_a_situation_in_everyday_words_leads_to_fitting_help(text, lang, expected):
    assert expected & set(top_types(text, lang))


@pytest.mark.django_db
def test_signs_of_violence_show_emergency_help_first():
    result = guide("mieheni lyö minua ja lapset pelkäävät", "fi")
    assert result.urgent
    assert result.urgent_help[0].phone == "112"
    assert any("080 005 005" in help_.phone for help_ in result.urgent_help)
    assert "domestic_violence_services" in [match.code for match in result.service_types[:3]]


@pytest.mark.django_db
def test_an_ordinary_worry_is_not_urgent():
    result = guide("lapsi tarvitsee hoitopaikan syksyllä", "fi")
    assert not result.urgent
    assert result.urgent_help == ()


@pytest.mark.django_db
def test_needs_are_told_in_plain_words_in_the_familys_language():
    result = guide("bebisen sover inte", "sv")
    assert result.needs
    need = result.needs[0]
    assert need.label == needs_vocabulary()[need.code].labels["sv"]
    assert all(0 < match.score <= 1 for match in result.service_types)
    assert result.service_types[0].score == 1
    assert result.service_types[0].why


@pytest.mark.django_db
def test_a_chosen_need_tile_is_enough():
    code = next(iter(needs_vocabulary()))
    result = guide("", "fi", needs=(code,))
    assert result.needs[0].code == code
    assert result.service_types[0].code == needs_vocabulary()[code].types[0]


def test_services_of_the_best_kinds_come_from_search(register):  # noqa: F811
    result = guide("vauvan rokotukset ja neuvolakäynnit", "fi", ages=(3,))
    assert register.child_health_clinic.pk in {hit.pk for hit in result.services}


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("options", "field"),
    [
        ({"text": "", "lang": "fi"}, "text"),
        ({"text": "vauva", "lang": "de"}, "lang"),
        ({"text": "vauva", "lang": "fi", "ages": (999,)}, "age_months"),
        ({"text": "vauva", "lang": "fi", "needs": ("no_such_need",)}, "need"),
    ],
)
def test_bad_input_is_refused_with_the_field_named(options, field):
    text, lang = options.pop("text"), options.pop("lang")
    with pytest.raises(InvalidInput) as refused:
        guide(text, lang, **options)
    assert field in refused.value.details


def test_the_api_answers_the_contract(client, register):  # noqa: F811
    response = client.get(URL, {"text": "mieheni lyö minua", "lang": "fi", "age_months": [3, 60]})
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    body = response.json()
    assert set(body) == {
        "urgent",
        "urgent_help",
        "needs",
        "service_types",
        "services",
        "meeting_places",
    }
    assert body["meeting_places"] == []  # danger first: no family café in this answer
    assert body["urgent"] is True
    assert body["urgent_help"][0]["phone"] == "112"
    assert {"code", "label", "score"} <= set(body["needs"][0])
    assert {"code", "score", "why"} <= set(body["service_types"][0])
    scores = [match["score"] for match in body["service_types"]]
    assert scores == sorted(scores, reverse=True)


def test_the_api_refuses_bad_parameters_with_a_reason(client, register):  # noqa: F811
    response = client.get(URL, {"text": "", "lang": "fi"})
    assert response.status_code == 400
    assert "text" in response.json()["details"]
    assert client.get(URL, {"text": "x" * 5000}).status_code == 200


def test_nothing_the_family_types_is_stored_or_logged(client, register, caplog):  # noqa: F811
    secret = "salainenhuoli mieheni lyö minua"
    caplog.set_level(logging.DEBUG)
    with CaptureQueriesContext(connection) as queries:
        client.get(URL, {"text": secret, "lang": "fi"})
    writes = [q["sql"] for q in queries if q["sql"].split()[0].upper() in {"INSERT", "UPDATE"}]
    # Only the anonymous usage counters (a day, a need code, a count) are written.
    assert [sql for sql in writes if '"evaluation_usagecount"' not in sql] == []
    assert "salainenhuoli" not in caplog.text
    assert all("salainenhuoli" not in q["sql"] for q in queries)
