"""Reads of parenting plans: a plan by its address and a parent by their code, where the plan
stands, the two parents' views side by side, the family law services a plan can be sent to, the
plans a parent keeps in their login and the plans past retention.

A parent sees their own views, drafts included, and the other parent's only once shared.
"""

import re
import uuid
from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import Prefetch, QuerySet
from django.utils import translation
from django.utils.translation import gettext as _

from perhekeskus.clients.models import Person
from perhekeskus.network.models import Service
from perhekeskus.parenting.codes import code_digest, digest_matches, looks_like_code
from perhekeskus.parenting.models import (
    AgreedItem,
    ParentingPlan,
    PlanChild,
    PlanParent,
    PlanView,
    Role,
    SavedPlan,
)
from perhekeskus.parenting.topics import OTHER, TOPICS, Topic

# Service types (network vocabulary) of the services a plan is taken to: the child welfare
# supervisor (lastenvalvoja) works in the family law services; family mediation is its own.
FAMILY_LAW_TYPES = ("family_law_services", "family_mediation")


def plan_by_public_id(value: object) -> ParentingPlan | None:
    try:
        public_id = uuid.UUID(str(value))
    except (TypeError, ValueError):
        return None
    return ParentingPlan.objects.filter(public_id=public_id).first()


def parent_by_code(plan: ParentingPlan, code: str) -> PlanParent | None:
    """The parent of this plan whose code this is, or None: a malformed code, a code of
    another plan and a wrong code alike."""
    if not looks_like_code(code):
        return None
    parent = PlanParent.objects.filter(plan=plan, code_digest=code_digest(code)).first()
    if parent is None or not parent.code_digest or not digest_matches(parent.code_digest, code):
        return None
    return parent


def parent_by_code_alone(code: str) -> PlanParent | None:
    """The parent whose code this is, in whichever plan (a code written down without its
    link); None for anything else."""
    if not looks_like_code(code):
        return None
    parent = PlanParent.objects.select_related("plan").filter(code_digest=code_digest(code)).first()
    if parent is None or not parent.code_digest or not digest_matches(parent.code_digest, code):
        return None
    return parent


def parent_of(plan: ParentingPlan, role: str) -> PlanParent:
    return PlanParent.objects.select_related("plan").get(plan=plan, role=role)


def parent_names(plan: ParentingPlan) -> dict[str, str]:
    """What each parent is called in the plan: their own name, or "parent 1" / "parent 2"."""
    names = {}
    for parent in plan.parents.all():
        names[parent.role] = parent.name or str(Role(parent.role).label)
    return names


# --- Items: a topic for a child, or for the family ------------------------------------------


@dataclass(frozen=True)
class Item:
    topic: Topic
    child: PlanChild | None

    @property
    def key(self) -> str:
        return f"{self.topic.code}-{self.child.pk if self.child else 'family'}"


def items_of(plan: ParentingPlan, children: list[PlanChild] | None = None) -> list[Item]:
    """Every topic, for each child where the topic is agreed per child, in the plan's order."""
    kids = children if children is not None else list(plan.children.all())
    items: list[Item] = []
    for topic in TOPICS:
        if topic.per_child:
            items += [Item(topic, child) for child in kids]
        else:
            items.append(Item(topic, None))
    return items


def _key(topic: str, child_id: int | None) -> tuple[str, int | None]:
    return (topic, child_id)


# --- Same, different, only one ------------------------------------------------------------

SAME, DIFFERENT, ONLY_ONE, NONE = "same", "different", "only_one", "none"


def _normal(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().rstrip(".!").casefold()


def _answered(view: PlanView | None) -> bool:
    return view is not None and bool(view.choice or view.text.strip())


def compare(topic: Topic, first: PlanView | None, second: PlanView | None) -> str:
    """SAME when both chose the same arrangement (other than "some other way") or wrote the
    same; DIFFERENT otherwise; ONLY_ONE when one of them has not answered; NONE when neither."""
    answered = (_answered(first), _answered(second))
    if answered == (False, False):
        return NONE
    if not all(answered):
        return ONLY_ONE
    assert first is not None and second is not None
    if topic.choices and first.choice and first.choice == second.choice and first.choice != OTHER:
        return SAME
    if first.choice == second.choice and _normal(first.text) == _normal(second.text):
        return SAME
    return DIFFERENT


@dataclass(frozen=True)
class Row:
    """One item as a parent sees it: their own view (drafts too), the other parent's shared
    view, how the two compare and what was agreed."""

    item: Item
    mine: PlanView | None
    theirs: PlanView | None  # only once shared
    state: str
    agreed: AgreedItem | None

    @property
    def key(self) -> str:
        return self.item.key

    @property
    def my_draft(self) -> bool:
        return _answered(self.mine) and self.mine is not None and self.mine.shared_at is None

    def suggestion(self, names: dict[str, str]) -> str:
        """A starting point for the agreed text when both said the same."""
        if self.state != SAME or self.mine is None:
            return ""
        parts = [self.item.topic.choice_label(self.mine.choice, names), self.mine.text.strip()]
        return "\n".join(part for part in parts if part)


def rows_for(plan: ParentingPlan, role: str) -> list[Row]:
    """Every item of the plan, side by side, as the parent in `role` sees it. The comparison is
    made only between what both can see: the parent's own view and the other's shared one."""
    children = list(plan.children.all())
    views = PlanView.objects.filter(parent__plan=plan).select_related("parent")
    mine: dict[tuple[str, int | None], PlanView] = {}
    theirs: dict[tuple[str, int | None], PlanView] = {}
    for view in views:
        key = _key(view.topic, view.child_id)
        if view.parent.role == role:
            mine[key] = view
        elif view.shared_at is not None:
            theirs[key] = view
    agreed = {_key(a.topic, a.child_id): a for a in AgreedItem.objects.filter(plan=plan)}
    rows = []
    for item in items_of(plan, children):
        key = _key(item.topic.code, item.child.pk if item.child else None)
        own, other = mine.get(key), theirs.get(key)
        rows.append(Row(item, own, other, compare(item.topic, own, other), agreed.get(key)))
    return rows


@dataclass(frozen=True)
class TopicProgress:
    topic: Topic
    rows: list[Row]

    @property
    def mine_answered(self) -> int:
        return sum(1 for row in self.rows if _answered(row.mine))

    @property
    def mine_drafts(self) -> int:
        return sum(1 for row in self.rows if row.my_draft)

    @property
    def theirs_shared(self) -> int:
        return sum(1 for row in self.rows if _answered(row.theirs))

    @property
    def agreed(self) -> int:
        return sum(1 for row in self.rows if row.agreed is not None)

    @property
    def total(self) -> int:
        return len(self.rows)

    @property
    def states(self) -> list[str]:
        return [row.state for row in self.rows]


def progress_for(plan: ParentingPlan, role: str) -> list[TopicProgress]:
    rows = rows_for(plan, role)
    return [
        TopicProgress(topic, [row for row in rows if row.item.topic.code == topic.code])
        for topic in TOPICS
    ]


# --- Where the plan stands ----------------------------------------------------------------


@dataclass(frozen=True)
class PlanState:
    plan: ParentingPlan
    parents: dict[str, PlanParent]
    missing: list[Item] = field(default_factory=list)

    @property
    def both_joined(self) -> bool:
        return all(parent.joined_at for parent in self.parents.values())

    @property
    def invited(self) -> bool:
        return self.parents[Role.SECOND].invited_at is not None

    def accepted_by(self, role: str) -> bool:
        parent = self.parents[role]
        return parent.accepted_at is not None and parent.accepted_version == self.plan.version

    @property
    def accepted(self) -> bool:
        return all(self.accepted_by(role) for role in self.parents)

    @property
    def ready(self) -> bool:
        """Both parents in and every item agreed: the plan can be accepted."""
        return self.both_joined and not self.missing


def plan_state(plan: ParentingPlan) -> PlanState:
    parents = {parent.role: parent for parent in plan.parents.all()}
    agreed = set(AgreedItem.objects.filter(plan=plan).values_list("topic", "child_id"))
    missing = [
        item
        for item in items_of(plan)
        if (item.topic.code, item.child.pk if item.child else None) not in agreed
    ]
    return PlanState(plan, parents, missing)


# --- The agreed plan, as the PDF shows it -----------------------------------------------------


@dataclass(frozen=True)
class AgreedSection:
    topic: Topic
    entries: list[tuple[PlanChild | None, str]]


def agreed_plan(plan: ParentingPlan) -> list[AgreedSection]:
    children = list(plan.children.all())
    agreed = {_key(a.topic, a.child_id): a.text for a in AgreedItem.objects.filter(plan=plan)}
    sections = []
    for topic in TOPICS:
        targets: list[PlanChild | None] = list(children) if topic.per_child else [None]
        entries = [
            (child, agreed.get(_key(topic.code, child.pk if child else None), ""))
            for child in targets
        ]
        sections.append(AgreedSection(topic, entries))
    return sections


# --- Sending and keeping ------------------------------------------------------------------


def family_law_services() -> QuerySet[Service]:
    """Published services of the family law service types: the child welfare supervisor
    (lastenvalvoja) and family mediation, wherever they are."""
    return (
        Service.objects.filter(
            status=Service.Status.PUBLISHED, service_types__code__in=FAMILY_LAW_TYPES
        )
        .select_related("organisation")
        .distinct()
        .order_by("name", "pk")
    )


def sent_note(lang: str, link: str) -> str:
    """The line in the contact request that leads the professional to the plan."""
    with translation.override(lang):
        return _("The parents' accepted parenting plan is attached: %(link)s") % {"link": link}


def saved_plans_of(person: Person) -> list[SavedPlan]:
    """The plans a logged-in parent keeps, the most recently changed first."""
    return list(
        SavedPlan.objects.filter(person=person)
        .select_related("plan")
        .prefetch_related(Prefetch("plan__children", queryset=PlanChild.objects.all()))
        .order_by("-plan__changed_at", "-pk")
    )


def saved_plan(person: Person, plan: ParentingPlan) -> SavedPlan | None:
    return SavedPlan.objects.filter(person=person, plan=plan).first()


def expired_plans(cutoff: datetime) -> QuerySet[ParentingPlan]:
    """Plans unchanged since `cutoff` that no parent keeps in a login."""
    # A subquery, not a join: the purge locks these rows, which an outer join would forbid.
    return ParentingPlan.objects.filter(changed_at__lt=cutoff).exclude(
        pk__in=SavedPlan.objects.values("plan_id")
    )
