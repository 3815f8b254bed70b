"""A small register for search: services of several types in Espoo, Vantaa and Helsinki, some
described only in Finnish, with hours, ages, languages and channels that filters can tell apart."""

from dataclasses import dataclass
from datetime import date, time

import pytest

from perhekeskus.network.models import (
    Municipality,
    OpeningHours,
    OpeningHoursException,
    Organisation,
    Service,
    ServiceAtSite,
    ServiceType,
    Site,
)


@dataclass
class Register:
    tapiola: Site
    myyrmaki: Site
    kallio: Site
    child_health_clinic: Service
    maternity_clinic: Service
    family_counselling: Service
    family_cafe: Service
    family_law: Service
    early_education: Service
    chat: Service
    draft: Service


def _site(name: str, municipality: str, lat: float, lon: float, operator, **fields) -> Site:
    return Site.objects.create(
        kind=fields.pop("kind", Site.Kind.FAMILY_CENTRE),
        name_fi=name,
        operator=operator,
        municipality=Municipality.objects.get(code=municipality),
        latitude=lat,
        longitude=lon,
        **fields,
    )


def _service(organisation, type_code: str, site: Site | None, **fields) -> Service:
    defaults = {
        "status": Service.Status.PUBLISHED,
        "languages": ["fi"],
        "channels": ["in_person", "phone"],
        "last_verified_at": date(2026, 9, 1),
    }
    service = Service.objects.create(organisation=organisation, **{**defaults, **fields})
    service.service_types.add(ServiceType.objects.get(code=type_code))
    if site is not None:
        ServiceAtSite.objects.create(service=service, site=site)
    return service


@pytest.fixture
def register(db) -> Register:
    county = Organisation.objects.create(
        name_fi="Länsi-Uudenmaan hyvinvointialue",
        name_sv="Västra Nylands välfärdsområde",
        sector=Organisation.Sector.COUNTY,
    )
    ngo = Organisation.objects.create(name_fi="Perhetalo ry", sector=Organisation.Sector.NGO)
    tapiola = _site("Tapiolan perhekeskus", "049", 60.1756, 24.8050, county, step_free_access=True)
    myyrmaki = _site("Myyrmäen perhekeskus", "092", 60.2611, 24.8543, county)
    kallio = _site("Kallion perhetalo", "091", 60.1841, 24.9497, ngo, kind=Site.Kind.MEETING_PLACE)
    for site in (tapiola, myyrmaki):
        for weekday in range(5):
            OpeningHours.objects.create(site=site, weekday=weekday, opens=time(8), closes=time(16))
    OpeningHoursException.objects.create(site=tapiola, date=date(2026, 12, 24), closed=True)
    child_health_clinic = _service(
        county,
        "child_health_clinic",
        tapiola,
        name_fi="Lastenneuvola",
        name_sv="Barnrådgivningen",
        name_en="Child health clinic",
        summary_fi="Alle kouluikäisten lasten terveystarkastukset ja rokotukset.",
        summary_sv="Hälsogranskningar och vaccinationer för barn under skolåldern.",
        summary_en="Check-ups and vaccinations for children under school age.",
        min_age_months=0,
        max_age_months=83,
        languages=["fi", "sv"],
    )
    # Described only in Finnish: English and Swedish users find it through its service type.
    maternity_clinic = _service(
        county,
        "maternity_clinic",
        myyrmaki,
        name_fi="Äitiysneuvola",
        summary_fi="Raskauden seuranta ja synnytykseen valmistautuminen.",
        min_age_months=-9,
        max_age_months=-1,
    )
    family_counselling = _service(
        county,
        "family_counselling",
        myyrmaki,
        name_fi="Kasvatus- ja perheneuvola",
        summary_fi="Tukea lapsen kasvuun, kehitykseen ja perheen vuorovaikutukseen.",
        min_age_months=0,
        max_age_months=215,
        channels=["in_person", "phone", "video"],
    )
    family_cafe = _service(
        ngo,
        "meeting_place",
        kallio,
        name_fi="Perhekahvila Pikkukallio",
        name_sv="Familjecaféet Pikkukallio",
        summary_fi="Avoin kohtaamispaikka vauvaperheille ja leikki-ikäisille.",
        languages=["fi", "sv", "en", "ar"],
        anonymous_contact=True,
    )
    family_law = _service(
        county,
        "family_law_services",
        tapiola,
        name_fi="Perheoikeudelliset palvelut",
        summary_fi="Sopimukset lapsen huollosta, asumisesta, tapaamisoikeudesta ja elatusavusta.",
        min_age_months=0,
        max_age_months=215,
    )
    early_education = _service(
        county,
        "early_childhood_education",
        tapiola,
        name_fi="Varhaiskasvatus",
        summary_fi="Varhaiskasvatuspaikan haku ja palveluohjaus.",
        min_age_months=9,
        max_age_months=83,
        cost=Service.Cost.INCOME_BASED,
    )
    # A national chat: it serves every municipality without a site in any.
    chat = _service(
        ngo,
        "helpline",
        None,
        name_fi="Vanhempainchat",
        summary_fi="Keskustele nimettömänä ammattilaisen kanssa.",
        channels=["chat"],
        anonymous_contact=True,
        service_area=Service.ServiceArea.NATIONAL,
    )
    draft = _service(
        county,
        "child_health_clinic",
        tapiola,
        name_fi="Salainen neuvolaluonnos",
        status=Service.Status.DRAFT,
    )
    return Register(
        tapiola,
        myyrmaki,
        kallio,
        child_health_clinic,
        maternity_clinic,
        family_counselling,
        family_cafe,
        family_law,
        early_education,
        chat,
        draft,
    )
