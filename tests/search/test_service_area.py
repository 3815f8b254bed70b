"""Search for families in every county: services from outside the region are found where they
serve, by their explicit service area, and marked as such.

- A university hospital's child psychiatry clinic of the Pirkanmaa county serves Kanta-Häme,
  Pirkanmaa and South Ostrobothnia, at its site in Tampere.
- A competence and support centre of North Savo has no site and serves the four counties of the
  eastern collaborative area.
- A national NGO's helpline serves the whole country; its separation chat the whole country
  except Åland, which has services of its own.
- Espoo's child mental health service is local, at its site in Espoo.
"""

from dataclasses import dataclass

import pytest
from django.utils import translation

from perhekeskus.network.models import (
    County,
    Municipality,
    Organisation,
    Service,
    ServiceAtSite,
    ServiceType,
    Site,
)
from perhekeskus.search.selectors import SearchQuery, search_services

Area = Service.ServiceArea
TAMPERE, HAMEENLINNA, SEINAJOKI = "837", "109", "743"
ESPOO, HELSINKI, KUOPIO, MARIEHAMN = "049", "091", "297", "478"


@dataclass
class Beyond:
    pirkanmaa: Organisation
    clinic: Service
    centre: Service
    helpline: Service
    separation_chat: Service
    espoo_mental_health: Service


def _county(code: str) -> County:
    return County.objects.get(code=code)


def _organisation(name: str, county: str | None = None) -> Organisation:
    return Organisation.objects.create(
        name_fi=name,
        sector=Organisation.Sector.COUNTY if county else Organisation.Sector.NGO,
        county=_county(county) if county else None,
    )


def _service(
    organisation: Organisation,
    name: str,
    type_code: str,
    *,
    area: str = Area.LOCAL,
    counties: tuple[str, ...] = (),
    site: Site | None = None,
) -> Service:
    service = Service.objects.create(
        organisation=organisation,
        name_fi=name,
        status=Service.Status.PUBLISHED,
        service_area=area,
        languages=["fi"],
    )
    service.service_types.add(ServiceType.objects.get(code=type_code))
    service.served_counties.set(County.objects.filter(code__in=counties))
    if site is not None:
        ServiceAtSite.objects.create(service=service, site=site)
    return service


def _site(name: str, municipality: str, lat: float, lon: float, operator: Organisation) -> Site:
    return Site.objects.create(
        kind=Site.Kind.SERVICE_POINT,
        name_fi=name,
        operator=operator,
        municipality=Municipality.objects.get(code=municipality),
        latitude=lat,
        longitude=lon,
    )


@pytest.fixture
def beyond(db) -> Beyond:
    pirkanmaa = _organisation("Pirkanmaan hyvinvointialue", "08")
    north_savo = _organisation("Pohjois-Savon hyvinvointialue", "13")
    west_uusimaa = _organisation("Länsi-Uudenmaan hyvinvointialue", "03")
    national_ngo = _organisation("Vanhempien tukilinja ry")
    hospital = _site("Yliopistosairaala", TAMPERE, 61.5058, 23.8143, pirkanmaa)
    espoo = _site("Espoon perheneuvola", ESPOO, 60.2055, 24.6559, west_uusimaa)
    return Beyond(
        pirkanmaa=pirkanmaa,
        clinic=_service(
            pirkanmaa,
            "Lastenpsykiatrian erityispoliklinikka",
            "child_mental_health",
            area=Area.COUNTIES,
            counties=("07", "08", "16"),
            site=hospital,
        ),
        centre=_service(
            north_savo,
            "Lasten ja nuorten osaamis- ja tukikeskus",
            "child_protection",
            area=Area.COUNTIES,
            counties=("12", "13", "14", "15"),
        ),
        helpline=_service(
            national_ngo, "Vanhempien auttava puhelin", "helpline", area=Area.NATIONAL
        ),
        separation_chat=_service(
            national_ngo, "Erochat", "separation_support", area=Area.NATIONAL_EXCEPT_ALAND
        ),
        espoo_mental_health=_service(
            west_uusimaa, "Lasten mielenterveyspalvelut", "child_mental_health", site=espoo
        ),
    )


def found(**query) -> set[Service]:
    results = search_services(SearchQuery(limit=100, **query))
    return set(Service.objects.filter(pk__in=[hit.pk for hit in results.hits]))


def in_municipality(code: str) -> set[Service]:
    return found(municipality=code)


def test_a_service_for_several_counties_is_found_in_each_of_them_and_nowhere_else(beyond):
    for code in (TAMPERE, HAMEENLINNA, SEINAJOKI):
        assert beyond.clinic in in_municipality(code), code
    for code in (ESPOO, HELSINKI, KUOPIO, MARIEHAMN):
        assert beyond.clinic not in in_municipality(code), code
    assert beyond.centre in in_municipality(KUOPIO)
    assert beyond.centre not in in_municipality(TAMPERE)


def test_a_national_service_is_found_in_every_county_and_aland_only_when_it_is_served(beyond):
    for code in (TAMPERE, ESPOO, HELSINKI, KUOPIO, MARIEHAMN):
        assert beyond.helpline in in_municipality(code), code
    for code in (TAMPERE, ESPOO, HELSINKI, KUOPIO):
        assert beyond.separation_chat in in_municipality(code), code
    assert beyond.separation_chat not in in_municipality(MARIEHAMN)


def test_a_local_service_stays_where_its_site_is(beyond):
    assert beyond.espoo_mental_health in in_municipality(ESPOO)
    assert beyond.espoo_mental_health not in in_municipality(HELSINKI)
    assert in_municipality(ESPOO) & {beyond.clinic, beyond.centre} == set()


def test_without_sites_a_local_service_serves_its_organisations_county_only(beyond):
    county_line = _service(beyond.pirkanmaa, "Pirkanmaan perhelinja", "helpline")
    assert county_line in in_municipality(TAMPERE)
    assert county_line not in in_municipality(HAMEENLINNA)


def test_an_organisation_without_a_county_no_longer_makes_its_service_national(beyond):
    unmarked = _service(
        Organisation.objects.get(name_fi="Vanhempien tukilinja ry"), "Vertaischat", "peer_support"
    )
    assert unmarked in found(types=("peer_support",))
    for code in (TAMPERE, ESPOO, MARIEHAMN):
        assert unmarked not in in_municipality(code), code


def test_an_unknown_municipality_finds_nothing_from_afar(beyond):
    assert in_municipality("999") == set()


def test_a_result_from_outside_the_region_says_so_in_the_users_language(beyond):
    for lang, whole_country, counties in (
        ("fi", "Palvelee koko maata", "Palvelee näitä alueita: Kanta-Hämeen hyvinvointialue"),
        ("sv", "Betjänar hela landet", "Betjänar dessa områden: Egentliga Tavastlands"),
        ("en", "Serves the whole country", "Serves these counties: Kanta-Häme wellbeing"),
    ):
        results = search_services(SearchQuery(lang=lang, municipality=HAMEENLINNA, limit=50))
        hits = {hit.pk: hit for hit in results.hits}
        helpline, clinic = hits[beyond.helpline.pk], hits[beyond.clinic.pk]
        assert (helpline.service_area, helpline.served_counties) == ("national", ())
        assert (clinic.service_area, clinic.served_counties) == ("counties", ("07", "08", "16"))
        [reason] = [r for r in helpline.why if r.code == "service_area"]
        assert reason.text == whole_country
        [reason] = [r for r in clinic.why if r.code == "service_area"]
        assert reason.text.startswith(counties), reason.text
        assert reason.data == {"service_area": "counties", "counties": ["07", "08", "16"]}
    local = next(hit for hit in results.hits if hit.pk == beyond.separation_chat.pk)
    assert local.service_area == "national_except_aland"
    espoo = search_services(SearchQuery(municipality=ESPOO, types=("child_mental_health",)))
    assert [r.code for r in espoo.hits[0].why if r.code == "service_area"] == []


def test_a_changed_area_or_county_shows_in_search_at_once(beyond):
    clinic = beyond.clinic
    assert clinic not in in_municipality(KUOPIO)
    # Naming one more county changes no column of the service itself.
    clinic.served_counties.add(_county("13"))
    assert clinic in in_municipality(KUOPIO)
    clinic.served_counties.remove(_county("16"))
    assert clinic not in in_municipality(SEINAJOKI)
    clinic.service_area = Area.NATIONAL
    clinic.save()
    clinic.served_counties.clear()
    assert clinic in in_municipality(ESPOO)
    clinic.service_area = Area.LOCAL
    clinic.save()
    assert clinic not in in_municipality(ESPOO)
    assert clinic in in_municipality(TAMPERE)  # at its site


def test_near_a_place_it_serves_a_service_from_afar_ranks_as_if_close(beyond):
    query = {"types": ("child_mental_health",), "limit": 10}
    in_hameenlinna = search_services(SearchQuery(postcode="13100", **query))
    assert [hit.pk for hit in in_hameenlinna.hits] == [
        beyond.clinic.pk,
        beyond.espoo_mental_health.pk,
    ]
    # Its real distance is still what the card says.
    assert in_hameenlinna.hits[0].distance_km > 50
    in_espoo = search_services(SearchQuery(postcode="02100", **query))
    assert [hit.pk for hit in in_espoo.hits] == [beyond.espoo_mental_health.pk, beyond.clinic.pk]
    # A location given as coordinates is placed in its municipality too.
    at_hameenlinna = search_services(SearchQuery(lat=60.996, lon=24.464, **query))
    assert at_hameenlinna.hits[0].pk == beyond.clinic.pk
    assert at_hameenlinna.location.municipality == HAMEENLINNA
    assert at_hameenlinna.location.county == "07"


def test_a_siteless_service_that_does_not_serve_the_place_ranks_last(beyond):
    query = {"types": ("child_protection", "helpline"), "limit": 10}
    near_espoo = search_services(SearchQuery(postcode="02100", **query))
    assert [hit.pk for hit in near_espoo.hits] == [beyond.helpline.pk, beyond.centre.pk]
    near_kuopio = search_services(SearchQuery(postcode="70100", **query))
    assert {hit.pk for hit in near_kuopio.hits} == {beyond.helpline.pk, beyond.centre.pk}
    assert near_kuopio.hits[0].score == pytest.approx(near_kuopio.hits[1].score)


def test_labels_follow_the_active_language_of_the_page(beyond):
    with translation.override("sv"):
        results = search_services(SearchQuery(lang="fi", municipality=TAMPERE))
    hit = next(hit for hit in results.hits if hit.pk == beyond.helpline.pk)
    assert [r.text for r in hit.why if r.code == "service_area"] == ["Palvelee koko maata"]
