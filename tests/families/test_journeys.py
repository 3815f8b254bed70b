"""The family's whole journey without JavaScript, link by link and form by form, in Finnish and
in Swedish: search "neuvola" for a three-month-old near Tapiola, filter, compare two results,
then open a place, its family centre area and the organisation."""

from urllib.parse import urlencode

import pytest

from tests.families.html import parse

pytestmark = pytest.mark.django_db


def submit(client, form, **fields) -> tuple[str, object]:
    """Send a GET form as a browser does: every named field, empty ones included."""
    values: list[tuple[str, str]] = []
    for element in form.iter():
        name = element.get("name")
        if not name or element.tag == "button":
            continue
        kind = element.get("type", "text")
        if kind in ("checkbox", "radio"):
            value = element.get("value", "on")
            chosen = value in fields[name] if name in fields else "checked" in element.attrs
            if chosen:
                values.append((name, value))
        elif element.tag == "select":
            chosen = fields.get(name)
            if chosen is None:
                selected = [o for o in element.find_all("option") if "selected" in o.attrs]
                chosen = selected[0].get("value") if selected else ""
            values.append((name, chosen))
        else:
            values.append((name, fields.get(name, element.get("value", ""))))
    url = f"{form.get('action')}?{urlencode(values)}"
    response = client.get(url, follow=True)
    return response.redirect_chain[-1][0] if response.redirect_chain else url, response


@pytest.mark.parametrize(
    ("lang", "filters_button", "compare", "area"),
    [
        (
            "fi",
            "Lisää rajauksia",
            "Vertaile rinnakkain",
            "Leppävaaran perhekeskusalue",
        ),
        (
            "sv",
            "Fler filter",
            "Jämför sida vid sida",
            "Alberga familjecentralområde",
        ),
    ],
)
def test_family_finds_compares_and_visits_without_javascript(
    client, pages, lang, filters_button, compare, area
):
    home = parse(client.get(f"/{lang}/"))
    url, response = submit(client, home.one("home-search"), q="neuvola")
    page = parse(response)
    assert url == f"/{lang}/search/?q=neuvola"

    url, response = submit(client, page.one("search-form"), age_months="3", postcode="02100")
    page = parse(response)
    assert url == f"/{lang}/search/?q=neuvola&age_months=3&postcode=02100"
    assert filters_button in page.one("filters-toggle").text

    # Filter: free of charge (a checkbox among "more filters").
    url, response = submit(client, page.one("search-form"), free=["on"])
    page = parse(response)
    assert url.endswith("&free=on")
    results = page.by_testid("result")
    assert len(results) >= 2

    # Compare the first two results.
    page = parse(client.get(results[0].one("compare-toggle").get("href").split("#")[0]))
    page = parse(
        client.get(page.by_testid("result")[1].one("compare-toggle").get("href").split("#")[0])
    )
    link = page.one("compare-link")
    assert link.text == compare
    page = parse(client.get(link.get("href")))
    table = page.one("compare-table")
    assert len(table.find_all("thead")[0].find_all("th")) == 2

    # Open a place from the comparison, then its area and its organisation.
    first_place = table.find_all("tbody")[0].find_all("a")[0].get("href")
    assert first_place.startswith(f"/{lang}/sites/")
    site = parse(client.get(first_place))
    assert site.one("site-week")
    area_url = site.link(area)
    area_page = parse(client.get(area_url))
    assert area_page.find_all("h1")[0].text == area
    organisation_url = site.find_all("p", **{"class": "by"})[0].find_all("a")[0].get("href")
    organisation = parse(client.get(organisation_url))
    assert organisation.one("organisation-services")
