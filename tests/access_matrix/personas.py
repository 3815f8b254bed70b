"""Fourteen professionals around the Virtanen family, each with a different road (or none) to
the family's data: the cast of the access matrix.

West Uusimaa county cares for the family: Aino (public health nurse) took it on at the child
health clinic and opened a many-services process, whose own worker is Fanni (family worker).
Maija (coordinator), Pekka (doctor) and Paula (psychologist) work for the same county. Espoo's
early childhood education cares for the family too, at the parents' request (Eino starts day
care in the spring): Olli, a teacher there, reaches what everyone caring for the family shares
and the education information, nothing of health or social welfare.

Aino has referred Liisa and Eino to Vantaa's family work, with the mother's consent to share
their basic information and Liisa's social welfare information with Vantaa for the referral.
Mikko (social worker) handles the referral there; Kalle, his colleague, has nothing to do with
it, and reaches exactly what Mikko reaches: access goes by organisation.

The mother has also consented to sharing Liisa's basic information with the NGO for a referral
to its youth group: Hanna (youth worker) asked for it, and Sari (meeting-place coordinator)
works for the same NGO.

Tuomas (parish family counsellor) has nothing to do with the family. Eero and Erkki (social
workers at Helsinki's emergency social services) have no care relationship either: Eero breaks
the glass with a written reason, Erkki without one. Terhi (family worker at a private provider)
had the family as a client until her organisation's care relationship ended.
"""

from dataclasses import dataclass
from datetime import timedelta

from django.contrib.auth.models import User
from django.utils import timezone

from perhekeskus.clients.models import Family, Person
from perhekeskus.consent.models import DataCategory, Purpose
from perhekeskus.consent.services import (
    care_relationship_end,
    care_relationship_start,
    consent_record,
)
from perhekeskus.meetings.models import TeamMeeting
from perhekeskus.meetings.services import meeting_invite, meeting_plan
from perhekeskus.network.models import County, Municipality, Organisation, Service
from perhekeskus.processes.models import ClientProcess, Door, Kind
from perhekeskus.processes.services import own_worker_assign, process_open
from perhekeskus.referrals.models import Basis, Referral
from perhekeskus.referrals.services import referral_send
from perhekeskus.staff.models import Professional
from tests.client_processes.helpers import CLINIC_VISIT
from tests.clients.families import Virtanen
from tests.personas import PASSWORD, Network, Personas
from tests.professionals import Desk

Role = Professional.Role
EMERGENCY_REASON = (
    "Poliisi soitti yöllä: lapset yksin kotona, vanhemmat tavoittamattomissa. "
    "Neuvola on kiinni, tarvitsen perheen yhteystiedot ja suunnitelman."
)
REFERRAL_REASON = (
    "Liisa ei ole käynyt koulussa kolmeen viikkoon ja vanhemmat ovat uupuneita vauvan kanssa; "
    "perhe pyytää apua kotiin."
)


@dataclass(frozen=True)
class Persona:
    """A professional as the matrix sees them: who they are, and the emergency reason they
    give when they read a family's data (blank for everyone who does not break the glass)."""

    name: str
    professional: Professional
    break_glass_reason: str = ""


@dataclass
class World:
    virtanen: Virtanen
    family: Family
    teen: Person
    mother: Person
    many_services: ClientProcess
    referral: Referral
    vantaa: Organisation
    vantaa_family_work: Service
    espoo_education: Organisation
    meeting: TeamMeeting
    personas: dict[str, Persona]

    def __getitem__(self, name: str) -> Persona:
        return self.personas[name]


def _organisation(name_fi: str, name_en: str, sector: str, **fields) -> Organisation:
    return Organisation.objects.create(
        name=name_fi, name_fi=name_fi, name_sv=name_en, name_en=name_en, sector=sector, **fields
    )


def _professional(username: str, organisation, role: str, municipality) -> Professional:
    return Professional.objects.create(
        user=User.objects.create_user(username, password=PASSWORD, first_name=username.title()),
        organisation=organisation,
        role=role,
        municipality=municipality,
    )


def world_build(virtanen: Virtanen, desk: Desk, network: Network, personas: Personas) -> World:
    espoo, vantaa = network.espoo, network.vantaa
    helsinki = Municipality.objects.get(code="091")
    espoo_education = _organisation(
        "Espoon varhaiskasvatus",
        "Espoo early childhood education",
        Organisation.Sector.MUNICIPALITY,
        municipality=espoo,
    )
    parish = _organisation(
        "Espoon seurakuntien perheneuvonta",
        "Family counselling of the Espoo parishes",
        Organisation.Sector.PARISH,
        municipality=espoo,
    )
    emergency = _organisation(
        "Helsingin sosiaali- ja kriisipäivystys",
        "Helsinki emergency social services",
        Organisation.Sector.COUNTY,
        county=County.objects.get(code="90"),
    )
    private = _organisation(
        "Perhetuki Oy (kuvitteellinen)",
        "Family Support Ltd (fictional)",
        Organisation.Sector.PRIVATE,
        municipality=espoo,
    )
    county = network.county_org
    cast = [
        Persona("aino", desk.aino),
        Persona("maija", desk.maija),
        Persona("pekka", _professional("pekka", county, Role.DOCTOR, espoo)),
        Persona("paula", _professional("paula", county, Role.PSYCHOLOGIST, espoo)),
        Persona("fanni", _professional("fanni", county, Role.FAMILY_WORKER, espoo)),
        Persona(
            "olli",
            _professional("olli.opettaja", espoo_education, Role.EARLY_EDUCATION_TEACHER, espoo),
        ),
        Persona("mikko", _professional("mikko", network.vantaa_org, Role.SOCIAL_WORKER, vantaa)),
        Persona("kalle", desk.kalle),
        Persona(
            "sari",
            Professional.objects.create(
                user=personas.sari,
                organisation=network.ngo,
                role=Role.COORDINATOR,
                municipality=espoo,
            ),
        ),
        Persona("hanna", _professional("hanna", network.ngo, Role.YOUTH_WORKER, espoo)),
        Persona("tuomas", _professional("tuomas", parish, Role.FAMILY_COUNSELLOR, espoo)),
        Persona(
            "eero",
            _professional("eero", emergency, Role.SOCIAL_WORKER, helsinki),
            break_glass_reason=EMERGENCY_REASON,
        ),
        Persona(
            "erkki",
            _professional("erkki", emergency, Role.SOCIAL_WORKER, helsinki),
            break_glass_reason="   ",
        ),
        Persona("terhi", _professional("terhi", private, Role.FAMILY_WORKER, espoo)),
    ]
    people = {persona.name: persona for persona in cast}
    aino = desk.aino
    family = virtanen.family

    # Who cares for the family now, and who did.
    care_relationship_start(family=family, by=aino, basis="client_process")
    care_relationship_start(family=family, by=people["olli"].professional, basis="family_request")
    terhi = people["terhi"].professional
    care_relationship_start(family=family, by=terhi, basis="family_request")
    care_relationship_end(family_id=family.pk, by=terhi)

    many_services = process_open(
        family_id=family.pk,
        kind=Kind.MANY_SERVICES,
        door=Door.CLINIC,
        arose_on=CLINIC_VISIT,
        support_need_words="Monta eri työntekijää, emme tiedä kenelle soittaa.",
        support_needs=["exhaustion", "school_refusal"],
        by=aino,
    )
    many_services = own_worker_assign(
        process_id=many_services.pk, worker=people["fanni"].professional, reason="", by=aino
    )

    # The mother's consents, as Aino recorded them.
    until = timezone.localdate() + timedelta(days=90)
    for person, category, recipient in [
        (virtanen.teen, DataCategory.BASIC, network.vantaa_org),
        (virtanen.baby, DataCategory.BASIC, network.vantaa_org),
        (virtanen.teen, DataCategory.SOCIAL_WELFARE, network.vantaa_org),
        (virtanen.teen, DataCategory.BASIC, network.ngo),
    ]:
        consent_record(
            person=person,
            given_by=virtanen.mother,
            category=category,
            recipient=recipient,
            purpose=Purpose.REFERRAL,
            valid_until=until,
            by=aino,
        )
    referral = referral_send(
        family_id=family.pk,
        persons=[virtanen.teen, virtanen.baby],
        to_organisation=network.vantaa_org,
        to_service=network.vantaa_family_work,
        reason=REFERRAL_REASON,
        shared_categories=[DataCategory.BASIC],
        basis=Basis.CONSENT,
        by=aino,
    )
    # Maija convenes the family centre team on the many-services process and invites Olli.
    meeting = meeting_plan(
        process_id=many_services.pk,
        kind=TeamMeeting.Kind.TEAM_MEETING,
        starts_at=timezone.now() + timedelta(days=7),
        place="Perhekeskus Leppävaara",
        agenda=["Perheen näkemys", "Päiväkodin aloitus"],
        by=people["maija"].professional,
    )
    meeting_invite(
        meeting_id=meeting.pk,
        professional_id=people["olli"].professional.pk,
        by=people["maija"].professional,
    )
    return World(
        virtanen=virtanen,
        family=family,
        teen=virtanen.teen,
        mother=virtanen.mother,
        many_services=many_services,
        referral=referral,
        vantaa=network.vantaa_org,
        vantaa_family_work=network.vantaa_family_work,
        espoo_education=espoo_education,
        meeting=meeting,
        personas=people,
    )
