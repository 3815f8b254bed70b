"""The register a family meets on the pages: the shared small network (tests/personas.py) plus
a child health clinic in Tapiola (postal code 02100), an archived service, this week's family
café at the meeting place, and hours with an exception in the coming days."""

from dataclasses import dataclass
from datetime import date, time, timedelta

import pytest
from django.test import Client
from django.utils import timezone

from perhekeskus.network.models import (
    Activity,
    OpeningHours,
    OpeningHoursException,
    Service,
    ServiceAtSite,
    ServiceContact,
    ServiceType,
    Site,
)
from tests.personas import Network

TAPIOLA = (60.1756, 24.8050)


@dataclass
class Pages:
    network: Network
    tapiola: Site
    tapiola_clinic: Service
    archived: Service
    daily_cafe: Activity
    closed_on: date


def _texts(field: str, fi: str, sv: str, en: str) -> dict[str, str]:
    return {field: fi, f"{field}_fi": fi, f"{field}_sv": sv, f"{field}_en": en}


@pytest.fixture
def pages(network: Network) -> Pages:
    today = timezone.localdate()
    tapiola = Site.objects.create(
        kind=Site.Kind.FAMILY_CENTRE,
        area=network.espoo_area,
        operator=network.county_org,
        municipality=network.espoo,
        postal_code="02100",
        latitude=TAPIOLA[0],
        longitude=TAPIOLA[1],
        step_free_access=True,
        induction_loop=True,
        phone="09 816 31300",
        email="tapiola@example.org",
        **_texts(
            "name", "Tapiolan perhekeskus", "Hagalunds familjecentral", "Tapiola family centre"
        ),
        **_texts("street_address", "Kauppamiehentie 6", "Köpmansvägen 6", "Kauppamiehentie 6"),
        **_texts("post_office", "Espoo", "Esbo", "Espoo"),
        **_texts(
            "directions",
            "Metrolla Tapiolan asemalle, josta 300 metriä.",
            "Med metron till Hagalund station, därifrån 300 meter.",
            "Take the metro to Tapiola station; it is 300 metres from there.",
        ),
        **_texts(
            "accessibility",
            "Sisäänkäynti ilman portaita pääovelta.",
            "Ingång utan trappor från huvuddörren.",
            "Step-free entrance at the main door.",
        ),
    )
    for weekday in range(5):
        OpeningHours.objects.create(site=tapiola, weekday=weekday, opens=time(8), closes=time(16))
    closed_on = today + timedelta(days=3)
    OpeningHoursException.objects.create(
        site=tapiola,
        date=closed_on,
        closed=True,
        **_texts("reason", "koulutuspäivä", "utbildningsdag", "training day"),
    )
    tapiola_clinic = Service.objects.create(
        organisation=network.county_org,
        status=Service.Status.PUBLISHED,
        min_age_months=0,
        max_age_months=83,
        languages=["fi", "sv", "en"],
        channels=[Service.Channel.IN_PERSON, Service.Channel.PHONE, Service.Channel.HOME_VISIT],
        target_groups=[Service.TargetGroup.FAMILIES],
        cost=Service.Cost.FREE,
        phone="09 816 31301",
        last_verified_at=date(2026, 9, 1),
        **_texts(
            "name",
            "Lastenneuvola, Tapiola",
            "Barnrådgivningen, Hagalund",
            "Child health clinic, Tapiola",
        ),
        **_texts(
            "summary",
            "Alle kouluikäisten lasten terveystarkastukset ja rokotukset.",
            "Hälsogranskningar och vaccinationer för barn under skolåldern.",
            "Check-ups and vaccinations for children under school age.",
        ),
        **_texts(
            "description",
            "Terveydenhoitaja seuraa lapsen kasvua ja kehitystä.",
            "Hälsovårdaren följer barnets tillväxt och utveckling.",
            "A public health nurse follows the child's growth and development.",
        ),
    )
    tapiola_clinic.service_types.add(ServiceType.objects.get(code="child_health_clinic"))
    ServiceAtSite.objects.create(service=tapiola_clinic, site=tapiola)
    ServiceContact.objects.create(
        service=tapiola_clinic,
        name="Anna Terveydenhoitaja",
        phone="09 816 31302",
        **_texts("title", "Ajanvaraus", "Tidsbokning", "Appointments"),
    )
    archived = Service.objects.create(
        organisation=network.county_org,
        status=Service.Status.ARCHIVED,
        **_texts(
            "name",
            "Vanha neuvola (arkistoitu)",
            "Gamla rådgivningen (arkiverad)",
            "Old clinic (archived)",
        ),
    )
    archived.service_types.add(ServiceType.objects.get(code="child_health_clinic"))
    ServiceAtSite.objects.create(service=archived, site=tapiola)
    # Every day, so that "this week" always has it, whatever day the tests run.
    daily_cafe = Activity.objects.create(
        site=network.meeting_place,
        organiser=network.ngo,
        service=network.family_cafe,
        kind=Activity.Kind.OPEN_DAYCARE,
        starts_on=today - timedelta(days=30),
        start_time=time(9, 30),
        end_time=time(11),
        rrule="FREQ=DAILY",
        languages=["fi"],
        **_texts("title", "Avoin päiväkoti", "Öppet daghem", "Open daycare"),
    )
    return Pages(network, tapiola, tapiola_clinic, archived, daily_cafe, closed_on)


@pytest.fixture
def htmx_client() -> Client:
    """A browser with htmx: every request says so in its headers."""
    return Client(headers={"HX-Request": "true"})
