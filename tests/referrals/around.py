"""Who stands around a referral of the Virtanen family.

- Aino (public health nurse, West Uusimaa county) has taken the family on at the child health
  clinic and refers Liisa (14) and Eino (the baby) to family work in Vantaa; Maija
  (coordinator) is her colleague.
- Kalle (social worker) and Mikko (family social worker) work for the Vantaa and Kerava county,
  the receiver.
- Hanna (family worker at the NGO's family café) works for a third organisation and has
  nothing to do with the referral.
"""

from dataclasses import dataclass
from datetime import timedelta

import pytest
from django.contrib.auth.models import User
from django.utils import timezone

from perhekeskus.audit.models import AuditEvent
from perhekeskus.clients.models import Person
from perhekeskus.consent.models import CareRelationship, DataCategory, Purpose
from perhekeskus.consent.services import care_relationship_start, consent_record
from perhekeskus.network.models import Organisation, Service
from perhekeskus.referrals.models import Referral
from perhekeskus.referrals.services import referral_send
from perhekeskus.staff.models import Professional
from tests.clients.families import Virtanen
from tests.personas import PASSWORD, Network
from tests.professionals import Desk

BASIC = DataCategory.BASIC
CONTACT = DataCategory.CONTACT
REASON = (
    "Liisa has not gone to school for three weeks and the parents are worn out with the baby; "
    "the family asks for help at home."
)


@dataclass
class Around:
    virtanen: Virtanen
    aino: Professional
    maija: Professional
    kalle: Professional
    mikko: Professional
    hanna: Professional
    vantaa: Organisation
    family_work: Service
    network: Network

    def consent(self, persons: list[Person], categories: list[str], **overrides) -> None:
        """Each person's consent, given by the person or, for a child, by the mother."""
        for person in persons:
            adult = person in (self.virtanen.mother, self.virtanen.father)
            for category in categories:
                values = {
                    "person": person,
                    "given_by": person if adult else self.virtanen.mother,
                    "category": category,
                    "recipient": self.vantaa,
                    "purpose": Purpose.REFERRAL,
                    "valid_until": timezone.localdate() + timedelta(days=90),
                    "by": self.aino,
                }
                consent_record(**(values | overrides))

    def send(self, **overrides) -> Referral:
        """Aino refers Liisa and Eino to Vantaa's family work, sharing what is named."""
        values = {
            "family_id": self.virtanen.family.pk,
            "persons": [self.virtanen.teen, self.virtanen.baby],
            "to_organisation": self.vantaa,
            "to_service": self.family_work,
            "reason": REASON,
            "shared_categories": [BASIC],
            "basis": Referral.Basis.CONSENT,
            "by": self.aino,
        }
        return referral_send(**(values | overrides))

    def consented_referral(self, categories: list[str] | None = None) -> Referral:
        categories = categories or [BASIC]
        self.consent([self.virtanen.teen, self.virtanen.baby], categories)
        return self.send(shared_categories=categories)

    def receiver_in_care(self) -> bool:
        return CareRelationship.objects.filter(
            organisation=self.vantaa, family=self.virtanen.family, ended_at__isnull=True
        ).exists()


def last_event() -> AuditEvent:
    return AuditEvent.objects.order_by("-sequence").first()


def professional(username: str, organisation, role: str, municipality) -> Professional:
    return Professional.objects.create(
        user=User.objects.create_user(username, password=PASSWORD, first_name=username.title()),
        organisation=organisation,
        role=role,
        municipality=municipality,
    )


@pytest.fixture
def around(virtanen, desk: Desk, network: Network) -> Around:
    care_relationship_start(family=virtanen.family, by=desk.aino, basis="client_process")
    Role = Professional.Role
    return Around(
        virtanen=virtanen,
        aino=desk.aino,
        maija=desk.maija,
        kalle=desk.kalle,
        mikko=professional("mikko", network.vantaa_org, Role.SOCIAL_WORKER, network.vantaa),
        hanna=professional("hanna", network.ngo, Role.FAMILY_WORKER, network.espoo),
        vantaa=network.vantaa_org,
        family_work=network.vantaa_family_work,
        network=network,
    )
