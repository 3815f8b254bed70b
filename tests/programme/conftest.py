"""A small programme around the shared register (tests/personas.py): the Bubble family café's
weekly baby café on Tuesdays with a public health nurse present, cancelled on 29 December
2026, and a few more activities that the filters and scopes must tell apart."""

from dataclasses import dataclass
from datetime import date, time

import pytest

from perhekeskus.network.models import Activity, OpeningHoursException, ProfessionalPresence
from tests.personas import Network

# A week in which everything meets as planned; Tuesday is 10 November 2026.
ORDINARY_WEEK_DAY = date(2026, 11, 11)
CAFE_TUESDAY = date(2026, 11, 10)
# The baby café is cancelled on this Tuesday (Activity.cancelled_dates).
CANCELLED_TUESDAY = date(2026, 12, 29)
# The meeting place is closed for the whole day (OpeningHoursException).
CLOSED_TUESDAY = date(2026, 12, 8)


@dataclass
class Programme:
    network: Network
    cafe: Activity
    playgroup: Activity
    pregnancy_group: Activity
    draft: Activity
    vantaa_club: Activity


def _texts(field: str, fi: str, sv: str, en: str) -> dict[str, str]:
    return {field: fi, f"{field}_fi": fi, f"{field}_sv": sv, f"{field}_en": en}


@pytest.fixture
def programme(network: Network) -> Programme:
    OpeningHoursException.objects.create(
        site=network.meeting_place,
        date=CLOSED_TUESDAY,
        closed=True,
        **_texts("reason", "remontti", "renovering", "renovation"),
    )
    playgroup = Activity.objects.create(
        site=network.family_centre,
        organiser=network.county_org,
        kind=Activity.Kind.FAMILY_CLUB,
        starts_on=date(2026, 9, 3),
        start_time=time(13),
        end_time=time(14, 30),
        rrule="FREQ=WEEKLY;BYDAY=TH",
        languages=["sv"],
        min_age_months=36,
        max_age_months=83,
        registration=Activity.Registration.REQUIRED,
        registration_url="https://example.org/anmalan",
        **_texts("title", "Leikkiryhmä ruotsiksi", "Lekgrupp", "Swedish playgroup"),
    )
    pregnancy_group = Activity.objects.create(
        site=network.family_centre,
        organiser=network.county_org,
        service=network.child_health_clinic,
        kind=Activity.Kind.PARENTING_GROUP,
        starts_on=date(2026, 9, 2),
        start_time=time(17),
        end_time=time(18, 30),
        rrule="FREQ=WEEKLY;BYDAY=WE",
        languages=["fi"],
        min_age_months=-9,
        max_age_months=-1,
        **_texts("title", "Odottavien perheiden ilta", "Kväll för blivande föräldrar",
                 "Evening for expecting families"),
    )  # fmt: skip
    ProfessionalPresence.objects.create(
        activity=pregnancy_group,
        service=network.child_health_clinic,
        **_texts("role", "kätilö", "barnmorska", "midwife"),
    )
    draft = Activity.objects.create(
        site=network.meeting_place,
        organiser=network.ngo,
        kind=Activity.Kind.EVENT,
        starts_on=CAFE_TUESDAY,
        start_time=time(14),
        end_time=time(15),
        status="draft",
        **_texts("title", "Luonnostapahtuma", "Utkastevenemang", "Draft event"),
    )
    vantaa_club = Activity.objects.create(
        site=network.vantaa_site,
        organiser=network.vantaa_org,
        kind=Activity.Kind.FAMILY_CLUB,
        starts_on=date(2026, 9, 1),
        start_time=time(9, 30),
        end_time=time(11),
        rrule="FREQ=WEEKLY;BYDAY=TU",
        languages=["fi"],
        **_texts(
            "title", "Tikkurilan perhekerho", "Dickursby familjeklubb", "Tikkurila family club"
        ),
    )
    return Programme(network, network.cafe_activity, playgroup, pregnancy_group, draft, vantaa_club)
