"""Demo client data (kuvitteelliset asiakastiedot): fictional families, their client processes,
referrals, consents and care relationships, and an audit log of the work, on top of the demo
service network (`perhekeskus.network.demo`) and its demo professionals hanna and mikael.

Everything is fictional and says so: every family is called "<name> (demo)", names come from a
fixed list, nobody has a personal identity code, e-mail addresses are under example.invalid and
addresses on "Demokatu". Two scales:

- `demo`: about 30 families cared for by hanna's and mikael's organisations (and an NGO), so
  that the workspace, referral and family pages show something in `make run`;
- `county`: the Uusimaa counties' years of work for the benchmark — 50 000 families,
  100 000 processes, 200 000 referrals in every state, a few hundred families in the care of
  each of their organisations, and 5 million audit events in one valid hash chain.

Rows are built in chunks of families and written with bulk_create (the audit events with COPY
on PostgreSQL), in one transaction. Deterministic: one `random.Random(seed)` drives every
choice, and times are placed before the start of `today`, so that the same seed and day give
the same data.
"""

import random
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from datetime import time as clock
from typing import Any, Protocol
from zoneinfo import ZoneInfo

from django.contrib.auth import get_user_model
from django.db import connection, models, transaction
from django.utils import timezone, translation

from perhekeskus.audit.chain import CHAIN_FIELDS, GENESIS_HASH, chain_digest
from perhekeskus.audit.models import AuditEvent
from perhekeskus.audit.services import CHAIN_LOCK_KEY
from perhekeskus.clients.models import Family, FamilyMember, Language, Person, Relation, SafetyFlag
from perhekeskus.clients.selectors import age_on
from perhekeskus.consent.models import (
    CareRelationship,
    ChildSelfDetermination,
    Consent,
    DataCategory,
    Purpose,
)
from perhekeskus.network.demo import UUSIMAA_COUNTIES
from perhekeskus.network.models import Municipality, Organisation
from perhekeskus.processes.models import ClientProcess, OwnWorkerHandover, PlanAction
from perhekeskus.referrals.models import DeclineReason, Referral
from perhekeskus.referrals.states import AT_FIELDS, PATH, Status
from perhekeskus.staff.models import Professional
from perhekeskus.workdays import add_working_days

CLIENT_SCALES = ("none", "demo", "county")
DEMO_USERNAMES = ("hanna", "mikael")
# Usernames of the generated colleagues: removed with the client data.
USERNAME_PREFIX = "demo-worker-"
HELSINKI = ZoneInfo("Europe/Helsinki")
BATCH_SIZE = 5000
CHUNK_FAMILIES = 2500
AUDIT_BATCH = 10_000
CLIENT_SECTORS = (
    Organisation.Sector.COUNTY,
    Organisation.Sector.MUNICIPALITY,
    Organisation.Sector.NGO,
    Organisation.Sector.PARISH,
    Organisation.Sector.PRIVATE,
)
# How many families an organisation of the sector has, relative to an NGO's.
SECTOR_WEIGHT = {"county": 1.5, "municipality": 1.0, "ngo": 1.0, "parish": 0.5, "private": 1.0}
SECTOR_STAFF = {"county": 10, "municipality": 2, "ngo": 2, "parish": 2, "private": 2}
Role = Professional.Role
SECTOR_ROLES: dict[str, tuple[str, ...]] = {
    "county": (
        Role.PUBLIC_HEALTH_NURSE, Role.SOCIAL_WORKER, Role.FAMILY_WORKER, Role.PSYCHOLOGIST,
        Role.SOCIAL_COUNSELLOR, Role.MIDWIFE, Role.COORDINATOR, Role.DOCTOR, Role.THERAPIST,
        Role.FAMILY_COUNSELLOR,
    ),
    "municipality": (Role.EARLY_EDUCATION_TEACHER, Role.SCHOOL_COUNSELLOR, Role.YOUTH_WORKER),
    "ngo": (Role.FAMILY_WORKER, Role.COORDINATOR, Role.OTHER),
    "parish": (Role.FAMILY_COUNSELLOR, Role.OTHER),
    "private": (Role.THERAPIST, Role.PSYCHOLOGIST),
}  # fmt: skip

FAMILY_NAMES = (
    "Korhonen", "Virtanen", "Mäkinen", "Nieminen", "Mäkelä", "Hämäläinen", "Laine", "Heikkinen",
    "Koskinen", "Järvinen", "Lehtonen", "Lehtinen", "Saarinen", "Salminen", "Heinonen",
    "Niemi", "Heikkilä", "Kinnunen", "Salonen", "Turunen", "Salo", "Laitinen", "Tuominen",
    "Rantanen", "Karjalainen", "Jokinen", "Mattila", "Savolainen", "Lahtinen", "Ahonen",
    "Lindqvist", "Nyström", "Holmberg", "Ahmed", "Ali", "Ivanova", "Nguyen", "Hassan",
)  # fmt: skip
ADULT_NAMES = (
    "Anna", "Maria", "Laura", "Johanna", "Elina", "Sanna", "Katja", "Riikka", "Noora", "Emma",
    "Sofia", "Amina", "Mikko", "Juha", "Jani", "Antti", "Ville", "Tuomas", "Markus", "Petri",
    "Oskari", "Johan", "Erik", "Ahmed", "Dmitri",
)  # fmt: skip
CHILD_NAMES = (
    "Aino", "Eino", "Helmi", "Väinö", "Olivia", "Leo", "Ella", "Onni", "Lilja", "Elias",
    "Isla", "Oliver", "Venla", "Eeli", "Aada", "Toivo", "Sofia", "Noel", "Emil", "Linnea",
    "Alva", "Hugo", "Yusuf", "Mila",
)  # fmt: skip
SUPPORT_NEEDS = (
    ("Vauva ei nuku ja olemme tosi väsyneitä.", ["sleep", "parental_exhaustion"]),
    ("Riitelemme paljon, ja lapset kuulevat sen.", ["relationship_conflict"]),
    ("Koululainen ei halua lähteä kouluun.", ["school_absence"]),
    ("Rahat eivät riitä vuokraan ja ruokaan.", ["livelihood"]),
    ("Erosimme, emmekä pääse sopuun tapaamisista.", ["separation"]),
    ("Nuori on alkanut käyttää päihteitä.", ["substance_use_youth"]),
    ("Äiti on masentunut synnytyksen jälkeen.", ["postnatal_depression"]),
    ("Lapsen puheen kehitys huolettaa.", ["speech_development"]),
    ("Vi har flyttat hit och känner ingen.", ["loneliness"]),
    ("Lapsi raivoaa ja lyö sisaruksia.", ["behaviour"]),
)  # fmt: skip
GOALS = (
    "Perhe saa nukuttua ja jaksaa arjessa.",
    "Vanhemmat sopivat riidat ilman että lapset joutuvat väliin.",
    "Lapsi käy koulua säännöllisesti.",
    "Perheen toimeentulo on turvattu.",
    "Tapaamisista on sopimus, jota kumpikin noudattaa.",
)
PLAN_ACTIONS = (
    "Kotikäynti ja tilanteen kartoitus",
    "Perhetyön jaksot kerran viikossa",
    "Ohjaus vertaisryhmään kohtaamispaikassa",
    "Yhteinen palaveri koulun kanssa",
    "Aika perheneuvolaan",
    "Toimeentulotuen hakemus yhdessä",
    "Seurantakäynti neuvolassa",
)
REFERRAL_REASONS = (
    "Perhe toivoo tukea vauvan uniin ja omaan jaksamiseensa.",
    "Vanhemmat haluavat apua eron jälkeisiin järjestelyihin.",
    "Koulupoissaolot ovat lisääntyneet; perhe toivoo yhteistä tapaamista.",
    "Perhe tarvitsee apua arjen rytmiin ja kodin hoitoon.",
    "Lapsen käytös huolettaa vanhempia; toivotaan arviota.",
)
LEGAL_BASIS = (
    "Sosiaalihuoltolain 35 §: yhteydenotto sosiaalihuoltoon tuen tarpeen arvioimiseksi, "
    "perheen suostumusta ei voitu pyytää."
)
DECLINE_REASONS = (
    (
        "Palvelu ei sovi perheen tilanteeseen.",
        "Perheneuvola tai perhetyö sopisi paremmin.",
        DeclineReason.NOT_OUR_SERVICE,
    ),
    (
        "Jonotilanne: emme pysty ottamaan uusia perheitä kuukauteen.",
        "Kohtaamispaikan ryhmä.",
        DeclineReason.NO_CAPACITY,
    ),
    (
        "Perhe ei halunnut palvelua tässä vaiheessa.",
        "Avoin perhekahvila ja neuvolan tuki.",
        DeclineReason.FAMILY_DECLINED,
    ),
    (
        "Perhe on jo asiakkaanamme toisen palvelun kautta.",
        "Yhteinen palaveri nykyisen työntekijän kanssa.",
        DeclineReason.ALREADY_CLIENT,
    ),
)
WITHDRAW_REASONS = (
    "Perhe sai avun toisaalta.",
    "Perhe ei halunnut jatkaa lähetettä.",
)
OUTCOMES = tuple(ClientProcess.Outcome.values)
STREETS = ("Demokatu", "Demotie", "Demokuja", "Demopolku")
SAFETY_NOTE = "Kuvitteellinen turvaohje (demo): soita ennen kotikäyntiä."
# Audit actions of the work generated: action, target type, data category, weight.
AUDIT_ACTIONS = (
    ("family.read", "family", "basic", 45),
    ("process.list", "family", "plan", 25),
    ("family.read", "family", "contact", 10),
    ("process.caseload", "worklist", "plan", 10),
    ("referral.send", "referral", "basic", 3),
    ("referral.accept", "referral", "basic", 3),
    ("person.read", "person", "health", 4),
)
BREAK_GLASS_REASON = "Lapsi vaarassa, oma työntekijä ei tavoitettavissa (demo)."


class Writer(Protocol):
    def write(self, msg: str) -> Any: ...


class ClientsRefused(Exception):
    """Client demo data asked for where it cannot be made (no network, or families already)."""


@dataclass(frozen=True)
class Plan:
    """How much to generate."""

    families: int
    processes_per_family: int = 2
    referrals_per_family: int = 4
    audit_events: int = 0
    in_care_share: float = 0.5


PLANS = {
    "demo": Plan(families=30, referrals_per_family=2, audit_events=300, in_care_share=0.9),
    "county": Plan(families=50_000, audit_events=5_000_000, in_care_share=0.45),
}


def county_plan(families: int) -> Plan:
    """The county's proportions for another number of families (100 audit events each)."""
    return Plan(families=families, audit_events=100 * families, in_care_share=0.45)


@dataclass
class ClientsResult:
    seconds: float
    counts: dict[str, int]
    phases: dict[str, float] = field(default_factory=dict)


@dataclass
class _Org:
    id: int
    sector: str
    weight: float
    staff: list[int] = field(default_factory=list)


@dataclass
class _Summary:
    """What the audit events need to know of a family once its rows are written."""

    id: int
    home: int
    in_care: bool
    persons: list[int]


def clients_are_empty() -> bool:
    return not Family.objects.exists()


def clients_reset() -> None:
    """Delete client data, referrals first (they protect families, people and professionals),
    and the generated colleagues' accounts. The audit log stays: it is append-only."""
    with transaction.atomic():
        for model in (
            Referral, Consent, ChildSelfDetermination, CareRelationship, PlanAction,
            OwnWorkerHandover, ClientProcess, FamilyMember, Family, Person,
        ):  # fmt: skip
            model._default_manager.all().delete()
        get_user_model().objects.filter(username__startswith=USERNAME_PREFIX).delete()


def clients_generate(
    *,
    scale: str = "demo",
    plan: Plan | None = None,
    seed: int = 2026,
    today: date | None = None,
    stdout: Writer | None = None,
) -> ClientsResult:
    """Generate fictional client data of `scale` (or of `plan`) on the demo network. Refuses
    without network data or when families already exist (see `clients_reset`)."""
    if scale == "none" and plan is None:
        return ClientsResult(0.0, {})
    chosen = plan or PLANS.get(scale)
    if chosen is None:
        raise ValueError(f"unknown client scale {scale!r}; choose one of {CLIENT_SCALES}")
    if not clients_are_empty():
        raise ClientsRefused("the database already has families.")
    started = time.perf_counter()
    day = today or timezone.localdate()
    with translation.override("fi"), transaction.atomic():
        generator = _Generator(
            plan=chosen, rng=random.Random(seed), today=day, focus=scale == "demo"
        )
        generator.run()
    elapsed = time.perf_counter() - started
    counts = clients_counts()
    if stdout is not None:
        stdout.write(f"Client demo data ({scale}, seed {seed}) generated in {elapsed:.1f} s.\n")
        for phase, seconds in generator.phases.items():
            stdout.write(f"  {phase}: {seconds:.1f} s\n")
        for name, count in counts.items():
            stdout.write(f"  {name}: {count}\n")
        for username, families in caseloads_of_demo_professionals().items():
            stdout.write(f"  families in the care of {username}'s organisation: {families}\n")
    return ClientsResult(elapsed, counts, generator.phases)


def clients_counts() -> dict[str, int]:
    return {
        "families": Family.objects.count(),
        "persons": Person.objects.count(),
        "client processes": ClientProcess.objects.count(),
        "plan actions": PlanAction.objects.count(),
        "referrals": Referral.objects.count(),
        "consents": Consent.objects.count(),
        "care relationships (open)": CareRelationship.objects.filter(ended_at__isnull=True).count(),
        "professionals": Professional.objects.count(),
        "audit events": AuditEvent.objects.count(),
    }


def caseloads_of_demo_professionals() -> dict[str, int]:
    """How many families each demo professional's organisation cares for now."""
    loads = {}
    for professional in Professional.objects.filter(user__username__in=DEMO_USERNAMES).order_by(
        "user__username"
    ):
        loads[professional.user.get_username()] = CareRelationship.objects.filter(
            organisation_id=professional.organisation_id, ended_at__isnull=True
        ).count()
    return loads


class _Generator:
    def __init__(self, *, plan: Plan, rng: random.Random, today: date, focus: bool) -> None:
        self.plan = plan
        self.rng = rng
        self.today = today
        # Every time is before the start of today: a relationship that "started" later today
        # would not yet be open.
        self.now = datetime.combine(today, clock(0, 0), tzinfo=HELSINKI) - timedelta(minutes=1)
        self.focus = focus
        self.phases: dict[str, float] = {}
        self.summaries: list[_Summary] = []
        self.labels: dict[int, tuple[str, str, int]] = {}  # professional: label, role, org

    def run(self) -> None:
        mark = time.perf_counter()
        self.orgs = self._organisations()
        self._staff()
        self.phases["organisations and colleagues"] = time.perf_counter() - mark
        mark = time.perf_counter()
        homes = self._homes()
        for start in range(0, len(homes), CHUNK_FAMILIES):
            self._chunk(homes[start : start + CHUNK_FAMILIES])
        self.phases["families, processes, referrals"] = time.perf_counter() - mark
        mark = time.perf_counter()
        self._audit()
        self.phases["audit events"] = time.perf_counter() - mark
        mark = time.perf_counter()
        _statistics_refresh()
        self.phases["planner statistics"] = time.perf_counter() - mark

    # --- Organisations and their professionals --------------------------------------------

    def _organisations(self) -> list[_Org]:
        demo = {
            p.user.get_username(): p
            for p in Professional.objects.filter(user__username__in=DEMO_USERNAMES).select_related(
                "user"
            )
        }
        self.demo_professionals = demo
        if self.focus:
            # hanna's and mikael's organisations, and the first NGO of each one's municipality.
            ids = [p.organisation_id for _name, p in sorted(demo.items())]
            municipalities = [p.municipality_id for _name, p in sorted(demo.items())]
            ngos = (
                Organisation.objects.filter(sector="ngo", municipality_id__in=municipalities)
                .order_by("municipality__code", "hsds_id")
                .values_list("pk", flat=True)
            )
            for ngo in ngos[:2]:
                ids.append(ngo)
            rows = Organisation.objects.filter(pk__in=ids).order_by("hsds_id")
        else:
            # The county scale is Uusimaa's: hanna's and mikael's counties and their neighbours.
            rows = Organisation.objects.filter(
                sector__in=CLIENT_SECTORS, county__code__in=UUSIMAA_COUNTIES
            ).order_by("hsds_id")
        # In the small demo hanna's and mikael's organisations have most families.
        orgs = [
            _Org(o.pk, o.sector, (6.0 if o.sector == "county" else 1.0))
            if self.focus
            else _Org(o.pk, o.sector, SECTOR_WEIGHT[o.sector])
            for o in rows
        ]
        if not orgs:
            raise ClientsRefused(
                "no organisations for the families (the demo network and its demo professionals "
                "hanna and mikael come first)."
            )
        self.org_by_id = {org.id: org for org in orgs}
        return orgs

    def _staff(self) -> None:
        """A few colleagues per organisation (accounts that cannot log in), beside hanna and
        mikael in theirs."""
        User = get_user_model()
        municipality_of = self._municipalities()
        users = []
        specs: list[tuple[str, int, str, int]] = []
        for index, org in enumerate(self.orgs):
            roles = SECTOR_ROLES[org.sector]
            for number in range(SECTOR_STAFF[org.sector] if not self.focus else 3):
                username = f"{USERNAME_PREFIX}{index:04d}-{number}"
                first = self.rng.choice(ADULT_NAMES)
                last = self.rng.choice(FAMILY_NAMES)
                users.append(
                    User(
                        username=username,
                        first_name=first,
                        last_name=f"{last} (demo)",
                        email=f"{username}@demo.perhekeskus.example",
                        password="!demo-colleague-no-login",
                        is_active=True,
                    )
                )
                specs.append(
                    (username, org.id, roles[number % len(roles)], municipality_of[org.id])
                )
        User.objects.bulk_create(users, batch_size=BATCH_SIZE)
        user_ids = dict(
            User.objects.filter(username__startswith=USERNAME_PREFIX).values_list("username", "pk")
        )
        Professional.objects.bulk_create(
            [
                Professional(user_id=user_ids[u], organisation_id=o, role=r, municipality_id=m)
                for u, o, r, m in specs
            ],
            batch_size=BATCH_SIZE,
        )
        names = dict(Municipality.objects.values_list("pk", "name_fi"))
        roles_fi = {value: str(label) for value, label in Professional.Role.choices}
        rows = Professional.objects.filter(organisation_id__in=self.org_by_id).order_by(
            "organisation_id", "user__username"
        )
        for pk, org_id, role, municipality in rows.values_list(
            "pk", "organisation_id", "role", "municipality_id"
        ):
            self.org_by_id[org_id].staff.append(pk)
            self.labels[pk] = (f"{roles_fi[role]}, {names[municipality]}", role, org_id)

    def _municipalities(self) -> dict[int, int]:
        fallback = Municipality.objects.order_by("code").values_list("pk", flat=True).first()
        first_of_county = {}
        for pk, county in Municipality.objects.order_by("-code").values_list("pk", "county_id"):
            first_of_county[county] = pk
        result: dict[int, int] = {}
        for pk, municipality, county in Organisation.objects.filter(
            pk__in=self.org_by_id
        ).values_list("pk", "municipality_id", "county_id"):
            chosen = municipality or first_of_county.get(county) or fallback
            if chosen is None:
                raise ClientsRefused("no municipalities: load the reference data first.")
            result[pk] = chosen
        return result

    # --- Families ---------------------------------------------------------------------------

    def _homes(self) -> list[_Org]:
        weights = [org.weight for org in self.orgs]
        return self.rng.choices(self.orgs, weights=weights, k=self.plan.families)

    def _chunk(self, homes: Sequence[_Org]) -> None:
        rng = self.rng
        families: list[Family] = []
        people: list[list[tuple[Person, str]]] = []
        for home in homes:
            name = rng.choice(FAMILY_NAMES)
            flag: str = SafetyFlag.NONE
            if rng.random() < 0.03:
                flag = rng.choice(SafetyFlag.values[1:])
            families.append(
                Family(
                    name=f"{name} (demo)",
                    safety_flag=flag,
                    safety_note=SAFETY_NOTE if flag != SafetyFlag.NONE else "",
                )
            )
            people.append(self._members(name, home, protected=flag == "do_not_disclose_address"))
        Family.objects.bulk_create(families, batch_size=BATCH_SIZE)
        Person.objects.bulk_create(
            [person for members in people for person, _relation in members], batch_size=BATCH_SIZE
        )
        FamilyMember.objects.bulk_create(
            [
                FamilyMember(family=family, person=person, relation=relation)
                for family, members in zip(families, people, strict=True)
                for person, relation in members
            ],
            batch_size=BATCH_SIZE,
        )
        care: list[CareRelationship] = []
        processes: list[ClientProcess] = []
        summaries = []
        # 1, 2 or 3 processes a family, exactly `processes_per_family` on average: a family
        # with one more is paired with one with one fewer.
        spread = 1 if self.plan.processes_per_family > 1 else 0
        delta = 0
        for number, (family, members, home) in enumerate(zip(families, people, homes, strict=True)):
            in_care = rng.random() < self.plan.in_care_share
            summary = _Summary(family.pk, home.id, in_care, [p.pk for p, _r in members])
            summaries.append(summary)
            care.append(self._care(family, home, in_care))
            delta = rng.randint(-spread, spread) if number % 2 == 0 else -delta
            last_unpaired = number % 2 == 0 and number == len(families) - 1
            count = self.plan.processes_per_family + (0 if last_unpaired else delta)
            processes += self._processes(family, home, in_care, count)
        self.summaries += summaries
        ClientProcess.objects.bulk_create(processes, batch_size=BATCH_SIZE)
        actions, handovers = self._plan_actions(processes)
        PlanAction.objects.bulk_create(actions, batch_size=BATCH_SIZE)
        OwnWorkerHandover.objects.bulk_create(handovers, batch_size=BATCH_SIZE)
        referrals, concerned, extra_care = self._referrals(families, people, homes, summaries)
        Referral.objects.bulk_create(referrals, batch_size=BATCH_SIZE)
        through: Any = Referral.persons.through
        through.objects.bulk_create(
            [
                through(referral_id=referral.pk, person_id=person.pk)
                for referral, persons in zip(referrals, concerned, strict=True)
                for person in persons
            ],
            batch_size=BATCH_SIZE,
        )
        CareRelationship.objects.bulk_create(care + extra_care, batch_size=BATCH_SIZE)
        Consent.objects.bulk_create(
            self._consents(referrals, concerned, people, families), batch_size=BATCH_SIZE
        )

    def _members(self, name: str, home: _Org, *, protected: bool) -> list[tuple[Person, str]]:
        rng = self.rng
        language = rng.choices(Language.values, weights=(88, 7, 3, 2))[0]
        street = f"{rng.choice(STREETS)} {rng.randint(1, 99)}"
        members: list[tuple[Person, str]] = []

        def person(given: str, born: date) -> Person:
            return Person(
                given_names=given,
                family_name=name,
                date_of_birth=born,
                email=f"{given}.{len(members)}@example.invalid".lower(),
                street_address=street,
                postal_code="00000",
                post_office="Demo",
                language=language,
                address_protected=protected,
            )

        guardians = 1 if rng.random() < 0.2 else 2
        for _ in range(guardians):
            born = self.today - timedelta(days=rng.randint(20 * 365, 50 * 365))
            members.append((person(rng.choice(ADULT_NAMES), born), Relation.GUARDIAN))
        if rng.random() < 0.08:
            born = self.today - timedelta(days=rng.randint(22 * 365, 60 * 365))
            members.append((person(rng.choice(ADULT_NAMES), born), Relation.OTHER_ADULT))
        for _ in range(rng.choices((1, 2, 3), weights=(45, 40, 15))[0]):
            born = self.today - timedelta(days=rng.randint(10, 17 * 365))
            members.append((person(rng.choice(CHILD_NAMES), born), Relation.CHILD))
        return members

    def _moment(self, days_ago: float) -> datetime:
        return self.now - timedelta(days=days_ago, minutes=self.rng.randint(0, 600))

    def _care(self, family: Family, home: _Org, in_care: bool) -> CareRelationship:
        started = self._moment(self.rng.randint(30, 900))
        ended = None
        if not in_care:
            ended = min(self.now, started + timedelta(days=self.rng.randint(20, 400)))
        return CareRelationship(
            organisation_id=home.id,
            family=family,
            basis=CareRelationship.Basis.CLIENT_PROCESS,
            started_at=started,
            ended_at=ended,
            started_by_id=self._worker(home),
        )

    def _worker(self, org: _Org) -> int:
        """A professional of the organisation (each has some: see `_staff`)."""
        return self.rng.choice(org.staff)

    def _processes(
        self, family: Family, home: _Org, in_care: bool, count: int
    ) -> list[ClientProcess]:
        rng = self.rng
        # Kinds differ within a family: one open process of a kind per organisation.
        kinds = rng.sample(ClientProcess.Kind.values, k=count)
        processes = []
        for number, kind in enumerate(kinds):
            is_open = in_care and (number == 0 or rng.random() < 0.5)
            processes.append(self._process(family, home, kind, is_open))
        return processes

    def _process(self, family: Family, home: _Org, kind: str, is_open: bool) -> ClientProcess:
        rng = self.rng
        words, needs = rng.choice(SUPPORT_NEEDS)
        arose = self.today - timedelta(
            days=rng.randint(1, 150) if is_open else rng.randint(60, 900)
        )
        process = ClientProcess(
            family=family,
            organisation_id=home.id,
            kind=kind,
            door=rng.choice(ClientProcess.Door.values),
            support_need_words=words,
            support_needs=needs,
            goals=rng.choice(GOALS),
            arose_on=arose,
            due_start=arose + timedelta(days=7),
            due_complete=arose + timedelta(days=90),
            opened_by_id=self._worker(home),
        )
        if is_open and rng.random() < 0.25:
            process.status = ClientProcess.Status.OPEN
            return process
        process.status = ClientProcess.Status.ACTIVE
        process.started_on = min(self.today, arose + timedelta(days=rng.randint(0, 12)))
        if is_open:
            process.review_on = self.today + timedelta(days=rng.randint(-20, 60))
            if kind == ClientProcess.Kind.MANY_SERVICES:
                process.own_worker_id = self._own_worker(home)
            return process
        process.status = ClientProcess.Status.CLOSED
        closed_on = min(self.today - timedelta(days=1), process.started_on + timedelta(days=60))
        process.closed_at = datetime.combine(closed_on, clock(14, 0), tzinfo=HELSINKI)
        process.closed_by_id = self._worker(home)
        process.outcome = rng.choice(OUTCOMES)
        process.due_start = process.due_complete = None
        return process

    def _own_worker(self, home: _Org) -> int | None:
        """hanna and mikael take on many of their organisations' families needing many
        services, so that they have an own worker's list of their own."""
        demo = [p.pk for p in self.demo_professionals.values() if p.organisation_id == home.id]
        if demo and self.rng.random() < 0.6:
            return self.rng.choice(demo)
        return self._worker(home)

    def _plan_actions(
        self, processes: list[ClientProcess]
    ) -> tuple[list[PlanAction], list[OwnWorkerHandover]]:
        rng = self.rng
        actions, handovers = [], []
        for process in processes:
            home = self.org_by_id[process.organisation_id]
            if process.own_worker_id is not None:
                handovers.append(
                    OwnWorkerHandover(
                        process=process,
                        to_worker_id=process.own_worker_id,
                        at=datetime.combine(process.started_on, clock(10), tzinfo=HELSINKI),  # type: ignore[arg-type]
                        reason="Perhe tarvitsee useita palveluja (demo).",
                        by_id=process.own_worker_id,
                    )
                )
            if process.status != ClientProcess.Status.ACTIVE:
                continue
            for _ in range(rng.randint(1, 3)):
                due = self.today + timedelta(days=rng.randint(-15, 45))
                done = rng.random() < 0.3
                who = self._worker(home) if rng.random() < 0.8 else None
                actions.append(
                    PlanAction(
                        process=process,
                        what=rng.choice(PLAN_ACTIONS),
                        who_id=who,
                        who_text="" if who else "Perhe itse",
                        due_on=due,
                        done_at=self._moment(rng.randint(0, 10)) if done else None,
                        done_by_id=who if done else None,
                        created_at=self._moment(rng.randint(10, 60)),
                        created_by_id=self._worker(home),
                    )
                )
        return actions, handovers

    # --- Referrals and what they bring ----------------------------------------------------

    def _referrals(
        self,
        families: list[Family],
        people: list[list[tuple[Person, str]]],
        homes: Sequence[_Org],
        summaries: list[_Summary],
    ) -> tuple[list[Referral], list[list[Person]], list[CareRelationship]]:
        rng = self.rng
        referrals: list[Referral] = []
        concerned: list[list[Person]] = []
        care: list[CareRelationship] = []
        for family, members, home, summary in zip(families, people, homes, summaries, strict=True):
            cared_by = {home.id}
            for _ in range(self.plan.referrals_per_family):
                # Another organisation (drawn again in the rare case of the same one).
                target = rng.choice(self.orgs)
                if target.id == home.id and len(self.orgs) > 1:
                    target = rng.choice([org for org in self.orgs if org.id != home.id])
                referral = self._referral(family, home, target, live=summary.in_care)
                persons = [p for p, relation in members if relation == Relation.CHILD][:1]
                persons += [p for p, relation in members if relation == Relation.GUARDIAN][:1]
                referrals.append(referral)
                concerned.append(persons)
                taken_on = referral.status in (Status.ACCEPTED, Status.FIRST_CONTACT)
                if taken_on and target.id not in cared_by:
                    cared_by.add(target.id)
                    care.append(
                        CareRelationship(
                            organisation_id=target.id,
                            family=family,
                            basis=CareRelationship.Basis.REFERRAL,
                            started_at=referral.accepted_at or referral.sent_at,
                            started_by_id=referral.accepted_by_id,
                        )
                    )
        return referrals, concerned, care

    def _referral(self, family: Family, home: _Org, target: _Org, *, live: bool) -> Referral:
        rng = self.rng
        if live:
            status = rng.choices(
                Status.values, weights=(12, 12, 12, 12, 36, 8, 8)
            )[0]  # fmt: skip
        else:
            status = rng.choices(
                (Status.COMPLETED, Status.DECLINED, Status.WITHDRAWN), weights=(70, 15, 15)
            )[0]
        # Referrals still moving were sent lately, finished ones any time in two years.
        recent = status not in (Status.COMPLETED, Status.DECLINED, Status.WITHDRAWN)
        sent_at = self._moment(rng.uniform(1, 25) if recent else rng.uniform(20, 700))
        consent = rng.random() < 0.85
        referral = Referral(
            family=family,
            from_organisation_id=home.id,
            sent_by_id=self._worker(home),
            to_organisation_id=target.id,
            reason=rng.choice(REFERRAL_REASONS),
            shared_categories=[DataCategory.BASIC, DataCategory.CONTACT]
            + ([DataCategory.PLAN] if rng.random() < 0.5 else []),
            basis=Referral.Basis.CONSENT if consent else Referral.Basis.LEGAL_BASIS,
            legal_basis_text="" if consent else LEGAL_BASIS,
            status=status,
            sent_at=sent_at,
            receive_due=add_working_days(sent_at, 2).date(),
        )
        if rng.random() < 0.15:
            referral.warm_handoff = True
            referral.handoff_meeting_at = sent_at + timedelta(days=rng.randint(3, 14))
        # The steps on the way to the status, each some hours to days after the one before,
        # never later than now.
        steps = _steps_to(status, rng)
        moment = sent_at
        room = (self.now - sent_at) / (len(steps) + 1)
        for step in steps:
            moment = moment + room * rng.uniform(0.2, 1.0)
            setattr(referral, AT_FIELDS[step], moment)
            by = self._worker(home if step == Status.WITHDRAWN else target)
            setattr(referral, _BY_FIELDS[step], by)
            if step == Status.ACCEPTED:
                referral.first_contact_due = (moment + timedelta(days=rng.randint(3, 14))).date()
        if status == Status.DECLINED:
            (
                referral.declined_reason,
                referral.suggested_alternative,
                referral.declined_reason_kind,
            ) = rng.choice(DECLINE_REASONS)
        if status == Status.WITHDRAWN:
            referral.withdrawn_reason = rng.choice(WITHDRAW_REASONS)
        return referral

    def _consents(
        self,
        referrals: list[Referral],
        concerned: list[list[Person]],
        people: list[list[tuple[Person, str]]],
        families: list[Family],
    ) -> list[Consent]:
        """The consents a referral on consent rests on: each person concerned, each category
        shared; a guardian gives the child's."""
        guardian_of = {
            family.pk: next(p for p, relation in members if relation == Relation.GUARDIAN)
            for family, members in zip(families, people, strict=True)
        }
        consents = []
        for referral, persons in zip(referrals, concerned, strict=True):
            # Consents outlive a finished referral only in the archive: the live ones are kept.
            finished = referral.status in (Status.COMPLETED, Status.DECLINED, Status.WITHDRAWN)
            if referral.basis != Referral.Basis.CONSENT or finished:
                continue
            # Now and then a guardian has since revoked the consent, with immediate effect.
            revoked = self.rng.random() < 0.03
            for person in persons:
                adult = age_on(date_of_birth=person.date_of_birth, day=self.today) >= 18
                for category in referral.shared_categories:
                    consents.append(
                        Consent(
                            person=person,
                            given_by=person if adult else guardian_of[referral.family_id],
                            category=category,
                            recipient_id=referral.to_organisation_id,
                            purpose=Purpose.REFERRAL,
                            valid_until=(referral.sent_at + timedelta(days=365)).date(),
                            given_at=referral.sent_at - timedelta(minutes=30),
                            revoked_at=self.now - timedelta(hours=1) if revoked else None,
                            recorded_by_id=referral.sent_by_id,
                        )
                    )
        return consents

    # --- The audit log ----------------------------------------------------------------------

    def _audit(self) -> None:
        """`audit_events` events of the work above, after the chain's head, in one valid
        chain: professionals reading their organisations' families (a few denials and
        emergency accesses among them), as `consent.access` would have recorded them."""
        events = self.plan.audit_events
        if not events or not self.summaries:
            return
        rng = self.rng
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                cursor.execute("SELECT pg_advisory_xact_lock(%s)", [CHAIN_LOCK_KEY])
        head = AuditEvent.objects.order_by("-sequence").values_list("sequence", "hash").first()
        sequence, previous = head if head else (0, GENESIS_HASH)
        in_care = [s for s in self.summaries if s.in_care] or self.summaries
        # Plain strings made once: five million events spend their time hashing.
        actors = {
            pk: (str(pk), label, role, str(org)) for pk, (label, role, org) in self.labels.items()
        }
        anyone = [next(iter(actors.values()))]
        staff_of = {org.id: [actors[pk] for pk in org.staff] or anyone for org in self.orgs}
        families = [(str(s.id), staff_of[s.home], [str(p) for p in s.persons]) for s in in_care]
        actions = [a for a in AUDIT_ACTIONS for _ in range(a[3])]
        referral_ids = 10 * len(self.summaries)
        choice, random_, randint = rng.choice, rng.random, rng.randint
        # One event every `step` up to now: the county's last couple of months.
        step = timedelta(seconds=min(60.0, 5_000_000 * 1.2 / events))
        moment = self.now - step * events
        pending: list[tuple[Any, ...]] = []
        for _ in range(events):
            sequence += 1
            moment += step
            family_id, staff, persons = choice(families)
            actor_id, label, role, org = choice(staff)
            action, target_type, category, _w = choice(actions)
            if target_type == "family":
                target = family_id
            elif target_type == "worklist":
                target = actor_id
            elif target_type == "person":
                target = choice(persons)
            else:
                target = str(randint(1, referral_ids))
            chance = random_()
            denied = chance < 0.005
            breaking = 0.005 <= chance < 0.0055
            values = (
                sequence, moment, "professional", actor_id, label, role, org, action,
                target_type, target, "" if denied or target_type == "worklist" else family_id,
                category, "break_glass" if breaking else "care",
                "denied" if denied else "allowed", BREAK_GLASS_REASON if breaking else "",
                breaking, previous,
            )  # fmt: skip
            previous = chain_digest(values)
            pending.append((*values, previous))
            if len(pending) >= AUDIT_BATCH:
                _audit_write(pending)
                pending = []
        _audit_write(pending)


_BY_FIELDS: dict[str, str] = {
    Status.RECEIVED: "received_by_id",
    Status.ACCEPTED: "accepted_by_id",
    Status.FIRST_CONTACT: "first_contact_recorded_by_id",
    Status.COMPLETED: "completed_by_id",
    Status.DECLINED: "declined_by_id",
    Status.WITHDRAWN: "withdrawn_by_id",
}


def _steps_to(status: str, rng: random.Random) -> list[str]:
    """The statuses after sending a referral passes through to reach `status`: along the path,
    or off it (declined or withdrawn) before or after it was marked received."""
    if status in PATH:
        return list(PATH[1 : PATH.index(status) + 1])
    return [Status.RECEIVED, status] if rng.random() < 0.5 else [status]


_AUDIT_COLUMNS = (*CHAIN_FIELDS, "hash")


def _audit_write(rows: list[tuple[Any, ...]]) -> None:
    """As `perhekeskus.audit.bench` writes its events: COPY on PostgreSQL, bulk_create else."""
    if not rows:
        return
    if connection.vendor == "postgresql":
        columns = ", ".join(_AUDIT_COLUMNS)
        with (
            connection.cursor() as cursor,
            cursor.cursor.copy(f"COPY {AuditEvent._meta.db_table} ({columns}) FROM STDIN") as copy,
        ):
            for row in rows:
                copy.write_row(row)
        return
    AuditEvent.objects.bulk_create(
        [AuditEvent(**dict(zip(_AUDIT_COLUMNS, row, strict=True))) for row in rows],
        batch_size=len(rows),
    )


ANALYSED: tuple[type[models.Model], ...] = (
    Family, Person, FamilyMember, CareRelationship, ClientProcess, PlanAction,
    OwnWorkerHandover, Referral, Consent, Professional, AuditEvent,
)  # fmt: skip


def _statistics_refresh() -> None:
    """The planner must know the tables are large (autovacuum cannot see an open transaction's
    rows): without it, it picks plans made for empty tables."""
    tables = [model._meta.db_table for model in ANALYSED]
    tables.append(Referral.persons.through._meta.db_table)
    with connection.cursor() as cursor:
        for table in tables:
            cursor.execute(f"ANALYZE {connection.ops.quote_name(table)}")
