"""Who sits at the Virtanens' team meeting.

- Aino (public health nurse, West Uusimaa county) opened a multi-actor service-need assessment
  at the child health clinic; her county cares for the family. She coordinates the meeting.
- Mikko (social worker, Vantaa and Kerava county) has taken the family on after a referral:
  his county cares for the family too, so he may be invited.
- Hanna (family worker at the NGO's family café) works for an organisation that does not care
  for the family: she may be neither invited nor let in.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from perhekeskus.audit.models import AuditEvent
from perhekeskus.consent.services import care_relationship_start
from perhekeskus.meetings.models import TeamMeeting
from perhekeskus.meetings.services import meeting_invite, meeting_plan
from perhekeskus.processes.models import ClientProcess
from tests.client_processes.helpers import assessment_open
from tests.referrals.around import Around

HELSINKI = ZoneInfo("Europe/Helsinki")
AGENDA = [
    "Perheen oma näkemys tilanteesta",
    "Ammattilaisten havainnot",
    "Mitä sovitaan ja kuka tekee mitä",
]
FAMILY_VIEW = (
    "Olemme väsyneitä. Eino herää öisin monta kertaa ja Liisa ei jaksa kouluun. "
    "Toivomme kotiapua ja jonkun, jolle Liisa voi puhua."
)


def next_week_at_ten() -> datetime:
    day = timezone.localdate() + timedelta(days=7)
    return datetime(day.year, day.month, day.day, 10, 0, tzinfo=HELSINKI)


@dataclass
class Team:
    around: Around
    process: ClientProcess

    def plan(self, **overrides) -> TeamMeeting:
        """Aino convenes the assessment meeting at the clinic next week and invites Mikko."""
        values = {
            "process_id": self.process.pk,
            "kind": TeamMeeting.Kind.JOINT_ASSESSMENT,
            "starts_at": next_week_at_ten(),
            "place": "Leppävaaran neuvola, huone 3",
            "agenda": AGENDA,
            "by": self.around.aino,
        }
        meeting = meeting_plan(**(values | overrides))
        meeting_invite(
            meeting_id=meeting.pk, professional_id=self.around.mikko.pk, by=meeting.coordinator
        )
        return meeting


@pytest.fixture
def team(around: Around) -> Team:
    care_relationship_start(family=around.virtanen.family, by=around.mikko, basis="referral")
    return Team(around=around, process=assessment_open(around.virtanen, around.aino))


def last_event() -> AuditEvent:
    return AuditEvent.objects.order_by("-sequence").first()
