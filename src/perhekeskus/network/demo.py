"""Demo data that looks and behaves like the real family centre network.

Counties, municipalities and postal areas are real (the reference data); family centre areas are
drawn from them by the model's population rule (`demo_areas`); organisations other than the real
public bodies, and every service, site, address, contact and activity, are fictional and say so.

- `region` scale: Uusimaa in full (about 30 areas, over 900 meeting places), other counties lighter.
- `national` scale: every county at full density (over 50 000 services, 10 000 sites and 20 000
  activities), written with bulk inserts.

Deterministic for a given seed and date: one `random.Random(seed)` drives every choice (ids too),
in an order fixed by codes, never by dict or set iteration of unordered input. Dates (last
verified, activity start, holidays) are relative to `today`, so the data stays current.
"""

import hashlib
import random
import time
import uuid
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from datetime import time as clock
from typing import Any, Protocol, TypeVar

from dateutil.easter import easter
from django.contrib.auth import get_user_model
from django.core.management.color import no_style
from django.db import connection, models, transaction
from django.db.models.base import ModelState
from django.utils import timezone, translation
from django.utils.text import slugify

from perhekeskus.network import demo_texts as texts
from perhekeskus.network.demo_areas import AreaPlan, Place, areas_draw
from perhekeskus.network.models import (
    Activity,
    Area,
    ChangeRecord,
    County,
    MaintainerRole,
    Municipality,
    OpeningHours,
    OpeningHoursException,
    Organisation,
    PostalArea,
    ProfessionalPresence,
    Service,
    ServiceAtSite,
    ServiceContact,
    ServiceType,
    Site,
)
from perhekeskus.network.reference_data import read_csv
from perhekeskus.network.selectors import area_band_warning, area_population_compute
from perhekeskus.network.validators import BUSINESS_ID_WEIGHTS

Tri = texts.Tri

SCALES = ("region", "national")
DEFAULT_SEED = 2026
UUSIMAA_COUNTIES = ("01", "02", "03", "04", "90")
DEMO_PASSWORD = "perhekeskus-demo"
DEMO_USERS = (
    ("admin", "superuser: everything"),
    ("leena", "maintainer of the West Uusimaa wellbeing services county (03)"),
    ("sari", "maintainer of one NGO in Espoo"),
)
BATCH_SIZE = 1000


@dataclass(frozen=True)
class Density:
    """How full an area is: sites per 10 000 inhabitants and the richness of each site."""

    meeting_places_per_10k: float
    service_points_per_10k: float
    min_meeting_places: int
    min_service_points: int
    activities: tuple[int, int]  # per meeting place
    meeting_place_extra_services: tuple[int, int]
    optional_services: float  # share of a service point's optional services offered
    ngos_per_100k: float
    presence_share: float  # activities a professional visits


FULL = Density(5.6, 1.1, 8, 3, (1, 3), (0, 1), 0.5, 8, 0.6)
LIGHT = Density(0.6, 0.2, 2, 1, (1, 2), (0, 1), 0.3, 2, 0.4)
NATIONAL = Density(11.5, 10, 4, 3, (2, 5), (1, 3), 1.0, 8, 0.5)

# Service point kinds, cycled so that every kind occurs: the operator, and the services
# offered (type, variant, offered by: "county" | "municipality" | "operator", required).
SERVICE_POINT_CYCLE = (
    "clinic", "daycare", "school", "social", "clinic", "youth", "daycare", "kela", "private",
    "clinic", "parish", "school", "ngo", "daycare", "state",
)  # fmt: skip
Offer = tuple[str, int | None, str, bool]
SERVICE_POINT_KINDS: dict[str, tuple[str, tuple[Offer, ...]]] = {
    "clinic": (
        "county",
        (
            ("maternity_clinic", None, "county", True),
            ("child_health_clinic", None, "county", True),
            ("dental_care", None, "county", False),
            ("parenting_support", None, "county", False),
            ("parenting_support", 0, "county", False),
            ("family_work", None, "county", False),
            ("home_help", None, "county", False),
        ),
    ),
    "school": (
        "municipality",
        (
            ("school_health_care", None, "county", True),
            ("student_welfare", None, "municipality", True),
            ("student_health_care", None, "county", False),
            ("sexual_health_clinic", None, "county", False),
            ("youth_mental_health", None, "county", False),
            ("youth_services", None, "municipality", False),
        ),
    ),
    "daycare": (
        "municipality",
        (
            ("early_childhood_education", None, "municipality", True),
            ("early_childhood_education", 0, "municipality", False),
            ("early_childhood_education", 1, "municipality", False),
            ("early_childhood_education", 2, "municipality", False),
        ),
    ),
    "youth": (
        "municipality",
        (
            ("youth_services", None, "municipality", True),
            ("culture_and_leisure", None, "municipality", True),
            ("youth_mental_health", None, "county", False),
            ("sexual_health_clinic", None, "county", False),
            ("substance_use_services", None, "county", False),
        ),
    ),
    "social": (
        "county",
        (
            ("family_social_work", None, "county", True),
            ("child_protection", None, "county", True),
            ("family_law_services", None, "county", False),
            ("family_mediation", None, "county", False),
            ("home_help", None, "county", False),
            ("disability_services", None, "county", False),
            ("substance_use_services", None, "county", False),
            ("family_counselling", None, "county", False),
        ),
    ),
    "kela": (
        "kela",
        (
            ("kela_family_benefits", None, "operator", True),
            ("kela_family_benefits", 0, "operator", False),
            ("kela_family_benefits", 1, "operator", False),
            ("kela_family_benefits", 2, "operator", False),
            ("kela_family_benefits", 3, "operator", False),
        ),
    ),
    "private": (
        "private",
        (
            ("rehabilitation", 0, "operator", True),
            ("family_counselling", None, "operator", True),
            ("rehabilitation", 1, "operator", False),
            ("rehabilitation", 2, "operator", False),
            ("couple_relationship_support", None, "operator", False),
            ("rehabilitation", None, "operator", False),
        ),
    ),
    "parish": (
        "parish",
        (
            ("couple_relationship_support", None, "operator", True),
            ("peer_support", None, "operator", False),
            ("crisis_support", None, "operator", False),
            ("separation_support", None, "operator", False),
        ),
    ),
    "ngo": (
        "ngo",
        (
            ("domestic_violence_services", None, "operator", True),
            ("separation_support", None, "operator", False),
            ("immigrant_integration", None, "operator", True),
            ("peer_support", 0, "operator", False),
            ("peer_support", 1, "operator", False),
            ("peer_support", 2, "operator", False),
            ("crisis_support", None, "operator", False),
            ("peer_support", None, "operator", False),
        ),
    ),
    "state": ("state", (("financial_counselling", None, "operator", True),)),
}
SERVICE_POINT_NAMES: dict[str, tuple[Tri, bool]] = {
    # (fi, sv, en) with {unit}/{unit_gen}/{unit_sv} or {loc}/{loc_sv}; True: uses a unit name.
    "clinic": (("Neuvola {loc}", "Rådgivningen {loc_sv}", "{loc} Clinic"), False),
    "school": (("{unit_gen} koulu", "{unit_sv} skola", "{unit} School"), True),
    "daycare": (("{unit_gen} päiväkoti", "Daghemmet {unit_sv}", "{unit} Daycare Centre"), True),
    "youth": (("Nuorisotalo {unit}", "Ungdomsgården {unit_sv}", "{unit} Youth Centre"), True),
    "social": (
        ("Perhesosiaalityö {loc}", "Familjesocialarbetet {loc_sv}", "{loc} Family Social Work"),
        False,
    ),
    "kela": (
        ("Kelan palvelupiste {loc}", "FPA:s serviceställe {loc_sv}", "Kela office {loc}"), False
    ),
    "private": (("{org} – {loc}", "{org_sv} – {loc_sv}", "{org_en} – {loc}"), False),
    "parish": (
        ("Seurakuntakeskus {loc}", "Församlingshemmet {loc_sv}", "{loc} Parish Centre"), False
    ),
    "ngo": (
        ("Perhetalo {noun}, {loc}", "Familjehuset {noun_sv}, {loc_sv}",
         "{noun} Family House, {loc}"),
        False,
    ),
    "state": (
        ("Talous- ja velkaneuvonta {loc}", "Ekonomi- och skuldrådgivningen {loc_sv}",
         "{loc} Financial and Debt Counselling"),
        False,
    ),
}  # fmt: skip
FAMILY_CENTRE_SERVICES = (
    "maternity_clinic", "child_health_clinic", "family_social_work", "home_help", "family_work",
    "family_law_services", "family_mediation", "family_counselling", "child_mental_health",
    "youth_mental_health", "substance_use_services", "rehabilitation", "disability_services",
    "specialist_consultation", "child_protection", "parenting_support", "separation_support",
    "couple_relationship_support", "domestic_violence_services", "dental_care",
    "sexual_health_clinic", "immigrant_integration",
)  # fmt: skip
MEETING_PLACE_OPERATORS = (("municipality", 35), ("ngo", 40), ("parish", 25))
ACTIVITY_KINDS_BY_OPERATOR = {
    "municipality": ("open_daycare", "open_daycare", "family_cafe", "parenting_group"),
    "ngo": ("family_cafe", "family_cafe", "peer_group", "parenting_group"),
    "parish": ("family_club", "family_club", "family_cafe", "peer_group"),
}


WRITE_ORDER: tuple[type[models.Model], ...] = (
    Organisation, Area, Site, Service, ServiceAtSite, OpeningHours, OpeningHoursException,
    ServiceContact, Activity, ProfessionalPresence,
)  # fmt: skip
# Column types that the database drivers take as they are; others go through the field.
_PLAIN_TYPES = frozenset(
    {
        "AutoField", "BigAutoField", "BigIntegerField", "BooleanField", "CharField",
        "EmailField", "FloatField", "ForeignKey", "IntegerField", "PositiveIntegerField",
        "PositiveSmallIntegerField", "SlugField", "SmallIntegerField", "TextField", "URLField",
    }
)  # fmt: skip
M = TypeVar("M", bound=models.Model)


class _Table:
    """Rows of one model, built without Model.__init__ (too slow at national scale with
    modeltranslation) and written with executemany in batches. Ids are given here, so that
    rows can refer to each other before anything is written."""

    def __init__(self, model: type[models.Model]) -> None:
        self.model = model
        self.fields = list(model._meta.concrete_fields)
        self.relations = {f.name: f.attname for f in self.fields if f.is_relation}
        now = timezone.now()
        self.defaults: dict[str, Any] = {}
        for f in self.fields:
            if f.primary_key:
                continue
            if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False):
                self.defaults[f.attname] = now
            elif not (f.has_default() and callable(f.default)):
                self.defaults[f.attname] = f.get_default()
        last = model._default_manager.aggregate(last=models.Max("pk"))["last"]
        self.next_id = (last or 0) + 1
        self.rows: list[Any] = []

    def new(self, **values: Any) -> Any:
        obj = self.model.__new__(self.model)
        obj._state = ModelState()
        data = obj.__dict__
        data.update(self.defaults)
        for key, value in values.items():
            attname = self.relations.get(key)
            if attname is None:
                data[key] = value
            else:
                data[attname] = None if value is None else value.pk
        data["id"] = self.next_id
        self.next_id += 1
        self.rows.append(obj)
        return obj

    def insert(self) -> None:
        columns = [str(f.column) for f in self.fields]
        convert = [None if f.get_internal_type() in _PLAIN_TYPES else f for f in self.fields]
        attnames = [f.attname for f in self.fields]
        rows = [
            tuple(
                obj.__dict__[a] if c is None else c.get_db_prep_save(obj.__dict__[a], connection)
                for a, c in zip(attnames, convert, strict=True)
            )
            for obj in self.rows
        ]
        _insert_rows(self.model, columns, rows)


def _insert_rows(model: Any, columns: Sequence[str], rows: list[tuple[Any, ...]]) -> None:
    """Multi-row INSERTs: one round trip for many rows, on SQLite and PostgreSQL alike."""
    quote = connection.ops.quote_name
    table = quote(model._meta.db_table)
    names = ", ".join(quote(c) for c in columns)
    one_row = "(" + ", ".join(["%s"] * len(columns)) + ")"
    # Stay well below SQLite's limit on variables in one statement (32 766).
    per_statement = max(1, min(BATCH_SIZE, 30_000 // len(columns)))
    with connection.cursor() as cursor:
        for start in range(0, len(rows), per_statement):
            chunk = rows[start : start + per_statement]
            values = ", ".join([one_row] * len(chunk))
            params = [value for row in chunk for value in row]
            cursor.execute(f"INSERT INTO {table} ({names}) VALUES {values}", params)


class Writer(Protocol):
    """Where reports go: a file, or a management command's stdout."""

    def write(self, text: str, /) -> Any: ...


class DemoRefused(Exception):
    """The database already holds network data and no reset was asked for."""


@dataclass
class AreaContext:
    plan: AreaPlan
    area: Area
    county_org: Organisation
    places: list[PostalArea]
    weights: list[int]
    ngos: list[Organisation] = field(default_factory=list)
    private: Organisation | None = None
    centre_services: dict[str, Service] = field(default_factory=dict)


def _tri(name: str, value: Tri) -> dict[str, str]:
    return {name: value[0], f"{name}_fi": value[0], f"{name}_sv": value[1], f"{name}_en": value[2]}


def _fmt(value: Tri, **kwargs: Any) -> Tri:
    return (value[0].format(**kwargs), value[1].format(**kwargs), value[2].format(**kwargs))


def _short(name: str) -> str:
    """A postal area's everyday name: "Kontula - Vesala - Kivikko" → "Kontula"."""
    return name.split(" - ")[0].split("-Keskus")[0].strip() or name


def _domain(name: str) -> str:
    return f"{slugify(name)[:40].strip('-')}.example"


def business_id_with_check(body: str) -> str | None:
    """The Y-tunnus for seven digits, or None when no check digit exists (remainder 1)."""
    remainder = sum(int(d) * w for d, w in zip(body, BUSINESS_ID_WEIGHTS, strict=True)) % 11
    if remainder == 1:
        return None
    return f"{body}-{0 if remainder == 0 else 11 - remainder}"


def finnish_holidays(year: int) -> list[tuple[date, str]]:
    """Finnish public holidays (and Maundy Thursday, a short day) of a year."""
    e = easter(year)
    midsummer_eve = next(date(year, 6, d) for d in range(19, 26) if date(year, 6, d).weekday() == 4)
    all_saints = next(
        d for d in (date(year, 10, 31) + timedelta(days=i) for i in range(7)) if d.weekday() == 5
    )
    return sorted(
        [
            (date(year, 1, 1), "new_year"),
            (date(year, 1, 6), "epiphany"),
            (e - timedelta(days=3), "maundy_thursday"),
            (e - timedelta(days=2), "good_friday"),
            (e, "easter_sunday"),
            (e + timedelta(days=1), "easter_monday"),
            (date(year, 5, 1), "may_day"),
            (e + timedelta(days=39), "ascension"),
            (e + timedelta(days=49), "whitsun"),
            (midsummer_eve, "midsummer_eve"),
            (midsummer_eve + timedelta(days=1), "midsummer_day"),
            (all_saints, "all_saints"),
            (date(year, 12, 6), "independence_day"),
            (date(year, 12, 24), "christmas_eve"),
            (date(year, 12, 25), "christmas_day"),
            (date(year, 12, 26), "boxing_day"),
        ]
    )


@dataclass(frozen=True)
class Beyond:
    """A service from outside the region: its area, the counties it names, and its own texts."""

    area: str
    counties: tuple[str, ...]
    summary: Tri
    description: Tri
    channels: tuple[str, ...] = ()  # its own, when not those of its main type


@dataclass(frozen=True)
class FromOutside:
    """A demo service from outside the region: organised by a county (its code) or, without
    one, by the national NGO; its service types, first the main one."""

    county: str | None
    types: tuple[str, ...]
    name: Tri
    beyond: Beyond


# Examples, fictional like every demo service: a university hospital's specialised service
# for the counties of its former special responsibility area, a competence and support centre
# (osaamis- ja tukikeskus) of the eastern collaborative area, and a national chat for
# separating parents that Åland, with its own services, is not part of.
FROM_OUTSIDE_THE_REGION = (
    FromOutside(
        "08",
        ("child_mental_health", "specialist_consultation"),
        ("Lastenpsykiatrian erityispoliklinikka, yliopistosairaala (esimerkki)",
         "Barnpsykiatriska specialpolikliniken, universitetssjukhuset (exempel)",
         "Specialised child psychiatry outpatient clinic, university hospital (example)"),
        Beyond(
            Service.ServiceArea.COUNTIES,
            ("07", "08", "16"),
            ("Vaativa lastenpsykiatrinen tutkimus ja hoito lähetteellä kolmen "
             "hyvinvointialueen lapsille.",
             "Krävande barnpsykiatrisk utredning och vård på remiss för barn i tre "
             "välfärdsområden.",
             "Demanding child psychiatric assessment and treatment, on referral, for children of "
             "three wellbeing services counties."),
            ("Yliopistosairaalan erityispoliklinikka tutkii ja hoitaa lapsia, joiden oireet "
             "vaativat erityisosaamista. Käynnit ovat sairaalassa Tampereella tai videolla; "
             "lähetteen tekee oman alueen lääkäri tai perheneuvola.",
             "Universitetssjukhusets specialpoliklinik utreder och vårdar barn vars symtom kräver "
             "specialkunnande. Besöken sker på sjukhuset i Tammerfors eller via video; remissen "
             "skrivs av en läkare eller familjerådgivningen i det egna området.",
             "The university hospital's specialised outpatient clinic assesses and treats "
             "children whose symptoms need special expertise. Visits are at the hospital in "
             "Tampere or by video; a doctor or the family counselling service of your own area "
             "makes the referral."),
            ("in_person", "video", "phone"),
        ),
    ),
    FromOutside(
        "13",
        ("child_protection", "specialist_consultation"),
        ("Lasten ja nuorten osaamis- ja tukikeskus, Itä-Suomi (esimerkki)",
         "Kompetens- och stödcentret för barn och unga, Östra Finland (exempel)",
         "Competence and support centre for children and young people, Eastern Finland "
         "(example)"),
        Beyond(
            Service.ServiceArea.COUNTIES,
            ("12", "13", "14", "15"),
            ("Vaativan lastensuojelun ja erityistä tukea tarvitsevien lasten asiantuntijatuki "
             "yhteistyöalueen neljälle hyvinvointialueelle.",
             "Experthjälp inom krävande barnskydd och för barn i behov av särskilt stöd för "
             "samarbetsområdets fyra välfärdsområden.",
             "Expert support in demanding child protection and for children with special needs, "
             "for the four wellbeing services counties of the collaborative area."),
            ("Osaamis- ja tukikeskus konsultoi perhekeskusten ja lastensuojelun työntekijöitä, "
             "arvioi lapsen tilanteen moniammatillisesti ja järjestää vaativaa kuntoutusta "
             "yhdessä perheen oman hyvinvointialueen kanssa.",
             "Kompetens- och stödcentret konsulterar personalen inom familjecentralerna och "
             "barnskyddet, bedömer barnets situation multiprofessionellt och ordnar krävande "
             "rehabilitering tillsammans med familjens eget välfärdsområde.",
             "The competence and support centre advises the staff of family centres and child "
             "protection, assesses the child's situation with several professions and arranges "
             "demanding rehabilitation together with the family's own county."),
        ),
    ),
    FromOutside(
        None,
        ("separation_support", "helpline"),
        ("Erochat vanhemmille (esimerkki)",
         "Skilsmässochatten för föräldrar (exempel)",
         "Separation chat for parents (example)"),
        Beyond(
            Service.ServiceArea.NATIONAL_EXCEPT_ALAND,
            (),
            ("Nimetön chat eroaville vanhemmille: lasten asiat, sopiminen ja jaksaminen.",
             "Anonym chatt för föräldrar som skiljer sig: barnens frågor, avtal och ork.",
             "An anonymous chat for separating parents: the children, agreements and coping."),
            ("Koulutetut työntekijät ja vapaaehtoiset vastaavat arki-iltaisin. Chat ohjaa "
             "tarvittaessa oman alueen perheoikeudellisiin palveluihin ja perheasioiden "
             "sovitteluun. Ahvenanmaalla palvelua ei tarjota; sillä on omat palvelunsa.",
             "Utbildade anställda och frivilliga svarar på vardagskvällar. Chatten hänvisar vid "
             "behov till de familjerättsliga tjänsterna och familjemedlingen i det egna "
             "området. På Åland erbjuds tjänsten inte; Åland har egna tjänster.",
             "Trained staff and volunteers answer on weekday evenings. The chat guides you to "
             "your own area's family law services and family mediation when needed. It is not "
             "offered in Åland, which has services of its own."),
            ("chat",),
        ),
    ),
)  # fmt: skip


class _Generator:
    def __init__(self, *, seed: int, today: date, scale: str) -> None:
        self.rng = random.Random(seed)
        self.today = today
        self.scale = scale
        self.business_ids: set[str] = set()
        self.names_used: set[str] = set()
        self.holidays = [
            (day, key)
            for year in (today.year, today.year + 1)
            for day, key in finnish_holidays(year)
            if today - timedelta(days=14) <= day <= today + timedelta(days=365)
        ]
        self.type_ids: dict[str, int] = dict(ServiceType.objects.values_list("code", "id"))
        self.type_levels: dict[str, str] = dict(ServiceType.objects.values_list("code", "level"))
        self.counties = {c.code: c for c in County.objects.order_by("code")}
        self.municipalities = {
            m.code: m for m in Municipality.objects.select_related("county").order_by("code")
        }
        self.postal_areas = list(PostalArea.objects.order_by("code"))
        # Rows to write, in dependency order.
        self.tables = {model: _Table(model) for model in WRITE_ORDER}
        self.areas: list[AreaContext] = []
        self.service_types: list[tuple[Service, str]] = []
        self.served_counties: list[tuple[Service, str]] = []
        self.county_orgs: dict[str, Organisation] = {}
        self.municipality_orgs: dict[str, Organisation] = {}
        self.parish_orgs: dict[str, Organisation] = {}
        self.ngo_nouns: dict[int, tuple[str, str]] = {}
        self.municipalities_by_id = {m.id: m for m in self.municipalities.values()}

    # ---- small helpers -------------------------------------------------------------------

    def new(self, model: type[M], **values: Any) -> M:
        return self.tables[model].new(**values)

    def uuid(self) -> uuid.UUID:
        return uuid.UUID(int=self.rng.getrandbits(128), version=4)

    def business_id(self) -> str:
        while True:
            value = business_id_with_check(f"{self.rng.randrange(1_000_000, 3_400_000):07d}")
            if value and value not in self.business_ids:
                self.business_ids.add(value)
                return value

    def phone(self) -> str:
        # The 0100 0xxx range is not in use for subscribers; demo numbers must never ring anyone.
        return f"+358 100 0{self.rng.randrange(1000, 9999)}"

    def density(self, county: str) -> Density:
        if self.scale == "national":
            return NATIONAL
        return FULL if county in UUSIMAA_COUNTIES else LIGHT

    def languages(self, municipality: Municipality, *, others: float = 0.1) -> list[str]:
        county = municipality.county.code
        result = ["sv", "fi"] if county == texts.ALAND_COUNTY else ["fi"]
        if municipality.code in texts.BILINGUAL_MUNICIPALITIES:
            result.append("sv")
        rng = self.rng
        if rng.random() < 0.35:
            result.append("en")
        if rng.random() < others:
            result += rng.sample(texts.OTHER_LANGUAGES, rng.randint(1, 2))
        return result

    def unique_name(self, candidates: Callable[[], Tri]) -> Tri:
        """A fictional name not used yet: a few draws, then a number after the name."""
        for _ in range(10):
            name = candidates()
            if name[0] not in self.names_used:
                self.names_used.add(name[0])
                return name
        return self.numbered(name)

    def numbered(self, name: Tri) -> Tri:
        number, result = 1, name
        while result[0] in self.names_used:
            number += 1
            result = (f"{name[0]} {number}", f"{name[1]} {number}", f"{name[2]} {number}")
        self.names_used.add(result[0])
        return result

    # ---- organisations -------------------------------------------------------------------

    def organisation(
        self,
        *,
        sector: str,
        name: Tri,
        real_name: bool,
        county: County | None = None,
        municipality: Municipality | None = None,
    ) -> Organisation:
        domain = _domain(name[0])
        org = self.new(
            Organisation,
            sector=sector,
            county=county,
            municipality=municipality,
            business_id=self.business_id(),
            website=f"https://{domain}/",
            email=f"info@{domain}",
            phone=self.phone(),
            hsds_id=self.uuid(),
            **_tri("name", name),
            **_tri(
                "description",
                texts.REAL_NAME_ORGANISATION if real_name else texts.FICTIONAL_ORGANISATION,
            ),
        )
        return org

    def national_organisations(self) -> None:
        self.kela = self.organisation(sector="kela", name=("Kela", "FPA", "Kela"), real_name=True)
        self.state = self.organisation(
            sector="state",
            name=(
                "Oikeusaputoimisto (esimerkki)",
                "Rättshjälpsbyrån (exempel)",
                "Legal aid office (example)",
            ),
            real_name=False,
        )
        self.national_ngo = self.organisation(
            sector="ngo",
            name=(
                "Vanhempien tukilinja ry",
                "Stödlinjen för föräldrar rf",
                "Parents' Support Line Association",
            ),
            real_name=False,
        )
        for code, county in self.counties.items():
            self.county_orgs[code] = self.organisation(
                sector="county",
                name=(county.name_fi or county.name, county.name_sv or "", county.name_en or ""),
                real_name=True,
                county=county,
            )

    def municipality_org(self, municipality: Municipality) -> Organisation:
        org = self.municipality_orgs.get(municipality.code)
        if org is None:
            fi, sv = municipality.name_fi or municipality.name, municipality.name_sv or ""
            org = self.organisation(
                sector="municipality",
                name=(f"{fi} – kunnan palvelut", f"{sv} – kommunens tjänster",
                      f"{fi} municipal services"),
                real_name=True,
                county=municipality.county,
                municipality=municipality,
            )  # fmt: skip
            self.municipality_orgs[municipality.code] = org
        return org

    def parish_org(self, municipality: Municipality) -> Organisation:
        org = self.parish_orgs.get(municipality.code)
        if org is None:
            fi, sv = municipality.name_fi or municipality.name, municipality.name_sv or ""
            org = self.organisation(
                sector="parish",
                name=(f"Ev.-lut. seurakunta, {fi}", f"Ev.-luth. församlingen, {sv}",
                      f"Lutheran parish, {fi}"),
                real_name=False,
                county=municipality.county,
                municipality=municipality,
            )  # fmt: skip
            self.parish_orgs[municipality.code] = org
        return org

    def ngo(self, municipality: Municipality) -> Organisation:
        rng = self.rng

        nouns: list[tuple[str, str]] = []

        def candidate() -> Tri:
            nouns.append(rng.choice(texts.NGO_NOUNS))
            kind = rng.choice(texts.NGO_KINDS)
            return _fmt(kind, fi=nouns[-1][0], sv=nouns[-1][1])

        org = self.organisation(
            sector="ngo",
            name=self.unique_name(candidate),
            real_name=False,
            county=municipality.county,
            municipality=municipality,
        )
        self.ngo_nouns[id(org)] = nouns[-1]
        return org

    def private_org(self, municipality: Municipality) -> Organisation:
        rng = self.rng

        def candidate() -> Tri:
            fi, sv = rng.choice(texts.NGO_NOUNS)
            return _fmt(rng.choice(texts.PRIVATE_NAMES), fi=fi, sv=sv)

        return self.organisation(
            sector="private",
            name=self.unique_name(candidate),
            real_name=False,
            county=municipality.county,
            municipality=municipality,
        )

    # ---- areas ---------------------------------------------------------------------------

    def draw_areas(self, counties: Sequence[str] | None) -> list[AreaPlan]:
        municipality_code = {m.id: code for code, m in self.municipalities.items()}
        postal_places = [
            Place(
                p.code,
                p.name_fi or p.name,
                p.name_sv or p.name_fi or p.name,
                p.population,
                p.latitude or 0.0,
                p.longitude or 0.0,
                municipality_code[p.municipality_id],
                self.municipalities[municipality_code[p.municipality_id]].county.code,
            )
            for p in self.postal_areas
        ]
        by_municipality: dict[str, list[Place]] = {}
        for place in postal_places:
            by_municipality.setdefault(place.municipality, []).append(place)
        municipality_places = []
        for code, m in self.municipalities.items():
            own = by_municipality.get(code)
            if m.latitude is not None and m.longitude is not None:
                lat, lon = m.latitude, m.longitude
            elif own:
                total = sum(max(p.population, 1) for p in own)
                lat = sum(p.lat * max(p.population, 1) for p in own) / total
                lon = sum(p.lon * max(p.population, 1) for p in own) / total
            else:
                lat, lon = 60.5, 25.0
            municipality_places.append(
                Place(code, m.name_fi or m.name, m.name_sv or m.name, m.population, lat, lon, code,
                      m.county.code)
            )  # fmt: skip
        neighbours = [
            (row["kuntanumero_a"], row["kuntanumero_b"])
            for row in read_csv("municipality_neighbours.csv")
        ]
        return areas_draw(
            municipalities=municipality_places,
            postal_areas=postal_places,
            neighbours=neighbours,
            counties=counties,
        )

    def area_names(self, plan: AreaPlan) -> tuple[Tri, Tri, Tri]:
        """The area's name, its short place name (fi, sv, fi) and the place phrase."""
        if plan.split_city is not None:
            top = max(plan.postal_areas, key=lambda p: (p.population, p.code))
            short = (_short(top.name_fi), _short(top.name_sv), _short(top.name_fi))
            city = self.municipalities[plan.split_city.code]
            place = (
                f"{city.name_fi} – {short[0]}",
                f"{city.name_sv} – {short[1]}",
                f"{city.name_fi} – {short[0]}",
            )
        else:
            members = sorted(plan.municipalities, key=lambda p: (-p.population, p.code))
            fi = [m.name_fi for m in members]
            sv = [m.name_sv for m in members]
            short = (fi[0], sv[0], fi[0])
            if len(members) == 1:
                place = short
            elif len(members) <= 3:
                place = (
                    f"{', '.join(fi[:-1])} ja {fi[-1]}",
                    f"{', '.join(sv[:-1])} och {sv[-1]}",
                    f"{', '.join(fi[:-1])} and {fi[-1]}",
                )
            else:
                place = (
                    f"{fi[0]}, {fi[1]} ja lähikunnat",
                    f"{sv[0]}, {sv[1]} och grannkommunerna",
                    f"{fi[0]}, {fi[1]} and neighbouring municipalities",
                )
        # The model's verbose name already says "family centre area"; the name is the place.
        return place, short, place

    def create_areas(self, plans: list[AreaPlan]) -> None:
        postal_by_code = {p.code: p for p in self.postal_areas}
        postal_by_municipality: dict[int, list[PostalArea]] = {}
        for postal in self.postal_areas:
            postal_by_municipality.setdefault(postal.municipality_id, []).append(postal)
        for plan in plans:
            name, _, _ = self.area_names(plan)
            county = self.counties[plan.county]
            area = self.new(
                Area,
                county=county,
                population=plan.population,
                hsds_id=self.uuid(),
                **_tri("name", name),
                **_tri("description", texts.AREA_DESCRIPTION),
            )
            places = [postal_by_code[p.code] for p in plan.postal_areas]
            for member in plan.municipalities:
                places += postal_by_municipality.get(self.municipalities[member.code].id, [])
            if not places:
                places = []
            weights = [max(p.population, 1) for p in places]
            self.areas.append(
                AreaContext(
                    plan=plan,
                    area=area,
                    county_org=self.county_orgs[plan.county],
                    places=places,
                    weights=weights,
                )
            )

    # ---- sites ---------------------------------------------------------------------------

    def locality(self, municipality: Municipality, postal: PostalArea | None) -> tuple[str, str]:
        """The everyday place name (fi, sv) of a site: its postal area, or its municipality."""
        if postal is None:
            return municipality.name_fi or municipality.name, municipality.name_sv or ""
        fi = _short(postal.name_fi or postal.name)
        return fi, _short(postal.name_sv or "") or fi

    def pick_place(self, ctx: AreaContext) -> tuple[Municipality, PostalArea | None]:
        if ctx.places:
            postal = self.rng.choices(ctx.places, weights=ctx.weights)[0]
            return self.municipalities_by_id[postal.municipality_id], postal
        member = ctx.plan.municipalities[0]
        return self.municipalities[member.code], None

    def site(
        self,
        *,
        kind: str,
        ctx: AreaContext,
        operator: Organisation,
        name: Tri,
        municipality: Municipality,
        postal: PostalArea | None,
    ) -> Site:
        rng = self.rng
        stem = rng.choice(texts.STREET_STEMS)
        suffix = rng.choice(texts.STREET_SUFFIXES)
        number = rng.randint(1, 60)
        street_fi = f"{stem[0]}{suffix[0]} {number}"
        bilingual = municipality.code in texts.BILINGUAL_MUNICIPALITIES
        street_sv = f"{stem[1]}{suffix[1]} {number}" if bilingual else street_fi
        if postal is not None and postal.latitude is not None and postal.longitude is not None:
            lat, lon = postal.latitude, postal.longitude
        else:
            lat, lon = municipality.latitude or 60.5, municipality.longitude or 25.0
        lat = min(70.0, max(59.5, lat + rng.gauss(0, 0.004)))
        lon = min(31.5, max(19.5, lon + rng.gauss(0, 0.008)))
        flags = {
            "step_free": rng.random() < 0.8,
            "toilet": rng.random() < 0.65,
            "loop": rng.random() < 0.3,
            "pram": rng.random() < 0.85,
        }
        parts = [texts.ACCESSIBILITY_PARTS[k] for k, on in flags.items() if on]
        if not flags["step_free"]:
            parts.append(texts.ACCESSIBILITY_PARTS["stairs"])
        accessibility = (
            " ".join(p[0] for p in parts),
            " ".join(p[1] for p in parts),
            " ".join(p[2] for p in parts),
        )
        slug = slugify(name[0])[:50]
        site = self.new(
            Site,
            kind=kind,
            area=ctx.area,
            operator=operator,
            municipality=municipality,
            postal_code=postal.code if postal is not None else "",
            latitude=round(lat, 6),
            longitude=round(lon, 6),
            step_free_access=flags["step_free"],
            accessible_toilet=flags["toilet"],
            induction_loop=flags["loop"],
            pram_parking=flags["pram"],
            phone=self.phone(),
            email=f"{slug.strip('-')}@{_domain(operator.name_fi or '')}",
            website=f"https://{_domain(operator.name_fi or '')}/{slug}"
            if kind != Site.Kind.MEETING_PLACE or rng.random() < 0.5
            else "",
            hsds_id=self.uuid(),
            **_tri("name", name),
            **_tri("description", texts.SITE_DESCRIPTIONS[kind]),
            **_tri("street_address", (street_fi, street_sv, street_fi)),
            **_tri(
                "post_office",
                (
                    municipality.name_fi or municipality.name,
                    municipality.name_sv or municipality.name,
                    municipality.name_fi or municipality.name,
                ),
            ),
            **_tri("accessibility", accessibility),
            **_tri("directions", _fmt(texts.DIRECTIONS, m=rng.randrange(50, 600, 50))),
        )
        return site

    def site_hours(self, site: Site, days: Sequence[int], opens: clock, closes: clock) -> None:
        for day in days:
            self.new(
                OpeningHours, site=site, weekday=day, opens=opens, closes=closes,
                hsds_id=self.uuid(),
            )  # fmt: skip
        for holiday, key in self.holidays:
            if holiday.weekday() not in days:
                continue
            if key == "maundy_thursday":
                if site.kind == Site.Kind.MEETING_PLACE or closes <= clock(14):
                    continue
                reason = (
                    f"{texts.HOLIDAYS[key][0]}: {texts.SHORTER_DAY[0]}",
                    f"{texts.HOLIDAYS[key][1]}: {texts.SHORTER_DAY[1]}",
                    f"{texts.HOLIDAYS[key][2]}: {texts.SHORTER_DAY[2]}",
                )
                self.new(
                    OpeningHoursException, site=site, date=holiday, closed=False, opens=opens,
                    closes=clock(14), **_tri("reason", reason),
                )  # fmt: skip
                continue
            self.new(
                OpeningHoursException, site=site, date=holiday, closed=True, opens=None,
                closes=None, **_tri("reason", texts.HOLIDAYS[key]),
            )  # fmt: skip

    # ---- services ------------------------------------------------------------------------

    def service(
        self,
        *,
        org: Organisation,
        type_code: str,
        variant: int | None,
        loc: tuple[str, str],
        municipality: Municipality | None,
        site: Site | None,
        name: Tri | None = None,
        extra_types: Iterable[str] = (),
        beyond: "Beyond | None" = None,
    ) -> Service:
        rng = self.rng
        text = texts.SERVICE_TEXTS[type_code]
        base_name, summary = (
            (text.name, text.summary) if variant is None else text.variants[variant]
        )
        if beyond is not None:
            summary = beyond.summary
        if name is None:
            name = (
                f"{base_name[0]}, {loc[0]}",
                f"{base_name[1]}, {loc[1]}",
                f"{base_name[2]}, {loc[0]}",
            )
        channels = [text.channels[0]] + [c for c in text.channels[1:] if rng.random() < 0.85]
        if "video" not in channels and rng.random() < 0.15:
            channels.append("video")
        if beyond is not None and beyond.channels:
            channels = list(beyond.channels)
        booking = texts.BOOKING_ONLINE if "e_service" in channels else texts.BOOKING_PHONE
        about = beyond.description if beyond is not None else text.description
        description = (
            f"{about[0]} {booking[0]}",
            f"{about[1]} {booking[1]}",
            f"{about[2]} {booking[2]}",
        )
        if municipality is not None:
            languages = self.languages(
                municipality, others=0.9 if type_code == "immigrant_integration" else 0.1
            )
        else:
            languages = ["fi", "sv", "en"]
        cost, cost_text = text.cost, ("", "", "")
        if org.sector == Organisation.Sector.PRIVATE:
            cost, cost_text = "fee", _fmt(texts.COST_FEE, eur=rng.randrange(60, 140, 5))
        elif cost == "income_based":
            cost_text = texts.COST_INCOME
        if text.referral:
            eligibility = texts.ELIGIBILITY_REFERRAL
        elif municipality is None:
            eligibility = texts.ELIGIBILITY_EVERYONE
        else:
            eligibility = texts.ELIGIBILITY_RESIDENTS
        roll = rng.random()
        status = "published" if roll < 0.88 else ("draft" if roll < 0.96 else "archived")
        if beyond is not None:
            # Services from outside the region are shown in every county: always published.
            status = "published"
        verified = None
        if status != "draft" or rng.random() < 0.5:
            # Most checked within the year, a long tail older: those need verification.
            verified = self.today - timedelta(days=int(rng.triangular(0, 730, 90)))
        slug = ".".join(
            part.strip("-") for part in (slugify(base_name[0])[:30], slugify(loc[0])[:20]) if part
        )
        domain = org.website.removeprefix("https://").rstrip("/")
        service = self.new(Service,
            organisation=org,
            level=self.type_levels[type_code],
            target_groups=list(text.targets),
            min_age_months=text.ages[0] if text.ages else None,
            max_age_months=text.ages[1] if text.ages else None,
            languages=languages,
            channels=channels,
            referral_required=text.referral,
            anonymous_contact=text.anonymous,
            cost=cost,
            phone=self.phone(),
            email=f"{slug}@{domain}",
            website=f"https://{domain}/palvelut/{slug}" if rng.random() < 0.4 else "",
            status=status,
            last_verified_at=verified,
            hsds_id=self.uuid(),
            ptv_id=self.uuid()
            if org.sector in ("county", "municipality", "kela") and rng.random() < 0.3
            else None,
            service_area=beyond.area if beyond is not None else Service.ServiceArea.LOCAL,
            **_tri("name", name),
            **_tri("summary", summary),
            **_tri("description", description),
            **_tri("eligibility", eligibility),
            **_tri("cost_description", cost_text),
        )  # fmt: skip
        self.service_types.append((service, type_code))
        for code in beyond.counties if beyond is not None else ():
            self.served_counties.append((service, code))
        for extra in extra_types:
            self.service_types.append((service, extra))
        if rng.random() < 0.6:
            person = (
                f"{rng.choice(texts.FIRST_NAMES)} {rng.choice(texts.LAST_NAMES)}"
                if rng.random() < 0.4
                else ""
            )
            self.new(
                ServiceContact, service=service, name=person, phone=self.phone(),
                email=service.email, hsds_id=self.uuid(), **_tri("title", text.contact),
            )  # fmt: skip
        if site is not None:
            link = self.new(ServiceAtSite, service=service, site=site, hsds_id=self.uuid())
            if rng.random() < 0.1:
                day = rng.randrange(0, 5)
                self.new(
                    OpeningHours, service_at_site=link, site=None, weekday=day, opens=clock(12),
                    closes=clock(18), hsds_id=self.uuid(),
                )  # fmt: skip
        return service

    # ---- one area ------------------------------------------------------------------------

    def fill_area(self, ctx: AreaContext, sp_counter: list[int]) -> None:
        rng = self.rng
        plan = ctx.plan
        density = self.density(plan.county)
        population = plan.population
        _, short, _ = self.area_names(plan)
        main = self.municipalities[
            (plan.split_city or max(plan.municipalities, key=lambda p: (p.population, p.code))).code
        ]
        n_ngos = max(1, round(population / 100_000 * density.ngos_per_100k))
        ctx.ngos = [self.ngo(self.pick_place(ctx)[0]) for _ in range(n_ngos)]

        # The family centre, in the most populous postal area of the area.
        if ctx.places:
            postal: PostalArea | None = max(ctx.places, key=lambda p: (p.population, p.code))
            municipality = self.municipalities_by_id[postal.municipality_id]  # type: ignore[union-attr]
        else:
            postal, municipality = None, main
        centre = self.site(
            kind=Site.Kind.FAMILY_CENTRE,
            ctx=ctx,
            operator=ctx.county_org,
            name=(f"Perhekeskus {short[0]}", f"Familjecentralen {short[1]}",
                  f"{short[0]} Family Centre"),
            municipality=municipality,
            postal=postal,
        )  # fmt: skip
        self.site_hours(centre, (0, 1, 2, 3, 4), clock(8), clock(16))
        loc = (short[0], short[1])
        for type_code in FAMILY_CENTRE_SERVICES:
            ctx.centre_services[type_code] = self.service(
                org=ctx.county_org, type_code=type_code, variant=None, loc=loc,
                municipality=municipality, site=centre,
            )  # fmt: skip
        for _ in range(rng.randint(1, 2)):
            self.activity(ctx, centre, ctx.county_org, ctx.centre_services["parenting_support"],
                          "parenting_group", municipality)  # fmt: skip

        n_points = max(
            density.min_service_points, round(population / 10_000 * density.service_points_per_10k)
        )
        for _ in range(n_points):
            kind = SERVICE_POINT_CYCLE[sp_counter[0] % len(SERVICE_POINT_CYCLE)]
            sp_counter[0] += 1
            self.service_point(ctx, kind, density)

        n_meeting = max(
            density.min_meeting_places,
            round(population / 10_000 * density.meeting_places_per_10k),
        )
        for _ in range(n_meeting):
            self.meeting_place(ctx, density)

    def operator_for(self, role: str, ctx: AreaContext, municipality: Municipality) -> Organisation:
        if role == "county":
            return ctx.county_org
        if role == "municipality":
            return self.municipality_org(municipality)
        if role == "kela":
            return self.kela
        if role == "state":
            return self.state
        if role == "parish":
            return self.parish_org(municipality)
        if role == "private":
            if ctx.private is None:
                ctx.private = self.private_org(municipality)
            return ctx.private
        return self.rng.choice(ctx.ngos)

    def service_point(self, ctx: AreaContext, kind: str, density: Density) -> None:
        rng = self.rng
        municipality, postal = self.pick_place(ctx)
        loc = self.locality(municipality, postal)
        role, offers = SERVICE_POINT_KINDS[kind]
        operator = self.operator_for(role, ctx, municipality)
        template, uses_unit = SERVICE_POINT_NAMES[kind]
        unit = rng.choice(texts.UNIT_NAMES)
        noun = rng.choice(texts.NGO_NOUNS)
        values = {
            "loc": loc[0], "loc_sv": loc[1], "unit": unit[0], "unit_gen": unit[1],
            "unit_sv": unit[2], "noun": noun[0], "noun_sv": noun[1], "org": operator.name_fi,
            "org_sv": operator.name_sv, "org_en": operator.name_en,
        }  # fmt: skip
        name = self.unique_name(lambda: _fmt(template, **values))
        site = self.site(kind=Site.Kind.SERVICE_POINT, ctx=ctx, operator=operator, name=name,
                         municipality=municipality, postal=postal)  # fmt: skip
        closes = clock(16) if kind != "youth" else clock(20)
        opens = clock(8) if kind != "youth" else clock(12)
        self.site_hours(site, (0, 1, 2, 3, 4), opens, closes)
        service_loc = (name[0], name[1]) if uses_unit else loc
        for type_code, variant, by, required in offers:
            if not required and rng.random() >= density.optional_services:
                continue
            org = operator if by == "operator" else self.operator_for(by, ctx, municipality)
            self.service(org=org, type_code=type_code, variant=variant, loc=service_loc,
                         municipality=municipality, site=site)  # fmt: skip

    def meeting_place(self, ctx: AreaContext, density: Density) -> None:
        rng = self.rng
        municipality, postal = self.pick_place(ctx)
        loc = self.locality(municipality, postal)
        role = rng.choices(
            [r for r, _ in MEETING_PLACE_OPERATORS], weights=[w for _, w in MEETING_PLACE_OPERATORS]
        )[0]
        operator = self.operator_for(role, ctx, municipality)
        kind_name = texts.MEETING_PLACE_KINDS[role]
        if role == "ngo":
            noun = self.ngo_nouns[id(operator)]
            base = (
                f"{kind_name[0]} {noun[0]}",
                f"{kind_name[1]} {noun[1]}",
                f"{noun[0]} {kind_name[2]}",
            )
        elif role == "municipality":
            unit = rng.choice(texts.UNIT_NAMES)
            base = (
                f"{kind_name[0]} {unit[0]}",
                f"{kind_name[1]} {unit[2]}",
                f"{unit[0]} {kind_name[2]}",
            )
        else:
            base = (f"{kind_name[0]}", f"{kind_name[1]}", f"Parish {kind_name[2].lower()}")
        name = self.numbered(
            (f"{base[0]}, {loc[0]}", f"{base[1]}, {loc[1]}", f"{base[2]}, {loc[0]}")
        )
        site = self.site(kind=Site.Kind.MEETING_PLACE, ctx=ctx, operator=operator, name=name,
                         municipality=municipality, postal=postal)  # fmt: skip
        days = sorted(rng.sample(range(5), rng.randint(2, 4)))
        self.site_hours(site, days, clock(9), clock(rng.choice((12, 13, 14, 15))))
        extra = ["peer_support"] if role == "ngo" and rng.random() < 0.4 else []
        service = self.service(org=operator, type_code="meeting_place", variant=None, loc=loc,
                               municipality=municipality, site=site, name=name,
                               extra_types=extra)  # fmt: skip
        for _ in range(rng.randint(*density.meeting_place_extra_services)):
            type_code = rng.choice(("peer_support", "parenting_support", "peer_support"))
            text = texts.SERVICE_TEXTS[type_code]
            variant = rng.choice([None, *range(len(text.variants))])
            self.service(org=operator, type_code=type_code, variant=variant, loc=loc,
                         municipality=municipality, site=site)  # fmt: skip
        for index in range(rng.randint(*density.activities)):
            kind = rng.choice(ACTIVITY_KINDS_BY_OPERATOR[role])
            self.activity(ctx, site, operator, service, kind, municipality, days[index % len(days)],
                          presence=density.presence_share)  # fmt: skip

    # ---- activities ----------------------------------------------------------------------

    def activity(
        self,
        ctx: AreaContext,
        site: Site,
        organiser: Organisation,
        service: Service,
        kind: str,
        municipality: Municipality,
        weekday: int | None = None,
        *,
        presence: float = 0.5,
    ) -> None:
        rng = self.rng
        template = rng.choice([t for t in texts.ACTIVITY_TEXTS if t[0] == kind])
        _, title, description, ages = template
        day = rng.randrange(5) if weekday is None else weekday
        evening = template[0] in ("peer_group",) and rng.random() < 0.5
        start = (
            clock(rng.choice((17, 18)))
            if evening
            else clock(rng.choice((9, 10, 13)), rng.choice((0, 30)))
        )
        end = clock(start.hour + rng.choice((1, 2)), start.minute)
        first = self.today - timedelta(days=rng.randint(0, 120))
        first += timedelta(days=(day - first.weekday()) % 7)
        interval = 2 if rng.random() < 0.15 else 1
        rrule = f"FREQ=WEEKLY;BYDAY={texts.RRULE_DAYS[day]}" + (
            ";INTERVAL=2" if interval == 2 else ""
        )
        cancelled = {d for d, _ in self.holidays if d.weekday() == day and d >= first}
        if rng.random() < 0.2:
            cancelled.add(first + timedelta(weeks=interval * rng.randint(1, 12)))
        languages = self.languages(municipality, others=0.05)
        if title[0].startswith("Kaksikielinen") and "sv" not in languages:
            languages.insert(1, "sv")
        if title[0].startswith("Suomea"):
            languages += [c for c in rng.sample(texts.OTHER_LANGUAGES, 3) if c not in languages]
        roll = rng.random()
        registration = "none" if roll < 0.7 else ("recommended" if roll < 0.85 else "required")
        status = rng.choices(("published", "draft", "archived"), weights=(95, 3, 2))[0]
        activity = self.new(Activity,
            site=site,
            organiser=organiser,
            service=service,
            kind=kind,
            starts_on=first,
            start_time=start,
            end_time=end,
            rrule=rrule,
            cancelled_dates=[d.isoformat() for d in sorted(cancelled)],
            min_age_months=ages[0],
            max_age_months=ages[1],
            languages=languages,
            registration=registration,
            registration_url=f"{organiser.website}ilmoittaudu" if registration != "none" else "",
            capacity=rng.randrange(8, 24, 2) if registration != "none" else None,
            free_of_charge=rng.random() < 0.9,
            status=status,
            hsds_id=self.uuid(),
            **_tri("title", title),
            **_tri("description", description),
        )  # fmt: skip
        if rng.random() >= presence or not ctx.centre_services:
            return
        if ages[1] < 0:
            role, type_code = next(
                r for r in texts.PROFESSIONAL_ROLES if r[1] == "maternity_clinic"
            )
        else:
            role, type_code = rng.choice(texts.PROFESSIONAL_ROLES)
        if rng.random() < 0.3:
            note = texts.EVERY_WEEK
        else:
            ordinal = rng.choice(texts.ORDINALS)
            weekday_name = texts.WEEKDAYS[day]
            note = (
                texts.MONTHLY[0].format(ordinal=ordinal[0], weekday=weekday_name[0]),
                texts.MONTHLY[1].format(ordinal=ordinal[1], weekday=weekday_name[1]),
                texts.MONTHLY[2].format(ordinal=ordinal[2], weekday=weekday_name[2]),
            )
        self.new(
            ProfessionalPresence, activity=activity, service=ctx.centre_services.get(type_code),
            **_tri("role", role), **_tri("note", note),
        )  # fmt: skip

    # ---- the whole network ---------------------------------------------------------------

    def build(self) -> None:
        self.national_organisations()
        # Region and national scales both cover every county; they differ in density.
        plans = self.draw_areas(None)
        self.create_areas(plans)
        sp_counter = [0]
        for ctx in self.areas:
            self.fill_area(ctx, sp_counter)
        self.services_from_outside_the_region()

    def services_from_outside_the_region(self) -> None:
        """Services with no site of their own that serve the whole country (national helplines,
        Kela's e-service), or several counties (a university hospital's specialised service, a
        competence and support centre): found in every county they serve."""
        national = Service.ServiceArea.NATIONAL
        for type_code in ("helpline", "crisis_support"):
            text = texts.SERVICE_TEXTS[type_code]
            self.service(org=self.national_ngo, type_code=type_code, variant=None,
                         loc=("valtakunnallinen", "riksomfattande"), municipality=None, site=None,
                         name=text.name,
                         beyond=Beyond(national, (), text.summary, text.description))  # fmt: skip
        kela = texts.SERVICE_TEXTS["kela_family_benefits"]
        self.service(org=self.kela, type_code="kela_family_benefits", variant=None, loc=("", ""),
                     municipality=None, site=None,
                     name=("OmaKela – lapsiperheiden etuudet",
                           "MittFPA – förmåner för barnfamiljer",
                           "OmaKela – benefits for families"),
                     beyond=Beyond(national, (), kela.summary, kela.description))  # fmt: skip
        for item in FROM_OUTSIDE_THE_REGION:
            org = self.national_ngo if item.county is None else self.county_orgs[item.county]
            self.service(org=org, type_code=item.types[0], variant=None, loc=("", ""),
                         municipality=None, site=None, name=item.name,
                         extra_types=item.types[1:], beyond=item.beyond)  # fmt: skip

    def write(self) -> None:
        for model in WRITE_ORDER:
            self.tables[model].insert()
            if model is Area:
                _insert_rows(
                    Area.municipalities.through,
                    ("area_id", "municipality_id"),
                    [
                        (ctx.area.pk, self.municipalities[m.code].id)
                        for ctx in self.areas
                        for m in ctx.plan.municipalities
                    ],
                )
                postal_ids = {p.code: p.id for p in self.postal_areas}
                _insert_rows(
                    Area.postal_areas.through,
                    ("area_id", "postalarea_id"),
                    [(ctx.area.pk, postal_ids[p.code])
                     for ctx in self.areas for p in ctx.plan.postal_areas],
                )  # fmt: skip
            if model is Service:
                _insert_rows(
                    Service.service_types.through,
                    ("service_id", "servicetype_id"),
                    [(service.pk, self.type_ids[code]) for service, code in self.service_types],
                )
                _insert_rows(
                    Service.served_counties.through,
                    ("service_id", "county_id"),
                    [(s.pk, self.counties[code].pk) for s, code in self.served_counties],
                )
        with connection.cursor() as cursor:
            # PostgreSQL sequences must move past the ids given here; SQLite needs nothing.
            for sql in connection.ops.sequence_reset_sql(no_style(), list(WRITE_ORDER)):
                cursor.execute(sql)
        # Populations as the register computes them (the drawing used the same figures).
        areas = list(Area.objects.filter(pk__in=[ctx.area.pk for ctx in self.areas]))
        for area in areas:
            area.population, area.children = area_population_compute(area)
        Area.objects.bulk_update(areas, ["population", "children"], batch_size=BATCH_SIZE)


def network_is_empty() -> bool:
    return not Organisation.objects.exists()


def demo_reset() -> None:
    """Delete the network data (not the reference data, nor users): children first, so that
    each delete is cheap."""
    with transaction.atomic():
        for model in (
            ProfessionalPresence, Activity, OpeningHoursException, OpeningHours, ServiceContact,
            ServiceAtSite, Service, Site, Area, MaintainerRole, ChangeRecord, Organisation,
        ):  # fmt: skip
            model._default_manager.all().delete()


def demo_users_create() -> None:
    """admin (superuser), leena (West Uusimaa county maintainer) and sari (an Espoo NGO's
    maintainer), all with the documented demo password."""
    User = get_user_model()
    west_uusimaa = County.objects.get(code="03")
    ngo = (
        Organisation.objects.filter(sector="ngo", municipality__code="049")
        .order_by("business_id")
        .first()
    )
    users = {}
    for username, first, last, superuser in (
        ("admin", "Olli", "Ylläpitäjä", True),
        ("leena", "Leena", "Länsimaa", False),
        ("sari", "Sari", "Saarinen", False),
    ):
        user, _ = User.objects.get_or_create(username=username)
        user.first_name, user.last_name = first, last
        user.email = f"{username}@demo.perhekeskus.example"
        user.is_staff = True
        user.is_superuser = superuser
        user.is_active = True
        user.set_password(DEMO_PASSWORD)
        user.save()
        users[username] = user
    MaintainerRole.objects.filter(user__in=[users["leena"], users["sari"]]).delete()
    MaintainerRole.objects.create(user=users["leena"], county=west_uusimaa)
    if ngo is not None:
        MaintainerRole.objects.create(user=users["sari"], organisation=ngo)


def demo_logins_print(stdout: Writer) -> None:
    stdout.write(f"Demo logins (password for all: {DEMO_PASSWORD}):\n")
    for username, role in DEMO_USERS:
        stdout.write(f"  {username:<6} {role}\n")
    ngo = (
        MaintainerRole.objects.filter(user__username="sari").select_related("organisation").first()
    )
    if ngo is not None and ngo.organisation is not None:
        stdout.write(f"  (sari maintains: {ngo.organisation.name_fi})\n")


@dataclass
class DemoResult:
    seconds: float
    counts: dict[str, int]
    warnings: list[str]


def demo_generate(
    *,
    scale: str = "region",
    seed: int = DEFAULT_SEED,
    stdout: Writer | None = None,
    today: date | None = None,
    users: bool = True,
) -> DemoResult:
    """Generate the demo network into an empty register (refuses otherwise: see `demo_reset`)."""
    if scale not in SCALES:
        raise ValueError(f"unknown scale {scale!r}; choose one of {', '.join(SCALES)}")
    if not network_is_empty():
        raise DemoRefused(
            "The database already has network data (organisations). Run with --reset to delete "
            "the network data and generate it again, or with --if-empty to skip."
        )
    started = time.perf_counter()
    today = today or timezone.localdate()
    with translation.override("fi"), transaction.atomic():
        generator = _Generator(seed=seed, today=today, scale=scale)
        generator.build()
        built = time.perf_counter()
        generator.write()
        _planner_statistics_refresh()
        if users:
            demo_users_create()
    elapsed = time.perf_counter() - started
    counts = {
        "areas": Area.objects.count(),
        "organisations": Organisation.objects.count(),
        "sites": Site.objects.count(),
        "meeting places": Site.objects.filter(kind=Site.Kind.MEETING_PLACE).count(),
        "services": Service.objects.count(),
        "activities": Activity.objects.count(),
        "professionals visiting": ProfessionalPresence.objects.count(),
        "opening hours": OpeningHours.objects.count(),
        "holiday exceptions": OpeningHoursException.objects.count(),
    }
    warnings = [
        warning
        for area in Area.objects.select_related("county")
        .prefetch_related("municipalities", "postal_areas__municipality")
        .order_by("county__code", "name")
        if (warning := area_band_warning(area))
    ]
    if stdout is not None:
        stdout.write(
            f"Demo data ({scale}, seed {seed}) generated in {elapsed:.1f} s "
            f"(building {built - started:.1f} s, writing {elapsed - (built - started):.1f} s).\n"
        )
        for name, count in counts.items():
            stdout.write(f"  {name}: {count}\n")
        uusimaa_areas = Area.objects.filter(county__code__in=UUSIMAA_COUNTIES).count()
        stdout.write(f"  Uusimaa family centre areas: {uusimaa_areas}\n")
        if warnings:
            stdout.write(f"Areas outside the population band ({len(warnings)}):\n")
            for warning in warnings:
                stdout.write(f"  {warning}\n")
    return DemoResult(seconds=elapsed, counts=counts, warnings=warnings)


def _planner_statistics_refresh() -> None:
    """After a bulk load the query planner still believes the tables are empty (autovacuum
    cannot see rows of an open transaction) and picks nested loops that take minutes."""
    tables = [model._meta.db_table for model in DEMO_ANALYSED_MODELS]
    tables.append(Service.service_types.through._meta.db_table)
    with connection.cursor() as cursor:
        for table in tables:
            cursor.execute(f"ANALYZE {connection.ops.quote_name(table)}")


DEMO_ANALYSED_MODELS = (
    Area,
    Organisation,
    Site,
    Service,
    ServiceAtSite,
    Activity,
    ProfessionalPresence,
    OpeningHours,
    OpeningHoursException,
)


def demo_digest() -> str:
    """A digest of the generated rows (by their stable ids, not database keys or timestamps):
    equal digests mean equal demo data."""
    digest = hashlib.sha256()
    through: Any = Area.postal_areas.through
    area_postal = through._default_manager
    through = Service.service_types.through
    service_types = through._default_manager
    through = Service.served_counties.through
    served_counties = through._default_manager
    queries: list[models.QuerySet[Any, Any]] = [
        Organisation.objects.order_by("hsds_id").values_list(
            "hsds_id", "name_fi", "name_sv", "name_en", "sector", "business_id", "county__code"
        ),
        Area.objects.order_by("hsds_id").values_list("hsds_id", "name_fi", "population"),
        area_postal.order_by("area__hsds_id", "postalarea__code").values_list(
            "area__hsds_id", "postalarea__code"
        ),
        Site.objects.order_by("hsds_id").values_list(
            "hsds_id", "kind", "name_fi", "name_sv", "street_address_fi", "postal_code",
            "latitude", "longitude", "operator__hsds_id", "area__hsds_id",
        ),
        Service.objects.order_by("hsds_id").values_list(
            "hsds_id", "name_fi", "name_sv", "name_en", "summary_en", "organisation__hsds_id",
            "status", "last_verified_at", "languages", "channels", "min_age_months",
            "service_area",
        ),
        served_counties.order_by("service__hsds_id", "county__code").values_list(
            "service__hsds_id", "county__code"
        ),
        service_types.order_by("service__hsds_id", "servicetype__code").values_list(
            "service__hsds_id", "servicetype__code"
        ),
        ServiceAtSite.objects.order_by("hsds_id").values_list(
            "hsds_id", "service__hsds_id", "site__hsds_id"
        ),
        OpeningHoursException.objects.order_by("site__hsds_id", "date").values_list(
            "site__hsds_id", "date", "closed", "reason_fi"
        ),
        Activity.objects.order_by("hsds_id").values_list(
            "hsds_id", "title_fi", "rrule", "starts_on", "start_time", "cancelled_dates",
            "site__hsds_id",
        ),
        ProfessionalPresence.objects.order_by("activity__hsds_id", "role_fi").values_list(
            "activity__hsds_id", "role_fi", "note_fi", "service__hsds_id"
        ),
    ]  # fmt: skip
    for query in queries:
        for row in query.iterator(chunk_size=5000):
            digest.update(repr(row).encode())
    return digest.hexdigest()
