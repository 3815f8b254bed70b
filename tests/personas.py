"""Named people and a small service network that every test can reuse.

- Leena: maintains the service network of the West Uusimaa wellbeing services county (Espoo).
- Sari: meeting-place coordinator at an NGO in Espoo; maintains her organisation's data only.
- Veera: maintains the Vantaa and Kerava county's network.
- Aino: public health nurse in Espoo; may log in but maintains no network data.
- Olli: the system administrator (superuser).
An anonymous visitor is simply a client that has not logged in.
"""

from dataclasses import dataclass
from datetime import date, time

from django.contrib.auth.models import User

from perhekeskus.network.models import (
    Activity,
    Area,
    County,
    MaintainerRole,
    Municipality,
    OpeningHours,
    Organisation,
    ProfessionalPresence,
    Service,
    ServiceAtSite,
    ServiceType,
    Site,
)

PASSWORD = "perhe-Demo-2026"


@dataclass
class Network:
    west_uusimaa: County
    vantaa_kerava: County
    espoo: Municipality
    vantaa: Municipality
    espoo_area: Area
    county_org: Organisation
    ngo: Organisation
    vantaa_org: Organisation
    family_centre: Site
    meeting_place: Site
    vantaa_site: Site
    child_health_clinic: Service
    family_cafe: Service
    vantaa_family_work: Service
    draft_service: Service
    cafe_activity: Activity


@dataclass
class Personas:
    leena: User
    sari: User
    veera: User
    aino: User
    olli: User


def _texts(field: str, fi: str, sv: str, en: str) -> dict[str, str]:
    return {field: fi, f"{field}_fi": fi, f"{field}_sv": sv, f"{field}_en": en}


def network_build() -> Network:
    west_uusimaa = County.objects.get(code="03")
    vantaa_kerava = County.objects.get(code="04")
    espoo = Municipality.objects.get(code="049")
    vantaa = Municipality.objects.get(code="092")
    espoo_area = Area.objects.create(
        county=west_uusimaa,
        population=68_000,
        **_texts(
            "name",
            "Leppävaaran perhekeskusalue",
            "Alberga familjecentralområde",
            "Leppävaara family centre area",
        ),
    )
    espoo_area.municipalities.add(espoo)
    county_org = Organisation.objects.create(
        sector=Organisation.Sector.COUNTY,
        county=west_uusimaa,
        business_id="3221308-6",
        **_texts(
            "name",
            "Länsi-Uudenmaan hyvinvointialue",
            "Västra Nylands välfärdsområde",
            "West Uusimaa wellbeing services county",
        ),
    )
    ngo = Organisation.objects.create(
        sector=Organisation.Sector.NGO,
        county=west_uusimaa,
        municipality=espoo,
        **_texts(
            "name",
            "Perhekahvila Kuplan tuki ry (kuvitteellinen)",
            "Familjecafé Bubblans stöd rf (fiktiv)",
            "Bubble Family Café Association (fictional)",
        ),
    )
    vantaa_org = Organisation.objects.create(
        sector=Organisation.Sector.COUNTY,
        county=vantaa_kerava,
        **_texts(
            "name",
            "Vantaan ja Keravan hyvinvointialue",
            "Vanda och Kervo välfärdsområde",
            "Vantaa and Kerava wellbeing services county",
        ),
    )
    family_centre = Site.objects.create(
        kind=Site.Kind.FAMILY_CENTRE,
        area=espoo_area,
        operator=county_org,
        municipality=espoo,
        postal_code="02600",
        latitude=60.2188,
        longitude=24.8129,
        step_free_access=True,
        **_texts(
            "name", "Leppävaaran perhekeskus", "Alberga familjecentral", "Leppävaara family centre"
        ),
        **_texts("street_address", "Hevosenkenkä 3", "Hästskon 3", "Hevosenkenkä 3"),
    )
    meeting_place = Site.objects.create(
        kind=Site.Kind.MEETING_PLACE,
        area=espoo_area,
        operator=ngo,
        municipality=espoo,
        postal_code="02600",
        latitude=60.2201,
        longitude=24.8105,
        **_texts("name", "Perhekahvila Kupla", "Familjecafé Bubblan", "Bubble family café"),
    )
    vantaa_site = Site.objects.create(
        kind=Site.Kind.FAMILY_CENTRE,
        operator=vantaa_org,
        municipality=vantaa,
        postal_code="01300",
        **_texts(
            "name", "Tikkurilan perhekeskus", "Dickursby familjecentral", "Tikkurila family centre"
        ),
    )
    OpeningHours.objects.create(site=family_centre, weekday=0, opens=time(8), closes=time(16))
    child_health_clinic = _service(
        county_org,
        "child_health_clinic",
        (
            "Lastenneuvola, Leppävaara",
            "Barnrådgivningen, Alberga",
            "Child health clinic, Leppävaara",
        ),
        min_age_months=0,
        max_age_months=83,
        status=Service.Status.PUBLISHED,
        site=family_centre,
    )
    family_cafe = _service(
        ngo,
        "meeting_place",
        ("Perhekahvila Kupla", "Familjecafé Bubblan", "Bubble family café"),
        status=Service.Status.PUBLISHED,
        site=meeting_place,
        anonymous_contact=True,
    )
    vantaa_family_work = _service(
        vantaa_org,
        "family_work",
        ("Perhetyö, Tikkurila", "Familjearbete, Dickursby", "Family work, Tikkurila"),
        status=Service.Status.PUBLISHED,
        site=vantaa_site,
    )
    draft_service = _service(
        county_org,
        "family_counselling",
        ("Perheneuvola (luonnos)", "Familjerådgivningen (utkast)", "Family counselling (draft)"),
        status=Service.Status.DRAFT,
        site=family_centre,
    )
    cafe_activity = Activity.objects.create(
        site=meeting_place,
        organiser=ngo,
        service=family_cafe,
        kind=Activity.Kind.FAMILY_CAFE,
        starts_on=date(2026, 1, 6),
        start_time=time(10),
        end_time=time(12),
        rrule="FREQ=WEEKLY;BYDAY=TU",
        cancelled_dates=["2026-12-29"],
        languages=["fi", "sv"],
        min_age_months=0,
        max_age_months=72,
        **_texts("title", "Vauvakahvila", "Babycafé", "Baby café"),
    )
    ProfessionalPresence.objects.create(
        activity=cafe_activity,
        service=child_health_clinic,
        **_texts(
            "role",
            "terveydenhoitaja lastenneuvolasta",
            "hälsovårdare från barnrådgivningen",
            "public health nurse from the child health clinic",
        ),
        **_texts(
            "note",
            "kuun ensimmäinen tiistai",
            "första tisdagen i månaden",
            "the first Tuesday of the month",
        ),
    )
    return Network(
        west_uusimaa,
        vantaa_kerava,
        espoo,
        vantaa,
        espoo_area,
        county_org,
        ngo,
        vantaa_org,
        family_centre,
        meeting_place,
        vantaa_site,
        child_health_clinic,
        family_cafe,
        vantaa_family_work,
        draft_service,
        cafe_activity,
    )


def _service(
    organisation: Organisation,
    type_code: str,
    names: tuple[str, str, str],
    *,
    site: Site,
    **fields: object,
) -> Service:
    service = Service.objects.create(
        organisation=organisation,
        languages=["fi", "sv"],
        channels=[Service.Channel.IN_PERSON, Service.Channel.PHONE],
        last_verified_at=date(2026, 9, 1),
        **_texts("name", *names),
        **fields,
    )
    service.service_types.add(ServiceType.objects.get(code=type_code))
    ServiceAtSite.objects.create(service=service, site=site)
    return service


def _user(username: str, **fields: object) -> User:
    return User.objects.create_user(
        username=username, password=PASSWORD, email=f"{username}@example.org", **fields
    )


def personas_build(network: Network) -> Personas:
    leena = _user("leena", is_staff=True, first_name="Leena")
    sari = _user("sari", is_staff=True, first_name="Sari")
    veera = _user("veera", is_staff=True, first_name="Veera")
    aino = _user("aino", is_staff=True, first_name="Aino")
    olli = _user("olli", is_staff=True, is_superuser=True, first_name="Olli")
    MaintainerRole.objects.create(user=leena, county=network.west_uusimaa)
    MaintainerRole.objects.create(user=sari, organisation=network.ngo)
    MaintainerRole.objects.create(user=veera, county=network.vantaa_kerava)
    return Personas(leena, sari, veera, aino, olli)
