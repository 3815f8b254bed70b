"""A family searches without JavaScript (plain GET forms and links) and with htmx (only the
results region is swapped): words, age, place, filters, paging, and mistakes explained."""

import json
from urllib.parse import parse_qs, urlsplit

import pytest
from django.conf import settings
from django.test import override_settings

from perhekeskus.families import views
from perhekeskus.search.selectors import (
    Narrowing,
    Reason,
    SearchHit,
    SearchQuery,
    SearchResults,
)
from tests.families.html import parse

pytestmark = pytest.mark.django_db

NEUVOLA_NEAR_TAPIOLA = "/fi/search/?q=neuvola&age_months=3&postcode=02100"


def result_names(page) -> list[str]:
    return [item.find_all("h3")[0].text for item in page.by_testid("result")]


def test_family_finds_the_nearest_child_health_clinic_for_a_three_month_old(client, pages):
    page = parse(client.get(NEUVOLA_NEAR_TAPIOLA))

    names = result_names(page)
    assert names[0] == "Lastenneuvola, Tapiola"
    assert "Lastenneuvola, Leppävaara" in names
    first = page.by_testid("result")[0]
    assert first.find_all("a")[0].get("href") == f"/fi/services/{pages.tapiola_clinic.hsds_id}/"
    assert "Länsi-Uudenmaan hyvinvointialue" in first.text
    # Why it matched: the words, the need, the age and the distance, and when it was verified.
    reasons = {li.get("data-code"): li.text for li in first.find_all("li") if li.get("data-code")}
    assert {"words", "distance"} <= set(reasons)
    assert "02100 Tapiola" in reasons["distance"]
    assert "2026" in first.text  # last verified 1.9.2026
    assert page.by_id("results-heading").text.endswith("löytyi")


def test_drafts_and_archived_services_are_never_found(client, pages):
    page = parse(client.get("/fi/search/?q=neuvola"))
    names = result_names(page)
    assert "Perheneuvola (luonnos)" not in names
    assert "Vanha neuvola (arkistoitu)" not in names
    assert names  # the published clinics are


def test_a_filter_narrows_the_results_and_shows_as_a_removable_chip(client, pages):
    url = "/en/search/?q=neuvola&postcode=02100&type=meeting_place"
    page = parse(client.get(url))
    assert result_names(page) == []  # no meeting place is a clinic

    cafe = parse(client.get("/en/search/?postcode=02100&type=meeting_place&anonymous=on"))
    assert result_names(cafe) == ["Bubble family café"]
    chips = {a.text: a.get("href") for a in cafe.find_all("a") if "chip" in a.get("class", "")}
    assert any(label.startswith("Anonymous contact possible") for label in chips)
    removed = next(href for label, href in chips.items() if label.startswith("Anonymous"))
    assert "anonymous" not in parse_qs(urlsplit(removed).query)
    assert parse_qs(urlsplit(removed).query)["type"] == ["meeting_place"]


def test_the_form_keeps_what_the_family_chose(client, pages):
    page = parse(
        client.get(
            "/en/search/?q=neuvola&age_months=3&postcode=02100&free=on&type=child_health_clinic"
        )
    )
    assert page.by_id("id_q").get("value") == "neuvola"
    assert page.by_id("id_postcode").get("value") == "02100"
    selected = [o for o in page.by_id("id_age_months").find_all("option") if "selected" in o.attrs]
    assert [o.get("value") for o in selected] == ["3"]
    assert "checked" in page.by_id("id_free").attrs
    assert "checked" in page.by_id("id_type_child_health_clinic").attrs
    assert "open" in page.by_id("filters").attrs  # the filter in use is in view


def test_an_age_from_a_link_that_the_list_lacks_still_shows_as_chosen(client, pages):
    page = parse(client.get("/en/search/?age_months=7"))
    selected = [o for o in page.by_id("id_age_months").find_all("option") if "selected" in o.attrs]
    assert [(o.get("value"), o.text) for o in selected] == [("7", "7 months")]


def test_a_form_sent_without_javascript_gets_a_short_address(client, pages):
    response = client.get("/fi/search/?q=neuvola&age_months=&postcode=02100&lat=&lon=&open=")
    assert response.status_code == 302
    assert response["Location"] == "/fi/search/?q=neuvola&postcode=02100"


def test_an_unknown_postal_code_is_explained_next_to_the_field_and_kept(client, pages):
    response = client.get("/fi/search/?q=neuvola&postcode=99999")
    assert response.status_code == 200
    page = parse(response)
    assert "99999" in page.by_id("error-postcode").text
    assert "ei löytynyt" in page.by_id("error-postcode").text
    assert page.by_id("id_postcode").get("value") == "99999"
    assert page.by_id("id_postcode").get("aria-invalid") == "true"
    assert page.one("error-summary").find_all("a")[0].get("href") == "#id_postcode"
    assert result_names(page) == []


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("postcode=021", "postcode"),
        ("age_months=abc", "age_months"),
        ("age_months=999", "age_months"),
        ("type=no_such_type", "type"),
        ("municipality=999", "municipality"),
        ("language=xx", "language"),
        ("channel=teleport", "channel"),
        ("lat=60.2", "lat"),
        ("lat=91&lon=24", "lat"),
        ("lat=nan&lon=24", "lat"),
        ("open=at", "open_time"),
        ("open=at&open_date=2026-02-30&open_time=10:00", "open_date"),
        ("open=at&open_time=25:99", "open_time"),
        ("limit=0", "limit"),
        ("offset=-1", "offset"),
    ],
)
def test_a_bad_filter_is_explained_in_the_users_language_never_a_500(client, pages, query, field):
    response = client.get(f"/sv/search/?q=neuvola&{query}")
    assert response.status_code == 200
    page = parse(response)
    assert page.by_id(f"error-{field}").text, f"no message next to {field}"
    assert page.find_all("html")[0].get("lang") == "sv"
    assert page.one("error-summary").find_all("h2")[0].text == "Kontrollera sökningen"


@pytest.mark.parametrize(
    "text",
    ["😀😀😀", "'; DROP TABLE network_service; --", "neuvola " * 100, "<script>alert(1)</script>"],
)
def test_odd_or_overlong_words_get_an_answer(client, pages, text):
    response = client.get("/fi/search/", {"q": text})
    assert response.status_code == 200
    assert b"<script>alert(1)</script>" not in response.content


def test_no_results_says_so_and_suggests_what_to_try(client, pages):
    page = parse(client.get("/en/search/?q=xylofonikonsertti&free=on"))
    advice = page.one("no-results")
    assert "No services matched your search" in advice.text
    assert advice.link("Remove all filters") == "/en/search/?q=xylofonikonsertti"
    assert any(e.get("data-testid", "").startswith("situation-") for e in advice.iter())


def test_a_typo_is_corrected_and_the_family_is_told(client, pages):
    page = parse(client.get("/en/search/?q=nevola&age_months=3"))
    correction = page.one("correction")
    assert "neuvola" in correction.text
    assert result_names(page)


def _results(**fields) -> SearchResults:
    defaults = {"query": SearchQuery(text="x"), "count": 0, "hits": ()}
    return SearchResults(**{**defaults, **fields})


def test_a_spelling_suggestion_without_results_links_to_the_corrected_search(
    client, pages, monkeypatch
):
    monkeypatch.setattr(
        views, "search_services", lambda q: _results(query=q, corrections={"nevola": "neuvola"})
    )
    page = parse(client.get("/en/search/?q=nevola&postcode=02100"))
    correction = page.one("correction")
    assert correction.text == "Did you mean neuvola?"
    link = parse_qs(urlsplit(correction.find_all("a")[0].get("href")).query)
    assert link == {"q": ["neuvola"], "postcode": ["02100"]}


def test_a_search_that_matches_too_much_offers_filters_that_narrow_it(client, pages, monkeypatch):
    narrowing = (
        Narrowing("type", "child_health_clinic", "Child health clinic", 120),
        Narrowing("municipality", "049", "Espoo", 80),
    )
    hit = SearchHit(
        id=pages.tapiola_clinic.hsds_id,
        pk=pages.tapiola_clinic.pk,
        score=1.0,
        why=(Reason("type", "Service for: child health clinic"),),
        sites=(),
        distance_km=None,
        last_verified=None,
    )
    monkeypatch.setattr(
        views,
        "search_services",
        lambda q: _results(query=q, count=900, hits=(hit,), too_broad=True, narrowing=narrowing),
    )
    page = parse(client.get("/en/search/?q=lapsi&offset=20"))
    offer = page.one("narrowing")
    assert offer.link("Espoo") == "/en/search/?q=lapsi&municipality=049"
    assert offer.link("Child health clinic") == "/en/search/?q=lapsi&type=child_health_clinic"
    assert "(80)" in offer.text
    assert "Service for: child health clinic" in page.by_testid("result")[0].text
    assert "Not verified yet" in page.by_testid("result")[0].text


def test_results_come_in_pages(client, pages):
    first = parse(client.get("/en/search/?q=neuvola&limit=1"))
    assert len(first.by_testid("result")) == 1
    assert not first.by_testid("previous-page")
    next_url = first.one("next-page").get("href")
    assert parse_qs(urlsplit(next_url).query)["offset"] == ["1"]
    assert first.one("next-page").get("hx-get") == next_url

    second = parse(client.get(next_url))
    assert second.find_all("ol", **{"class": "results"})[0].get("start") == "2"
    assert second.one("previous-page")
    assert result_names(second) != result_names(first)


def test_results_offer_to_add_them_to_a_comparison_that_survives_filtering(client, pages):
    page = parse(client.get(NEUVOLA_NEAR_TAPIOLA))
    toggles = page.by_testid("compare-toggle")
    first_add = toggles[0].get("href")
    assert "Lisää vertailuun" in toggles[0].text

    page = parse(client.get(first_add.split("#")[0]))
    bar = page.one("compare-bar")
    assert "Lastenneuvola, Tapiola" in bar.text
    assert not page.by_testid("compare-link")  # one is not yet a comparison
    # The form carries the choice along when the family changes a filter.
    carried = [i.get("value") for i in page.find_all("input", name="s")]
    assert carried == [str(pages.tapiola_clinic.hsds_id)]

    second_add = page.by_testid("compare-toggle")[1].get("href")
    page = parse(client.get(second_add.split("#")[0]))
    compare = urlsplit(page.one("compare-link").get("href"))
    assert compare.path == "/fi/compare/"
    query = parse_qs(compare.query)
    assert len(query["s"]) == 2
    assert query["postcode"] == ["02100"]
    assert "Poista vertailusta" in page.by_testid("compare-toggle")[0].text


def test_the_map_gets_the_results_places_and_the_tile_server_from_settings(client, pages):
    page = parse(client.get(NEUVOLA_NEAR_TAPIOLA))
    data = json.loads(page.by_id("map-data").children[0])
    first = data["markers"][0]
    assert (first["lat"], first["lon"]) == (60.1756, 24.8050)
    assert first["rank"] == 1
    assert first["url"] == f"/fi/services/{pages.tapiola_clinic.hsds_id}/"
    assert data["here"]["title"] == "02100 Tapiola"
    box = page.by_id("map")
    assert "hidden" in box.attrs  # shown by the script; the list is complete without it
    assert box.get("data-tile-url") == ""

    tiles = {**settings.PERHEKESKUS, "MAP_TILE_URL": "https://tiles.example.fi/{z}/{x}/{y}.png"}
    with override_settings(PERHEKESKUS={**tiles, "MAP_TILE_ATTRIBUTION": "© Example"}):
        box = parse(client.get(NEUVOLA_NEAR_TAPIOLA)).by_id("map")
    assert box.get("data-tile-url") == "https://tiles.example.fi/{z}/{x}/{y}.png"
    assert box.get("data-tile-attribution") == "© Example"


def test_near_me_is_a_script_enhancement_and_its_location_is_a_filter(client, pages):
    page = parse(client.get("/en/search/"))
    assert "hidden" in page.one("near-me").attrs
    page = parse(client.get("/en/search/?q=neuvola&lat=60.176&lon=24.805"))
    assert result_names(page)[0] == "Child health clinic, Tapiola"
    chips = [a.text for a in page.find_all("a") if "chip" in a.get("class", "")]
    assert any(chip.startswith("Near your location") for chip in chips)


def test_the_language_switch_keeps_the_search(client, pages):
    page = parse(client.get(NEUVOLA_NEAR_TAPIOLA))
    swedish = page.one("language-sv").get("href")
    assert swedish == "/sv/search/?q=neuvola&age_months=3&postcode=02100"
    assert page.one("language-fi").get("aria-current") == "true"
    page = parse(client.get(swedish))
    assert page.find_all("html")[0].get("lang") == "sv"
    assert result_names(page)[0] == "Barnrådgivningen, Hagalund"


# --- With htmx: only the results region ----------------------------------------------------


def test_htmx_gets_only_the_results_and_the_parts_that_follow_them(htmx_client, pages):
    response = htmx_client.get(NEUVOLA_NEAR_TAPIOLA)
    assert response.status_code == 200
    assert "HX-Request" in response["Vary"]
    body = response.content.decode()
    assert "<html" not in body and "search-form" not in body
    page = parse(response)
    assert result_names(page)[0] == "Lastenneuvola, Tapiola"
    status = page.by_id("results-status")
    assert status.get("hx-swap-oob") == "true"
    assert status.get("role") == "status"
    switch = page.by_id("language-switch")
    assert switch.get("hx-swap-oob") == "true"
    assert page.one("language-en").get("href") == NEUVOLA_NEAR_TAPIOLA.replace("/fi/", "/en/")
    assert page.find_all("title")[0].text.startswith("Haku: neuvola")


def test_htmx_error_messages_replace_those_beside_the_fields(htmx_client, pages):
    page = parse(htmx_client.get("/fi/search/?q=neuvola&postcode=99999"))
    error = page.by_id("error-postcode")
    assert error.get("hx-swap-oob") == "true"
    assert "99999" in error.text
    # Fields without a problem get their old messages cleared.
    assert page.by_id("error-age_months").text == ""


def test_htmx_does_not_redirect_but_a_history_restore_gets_the_whole_page(htmx_client, pages):
    response = htmx_client.get("/fi/search/?q=neuvola&postcode=")
    assert response.status_code == 200
    restored = htmx_client.get(
        "/fi/search/?q=neuvola", headers={"HX-History-Restore-Request": "true"}
    )
    assert b"<html" in restored.content


def test_the_page_loads_htmx_and_leaflet_from_our_own_static_files(client):
    page = parse(client.get("/fi/search/"))
    scripts = [s.get("src") for s in page.find_all("script") if s.get("src")]
    assert "/static/vendor/htmx/htmx.min.js" in scripts
    assert "/static/vendor/leaflet/leaflet.js" in scripts
    from django.contrib.staticfiles import finders

    for path in (
        "vendor/htmx/htmx.min.js",
        "vendor/htmx/LICENSE",
        "vendor/leaflet/leaflet.js",
        "vendor/leaflet/leaflet.css",
        "vendor/leaflet/LICENSE",
        "families/search.js",
        "families/families.css",
    ):
        assert finders.find(path), path
    form = page.one("search-form")
    assert form.get("hx-get") == "/fi/search/"
    assert form.get("hx-target") == "#results"
    assert form.get("hx-push-url") == "true"
