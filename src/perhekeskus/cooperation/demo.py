"""Demo data for the cooperation network of the West Uusimaa county ("03"): a cooperation
agreement between the county, Espoo, a parish and an NGO with their commitments and a signed
document, the contact-person network of an Espoo family centre area (one role left without a
person, to show a gap), a network meeting with its decisions, and a development plan whose
goals follow the evaluation's indicators.

Written through the services as kaisa, the demo family centre leader (`perhekeskus.staff.demo`),
so that the change history reads as if she had recorded it. The people without an account,
their phone numbers and e-mail addresses are made up."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone

from perhekeskus.cooperation import services
from perhekeskus.cooperation.models import (
    Agreement,
    Change,
    ContactAssignment,
    ContactRole,
    DevelopmentPlan,
    NetworkMeeting,
)
from perhekeskus.network.demo import Writer
from perhekeskus.network.models import Area, County, Organisation
from perhekeskus.staff.demo import DEMO_LEADERS, DEMO_PROFESSIONALS
from perhekeskus.staff.models import Professional

DEMO_COUNTY = "03"
DEMO_MUNICIPALITY = "049"  # Espoo

# People without an account, as the organisations name them.
HANNA = {"name": "Hanna Hoitaja", "phone": "0400 100 201"}
SANNA = {"name": "Sanna Seurakunta", "phone": "0400 100 202"}
JAANA = {"name": "Jaana Järjestö", "phone": "0400 100 203"}
PIRJO = {"name": "Pirjo Päiväkoti", "phone": "0400 100 213"}
PIRJO_BY_EMAIL = {"name": "Pirjo Päiväkoti", "email": "pirjo.paivakoti@demo.perhekeskus.example"}
MAIJA = {"name": "Maija Mattila", "phone": "0400 100 211"}
LEILA = {"name": "Leila Lehtinen", "phone": "0400 100 212"}
PEKKA = {"name": "Pekka Pappila", "phone": "0400 100 214"}

# A one-page PDF: "Yhteistyösopimus (demo)".
DEMO_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]/Contents 4 0 R"
    b"/Resources<</Font<</F1 5 0 R>>>>>>endobj\n"
    b"4 0 obj<</Length 58>>stream\nBT /F1 18 Tf 72 760 Td (Yhteistyosopimus - demo) Tj ET\n"
    b"endstream endobj\n5 0 obj<</Type/Font/Subtype/Type1/BaseFont/Helvetica>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)


@dataclass(frozen=True)
class Demo:
    """Who writes the demo's records, and the county, area and organisations they are about."""

    leader: Professional
    nurse: Professional | None
    county: County
    area: Area
    county_org: Organisation
    city: Organisation
    parish: Organisation
    ngo: Organisation
    today: date

    def nurse_or(self, named: dict[str, str]) -> dict[str, Any]:
        """The demo nurse by her account, else a person of that name without one."""
        return {"professional": self.nurse} if self.nurse else named


def _month_start(day: date, months_back: int) -> date:
    index = day.year * 12 + day.month - 1 - months_back
    return date(index // 12, index % 12 + 1, 1)


def _first(sector: str, municipality_code: str) -> Organisation | None:
    return (
        Organisation.objects.filter(sector=sector, municipality__code=municipality_code)
        .order_by("pk")
        .first()
    )


def _note(stdout: Writer | None, text: str) -> None:
    if stdout is not None:
        stdout.write(text)


def cooperation_demo(
    *, today: date | None = None, stdout: Writer | None = None, if_empty: bool = False
) -> Agreement | None:
    """Replace the demo county's cooperation records with the demo's. With `if_empty` (a
    database made before these existed), nothing is done when an agreement exists. Skipped,
    with a note, when the network lacks the county, its organisations or the demo leader."""
    if if_empty and Agreement.objects.exists():
        return None
    today = today or timezone.localdate()
    county = County.objects.filter(code=DEMO_COUNTY).first()
    leader = Professional.objects.filter(user__username=DEMO_LEADERS[0].username).first()
    nurse = Professional.objects.filter(user__username=DEMO_PROFESSIONALS[0].username).first()
    county_org = (
        Organisation.objects.filter(sector=Organisation.Sector.COUNTY, county__code=DEMO_COUNTY)
        .order_by("pk")
        .first()
    )
    city = _first(Organisation.Sector.MUNICIPALITY, DEMO_MUNICIPALITY)
    parish = _first(Organisation.Sector.PARISH, DEMO_MUNICIPALITY)
    ngo = _first(Organisation.Sector.NGO, DEMO_MUNICIPALITY)
    area = (
        Area.objects.filter(county__code=DEMO_COUNTY, municipalities__code=DEMO_MUNICIPALITY)
        .order_by("pk")
        .first()
        or Area.objects.filter(county__code=DEMO_COUNTY).order_by("pk").first()
    )
    missing = [
        name
        for name, found in (
            ("county", county),
            ("leader kaisa", leader),
            ("county organisation", county_org),
            ("Espoo's organisation", city),
            ("a parish in Espoo", parish),
            ("an NGO in Espoo", ngo),
            ("a family centre area", area),
        )
        if found is None
    ]
    if missing:
        _note(stdout, f"  (no cooperation demo: missing {', '.join(missing)})\n")
        return None
    assert county and leader and county_org and city and parish and ngo and area
    demo = Demo(leader, nurse, county, area, county_org, city, parish, ngo, today)

    with transaction.atomic():
        Agreement.objects.filter(county=county).delete()
        NetworkMeeting.objects.filter(county=county).delete()
        DevelopmentPlan.objects.filter(county=county).delete()
        ContactRole.objects.filter(area__county=county).delete()
        Change.objects.filter(county=county).delete()
        agreement = _agreement(demo)
        _network(demo)
        _meeting(demo, _plan(demo))
    _note(
        stdout,
        f"Demo cooperation network: {county.name_fi or county.name}, area "
        f"{area.name_fi or area.name} (an agreement, the contact persons, a meeting, a "
        "development plan; /fi/leading/cooperation/)\n",
    )
    return agreement


def _agreement(demo: Demo) -> Agreement:
    today = demo.today
    agreement = services.agreement_create(
        by=demo.leader,
        county=demo.county,
        title="Perhekeskuksen yhteistyösopimus 2025–2027",
        purpose=(
            "Hyvinvointialue, kaupunki, seurakunta ja järjestö toteuttavat perhekeskuksen "
            "palvelut yhdessä: kohtaamispaikat, jalkautuva työ ja yhteinen palveluohjaus."
        ),
        areas=[demo.area],
        starts_on=_month_start(today, 14),
        ends_on=_month_start(today, -22) - timedelta(days=1),
        # Due for review in three weeks: shown among the agreements to review.
        review_on=today + timedelta(days=21),
        status=Agreement.Status.IN_FORCE,
    )
    parties = (
        (demo.county_org, "Perhepalvelujen johtaja"),
        (demo.city, "Sivistystoimen johtaja"),
        (demo.parish, "Kirkkoherra"),
        (demo.ngo, "Toiminnanjohtaja"),
    )
    party_ids = {
        org.pk: services.agreement_party_add(
            by=demo.leader, agreement_id=agreement.pk, organisation_id=org.pk, signatory=signatory
        ).pk
        for org, signatory in parties
    }
    commitments = (
        (
            demo.county_org,
            "Neuvolan terveydenhoitaja käy perhekahvilassa kuukauden ensimmäisenä tiistaina.",
            demo.nurse_or(HANNA),
        ),
        (
            demo.city,
            "Varhaiskasvatus avaa avoimen päiväkodin tilat perhekerholle torstaisin.",
            PIRJO_BY_EMAIL,
        ),
        (demo.parish, "Seurakunta pitää perhekahvilaa tiistaisin klo 10–12.", SANNA),
        (
            demo.ngo,
            "Järjestö kouluttaa vertaisohjaajat ja pitää erovanhempien vertaisryhmän.",
            JAANA,
        ),
    )
    for org, text, person in commitments:
        services.commitment_add(
            by=demo.leader,
            agreement_id=agreement.pk,
            party_id=party_ids[org.pk],
            text=text,
            **person,
        )
    services.document_upload(
        by=demo.leader,
        agreement_id=agreement.pk,
        upload=SimpleUploadedFile(
            "yhteistyosopimus-allekirjoitettu.pdf", DEMO_PDF, content_type="application/pdf"
        ),
    )
    return agreement


def _network(demo: Demo) -> None:
    start = _month_start(demo.today, 12)
    # (organisation, role, contact person, deputy, the contact's last day)
    roles = (
        (demo.county_org, ContactRole.Kind.COORDINATOR, {"professional": demo.leader}, MAIJA, None),
        (demo.county_org, ContactRole.Kind.HEALTH, demo.nurse_or(HANNA), LEILA, None),
        (demo.city, ContactRole.Kind.EARLY_EDUCATION, PIRJO, None, None),
        (demo.parish, ContactRole.Kind.PARISH, SANNA, PEKKA, None),
        # The NGO's contact left: the role shows as a gap until someone follows.
        (demo.ngo, ContactRole.Kind.NGO, JAANA, None, demo.today - timedelta(days=30)),
    )
    for org, kind, contact, deputy, last_day in roles:
        role = services.contact_role_add(
            by=demo.leader, area_id=demo.area.pk, organisation_id=org.pk, kind=kind
        )
        people = [(ContactAssignment.Standing.CONTACT, contact, last_day)]
        if deputy is not None:
            people.append((ContactAssignment.Standing.DEPUTY, deputy, None))
        for standing, person, until in people:
            services.contact_assign(
                by=demo.leader,
                area_id=demo.area.pk,
                role_id=role.pk,
                standing=standing,
                valid_from=start,
                valid_until=until,
                **person,
            )


def _plan(demo: Demo) -> DevelopmentPlan:
    today = demo.today
    plan = services.plan_create(
        by=demo.leader,
        county=demo.county,
        area=demo.area,
        title=f"Perhekeskusverkoston kehittämissuunnitelma {today.year}–{today.year + 1}",
        starts_on=date(today.year, 1, 1),
        ends_on=date(today.year + 1, 12, 31),
    )
    period_start = _month_start(today, 6)
    period_end = _month_start(today, -6) - timedelta(days=1)
    goals = (
        ("Perheiden haut löytävät palvelun: tyhjiä hakuja puolet vähemmän", "searches_empty",
         400, 200),
        ("Lähetteiden silmukka sulkeutuu", "referrals_loop_closed", 70, 90),
        ("Kohtaamispaikoissa käy ammattilainen", "activities_with_professionals", 20, 40),
    )  # fmt: skip
    for text, code, baseline, target in goals:
        services.goal_add(
            by=demo.leader,
            plan_id=plan.pk,
            text=text,
            indicator=code,
            baseline=baseline,
            target=target,
            period_start=period_start,
            period_end=period_end,
        )
    return plan


def _meeting(demo: Demo, plan: DevelopmentPlan) -> None:
    today, leader = demo.today, demo.leader
    meeting = services.meeting_create(
        by=leader,
        county=demo.county,
        area=demo.area,
        title="Perhekeskusverkoston kokous",
        held_on=today - timedelta(days=14),
        place="Perhekeskus, neuvotteluhuone",
        agenda="1. Kuulumiset\n2. Tyhjät haut ja palveluaukot\n3. Kesän kohtaamispaikat",
        participants=[p for p in (leader, demo.nurse) if p is not None],
        organisations=[demo.county_org, demo.city, demo.parish, demo.ngo],
        other_participants="Pirjo Päiväkoti, kaupunki\nSanna Seurakunta, seurakunta",
    )
    services.meeting_record(
        by=leader,
        meeting_id=meeting.pk,
        version=meeting.version,
        agenda=meeting.agenda,
        record=(
            "Käytiin läpi perheiden tyhjät haut: ruotsinkielistä perheneuvontaa haetaan, mutta "
            "sitä ei löydy. Kesällä kohtaamispaikat ovat kiinni heinäkuun."
        ),
    )
    services.decision_add(
        by=leader,
        meeting_id=meeting.pk,
        text="Selvitetään ruotsinkielisen perheneuvonnan saatavuus naapurialueelta.",
        responsible=leader,
        due_on=today + timedelta(days=45),
        plan_id=plan.pk,
    )
    services.decision_add(
        by=leader,
        meeting_id=meeting.pk,
        text="Seurakunta pitää perhekahvilan auki myös heinäkuussa.",
        responsible_text="Sanna Seurakunta",
        due_on=today + timedelta(days=60),
    )
