"""Demo data for the cooperation network of the West Uusimaa county ("03"): a cooperation
agreement between the county, Espoo, a parish and an NGO with their commitments and a signed
document, the contact-person network of an Espoo family centre area (one role left without a
person, to show a gap), a network meeting with its decisions, and a development plan whose
goals follow the evaluation's indicators.

Written through the services as kaisa, the demo family centre leader (`perhekeskus.staff.demo`),
so that the change history reads as if she had recorded it. The people without an account,
their phone numbers and e-mail addresses are made up."""

from __future__ import annotations

from datetime import date, timedelta

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

# A one-page PDF: "Yhteistyösopimus (demo)".
HANNA = {"name": "Hanna Hoitaja", "phone": "0400 100 201"}
PIRJO = {"name": "Pirjo Päiväkoti", "phone": "0400 100 213"}
SANNA = {"name": "Sanna Seurakunta", "phone": "0400 100 202"}

DEMO_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]/Contents 4 0 R"
    b"/Resources<</Font<</F1 5 0 R>>>>>>endobj\n"
    b"4 0 obj<</Length 58>>stream\nBT /F1 18 Tf 72 760 Td (Yhteistyosopimus - demo) Tj ET\n"
    b"endstream endobj\n5 0 obj<</Type/Font/Subtype/Type1/BaseFont/Helvetica>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)


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

    with transaction.atomic():
        Agreement.objects.filter(county=county).delete()
        NetworkMeeting.objects.filter(county=county).delete()
        DevelopmentPlan.objects.filter(county=county).delete()
        ContactRole.objects.filter(area__county=county).delete()
        Change.objects.filter(county=county).delete()
        agreement = _agreement(leader, county, area, county_org, city, parish, ngo, nurse, today)
        _network(leader, area, county_org, city, parish, ngo, nurse, today)
        plan = _plan(leader, county, area, today)
        _meeting(leader, county, area, county_org, city, parish, ngo, nurse, plan, today)
    _note(
        stdout,
        f"Demo cooperation network: {county.name_fi or county.name}, area "
        f"{area.name_fi or area.name} (an agreement, the contact persons, a meeting, a "
        "development plan; /fi/leading/cooperation/)\n",
    )
    return agreement


def _agreement(
    leader: Professional,
    county: County,
    area: Area,
    county_org: Organisation,
    city: Organisation,
    parish: Organisation,
    ngo: Organisation,
    nurse: Professional | None,
    today: date,
) -> Agreement:
    agreement = services.agreement_create(
        by=leader,
        county=county,
        title="Perhekeskuksen yhteistyösopimus 2025–2027",
        purpose=(
            "Hyvinvointialue, kaupunki, seurakunta ja järjestö toteuttavat perhekeskuksen "
            "palvelut yhdessä: kohtaamispaikat, jalkautuva työ ja yhteinen palveluohjaus."
        ),
        areas=[area],
        starts_on=_month_start(today, 14),
        ends_on=_month_start(today, -22) - timedelta(days=1),
        # Due for review in three weeks: shown among the agreements to review.
        review_on=today + timedelta(days=21),
        status=Agreement.Status.IN_FORCE,
    )
    parties = {
        org.pk: services.agreement_party_add(
            by=leader, agreement_id=agreement.pk, organisation_id=org.pk, signatory=signatory
        )
        for org, signatory in (
            (county_org, "Perhepalvelujen johtaja"),
            (city, "Sivistystoimen johtaja"),
            (parish, "Kirkkoherra"),
            (ngo, "Toiminnanjohtaja"),
        )
    }
    commitments = (
        (
            county_org,
            "Neuvolan terveydenhoitaja käy perhekahvilassa kuukauden ensimmäisenä tiistaina.",
            {"professional": nurse}
            if nurse
            else {"name": "Hanna Hoitaja", "phone": "0400 100 201"},
        ),
        (
            city,
            "Varhaiskasvatus avaa avoimen päiväkodin tilat perhekerholle torstaisin.",
            {"name": "Pirjo Päiväkoti", "email": "pirjo.paivakoti@demo.perhekeskus.example"},
        ),
        (
            parish,
            "Seurakunta pitää perhekahvilaa tiistaisin klo 10–12.",
            {"name": "Sanna Seurakunta", "phone": "0400 100 202"},
        ),
        (
            ngo,
            "Järjestö kouluttaa vertaisohjaajat ja pitää erovanhempien vertaisryhmän.",
            {"name": "Jaana Järjestö", "phone": "0400 100 203"},
        ),
    )
    for org, text, person in commitments:
        services.commitment_add(
            by=leader,
            agreement_id=agreement.pk,
            party_id=parties[org.pk].pk,
            text=text,
            **person,  # type: ignore[arg-type]
        )
    services.document_upload(
        by=leader,
        agreement_id=agreement.pk,
        upload=SimpleUploadedFile(
            "yhteistyosopimus-allekirjoitettu.pdf", DEMO_PDF, content_type="application/pdf"
        ),
    )
    return agreement


def _network(
    leader: Professional,
    area: Area,
    county_org: Organisation,
    city: Organisation,
    parish: Organisation,
    ngo: Organisation,
    nurse: Professional | None,
    today: date,
) -> None:
    start = _month_start(today, 12)
    roles = (
        (
            county_org,
            ContactRole.Kind.COORDINATOR,
            {"professional": leader},
            ("Maija Mattila", "0400 100 211"),
        ),
        (
            county_org,
            ContactRole.Kind.HEALTH,
            {"professional": nurse} if nurse else HANNA,
            ("Leila Lehtinen", "0400 100 212"),
        ),
        (city, ContactRole.Kind.EARLY_EDUCATION, PIRJO, None),
        (parish, ContactRole.Kind.PARISH, SANNA, ("Pekka Pappila", "0400 100 214")),
        (ngo, ContactRole.Kind.NGO, None, None),
    )
    for org, kind, person, deputy in roles:
        role = services.contact_role_add(
            by=leader, area_id=area.pk, organisation_id=org.pk, kind=kind
        )
        if person is None:
            # The NGO's contact left: the role shows as a gap until someone follows.
            services.contact_assign(
                by=leader,
                area_id=area.pk,
                role_id=role.pk,
                standing=ContactAssignment.Standing.CONTACT,
                valid_from=start,
                valid_until=today - timedelta(days=30),
                name="Jaana Järjestö",
                phone="0400 100 203",
            )
            continue
        services.contact_assign(
            by=leader,
            area_id=area.pk,
            role_id=role.pk,
            standing=ContactAssignment.Standing.CONTACT,
            valid_from=start,
            **person,  # type: ignore[arg-type]
        )
        if deputy is not None:
            services.contact_assign(
                by=leader,
                area_id=area.pk,
                role_id=role.pk,
                standing=ContactAssignment.Standing.DEPUTY,
                valid_from=start,
                name=deputy[0],
                phone=deputy[1],
            )


def _plan(leader: Professional, county: County, area: Area, today: date) -> DevelopmentPlan:
    year_start = date(today.year, 1, 1)
    plan = services.plan_create(
        by=leader,
        county=county,
        area=area,
        title=f"Perhekeskusverkoston kehittämissuunnitelma {today.year}–{today.year + 1}",
        starts_on=year_start,
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
            by=leader,
            plan_id=plan.pk,
            text=text,
            indicator=code,
            baseline=baseline,
            target=target,
            period_start=period_start,
            period_end=period_end,
        )
    return plan


def _meeting(
    leader: Professional,
    county: County,
    area: Area,
    county_org: Organisation,
    city: Organisation,
    parish: Organisation,
    ngo: Organisation,
    nurse: Professional | None,
    plan: DevelopmentPlan,
    today: date,
) -> None:
    meeting = services.meeting_create(
        by=leader,
        county=county,
        area=area,
        title="Perhekeskusverkoston kokous",
        held_on=today - timedelta(days=14),
        place="Perhekeskus, neuvotteluhuone",
        agenda="1. Kuulumiset\n2. Tyhjät haut ja palveluaukot\n3. Kesän kohtaamispaikat",
        participants=[p for p in (leader, nurse) if p is not None],
        organisations=[county_org, city, parish, ngo],
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
