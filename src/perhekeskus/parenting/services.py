"""Writes of parenting plans (vanhemmuussuunnitelma): start, invite the other parent, the parents'
views, the agreed texts, acceptance, sending to a family law service, saving to a login, and
deleting after the retention period. One transaction each.

Who may act on a plan (a parent holding its code, a logged-in parent who saved it) is decided in
`perhekeskus.parenting.access` before these are called; they take the acting parent.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from perhekeskus.clients.models import Person
from perhekeskus.contacts import services as contacts
from perhekeskus.errors import InvalidInput, InvalidTransition, NotFound
from perhekeskus.network.models import Municipality, Service
from perhekeskus.parenting import selectors
from perhekeskus.parenting.codes import code_digest, new_code
from perhekeskus.parenting.models import (
    TEXT_MAX_LENGTH,
    AgreedItem,
    ParentingPlan,
    PlanChild,
    PlanParent,
    PlanSubmission,
    PlanView,
    Role,
    SavedPlan,
)
from perhekeskus.parenting.pdf import plan_pdf
from perhekeskus.parenting.topics import OTHER, topic_by_code

LANGUAGES = ("fi", "sv", "en")
MAX_CHILDREN = 8
NAME_MAX_LENGTH = 60
CHILD_MAX_AGE = 18
# Plans purged in one transaction: a long purge never holds the tables for long.
PURGE_BATCH = 200
# The topic of the contact request that carries a plan to a family law service.
SEND_TOPIC = "relationships_separation"


class PlanNotReady(InvalidTransition):
    code = "plan_not_ready"
    default_message = _(
        "The plan cannot be accepted yet: both parents must have opened it and every topic "
        "needs an agreed text."
    )


class SecondParentJoined(InvalidTransition):
    code = "second_parent_joined"
    default_message = _(
        "The other parent has already opened the plan with their code, so a new code cannot be "
        "made for them."
    )


class PlanNotAccepted(InvalidTransition):
    code = "plan_not_accepted"
    default_message = _("Both parents must accept the plan first.")


@dataclass(frozen=True)
class ChildRow:
    """A child as a form gives it: a new one (pk None) or a change to one of the plan's."""

    first_name: str
    birth_year: int | None
    pk: int | None = None
    remove: bool = False


@dataclass(frozen=True)
class Answer:
    """A parent's view on a topic for one child (or the family: child None)."""

    child: PlanChild | None
    choice: str
    text: str


@dataclass(frozen=True)
class Started:
    plan: ParentingPlan
    parent: PlanParent
    code: str  # shown to the parent once; never stored


def text_problem(text: str) -> str | None:
    if len(text) > TEXT_MAX_LENGTH:
        return str(
            _("The text is too long: at most %(limit)d characters.") % {"limit": TEXT_MAX_LENGTH}
        )
    if "\x00" in text:
        return str(_("The text contains characters that cannot be saved."))
    return None


def child_problems(row: ChildRow, *, today_year: int | None = None) -> dict[str, str]:
    """What is wrong with a child's row, by field: the same rule for every form."""
    year_now = today_year or timezone.localdate().year
    problems: dict[str, str] = {}
    name = row.first_name.strip()
    if not name:
        problems["first_name"] = str(_("Write the child's first name."))
    elif len(name) > NAME_MAX_LENGTH or "\x00" in name:
        problems["first_name"] = str(
            _("Write only the first name, at most %(limit)d characters.")
            % {"limit": NAME_MAX_LENGTH}
        )
    if row.birth_year is None:
        problems["birth_year"] = str(_("Give the child's year of birth."))
    elif not year_now - CHILD_MAX_AGE < row.birth_year <= year_now:
        problems["birth_year"] = str(
            _("A parenting plan is for children under 18: give a year from %(first)d to %(last)d.")
            % {"first": year_now - CHILD_MAX_AGE + 1, "last": year_now}
        )
    return problems


def _check_children(rows: list[ChildRow]) -> None:
    kept = [row for row in rows if not row.remove]
    problems: dict[str, str] = {}
    for index, row in enumerate(rows):
        if row.remove:
            continue
        for field, problem in child_problems(row).items():
            problems[f"{index}-{field}"] = problem
    if not kept:
        problems["children"] = str(_("A plan is about at least one child."))
    elif len(kept) > MAX_CHILDREN:
        problems["children"] = str(
            _("A plan can name at most %(limit)d children.") % {"limit": MAX_CHILDREN}
        )
    if problems:
        raise InvalidInput(details=problems)


def _touch(plan: ParentingPlan, *, reopen: bool = False) -> None:
    """Something in the plan changed: retention counts from now. A change to what the parents
    accept (reopen) makes a new version, and an acceptance given before it no longer holds.
    Counted in the database, so that two parents saving at once never share a version."""
    now = timezone.now()
    changes: dict[str, Any] = {"changed_at": now}
    if reopen:
        changes["version"] = F("version") + 1
        accepted = PlanParent.objects.filter(plan_id=plan.pk, accepted_at__isnull=False)
        if accepted.update(accepted_at=None, accepted_version=None):
            changes["reopened_at"] = now
    ParentingPlan.objects.filter(pk=plan.pk).update(**changes)
    plan.refresh_from_db(fields=["changed_at", "version", "reopened_at"])


@transaction.atomic
def plan_start(*, lang: str, children: list[ChildRow], name: str = "") -> Started:
    """A parent starts a plan in the page's language: their code is returned, to be shown once.
    The other parent's place waits for an invitation."""
    if lang not in LANGUAGES:
        raise InvalidInput(details={"lang": str(_("Unknown language: use fi, sv or en."))})
    _check_children(children)
    _check_name(name)
    now = timezone.now()
    plan = ParentingPlan.objects.create(lang=lang, changed_at=now)
    code = new_code()
    first = PlanParent.objects.create(
        plan=plan, role=Role.FIRST, name=name.strip(), code_digest=code_digest(code), joined_at=now
    )
    PlanParent.objects.create(plan=plan, role=Role.SECOND)
    for position, row in enumerate(row for row in children if not row.remove):
        PlanChild.objects.create(
            plan=plan,
            first_name=row.first_name.strip(),
            birth_year=row.birth_year or 0,
            position=position,
        )
    return Started(plan, first, code)


def _check_name(name: str) -> None:
    if len(name.strip()) > NAME_MAX_LENGTH or "\x00" in name:
        raise InvalidInput(
            details={
                "name": str(
                    _("Write a first name or a short name, at most %(limit)d characters.")
                    % {"limit": NAME_MAX_LENGTH}
                )
            }
        )


@transaction.atomic
def parent_rename(*, by: PlanParent, name: str) -> PlanParent:
    """What the parent is called in the plan and its PDF (a first name, or nothing)."""
    _check_name(name)
    by.name = name.strip()
    by.save(update_fields=["name"])
    _touch(by.plan)
    return by


@transaction.atomic
def plan_invite(*, by: PlanParent) -> str:
    """A new code for the other parent, to be shown once to the inviter and passed on. Made
    again if the first was lost, until the other parent has opened the plan: after that their
    code is theirs alone."""
    plan = by.plan
    other = PlanParent.objects.select_for_update().get(plan=plan, role=_other_role(by.role))
    if other.joined_at is not None:
        raise SecondParentJoined
    code = new_code()
    other.code_digest = code_digest(code)
    other.invited_at = timezone.now()
    other.save(update_fields=["code_digest", "invited_at"])
    _touch(plan)
    return code


def _other_role(role: str) -> str:
    return Role.SECOND if role == Role.FIRST else Role.FIRST


@transaction.atomic
def parent_join(*, parent: PlanParent) -> PlanParent:
    """The parent opened the plan with their code (the first time is recorded)."""
    if parent.joined_at is None:
        parent.joined_at = timezone.now()
        parent.save(update_fields=["joined_at"])
        _touch(parent.plan)
    return parent


@transaction.atomic
def children_set(*, by: PlanParent, rows: list[ChildRow]) -> list[PlanChild]:
    """Add, change or remove the children. A change reopens an accepted plan; a child removed
    takes the views and agreed texts about them along."""
    plan = by.plan
    _check_children(rows)
    existing = {child.pk: child for child in plan.children.all()}
    changed = False
    position = 0
    for row in rows:
        child = existing.get(row.pk) if row.pk is not None else None
        if row.pk is not None and child is None:
            raise NotFound
        if row.remove:
            if child is not None:
                child.delete()
                changed = True
            continue
        name, year = row.first_name.strip(), row.birth_year or 0
        if child is None:
            PlanChild.objects.create(plan=plan, first_name=name, birth_year=year, position=position)
            changed = True
        elif (child.first_name, child.birth_year, child.position) != (name, year, position):
            child.first_name, child.birth_year, child.position = name, year, position
            child.save(update_fields=["first_name", "birth_year", "position"])
            changed = True
        position += 1
    if changed:
        _touch(plan, reopen=True)
    return list(plan.children.all())


def _check_answer(topic_code: str, plan: ParentingPlan, answer: Answer) -> dict[str, str]:
    topic = topic_by_code(topic_code)
    if topic is None:
        raise NotFound
    if topic.per_child != (answer.child is not None):
        raise InvalidInput(details={"child": "per child" if topic.per_child else "no child"})
    if answer.child is not None and answer.child.plan_id != plan.pk:
        raise NotFound
    problems: dict[str, str] = {}
    if answer.choice and answer.choice not in {value for value, _label in topic.choices}:
        problems["choice"] = str(_("Choose one of the options."))
    if answer.choice == OTHER and not answer.text.strip():
        problems["text"] = str(_("You chose some other way: tell in your own words what it is."))
    problem = text_problem(answer.text)
    if problem:
        problems["text"] = problem
    return problems


@transaction.atomic
def views_save(*, by: PlanParent, topic: str, answers: list[Answer], share: bool) -> None:
    """The parent's view on a topic, for each child (or the family): kept as a draft, or
    shared, after which the other parent sees it. Raises InvalidInput with the problems keyed
    by the child's id ("family" for the family as a whole) and field."""
    plan = by.plan
    problems: dict[str, str] = {}
    for answer in answers:
        key = str(answer.child.pk) if answer.child else "family"
        for field, problem in _check_answer(topic, plan, answer).items():
            problems[f"{key}-{field}"] = problem
    if problems:
        raise InvalidInput(details=problems)
    now = timezone.now()
    for answer in answers:
        view = PlanView.objects.filter(parent=by, topic=topic, child=answer.child).first()
        if view is None:
            if not answer.choice and not answer.text.strip():
                continue  # nothing said: no view, rather than an empty one
            view = PlanView(parent=by, topic=topic, child=answer.child)
        view.choice, view.text = answer.choice, answer.text.strip()
        if share:
            view.shared_at = now
        view.save()
    _touch(plan)


@transaction.atomic
def views_share(*, by: PlanParent) -> int:
    """Share every draft of the parent's at once; returns how many were shared."""
    drafts = PlanView.objects.filter(parent=by, shared_at__isnull=True)
    count = drafts.update(shared_at=timezone.now())
    if count:
        _touch(by.plan)
    return count


@transaction.atomic
def agreed_save(*, by: PlanParent, topic: str, child: PlanChild | None, text: str) -> None:
    """Either parent writes what was agreed on a topic (for a child); an empty text takes the
    agreement back. A change reopens an accepted plan."""
    plan = by.plan
    topic_obj = topic_by_code(topic)
    if topic_obj is None or (child is not None and child.plan_id != plan.pk):
        raise NotFound
    if topic_obj.per_child != (child is not None):
        raise InvalidInput(details={"child": "per child" if topic_obj.per_child else "no child"})
    text = text.strip()
    problem = text_problem(text)
    if problem:
        raise InvalidInput(details={"text": problem})
    item = AgreedItem.objects.filter(plan=plan, topic=topic, child=child).first()
    if not text:
        if item is not None:
            item.delete()
            _touch(plan, reopen=True)
        return
    if item is not None and item.text == text:
        return
    if item is None:
        item = AgreedItem(plan=plan, topic=topic, child=child)
    item.text, item.written_by, item.written_at = text, by.role, timezone.now()
    item.save()
    _touch(plan, reopen=True)


@transaction.atomic
def plan_accept(*, by: PlanParent) -> PlanParent:
    """The parent accepts the whole plan as it stands: recorded with the time and the version.
    Once both have accepted the same version, the plan is agreed."""
    plan = ParentingPlan.objects.select_for_update().get(pk=by.plan_id)
    state = selectors.plan_state(plan)
    if not state.both_joined or state.missing:
        raise PlanNotReady(details={"missing": [item.key for item in state.missing]})
    by.accepted_at = timezone.now()
    by.accepted_version = plan.version
    by.save(update_fields=["accepted_at", "accepted_version"])
    _touch(plan)
    return by


@transaction.atomic
def plan_save_to_login(*, by: PlanParent, person: Person) -> SavedPlan:
    """The logged-in parent keeps the plan: it is not deleted while they keep it."""
    saved, _created = SavedPlan.objects.get_or_create(
        person=person, plan=by.plan, defaults={"role": by.role}
    )
    return saved


@transaction.atomic
def saved_remove(*, person: Person, saved: SavedPlan) -> None:
    """The parent no longer keeps the plan in their login; the retention period applies again
    (counted from the plan's last change)."""
    if saved.person_id != person.pk:
        raise NotFound
    saved.delete()


@transaction.atomic
def plan_send(
    *,
    by: PlanParent,
    service: Service,
    message: str,
    may_leave_message: bool,
    may_call_any_time: bool,
    name: str = "",
    phone: str = "",
    email: str = "",
    preferred_channel: str = "phone",
    when_to_call: str = "",
    municipality: Municipality | None = None,
    link_for: Callable[[PlanSubmission], str] = lambda submission: "",
) -> PlanSubmission:
    """Send the accepted plan to a family law service in one step: a contact request to the
    service's queue, with the plan's PDF attached for the receiving organisation's
    professionals. Raises PlanNotAccepted, InvalidInput for a service that is not a family law
    service, and inbox.NoQueue when no queue takes it (nothing is sent then)."""
    plan = by.plan
    if not selectors.plan_state(plan).accepted:
        raise PlanNotAccepted
    if not selectors.family_law_services().filter(pk=service.pk).exists():
        raise InvalidInput(details={"service": str(_("Choose a family law service."))})
    problem = text_problem(message)
    if problem:
        raise InvalidInput(details={"message": problem})
    request = contacts.request_contact(
        lang=plan.lang,
        topic=SEND_TOPIC,
        about=message.strip() or "-",
        may_leave_message=may_leave_message,
        may_call_any_time=may_call_any_time,
        name=name,
        phone=phone,
        email=email,
        preferred_channel=preferred_channel,
        when_to_call=when_to_call,
        municipality=municipality,
        service=service,
    )
    submission = PlanSubmission.objects.create(
        plan=plan,
        contact_request=request,
        service=service,
        organisation_id=service.organisation_id,
        lang=plan.lang,
        sent_by=by.role,
        pdf=plan_pdf(plan),
    )
    # The professional finds the plan from the request: its address follows the parents' words.
    link = link_for(submission)
    if link:
        intro = selectors.sent_note(plan.lang, link)
        words = message.strip()
        request.about = f"{words}\n\n{intro}" if words else intro
        request.save(update_fields=["about"])
    _touch(plan)
    return submission


# --- Retention (säilytysaika) ------------------------------------------------------------------


def retention_cutoff(now: datetime | None = None) -> datetime:
    """Plans unchanged since this are deleted unless saved (PERHEKESKUS_PARENTING_RETENTION_DAYS,
    90 days by default)."""
    days = getattr(settings, "PERHEKESKUS_PARENTING_RETENTION_DAYS", 90)
    return (now or timezone.now()) - timedelta(days=days)


@dataclass(frozen=True)
class Purged:
    plans: int
    sent_copies: int


def purge_expired(now: datetime | None = None) -> Purged:
    """Delete the plans past retention that no parent keeps in a login, with their views and
    agreed texts; and the copies of sent plans whose contact request's personal data has been
    erased. Running it again deletes nothing more."""
    cutoff = retention_cutoff(now)
    plans = 0
    while True:
        batch = _purge_batch(cutoff)
        plans += batch
        if batch < PURGE_BATCH:
            break
    return Purged(plans=plans, sent_copies=_erase_sent_copies(now or timezone.now()))


@transaction.atomic
def _purge_batch(cutoff: datetime) -> int:
    # Locked, so that a parent saving meanwhile waits and then finds the plan either kept or
    # gone, never deleted just after being saved.
    ids = list(
        selectors.expired_plans(cutoff)
        .select_for_update()
        .order_by("pk")
        .values_list("pk", flat=True)[:PURGE_BATCH]
    )
    if not ids:
        return 0
    ParentingPlan.objects.filter(pk__in=ids).delete()
    return len(ids)


@transaction.atomic
def _erase_sent_copies(now: datetime) -> int:
    erased = PlanSubmission.objects.filter(
        erased_at__isnull=True, contact_request__erased_at__isnull=False
    )
    return erased.update(pdf=b"", erased_at=now)
