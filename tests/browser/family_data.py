"""A small, realistic (fictional) register of the Tapiola family centre area in Espoo, as a
family meets it on the public pages: two child health clinics and a private, fee-charging one
that all answer "neuvola", a maternity clinic, and a meeting place whose weekly family café a
public health nurse visits. Texts in Finnish, Swedish and English.

Counties, municipalities and postal areas come from the reference data (`reference_data`)."""

from dataclasses import dataclass
from datetime import time, timedelta

from django.utils import timezone

from perhekeskus.network.models import (
    Activity,
    Area,
    County,
    Municipality,
    OpeningHours,
    Organisation,
    PostalArea,
    ProfessionalPresence,
    Service,
    ServiceAtSite,
    ServiceType,
    Site,
)

# The family café is held on Wednesdays: any day of the week the tests run, this week has one.
CAFE_WEEKDAY = 2
CAFE_BYDAY = "WE"


@dataclass(frozen=True)
class Texts:
    fi: str
    sv: str
    en: str

    def __getitem__(self, lang: str) -> str:
        return str(getattr(self, lang))


@dataclass
class FamilyRegister:
    espoo: Municipality
    area: Area
    tapiola_centre: Site
    matinkyla_point: Site
    private_clinic_site: Site
    meeting_place: Site
    tapiola_clinic: Service
    matinkyla_clinic: Service
    private_clinic: Service
    maternity_clinic: Service
    cafe_service: Service
    family_cafe: Activity
    area_name: Texts
    meeting_place_name: Texts
    tapiola_clinic_name: Texts
    matinkyla_clinic_name: Texts
    private_clinic_name: Texts
    cafe_title: Texts
    nurse_role: Texts


def _texts(field: str, texts: Texts) -> dict[str, str]:
    return {
        field: texts.fi,
        f"{field}_fi": texts.fi,
        f"{field}_sv": texts.sv,
        f"{field}_en": texts.en,
    }


def _weekday_hours(site: Site, weekdays: range, opens: time, closes: time) -> None:
    OpeningHours.objects.bulk_create(
        OpeningHours(site=site, weekday=day, opens=opens, closes=closes) for day in weekdays
    )


def _service(
    organisation: Organisation,
    type_code: str,
    site: Site,
    name: Texts,
    summary: Texts,
    **fields: object,
) -> Service:
    service = Service.objects.create(
        organisation=organisation,
        status=Service.Status.PUBLISHED,
        channels=[Service.Channel.IN_PERSON, Service.Channel.PHONE],
        **_texts("name", name),
        **_texts("summary", summary),
        **fields,
    )
    service.service_types.add(ServiceType.objects.get(code=type_code))
    ServiceAtSite.objects.create(service=service, site=site)
    return service


def family_register_build() -> FamilyRegister:
    today = timezone.localdate()
    verified = today - timedelta(days=21)
    west_uusimaa = County.objects.get(code="03")
    espoo = Municipality.objects.get(code="049")

    area_name = Texts(
        "Tapiolan perhekeskusalue",
        "Hagalunds familjecentralområde",
        "Tapiola family centre area",
    )
    area = Area.objects.create(
        county=west_uusimaa,
        population=64_000,
        **_texts("name", area_name),
        **_texts(
            "description",
            Texts(
                "Tapiolan, Otaniemen, Westendin ja Matinkylän lapsiperheiden palvelut.",
                "Tjänster för barnfamiljer i Hagalund, Otnäs, Westend och Mattby.",
                "Services for families in Tapiola, Otaniemi, Westend and Matinkylä.",
            ),
        ),
    )
    area.municipalities.add(espoo)
    area.postal_areas.add(
        *PostalArea.objects.filter(code__in=["02100", "02110", "02130", "02160", "02230"])
    )

    county_org = Organisation.objects.create(
        sector=Organisation.Sector.COUNTY,
        county=west_uusimaa,
        business_id="3221308-6",
        **_texts(
            "name",
            Texts(
                "Länsi-Uudenmaan hyvinvointialue",
                "Västra Nylands välfärdsområde",
                "West Uusimaa wellbeing services county",
            ),
        ),
    )
    ngo = Organisation.objects.create(
        sector=Organisation.Sector.NGO,
        county=west_uusimaa,
        municipality=espoo,
        **_texts(
            "name",
            Texts(
                "Tapiolan perhetalo ry (kuvitteellinen)",
                "Familjehuset i Hagalund rf (fiktiv)",
                "Tapiola Family House Association (fictional)",
            ),
        ),
    )
    private = Organisation.objects.create(
        sector=Organisation.Sector.PRIVATE,
        county=west_uusimaa,
        municipality=espoo,
        **_texts(
            "name",
            Texts(
                "Lääkärikeskus Pikkuapu Oy (kuvitteellinen)",
                "Läkarcentralen Pikkuapu Ab (fiktiv)",
                "Pikkuapu Medical Centre Ltd (fictional)",
            ),
        ),
    )

    tapiola_centre = Site.objects.create(
        kind=Site.Kind.FAMILY_CENTRE,
        area=area,
        operator=county_org,
        municipality=espoo,
        postal_code="02100",
        latitude=60.1756,
        longitude=24.8050,
        step_free_access=True,
        accessible_toilet=True,
        pram_parking=True,
        phone="09 816 31300",
        email="tapiola.perhekeskus@example.org",
        **_texts(
            "name",
            Texts("Tapiolan perhekeskus", "Hagalunds familjecentral", "Tapiola family centre"),
        ),
        **_texts(
            "street_address", Texts("Kauppamiehentie 6", "Köpmansvägen 6", "Kauppamiehentie 6")
        ),
        **_texts("post_office", Texts("Espoo", "Esbo", "Espoo")),
        **_texts(
            "directions",
            Texts(
                "Metrolla Tapiolan asemalle, josta 300 metriä.",
                "Med metron till Hagalunds station, därifrån 300 meter.",
                "Take the metro to Tapiola station; it is 300 metres from there.",
            ),
        ),
    )
    _weekday_hours(tapiola_centre, range(5), time(8), time(16))

    matinkyla_point = Site.objects.create(
        kind=Site.Kind.SERVICE_POINT,
        area=area,
        operator=county_org,
        municipality=espoo,
        postal_code="02230",
        latitude=60.1580,
        longitude=24.7420,
        step_free_access=True,
        **_texts("name", Texts("Matinkylän neuvola", "Mattby rådgivning", "Matinkylä clinic")),
        **_texts(
            "street_address", Texts("Liisanpuistikko 1", "Lisasplanaden 1", "Liisanpuistikko 1")
        ),
        **_texts("post_office", Texts("Espoo", "Esbo", "Espoo")),
    )
    _weekday_hours(matinkyla_point, range(4), time(8), time(15, 30))

    private_clinic_site = Site.objects.create(
        kind=Site.Kind.OTHER,
        operator=private,
        municipality=espoo,
        postal_code="02100",
        latitude=60.1779,
        longitude=24.8068,
        **_texts(
            "name",
            Texts(
                "Lääkärikeskus Pikkuapu, Tapiola",
                "Läkarcentralen Pikkuapu, Hagalund",
                "Pikkuapu Medical Centre, Tapiola",
            ),
        ),
        **_texts(
            "street_address", Texts("Länsituulentie 4", "Västanvindsvägen 4", "Länsituulentie 4")
        ),
    )
    _weekday_hours(private_clinic_site, range(6), time(8), time(20))

    meeting_place_name = Texts(
        "Kohtaamispaikka Pesä, Tapiola",
        "Mötesplatsen Boet, Hagalund",
        "Nest meeting place, Tapiola",
    )
    meeting_place = Site.objects.create(
        kind=Site.Kind.MEETING_PLACE,
        area=area,
        operator=ngo,
        municipality=espoo,
        postal_code="02100",
        latitude=60.1771,
        longitude=24.8041,
        step_free_access=True,
        pram_parking=True,
        **_texts("name", meeting_place_name),
        **_texts("street_address", Texts("Tapionraitti 3", "Tapiovägen 3", "Tapionraitti 3")),
        **_texts("post_office", Texts("Espoo", "Esbo", "Espoo")),
        **_texts(
            "accessibility",
            Texts(
                "Sisäänkäynti katutasosta, tilaa lastenvaunuille eteisessä.",
                "Ingång från gatunivå, plats för barnvagnar i tamburen.",
                "Street-level entrance; room for prams in the hall.",
            ),
        ),
    )
    _weekday_hours(meeting_place, range(1, 4), time(9), time(14))

    tapiola_clinic_name = Texts(
        "Lastenneuvola, Tapiola", "Barnrådgivningen, Hagalund", "Child health clinic, Tapiola"
    )
    tapiola_clinic = _service(
        county_org,
        "child_health_clinic",
        tapiola_centre,
        tapiola_clinic_name,
        Texts(
            "Alle kouluikäisten lasten terveystarkastukset ja rokotukset.",
            "Hälsogranskningar och vaccinationer för barn under skolåldern.",
            "Check-ups and vaccinations for children under school age.",
        ),
        min_age_months=0,
        max_age_months=83,
        languages=["fi", "sv", "en"],
        target_groups=[Service.TargetGroup.FAMILIES],
        cost=Service.Cost.FREE,
        phone="09 816 31301",
        last_verified_at=verified,
    )
    matinkyla_clinic_name = Texts(
        "Lastenneuvola, Matinkylä", "Barnrådgivningen, Mattby", "Child health clinic, Matinkylä"
    )
    matinkyla_clinic = _service(
        county_org,
        "child_health_clinic",
        matinkyla_point,
        matinkyla_clinic_name,
        Texts(
            "Lapsen kasvun ja kehityksen seuranta 0–6-vuotiaille.",
            "Uppföljning av barnets tillväxt och utveckling för 0–6-åringar.",
            "Growth and development check-ups for children aged 0–6.",
        ),
        min_age_months=0,
        max_age_months=83,
        languages=["fi", "en"],
        target_groups=[Service.TargetGroup.FAMILIES],
        cost=Service.Cost.FREE,
        last_verified_at=verified - timedelta(days=40),
    )
    private_clinic_name = Texts(
        "Yksityinen lastenneuvola Pikkuapu",
        "Privat barnrådgivning Pikkuapu",
        "Pikkuapu private child health clinic",
    )
    private_clinic = _service(
        private,
        "child_health_clinic",
        private_clinic_site,
        private_clinic_name,
        Texts(
            "Lastenlääkärin ja terveydenhoitajan vastaanotto ilman jonoa.",
            "Mottagning hos barnläkare och hälsovårdare utan kö.",
            "Paediatrician and nurse appointments without a queue.",
        ),
        min_age_months=0,
        max_age_months=83,
        languages=["fi", "en"],
        cost=Service.Cost.FEE,
        cost_description="65 € / käynti",
        last_verified_at=verified,
    )
    maternity_clinic = _service(
        county_org,
        "maternity_clinic",
        tapiola_centre,
        Texts("Äitiysneuvola, Tapiola", "Mödrarådgivningen, Hagalund", "Maternity clinic, Tapiola"),
        Texts(
            "Raskauden seuranta ja valmennus synnytykseen.",
            "Uppföljning av graviditeten och förlossningsförberedelse.",
            "Pregnancy check-ups and preparation for the birth.",
        ),
        min_age_months=-9,
        max_age_months=-1,
        languages=["fi", "sv"],
        target_groups=[Service.TargetGroup.EXPECTING],
        last_verified_at=verified,
    )
    cafe_service = _service(
        ngo,
        "meeting_place",
        meeting_place,
        Texts("Perhekahvila Pesä", "Familjecafé Boet", "Nest family café"),
        Texts(
            "Avoin kohtaamispaikka vauvaperheille ja leikki-ikäisille.",
            "Öppen mötesplats för babyfamiljer och lekåldern.",
            "An open meeting place for families with babies and toddlers.",
        ),
        min_age_months=0,
        max_age_months=72,
        languages=["fi", "sv"],
        anonymous_contact=True,
        last_verified_at=verified,
    )

    cafe_title = Texts("Vauvaperheiden perhekahvila", "Familjecafé för babyfamiljer", "Baby café")
    first_wednesday = today - timedelta(days=today.weekday() - CAFE_WEEKDAY + 8 * 7)
    family_cafe = Activity.objects.create(
        site=meeting_place,
        organiser=ngo,
        service=cafe_service,
        kind=Activity.Kind.FAMILY_CAFE,
        starts_on=first_wednesday,
        start_time=time(9, 30),
        end_time=time(11, 30),
        rrule=f"FREQ=WEEKLY;BYDAY={CAFE_BYDAY}",
        min_age_months=0,
        max_age_months=18,
        languages=["fi", "sv"],
        **_texts("title", cafe_title),
        **_texts(
            "description",
            Texts(
                "Kahvia, leikkiä ja vertaistukea. Ei ilmoittautumista.",
                "Kaffe, lek och kamratstöd. Ingen anmälan.",
                "Coffee, play and peer support. No registration.",
            ),
        ),
    )
    nurse_role = Texts(
        "terveydenhoitaja Tapiolan lastenneuvolasta",
        "hälsovårdare från Hagalunds barnrådgivning",
        "public health nurse from Tapiola child health clinic",
    )
    ProfessionalPresence.objects.create(
        activity=family_cafe, service=tapiola_clinic, **_texts("role", nurse_role)
    )

    return FamilyRegister(
        espoo=espoo,
        area=area,
        tapiola_centre=tapiola_centre,
        matinkyla_point=matinkyla_point,
        private_clinic_site=private_clinic_site,
        meeting_place=meeting_place,
        tapiola_clinic=tapiola_clinic,
        matinkyla_clinic=matinkyla_clinic,
        private_clinic=private_clinic,
        maternity_clinic=maternity_clinic,
        cafe_service=cafe_service,
        family_cafe=family_cafe,
        area_name=area_name,
        meeting_place_name=meeting_place_name,
        tapiola_clinic_name=tapiola_clinic_name,
        matinkyla_clinic_name=matinkyla_clinic_name,
        private_clinic_name=private_clinic_name,
        cafe_title=cafe_title,
        nurse_role=nurse_role,
    )
