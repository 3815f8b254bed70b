"""Screenings of the Virtanen family as the tests record them."""

from datetime import date, timedelta

from django.utils import timezone

from perhekeskus.screenings.models import Screening, ScreeningInstrument
from perhekeskus.screenings.services import screening_record
from perhekeskus.staff.models import Professional
from tests.clients.families import Virtanen


def instrument(code: str) -> ScreeningInstrument:
    """One of the instruments the data migration seeded."""
    return ScreeningInstrument.objects.get(code=code)


def days_ago(days: int) -> date:
    return timezone.localdate() - timedelta(days=days)


def epds(virtanen: Virtanen, by: Professional, score: int = 14, **overrides) -> Screening:
    """The mother's EPDS at the child health clinic, as a nurse records it."""
    values = {
        "family_id": virtanen.family.pk,
        "person_id": virtanen.mother.pk,
        "instrument_id": instrument("epds").pk,
        "screened_on": timezone.localdate(),
        "score": score,
        "note": "Äiti kertoo nukkuvansa huonosti ja itkevänsä usein.",
        "by": by,
    }
    return screening_record(**(values | overrides))
