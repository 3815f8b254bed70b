"""A family in Hämeenlinna (Kanta-Häme) meets services from outside the region, marked as such:
in the search results, on the service page, side by side, on the area and organisation pages,
in the guidance answer and in the search API; a family in Espoo does not meet the ones that do
not serve it.

- The university hospital's child psychiatry clinic of Pirkanmaa serves Kanta-Häme, Pirkanmaa
  and South Ostrobothnia from its site in Tampere.
- A national NGO's helpline serves the whole country.
- Hämeenlinna's own family counselling is local, at its family centre.
"""

from dataclasses import dataclass

import pytest

from perhekeskus.guidance.engine import guidance_reset
from perhekeskus.network.models import (
    Area,
    County,
    Municipality,
    Organisation,
    Service,
    ServiceAtSite,
    ServiceType,
    Site,
)
from tests.families.html import parse

pytestmark = pytest.mark.django_db

HAMEENLINNA, ESPOO = "109", "049"
CLINIC_FI = (
    "Palvelee näitä alueita: Kanta-Hämeen hyvinvointialue, Pirkanmaan hyvinvointialue, "
    "Etelä-Pohjanmaan hyvinvointialue"
)
CLINIC_SV = (
    "Betjänar dessa områden: Egentliga Tavastlands välfärdsområde, Birkalands välfärdsområde, "
    "Södra Österbottens välfärdsområde"
)


@dataclass
class Beyond:
    clinic: Service
    helpline: Service
    counselling: Service
    national_ngo: Organisation
    hameenlinna_area: Area


def _service(organisation, name: str, type_code: str, site: Site | None = None, **fields):
    service = Service.objects.create(
        organisation=organisation,
        name_fi=name,
        name_sv=fields.pop("name_sv", ""),
        status=Service.Status.PUBLISHED,
        min_age_months=0,
        max_age_months=215,
        **fields,
    )
    service.service_types.add(ServiceType.objects.get(code=type_code))
    if site is not None:
        ServiceAtSite.objects.create(service=service, site=site)
    return service


def _site(name: str, municipality: str, operator, lat: float, lon: float, area=None) -> Site:
    return Site.objects.create(
        kind=Site.Kind.FAMILY_CENTRE,
        name_fi=name,
        operator=operator,
        area=area,
        municipality=Municipality.objects.get(code=municipality),
        latitude=lat,
        longitude=lon,
    )


@pytest.fixture
def beyond(network) -> Beyond:
    kanta_hame = County.objects.get(code="07")
    pirkanmaa = Organisation.objects.create(
        name_fi="Pirkanmaan hyvinvointialue",
        sector=Organisation.Sector.COUNTY,
        county=County.objects.get(code="08"),
    )
    kanta_hame_org = Organisation.objects.create(
        name_fi="Kanta-Hämeen hyvinvointialue", sector=Organisation.Sector.COUNTY, county=kanta_hame
    )
    national_ngo = Organisation.objects.create(
        name_fi="Vanhempien tukilinja ry", sector=Organisation.Sector.NGO
    )
    area = Area.objects.create(county=kanta_hame, name_fi="Hämeenlinnan perhekeskusalue")
    area.municipalities.add(Municipality.objects.get(code=HAMEENLINNA))
    hospital = _site("Yliopistosairaala", "837", pirkanmaa, 61.5058, 23.8143)
    family_centre = _site(
        "Hämeenlinnan perhekeskus", HAMEENLINNA, kanta_hame_org, 60.9959, 24.4643, area
    )
    clinic = _service(
        pirkanmaa,
        "Lastenpsykiatrian erityispoliklinikka",
        "child_mental_health",
        hospital,
        name_sv="Barnpsykiatriska specialpolikliniken",
        service_area=Service.ServiceArea.COUNTIES,
        referral_required=True,
    )
    clinic.served_counties.set(County.objects.filter(code__in=["07", "08", "16"]))
    return Beyond(
        clinic=clinic,
        helpline=_service(
            national_ngo,
            "Vanhempien auttava puhelin",
            "helpline",
            name_sv="Hjälptelefonen för föräldrar",
            service_area=Service.ServiceArea.NATIONAL,
        ),
        counselling=_service(
            kanta_hame_org, "Kasvatus- ja perheneuvola", "family_counselling", family_centre
        ),
        national_ngo=national_ngo,
        hameenlinna_area=area,
    )


def marks(page) -> dict[str, str]:
    """Each result's name and the marking of its area (empty for a local service)."""
    found = {}
    for item in page.by_testid("result"):
        area = item.find_all(**{"data-testid": "service-area"})
        found[item.find_all("h3")[0].text] = area[0].text if area else ""
    return found


def test_a_family_in_hameenlinna_finds_the_clinic_and_the_helpline_marked(client, beyond):
    page = parse(client.get(f"/fi/search/?municipality={HAMEENLINNA}&limit=50"))

    found = marks(page)
    assert found["Lastenpsykiatrian erityispoliklinikka"] == CLINIC_FI
    assert found["Vanhempien auttava puhelin"] == "Palvelee koko maata"
    assert found["Kasvatus- ja perheneuvola"] == ""
    # The marking is said once, not again among the reasons.
    for item in page.by_testid("result"):
        assert not item.find_all("li", **{"data-code": "service_area"})


def test_the_marking_is_in_swedish_on_the_swedish_pages(client, beyond):
    page = parse(client.get(f"/sv/search/?municipality={HAMEENLINNA}&limit=50"))
    found = marks(page)
    assert found["Barnpsykiatriska specialpolikliniken"] == CLINIC_SV
    assert found["Hjälptelefonen för föräldrar"] == "Betjänar hela landet"


def test_a_family_in_espoo_meets_the_helpline_but_not_the_clinic(client, beyond):
    found = marks(parse(client.get(f"/fi/search/?municipality={ESPOO}&limit=50")))
    assert "Vanhempien auttava puhelin" in found
    assert "Lastenpsykiatrian erityispoliklinikka" not in found


def test_the_service_page_says_whom_it_serves(client, beyond):
    page = parse(client.get(f"/fi/services/{beyond.clinic.hsds_id}/"))
    assert page.one("service-area").text == CLINIC_FI
    page = parse(client.get(f"/sv/services/{beyond.helpline.hsds_id}/"))
    assert page.one("service-area").text == "Betjänar hela landet"
    page = parse(client.get(f"/fi/services/{beyond.counselling.hsds_id}/"))
    assert page.by_testid("service-area") == []


def test_side_by_side_the_area_served_is_a_row_of_its_own(client, beyond):
    ids = [beyond.clinic.hsds_id, beyond.helpline.hsds_id, beyond.counselling.hsds_id]
    page = parse(client.get("/fi/compare/?" + "&".join(f"s={i}" for i in ids)))
    row = page.one("compare-service-area")
    assert row.find_all("th")[0].text == "Palvelualue"
    assert [cell.text for cell in row.find_all("td")] == [
        CLINIC_FI,
        "Palvelee koko maata",
        "Paikallinen",
    ]


def test_the_area_page_lists_the_services_from_outside_the_region_that_serve_it(
    client, beyond, network
):
    page = parse(client.get(f"/fi/areas/{beyond.hameenlinna_area.hsds_id}/"))
    section = page.one("area-from-afar")
    assert "Alueen ulkopuoliset palvelut tämän alueen perheille" in section.text
    assert "Lastenpsykiatrian erityispoliklinikka" in section.text
    assert CLINIC_FI in section.text
    assert "Vanhempien auttava puhelin" in section.text
    assert "Kasvatus- ja perheneuvola" not in section.text

    espoo = parse(client.get(f"/fi/areas/{network.espoo_area.hsds_id}/")).one("area-from-afar")
    assert "Vanhempien auttava puhelin" in espoo.text
    assert "Lastenpsykiatrian erityispoliklinikka" not in espoo.text


def test_the_national_organisations_page_marks_its_service(client, beyond):
    page = parse(client.get(f"/en/organisations/{beyond.national_ngo.hsds_id}/"))
    assert page.one("service-area").text == "Serves the whole country"


def test_the_guidance_answer_marks_the_clinic_for_a_family_in_hameenlinna(client, beyond):
    guidance_reset()
    response = client.post("/fi/guidance/", {"need": ["anxiety"], "municipality": HAMEENLINNA})
    assert response.status_code == 200
    page = parse(response)
    services = {
        item.find_all("h3")[0].text: item
        for item in page.one("services").find_all("li")
        if item.get("data-testid") == "service"
    }
    clinic = services["Lastenpsykiatrian erityispoliklinikka"]
    assert clinic.find_all(**{"data-testid": "service-area"})[0].text == CLINIC_FI


def test_the_search_api_gives_the_area_in_codes_and_in_words(client, beyond):
    body = client.get(
        "/api/v1/search", {"municipality": HAMEENLINNA, "lang": "en", "limit": 50}
    ).json()
    results = {r["service"]["id"]: r for r in body["results"]}
    clinic = results[str(beyond.clinic.hsds_id)]
    assert clinic["service"]["service_area"] == "counties"
    assert clinic["service"]["served_counties"] == ["07", "08", "16"]
    [reason] = [r for r in clinic["why"] if r["code"] == "service_area"]
    assert reason["text"].startswith("Serves these counties: Kanta-Häme wellbeing services county")
    helpline = results[str(beyond.helpline.hsds_id)]["service"]
    assert (helpline["service_area"], helpline["served_counties"]) == ("national", [])
    local = results[str(beyond.counselling.hsds_id)]["service"]
    assert local["service_area"] == "local"
