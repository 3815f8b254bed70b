"""A family opens a service, a site, a family centre area and an organisation: everything it
needs to choose and to go there; nothing unpublished."""

import uuid

import pytest

from tests.families.html import parse

pytestmark = pytest.mark.django_db


def facts(page) -> dict[str, str]:
    found = {}
    for row in page.one("service-facts").find_all("div"):
        found[row.find_all("dt")[0].text] = row.find_all("dd")[0].text
    return found


def test_service_page_tells_who_it_is_for_how_to_use_it_and_where(client, pages):
    service = pages.tapiola_clinic
    page = parse(client.get(f"/en/services/{service.hsds_id}/"))
    assert page.find_all("h1")[0].text == "Child health clinic, Tapiola"
    assert facts(page) == {
        "For whom": "Families with children",
        "Ages": "0–6 years",
        "Languages": "Finnish, Swedish, English",
        "How to use it": "In person, phone, home visit",
        "Cost": "Free of charge",
        "Referral": "No referral needed",
        "Anonymous contact": "Not possible",
        "Last verified": "1 September 2026",
    }
    assert "follows the child's growth" in page.text
    assert page.link("09 816 31301") == "tel:0981631301"
    assert "Appointments" in page.text and "Anna Terveydenhoitaja" in page.text
    assert page.link("Tapiola family centre") == f"/en/sites/{pages.tapiola.hsds_id}/"
    assert page.link("West Uusimaa wellbeing services county") == (
        f"/en/organisations/{pages.network.county_org.hsds_id}/"
    )
    hours = page.find_all("table", **{"class": "hours"})[0].text
    assert "Monday–Friday 08:00–16:00" in hours
    assert "closed (training day)" in page.text


def test_service_page_in_finnish(client, pages):
    page = parse(client.get(f"/fi/services/{pages.tapiola_clinic.hsds_id}/"))
    assert page.find_all("h1")[0].text == "Lastenneuvola, Tapiola"
    shown = facts(page)
    assert shown["Ikä"] == "0–6 v"
    assert shown["Lähete"] == "Ei tarvitse lähetettä"
    assert "Maanantai–perjantai 8.00–16.00" in page.find_all("table")[0].text


def test_a_pregnancy_service_says_so(client, pages):
    service = pages.tapiola_clinic
    service.min_age_months, service.max_age_months = -9, -1
    service.save()
    page = parse(client.get(f"/sv/services/{service.hsds_id}/"))
    assert facts(page)["Ålder"] == "Graviditet"


@pytest.mark.parametrize("which", ["draft", "archived", "unknown"])
def test_unpublished_or_unknown_services_are_not_found(client, pages, which):
    service_id = {
        "draft": pages.network.draft_service.hsds_id,
        "archived": pages.archived.hsds_id,
        "unknown": uuid.uuid4(),
    }[which]
    response = client.get(f"/fi/services/{service_id}/")
    assert response.status_code == 404
    assert "Sivua ei löydy" in parse(response).find_all("h1")[0].text


def test_an_address_that_is_not_an_id_is_not_found(client, pages):
    assert client.get("/fi/services/not-a-uuid/").status_code == 404
    assert client.get("/fi/sites/123/").status_code == 404


def test_site_page_has_its_services_week_visits_access_and_directions(client, pages):
    network = pages.network
    page = parse(client.get(f"/en/sites/{network.meeting_place.hsds_id}/"))
    assert page.find_all("h1")[0].text == "Bubble family café"
    assert page.link("Bubble family café") == f"/en/services/{network.family_cafe.hsds_id}/"
    week = page.one("site-week")
    assert "Open daycare" in week.text
    assert "09:30–11:00" in week.text
    assert page.one("site-calendar-link").get("href") in (
        "calendar/",
        f"/en/sites/{network.meeting_place.hsds_id}/calendar/",
    )
    visits = page.one("site-visits")
    assert "Public health nurse from the child health clinic" in visits.text
    assert visits.link("Child health clinic, Leppävaara") == (
        f"/en/services/{network.child_health_clinic.hsds_id}/"
    )
    assert page.link("Leppävaara family centre area") == f"/en/areas/{network.espoo_area.hsds_id}/"


def test_site_page_lists_only_published_services(client, pages):
    page = parse(client.get(f"/fi/sites/{pages.network.family_centre.hsds_id}/"))
    assert "Lastenneuvola, Leppävaara" in page.text
    assert "Perheneuvola (luonnos)" not in page.text


def test_site_page_tells_how_to_get_there_and_how_accessible_it_is(client, pages):
    page = parse(client.get(f"/en/sites/{pages.tapiola.hsds_id}/"))
    assert page.one("site-address").text == "Kauppamiehentie 6, 02100 Espoo"
    assert "Take the metro to Tapiola station" in page.text
    assert page.link("Open in a map app") == "geo:60.17560,24.80500"
    access = page.one("site-accessibility")
    assert "Step-free access" in access.text and "Induction loop" in access.text
    assert "Accessible toilet" not in access.text
    assert "Step-free entrance at the main door." in access.text
    assert "No activities this week." in page.one("site-week").text
    assert "closed (training day)" in page.text


def test_area_page_lists_its_places_contacts_calendar_and_brochure(client, pages):
    network = pages.network
    page = parse(client.get(f"/fi/areas/{network.espoo_area.hsds_id}/"))
    assert page.find_all("h1")[0].text == "Leppävaaran perhekeskusalue"
    centres = page.one("family-centres")
    assert "Leppävaaran perhekeskus" in centres.text and "Tapiolan perhekeskus" in centres.text
    assert "Perhekahvila Kupla" in page.one("meeting-places").text
    assert "Tikkurilan perhekeskus" not in page.text  # in Vantaa, outside the area
    area_url = f"/fi/areas/{network.espoo_area.hsds_id}/"
    assert page.one("area-calendar-link").get("href") in ("calendar/", f"{area_url}calendar/")
    assert page.one("area-brochure-link").get("href") in ("brochure.pdf", f"{area_url}brochure.pdf")
    contacts = page.one("area-contacts")
    assert "tapiola@example.org" in contacts.text


def test_organisation_page_lists_its_published_services_and_its_places(client, pages):
    network = pages.network
    page = parse(client.get(f"/sv/organisations/{network.county_org.hsds_id}/"))
    assert page.find_all("h1")[0].text == "Västra Nylands välfärdsområde"
    services = page.one("organisation-services").text
    assert "Barnrådgivningen, Alberga" in services
    assert "Barnrådgivningen, Hagalund" in services
    assert "utkast" not in services and "arkiverad" not in services
    assert "Alberga familjecentral" in page.one("organisation-sites").text


@pytest.mark.parametrize("kind", ["sites", "areas", "organisations"])
def test_unknown_places_and_organisations_are_not_found(client, pages, kind):
    assert client.get(f"/en/{kind}/{uuid.uuid4()}/").status_code == 404


def test_the_language_switch_keeps_the_page(client, pages):
    url = f"/fi/services/{pages.tapiola_clinic.hsds_id}/"
    page = parse(client.get(url))
    assert page.one("language-sv").get("href") == url.replace("/fi/", "/sv/")
    assert page.one("language-en").get("href") == url.replace("/fi/", "/en/")
    swedish = parse(client.get(page.one("language-sv").get("href")))
    assert swedish.find_all("h1")[0].text == "Barnrådgivningen, Hagalund"
    assert swedish.one("language-sv").get("aria-current") == "true"


def test_every_page_has_landmarks_a_skip_link_and_one_main_heading(client, pages):
    for url in (
        "/fi/",
        "/fi/search/?q=neuvola",
        f"/fi/services/{pages.tapiola_clinic.hsds_id}/",
        f"/fi/sites/{pages.tapiola.hsds_id}/",
        f"/fi/areas/{pages.network.espoo_area.hsds_id}/",
        f"/fi/organisations/{pages.network.county_org.hsds_id}/",
        f"/fi/compare/?s={pages.tapiola_clinic.hsds_id}",
    ):
        page = parse(client.get(url))
        assert len(page.find_all("main")) == 1, url
        assert len(page.find_all("h1")) == 1, url
        assert page.find_all("a")[0].get("href") == "#main", url
        assert page.find_all("header") and page.find_all("nav"), url
