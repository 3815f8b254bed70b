"""The guidance page: a family tells its situation in its own words, in Finnish or Swedish, and
is shown what was understood, the kinds of help that fit and services to go to. What it writes
is sent with POST and never stored."""

import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from perhekeskus.guidance.engine import guidance_reset, needs_vocabulary
from tests.search.conftest import register  # noqa: F401  (services to be guided to)

FI = "/fi/guidance/"
SV = "/sv/guidance/"
BABY_FI = "vauva ei nuku öisin ja oon ihan loppu"
VIOLENCE_FI = "mieheni lyö minua ja lapset pelkäävät"

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_vocabulary():
    guidance_reset()
    yield
    guidance_reset()


def text_of(response) -> str:
    """The page as a reader meets it: the words, without the markup."""
    html = response.content.decode()
    html = re.sub(r"<(script|style)[^>]*>.*?</\1>", " ", html, flags=re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_the_form_asks_for_the_situation_and_promises_nothing_is_stored(client):
    response = client.get(FI)

    assert response.status_code == 200
    page = response.content.decode()
    assert 'method="post"' in page
    assert "csrfmiddlewaretoken" in page
    assert "<textarea" in page and 'maxlength="1000"' in page
    assert "Kerro tilanteestasi omin sanoin" in text_of(response)
    assert "ei tallenneta" in text_of(response)
    first_need = next(iter(needs_vocabulary().values()))
    assert first_need.labels["fi"] in text_of(response)
    assert "<legend>" in page


def test_the_home_page_leads_to_guidance(client):
    assert FI in client.get("/fi/").content.decode()


def test_a_situation_in_everyday_words_shows_needs_kinds_of_help_and_services(
    client,
    register,  # noqa: F811
):
    response = client.post(FI, {"text": BABY_FI, "age_1": "3"})

    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    text = text_of(response)
    assert "Mitä ymmärsimme" in text
    assert "Sopivat avun muodot" in text
    assert "Mitä voit tehdä heti" in text
    assert "Soita 112" not in text  # an ordinary worry is not an emergency
    page = response.content.decode()
    assert 'data-testid="understood"' in page and "<li data-code=" in page
    assert f'href="/fi/services/{register.child_health_clinic.hsds_id}/"' in page
    assert "Lastenneuvola" in text
    assert "/fi/search/?type=" in page
    # What the family wrote stays in the form, to be told more.
    assert BABY_FI in page


def test_a_chosen_need_tile_is_enough(client, register):  # noqa: F811
    need = next(iter(needs_vocabulary().values()))

    response = client.post(FI, {"need": [need.code]})

    assert response.status_code == 200
    assert need.labels["fi"] in text_of(response)
    assert f'value="{need.code}" id="id_need_0" checked' in response.content.decode()


def test_signs_of_violence_show_the_emergency_number_before_anything_else(
    client,
    register,  # noqa: F811
):
    response = client.post(FI, {"text": VIOLENCE_FI})

    assert response.status_code == 200
    text = text_of(response)
    assert 'role="alert"' in response.content.decode()
    assert 'href="tel:112"' in response.content.decode()
    assert text.index("Soita 112") < text.index("Mitä ymmärsimme")
    assert "080 005 005" in text  # Nollalinja, the helpline for violence in close relationships


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"text": ""}, "text", "Kirjoita muutama sana"),
        ({"text": "a" * 1001}, "text", "1000"),
        ({"text": "vauva itkee", "age_1": "999"}, "age_1", "Valitse oikea vaihtoehto"),
        ({"text": "vauva itkee", "need": ["no_such_need"]}, "need", "Valitse oikea vaihtoehto"),
        ({"text": "vauva itkee", "municipality": "000"}, "municipality", "Valitse oikea"),
    ],
)
def test_bad_input_is_explained_next_to_the_field_and_what_was_typed_is_kept(
    client, data, field, message
):
    response = client.post(FI, data)

    assert response.status_code == 400
    page = response.content.decode()
    error = re.search(rf'<p id="error-{field}" class="field-error">(.*?)</p>', page, re.S)
    assert error and message in error.group(1)
    assert 'data-testid="error-summary"' in page
    if data["text"]:
        assert data["text"] in page


def test_the_swedish_page_speaks_swedish(client, register):  # noqa: F811
    form = client.get(SV)
    assert "Berätta om din situation med egna ord" in text_of(form)
    assert next(iter(needs_vocabulary().values())).labels["sv"] in text_of(form)

    response = client.post(SV, {"text": "bebisen sover inte och jag är helt slut"})

    assert response.status_code == 200
    text = text_of(response)
    assert "Det här förstod vi" in text
    assert "Former av hjälp som passar" in text
    assert "Mitä ymmärsimme" not in text


def test_nothing_the_family_writes_is_written_to_the_database(client, register):  # noqa: F811
    with CaptureQueriesContext(connection) as queries:
        response = client.post(FI, {"text": BABY_FI, "age_1": "3", "municipality": "049"})

    assert response.status_code == 200
    writes = [
        query["sql"]
        for query in queries.captured_queries
        if re.match(r"\s*(INSERT|UPDATE|DELETE)\b", query["sql"], re.I)
    ]
    # Only the anonymous usage counters (a day, a need code, a count) are written.
    assert [sql for sql in writes if '"evaluation_usagecount"' not in sql] == []
    assert not any("ihan loppu" in query["sql"] for query in queries.captured_queries)


def test_a_post_without_the_csrf_token_is_refused():
    response = Client(enforce_csrf_checks=True).post(FI, {"text": BABY_FI})

    assert response.status_code == 403
