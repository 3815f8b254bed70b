"""Who reaches a screening: screenings are health care information (terveydenhuollon
tiedot), so only a role that works with it (a nurse, a midwife, a doctor, a psychologist, a
therapist) whose organisation cares for the family, through `consent.access.family_access`.
Within that, a screening is seen
- by the professionals of the organisation that recorded it, and
- by those of another organisation caring for the family when the screened person's health
  information may be shared with it (`consent_covers`: a consent given by whoever decides for
  the person, so that a child who decides on the matter decides, as in `person_access`).
Anyone else is told the screening does not exist, exactly as for one that does not, and the
refusal is written to the audit log.

Like `consent.access`, call these before the service's own transaction, so that a refusal
stays recorded when the error is raised.
"""

from typing import NoReturn

from perhekeskus.audit.models import AuditEvent
from perhekeskus.audit.services import audit_record
from perhekeskus.clients.models import Family
from perhekeskus.consent.access import actor_of, consent_covers, family_access, role_categories
from perhekeskus.consent.models import DataCategory, Purpose
from perhekeskus.errors import NotFound
from perhekeskus.rows import int_or_none
from perhekeskus.screenings.models import Screening
from perhekeskus.staff.models import Professional

CATEGORY = DataCategory.HEALTH
TARGET = "screening"
# The purposes for which a consent opens another organisation's screening: the family's own
# care, and the family centre team's work together.
SHARING_PURPOSES = (Purpose.CARE, Purpose.TEAM)


def reaches_health(professional: Professional) -> bool:
    """Whether the professional's role works with health care information at all."""
    return CATEGORY in role_categories(professional.role)


def family_screenings_access(
    *, professional: Professional, family_id: int | str, action: str
) -> Family:
    """The family, when the professional may read and record its screenings (health
    information, through a care relationship); NotFound, audited, otherwise."""
    return family_access(
        professional=professional,
        family_id=family_id,
        category=CATEGORY,
        action=action,
        purpose=Purpose.CARE,
    )


def sees(professional: Professional, screening: Screening) -> bool:
    """Whether a screening of a family the professional has been let into is theirs to see:
    recorded by their organisation, or shared with it by consent. Not audited: for filtering
    what an audited read has already opened."""
    if screening.organisation_id == professional.organisation_id:
        return True
    return any(
        consent_covers(
            person=screening.person,
            category=CATEGORY,
            recipient_id=professional.organisation_id,
            purpose=purpose,
        )
        for purpose in SHARING_PURPOSES
    )


def screening_access(
    *, professional: Professional, screening_id: int | str, action: str
) -> Screening:
    """The screening, when the professional sees it (`sees`) and `family_access` grants the
    family's health information; NotFound, audited once, otherwise (the same for a screening
    that does not exist)."""
    screening = screening_find(screening_id)
    if screening is None or not reaches_health(professional) or not sees(professional, screening):
        screening_deny(professional=professional, action=action, target_id=screening_id)
    family_screenings_access(
        professional=professional, family_id=screening.family_id, action=action
    )
    return screening


def screening_find(screening_id: int | str) -> Screening | None:
    """The screening by its id, without any decision: for the access functions."""
    pk = int_or_none(screening_id)
    if pk is None:
        return None
    return (
        Screening.objects.select_related(
            "family", "person", "instrument", "organisation", "recorded_by__user"
        )
        .filter(pk=pk)
        .first()
    )


def screening_deny(*, professional: Professional, action: str, target_id: int | str) -> NoReturn:
    """Record the refusal without telling whose screening it is, then raise NotFound."""
    audit_record(
        actor=actor_of(professional),
        action=action,
        target_type=TARGET,
        target_id=str(target_id)[:64] or "-",
        data_category=CATEGORY,
        purpose=Purpose.CARE,
        outcome=AuditEvent.Outcome.DENIED,
    )
    raise NotFound()
