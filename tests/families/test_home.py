"""A family lands on the home page: a search box and shortcuts for common situations."""

from urllib.parse import parse_qs, urlsplit

import pytest

from perhekeskus.families.selectors import PREGNANCY_AGE_MONTHS, SITUATIONS
from perhekeskus.network.models import ServiceType
from tests.families.html import parse

SITUATION_SLUGS = {
    "expecting",
    "baby",
    "behaviour",
    "separation",
    "violence",
    "money",
    "new-to-finland",
}


@pytest.mark.django_db
def test_home_page_has_a_labelled_search_box_that_leads_to_the_search_page(client):
    page = parse(client.get("/fi/"))
    form = page.one("home-search")
    assert form.get("action") == "/fi/search/"
    assert form.get("method") == "get"
    box = page.by_id("home-q")
    assert box.get("name") == "q"
    assert page.find_all("label", **{"for": "home-q"})[0].text == "Mitä etsit?"


@pytest.mark.django_db
def test_each_common_situation_is_a_search_for_its_services(client):
    page = parse(client.get("/en/"))
    shown = {
        e.get("data-testid").removeprefix("situation-")
        for e in page.where(lambda e: e.get("data-testid", "").startswith("situation-"))
    }
    assert shown == SITUATION_SLUGS

    baby = urlsplit(page.one("situation-baby").get("href"))
    assert baby.path == "/en/search/"
    query = parse_qs(baby.query)
    assert "child_health_clinic" in query["type"]
    assert query["age_months"] == ["3"]

    expecting = parse_qs(urlsplit(page.one("situation-expecting").get("href")).query)
    assert "maternity_clinic" in expecting["type"]
    assert expecting["age_months"] == [str(PREGNANCY_AGE_MONTHS)]

    violence = parse_qs(urlsplit(page.one("situation-violence").get("href")).query)
    assert "domestic_violence_services" in violence["type"]


@pytest.mark.django_db
def test_every_situation_asks_for_service_types_of_the_national_vocabulary():
    known = set(ServiceType.objects.values_list("code", flat=True))
    for situation in SITUATIONS:
        assert set(situation.types) <= known, situation.slug


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("lang", "heading", "situation"),
    [
        ("fi", "Tukea ja palveluja perheille", "Odotamme vauvaa"),
        ("sv", "Stöd och tjänster för familjer", "Vi väntar barn"),
        ("en", "Support and services for families", "Expecting a baby"),
    ],
)
def test_home_page_speaks_the_language_of_its_address(client, lang, heading, situation):
    page = parse(client.get(f"/{lang}/"))
    assert page.find_all("html")[0].get("lang") == lang
    assert page.find_all("h1")[0].text == heading
    assert situation in page.one("situation-expecting").text


@pytest.mark.django_db
def test_the_root_address_sends_the_visitor_to_a_language(client):
    response = client.get("/", headers={"Accept-Language": "sv"})
    assert response.status_code == 302
    assert response["Location"] == "/sv/"
