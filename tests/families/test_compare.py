"""A family compares two to four services side by side, at an address it can share."""

import uuid
from urllib.parse import parse_qs, urlsplit

import pytest

from tests.families.html import parse

pytestmark = pytest.mark.django_db


def rows(page) -> dict[str, list[str]]:
    table = page.one("compare-table")
    found = {}
    for tr in table.find_all("tbody")[0].find_all("tr"):
        found[tr.find_all("th")[0].text] = [td.text for td in tr.find_all("td")]
    return found


def test_two_services_side_by_side(client, pages):
    clinic, cafe = pages.tapiola_clinic, pages.network.family_cafe
    url = f"/en/compare/?s={clinic.hsds_id}&s={cafe.hsds_id}&postcode=02100"
    page = parse(client.get(url))
    headers = [th.text for th in page.one("compare-table").find_all("thead")[0].find_all("th")]
    assert headers[0].startswith("Child health clinic, Tapiola")
    assert headers[1].startswith("Bubble family café")
    table = rows(page)
    assert table["Ages"] == ["0–6 years", "All ages"]
    assert table["Languages"] == ["Finnish, Swedish, English", "Finnish, Swedish"]
    assert table["Cost"] == ["Free of charge", "Free of charge"]
    assert table["Referral"] == ["No referral needed", "No referral needed"]
    assert table["Anonymous contact"] == ["Not possible", "Possible"]
    assert table["How to use it"][0] == "In person, phone, home visit"
    assert "Monday–Friday 08:00–16:00" in table["Where and when"][0]
    assert table["Distance"][0].startswith("0.") or table["Distance"][0].endswith(
        "m (Tapiola family centre)"
    )
    assert "km" in table["Distance"][1]
    assert table["Last verified"] == ["1 September 2026", "1 September 2026"]
    # The table reads as a table: column and row headers with their scope.
    assert all(
        th.get("scope") == "col"
        for th in page.one("compare-table").find_all("thead")[0].find_all("th")
    )
    assert page.one("share-url").get("value").endswith(url)


def test_removing_a_service_rebuilds_the_address(client, pages):
    ids = [
        pages.tapiola_clinic.hsds_id,
        pages.network.family_cafe.hsds_id,
        pages.network.vantaa_family_work.hsds_id,
    ]
    url = "/fi/compare/?" + "&".join(f"s={i}" for i in ids)
    page = parse(client.get(url))
    remove = page.by_testid("compare-remove")[1].get("href")
    assert parse_qs(urlsplit(remove).query)["s"] == [str(ids[0]), str(ids[2])]
    page = parse(client.get(remove))
    assert len(page.one("compare-table").find_all("thead")[0].find_all("th")) == 2


def test_one_service_is_not_yet_a_comparison(client, pages):
    page = parse(client.get(f"/en/compare/?s={pages.tapiola_clinic.hsds_id}"))
    advice = page.one("compare-too-few")
    assert "at least two" in advice.text
    assert "Child health clinic, Tapiola" in advice.text
    assert (
        advice.link("Find services to compare") == f"/en/search/?s={pages.tapiola_clinic.hsds_id}"
    )
    assert not page.by_testid("compare-table")


def test_no_services_at_all(client, pages):
    page = parse(client.get("/fi/compare/"))
    assert page.one("compare-too-few")


def test_more_than_four_is_too_many_and_each_can_be_removed(client, pages, django_user_model):
    from perhekeskus.network.models import Service, ServiceType

    extra = []
    for n in range(2):
        service = Service.objects.create(
            organisation=pages.network.ngo,
            status=Service.Status.PUBLISHED,
            name=f"Vertaisryhmä {n}",
            name_fi=f"Vertaisryhmä {n}",
        )
        service.service_types.add(ServiceType.objects.get(code="peer_support"))
        extra.append(service)
    services = [
        pages.tapiola_clinic,
        pages.network.family_cafe,
        pages.network.vantaa_family_work,
        *extra,
    ]
    url = "/en/compare/?" + "&".join(f"s={s.hsds_id}" for s in services)
    page = parse(client.get(url))
    advice = page.one("compare-too-many")
    assert "You chose 5 services" in advice.text and "at most 4" in advice.text
    assert len(advice.find_all("a")) == 5
    assert not page.by_testid("compare-table")


def test_unknown_drafts_and_malformed_ids_are_reported_never_a_500(client, pages):
    unknown = uuid.uuid4()
    url = (
        f"/en/compare/?s={pages.tapiola_clinic.hsds_id}&s={pages.network.family_cafe.hsds_id}"
        f"&s={unknown}&s={pages.network.draft_service.hsds_id}&s=not-an-id&lat=abc&lon=1"
    )
    response = client.get(url)
    assert response.status_code == 200
    page = parse(response)
    report = page.one("compare-missing")
    assert str(unknown) in report.text
    assert str(pages.network.draft_service.hsds_id) in report.text
    assert "“not-an-id” is not a service identifier." in report.text
    assert "Perheneuvola" not in page.text and "Family counselling (draft)" not in page.text
    assert len(page.one("compare-table").find_all("thead")[0].find_all("th")) == 2
    assert "The location in the link is not valid" in page.text


def test_an_unknown_postal_code_only_leaves_the_distances_out(client, pages):
    ids = f"s={pages.tapiola_clinic.hsds_id}&s={pages.network.family_cafe.hsds_id}"
    page = parse(client.get(f"/en/compare/?{ids}&postcode=99999"))
    assert "Postal code 99999 was not found" in page.text
    assert "Distance" not in rows(page)


def test_the_comparison_speaks_finnish_and_swedish(client, pages):
    ids = f"s={pages.tapiola_clinic.hsds_id}&s={pages.network.family_cafe.hsds_id}"
    finnish = rows(parse(client.get(f"/fi/compare/?{ids}")))
    assert finnish["Ikä"] == ["0–6 v", "Kaikenikäisille"]
    swedish = rows(parse(client.get(f"/sv/compare/?{ids}")))
    assert swedish["Ålder"] == ["0–6 år", "Alla åldrar"]
