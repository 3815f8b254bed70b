"""Who may open a parenting plan, decided here and nowhere else.

- A parent: with their code, typed in or posted from the link's fragment, the browser session
  holds the plan for that parent (both parents, when they fill it in together at one device);
  or, logged in to the family's own view, from a plan they saved there. Nobody else, and the
  session holds nothing for a plan whose code it was not given.
- A professional: only the copy sent to their organisation's family law service, while they
  work the contact request's queue in the inbox. Every attempt, allowed or refused, is written
  to the audit log; a refusal looks like a copy that does not exist.
"""

from collections.abc import MutableMapping
from typing import Any

from django.db import transaction

from perhekeskus.audit.models import AuditEvent
from perhekeskus.audit.services import audit_record
from perhekeskus.clients.models import Person
from perhekeskus.consent.access import actor_of
from perhekeskus.errors import NotFound
from perhekeskus.inbox.services import may_work_on
from perhekeskus.parenting import selectors
from perhekeskus.parenting.models import ParentingPlan, PlanParent, PlanSubmission, Role, SavedPlan
from perhekeskus.staff.models import Professional

SESSION_KEY = "parenting_plans"
TARGET_TYPE = "parenting_plan_sent"
READ = "parenting_plan.read"
READ_PDF = "parenting_plan.pdf"

Session = MutableMapping[str, Any]


# --- Parents -------------------------------------------------------------------------------


def _grants(session: Session) -> dict[str, list[str]]:
    grants = session.get(SESSION_KEY)
    return dict(grants) if isinstance(grants, dict) else {}


def roles_held(session: Session, plan: ParentingPlan) -> list[str]:
    """The parents of this plan the session speaks for: none, one, or both (together)."""
    roles = _grants(session).get(str(plan.public_id), [])
    return [role for role in (Role.FIRST, Role.SECOND) if role in roles]


def grant(session: Session, plan: ParentingPlan, role: str) -> None:
    """The session now holds the plan for this parent (after their code, or their login)."""
    grants = _grants(session)
    roles = set(grants.get(str(plan.public_id), []))
    roles.add(role)
    grants[str(plan.public_id)] = sorted(roles)
    session[SESSION_KEY] = grants


def forget(session: Session, plan: ParentingPlan) -> None:
    """Close the plan on this device: the code is needed again."""
    grants = _grants(session)
    grants.pop(str(plan.public_id), None)
    session[SESSION_KEY] = grants


def acting_parent(session: Session, plan: ParentingPlan, role: str = "") -> PlanParent | None:
    """The parent acting now: the one asked for (filling in together, the parents take turns),
    else the only one the session holds, else the first. None when the session holds the plan
    for nobody."""
    held = roles_held(session, plan)
    if not held:
        return None
    chosen = role if role in held else held[0]
    return selectors.parent_of(plan, chosen)


def saved_plan_for(person: Person, public_id: object) -> SavedPlan:
    """A plan the logged-in parent keeps; NotFound for any other, saved by someone else or
    not at all."""
    plan = selectors.plan_by_public_id(public_id)
    saved = selectors.saved_plan(person, plan) if plan is not None else None
    if saved is None:
        raise NotFound
    return saved


# --- Professionals -------------------------------------------------------------------------


def submission_for(
    professional: Professional, submission_id: int, *, action: str = READ
) -> PlanSubmission:
    """The copy of a plan sent to the professional's organisation, when they work its contact
    request's queue; NotFound otherwise (missing, erased and forbidden alike). Audited."""
    submission = (
        PlanSubmission.objects.select_related("contact_request__queue", "service", "organisation")
        .filter(pk=submission_id)
        .first()
    )
    allowed = (
        submission is not None
        and submission.erased_at is None
        and submission.organisation_id == professional.organisation_id
        and may_work_on(professional, submission.contact_request)
    )
    with transaction.atomic():
        audit_record(
            actor=actor_of(professional),
            action=action,
            target_type=TARGET_TYPE,
            target_id=str(submission_id),
            data_category=AuditEvent.DataCategory.SOCIAL_WELFARE,
            purpose=AuditEvent.Purpose.CARE,
            outcome=AuditEvent.Outcome.ALLOWED if allowed else AuditEvent.Outcome.DENIED,
        )
    if not allowed or submission is None:
        raise NotFound
    return submission
