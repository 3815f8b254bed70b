"""The demo has services from outside the region, as a pilot shows them: a national NGO's
helplines and chat, Kela's e-service, a university hospital's clinic for three counties and a
competence and support centre for the eastern collaborative area; published, in three
languages, and found in the counties they serve."""

import pytest
from django.utils import timezone

from perhekeskus.network.demo import demo_generate
from perhekeskus.network.models import Service
from perhekeskus.network.service_areas import service_area_text
from perhekeskus.search.selectors import SearchQuery, search_services

Area = Service.ServiceArea


@pytest.fixture
def demo(db):
    demo_generate(scale="region", seed=2026, today=timezone.localdate(), users=False)


def _beyond() -> dict[str, Service]:
    services = Service.objects.exclude(service_area=Area.LOCAL).prefetch_related(
        "served_counties", "service_types"
    )
    return {service.name_fi: service for service in services}


def _codes(service: Service) -> list[str]:
    return sorted(county.code for county in service.served_counties.all())


def test_the_demo_has_services_from_outside_the_region_in_three_languages(demo):
    beyond = _beyond()
    clinic = beyond["Lastenpsykiatrian erityispoliklinikka, yliopistosairaala (esimerkki)"]
    assert (clinic.service_area, _codes(clinic)) == (Area.COUNTIES, ["07", "08", "16"])
    assert clinic.organisation.county.code == "08"
    assert clinic.referral_required
    centre = beyond["Lasten ja nuorten osaamis- ja tukikeskus, Itä-Suomi (esimerkki)"]
    assert (centre.service_area, _codes(centre)) == (Area.COUNTIES, ["12", "13", "14", "15"])
    chat = beyond["Erochat vanhemmille (esimerkki)"]
    assert chat.service_area == Area.NATIONAL_EXCEPT_ALAND
    assert chat.channels == ["chat"]
    kela = beyond["OmaKela – lapsiperheiden etuudet"]
    assert kela.service_area == Area.NATIONAL
    assert kela.organisation.sector == "kela"
    assert sum(s.service_area == Area.NATIONAL for s in beyond.values()) == 3
    for service in beyond.values():
        assert service.status == Service.Status.PUBLISHED
        assert service.name_sv and service.name_en and service.summary_sv and service.summary_en
        assert not service.at_sites.exists()
        assert service_area_text(service)
        if service.service_area != Area.COUNTIES:
            assert _codes(service) == []


def test_the_demo_clinic_is_found_in_kanta_hame_and_not_in_espoo(demo):
    clinic = _beyond()["Lastenpsykiatrian erityispoliklinikka, yliopistosairaala (esimerkki)"]
    query = {"types": ("child_mental_health",), "limit": 100}
    in_hameenlinna = search_services(SearchQuery(municipality="109", **query))
    assert clinic.pk in {hit.pk for hit in in_hameenlinna.hits}
    in_espoo = search_services(SearchQuery(municipality="049", **query))
    assert clinic.pk not in {hit.pk for hit in in_espoo.hits}
