"""Demo screenings (kuvitteelliset seulonnat) for `make run`: a handful of results recorded by
hanna, the demo public health nurse, in families her county cares for, so that the worklist,
its count on the caseload and the family's screenings show something. Some cross the
threshold and are overdue, one is followed up, one is below the threshold.

Recorded through the services, as a nurse would (each write audited). Runs after the client
demo data (`perhekeskus.clients.demo`); does nothing when screenings exist already or when
hanna or her families are missing. Deterministic: the families are taken in id order.
"""

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, Protocol

from django.utils import timezone, translation

from perhekeskus.clients.models import FamilyMember, Relation
from perhekeskus.consent.access import families_in_care
from perhekeskus.screenings.models import FollowUp, Screening, ScreeningInstrument
from perhekeskus.screenings.services import follow_up_record, screening_record
from perhekeskus.staff.models import Professional

NURSE = "hanna"


class Writer(Protocol):
    def write(self, text: str) -> Any: ...


@dataclass(frozen=True)
class Planned:
    """One demo result: the instrument, who in the family, how many days ago, the result,
    and whether it was followed up."""

    code: str
    adult: bool
    days_ago: int
    score: int | None = None
    answer_yes: bool | None = None
    concerns: tuple[str, ...] = ()
    sex: str = ""
    followed_up: bool = False


PLANNED = [
    Planned("epds", adult=True, days_ago=24, score=15),  # overdue by ten days
    Planned("epds", adult=True, days_ago=5, score=11),  # due in nine days
    Planned("audit-c", adult=True, days_ago=45, score=7, sex="woman", followed_up=True),
    Planned("ipv-question", adult=True, days_ago=9, answer_yes=True),  # overdue by two days
    Planned("lte-concerns", adult=False, days_ago=12, concerns=("couple", "support")),
    Planned("epds", adult=True, days_ago=30, score=6),  # below the threshold
]


def screenings_demo(
    *, today: date | None = None, stdout: Writer | None = None, nurse_username: str = NURSE
) -> int:
    """Record the demo screenings; returns how many were recorded (0 when skipped)."""
    nurse = (
        Professional.objects.select_related("organisation")
        .filter(user__username=nurse_username)
        .first()
    )
    if nurse is None or Screening.objects.exists() or not ScreeningInstrument.objects.exists():
        return 0
    day = today or timezone.localdate()
    families = list(families_in_care(nurse).order_by("pk")[: len(PLANNED)])
    recorded = 0
    with translation.override("fi"):
        for plan, family in zip(PLANNED, families, strict=False):
            person_id = _member(family.pk, adult=plan.adult)
            if person_id is None:
                continue
            screening = screening_record(
                family_id=family.pk,
                person_id=person_id,
                instrument_id=ScreeningInstrument.objects.get(code=plan.code).pk,
                screened_on=day - timedelta(days=plan.days_ago),
                score=plan.score,
                answer_yes=plan.answer_yes,
                concerns=list(plan.concerns),
                respondent_sex=plan.sex,
                note="Demo: kuvitteellinen seulonta.",
                by=nurse,
            )
            if plan.followed_up:
                follow_up_record(
                    screening_id=screening.pk,
                    kind=FollowUp.Kind.EARLY_SUPPORT,
                    done_on=day - timedelta(days=plan.days_ago - 7),
                    note="Demo: mini-interventio ja uusi tapaaminen sovittu.",
                    by=nurse,
                )
            recorded += 1
    if stdout is not None:
        stdout.write(f"Demo screenings recorded by {nurse_username}: {recorded}\n")
    return recorded


def _member(family_id: int, *, adult: bool) -> int | None:
    members = FamilyMember.objects.filter(family_id=family_id)
    members = (
        members.exclude(relation=Relation.CHILD)
        if adult
        else members.filter(relation=Relation.CHILD)
    )
    return members.order_by("pk").values_list("person_id", flat=True).first()
