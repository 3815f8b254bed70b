"""What the guidance answer offers beyond the kinds of help: this week's meeting places near the
family, and the next steps it can take right now (ask a professional anonymously, ask to be
contacted), each with the topic of what the family wrote.

The network is the personas' (tests/personas.py): in Espoo, the family café Kupla holds its
baby café (Vauvakahvila) every Tuesday 10–12 for children under six, not on 29 December 2026.
"""

import re
from dataclasses import replace
from datetime import datetime
from urllib.parse import parse_qs, urlsplit

import pytest

from perhekeskus.guidance import selectors
from perhekeskus.guidance.engine import guidance_reset, guide
from perhekeskus.network.occurrences import HELSINKI

FI = "/fi/guidance/"
SV = "/sv/guidance/"
API = "/api/v1/guidance"
ESPOO = "049"
LONELY_FI = "olen yksinäinen kotona vauvan kanssa enkä tunne täältä ketään"
LONELY_SV = "jag känner mig ensam hemma med bebisen"
# A Monday morning: the baby café meets tomorrow.
MONDAY = datetime(2026, 3, 2, 9, 0, tzinfo=HELSINKI)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_vocabulary():
    guidance_reset()
    yield
    guidance_reset()


@pytest.fixture
def monday(monkeypatch):
    monkeypatch.setattr(selectors, "_now", lambda: MONDAY)
    return MONDAY


def text_of(response) -> str:
    html = response.content.decode()
    html = re.sub(r"<(script|style)[^>]*>.*?</\1>", " ", html, flags=re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def section(response, testid: str) -> str:
    found = re.search(
        rf'<section[^>]*data-testid="{testid}"[^>]*>(.*?)</section>',
        response.content.decode(),
        re.S,
    )
    return found.group(1) if found else ""


def link(response, testid: str) -> tuple[str, dict[str, list[str]]]:
    """The path and query of the link in the list item with this test id."""
    found = re.search(rf'data-testid="{testid}"><a href="([^"]+)"', response.content.decode())
    assert found, f"no {testid} link"
    url = urlsplit(found.group(1).replace("&amp;", "&"))
    return url.path, parse_qs(url.query)


# --- This week's meeting places ---------------------------------------------------------------


def test_a_lonely_parent_in_espoo_sees_this_weeks_baby_cafe(client, network, monday):
    response = client.post(FI, {"text": LONELY_FI, "municipality": ESPOO, "age_1": "3"})

    assert response.status_code == 200
    meetings = section(response, "meeting-places")
    assert "Kohtaamispaikat lähelläsi tällä viikolla" in text_of(response)
    assert meetings.count('data-testid="meeting"') == 1
    assert "Vauvakahvila" in meetings
    assert "tiistai 3. maaliskuuta" in meetings.lower()
    assert "10.00" in meetings and "12.00" in meetings
    assert f'href="/fi/sites/{network.meeting_place.hsds_id}/"' in meetings
    assert "Perhekahvila Kupla" in meetings
    assert 'href="/fi/municipalities/049/calendar/"' in meetings


def test_the_swedish_answer_shows_the_cafe_in_swedish(client, network, monday):
    response = client.post(SV, {"text": LONELY_SV, "municipality": ESPOO})

    meetings = section(response, "meeting-places")
    assert "Babycafé" in meetings
    assert "tisdag" in meetings.lower()
    assert f'href="/sv/sites/{network.meeting_place.hsds_id}/"' in meetings


def test_a_cancelled_week_shows_no_meeting_and_says_so(client, network, monkeypatch):
    # Monday 28 December 2026: the café does not meet on Tuesday the 29th.
    monkeypatch.setattr(selectors, "_now", lambda: datetime(2026, 12, 28, 9, tzinfo=HELSINKI))

    response = client.post(FI, {"text": LONELY_FI, "municipality": ESPOO})

    meetings = section(response, "meeting-places")
    assert 'data-testid="meeting"' not in meetings
    assert "emme löytäneet" in meetings.lower()
    assert 'href="/fi/municipalities/049/calendar/"' in meetings  # the rest of the programme


def test_a_meeting_already_over_today_is_not_offered(network, monkeypatch):
    tuesday_noon = datetime(2026, 3, 3, 12, 30, tzinfo=HELSINKI)

    meetings = selectors.meeting_places_this_week(municipality=ESPOO, now=tuesday_noon)

    assert meetings == []  # today's is over; next Tuesday is beyond the coming seven days


def test_meetings_fit_the_childrens_ages(network, monday):
    for_a_baby = selectors.meeting_places_this_week(municipality=ESPOO, ages=(4,))
    for_a_schoolchild = selectors.meeting_places_this_week(municipality=ESPOO, ages=(96,))
    for_both = selectors.meeting_places_this_week(municipality=ESPOO, ages=(96, 4))

    assert [entry.activity.title for entry in for_a_baby] == ["Vauvakahvila"]
    assert for_a_schoolchild == []
    assert [entry.activity.title for entry in for_both] == ["Vauvakahvila"]


def test_meetings_elsewhere_are_not_near_the_family(network, monday):
    assert selectors.meeting_places_this_week(municipality="092", ages=(4,)) == []
    assert selectors.meeting_places_this_week(municipality="999") == []


def test_without_a_municipality_the_answer_asks_for_one(client, network, monday):
    response = client.post(FI, {"text": LONELY_FI})

    meetings = section(response, "meeting-places")
    assert 'href="#id_municipality"' in meetings
    assert 'data-testid="meeting"' not in meetings


@pytest.mark.parametrize(
    "text",
    [
        "lapsen huoltajuus ja elatusapu eron jälkeen",  # the need is not one cafés help with
        "mieheni lyö minua ja olen yksinäinen",  # danger: emergency help first, nothing else
        "ei oo yhtään kavereita koulussa",  # a young person's own life: not a family café
    ],
)
def test_meeting_places_are_not_offered_where_they_do_not_fit(client, network, monday, text):
    response = client.post(FI, {"text": text, "municipality": ESPOO})

    assert response.status_code == 200
    assert 'data-testid="meeting-places"' not in response.content.decode()
    assert "Vauvakahvila" not in text_of(response)


def test_the_api_gives_this_weeks_meetings_when_they_fit(client, network, monday):
    body = client.get(API, {"text": LONELY_FI, "lang": "fi", "municipality": ESPOO}).json()

    assert [meeting["title"] for meeting in body["meeting_places"]] == ["Vauvakahvila"]
    meeting = body["meeting_places"][0]
    assert meeting["place"] == "Perhekahvila Kupla"
    assert meeting["url"] == f"/fi/sites/{network.meeting_place.hsds_id}/"
    assert meeting["starts_at"].startswith("2026-03-03T10:00")

    custody = client.get(API, {"text": "huoltajuus", "lang": "fi", "municipality": ESPOO})
    assert custody.json()["meeting_places"] == []
    without_place = client.get(API, {"text": LONELY_FI, "lang": "fi"}).json()
    assert without_place["meeting_places"] == []


# --- What you can do right now ----------------------------------------------------------------


def test_ask_anonymously_carries_the_topic_and_the_municipality(client, network, monday):
    response = client.post(FI, {"text": LONELY_FI, "municipality": ESPOO})

    path, query = link(response, "ask-anonymously")
    assert path == "/fi/ask/"
    assert query == {"topic": ["parenting"], "municipality": [ESPOO]}
    assert "Kysy ammattilaiselta nimettömänä" in text_of(response)

    path, query = link(response, "ask-contact")
    assert path == "/fi/contact/"
    assert query == {"topic": ["parenting"]}
    assert "Pyydä yhteydenottoa" in text_of(response)


def test_without_a_municipality_the_question_names_none(client, network):
    response = client.post(FI, {"text": "lapsen huoltajuus ja elatusapu eron jälkeen"})

    _path, query = link(response, "ask-anonymously")
    assert query == {"topic": ["relationships_separation"]}


def test_calling_and_dropping_in_stay_beside_the_new_steps(client, network):
    response = client.post(FI, {"text": LONELY_FI, "municipality": ESPOO})

    right_now = section(response, "right-now")
    assert 'data-testid="ask-anonymously"' in right_now
    assert "/fi/search/?type=" in right_now  # "see all services" links are kept
    assert 'href="tel:112"' in right_now  # and the reminder of the emergency number


@pytest.mark.parametrize(
    ("text", "lang", "topic"),
    [
        ("ei oo yhtään kavereita ja oon aina yksin välkällä", "fi", "young_people"),
        ("isä lyö mua kun se on kännissä", "fi", "violence_safety"),
        ("tarviin ehkäisyä mut en uskalla kysyy vanhemmilta", "fi", "sexuality"),
        ("vauva ei nuku öisin", "fi", "sleep_eating"),
        ("vi har skulder och inkasso ringer", "sv", "money_benefits"),
    ],
)
def test_a_question_goes_to_the_topic_of_what_was_written(text, lang, topic):
    assert selectors.question_topic(guide(text, lang)) == topic


def test_a_question_about_nothing_understood_goes_to_other_topics():
    result = guide("vauva ei nuku", "fi")

    assert selectors.question_topic(replace(result, needs=())) == "other"
    assert selectors.question_topic(replace(result, needs=(), young=True)) == "young_people"
