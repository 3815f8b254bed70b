"""The parenting plan (vanhemmuussuunnitelma) separating parents fill in, alone or together,
reached by a link and a code without an account.

Nothing identifies the parents: the children are named by first name and year of birth, a parent
by what they choose to be called (or "parent 1", "parent 2"). Each parent's code is stored only
as a keyed digest. The plan and its views are deleted after a retention period counted from the
last change, unless a parent has saved it to their login (SavedPlan).
"""

import uuid

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from perhekeskus.clients.models import Person
from perhekeskus.contacts.models import ContactRequest
from perhekeskus.network.models import Organisation, Service

LANGUAGE_CHOICES = [("fi", "suomi"), ("sv", "svenska"), ("en", "English")]
TEXT_MAX_LENGTH = 4000


class Role(models.TextChoices):
    """The two parents of a plan: the one who started it and the one invited."""

    FIRST = "a", _("parent 1")
    SECOND = "b", _("parent 2")


class ParentingPlan(models.Model):
    # In the plan's address: random, so that one plan's address tells nothing of another's.
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    lang = models.CharField(_("language"), max_length=2, choices=LANGUAGE_CHOICES)
    created_at = models.DateTimeField(_("plan started"), auto_now_add=True)
    # Retention counts from the last change of anything in the plan.
    changed_at = models.DateTimeField(_("last changed"), default=timezone.now, db_index=True)
    # Grows with every change of what the parents accept (the children, the agreed texts): an
    # acceptance holds for the version it was given to.
    version = models.PositiveIntegerField(_("version"), default=1)
    # Set when an edit reopened a plan that one or both parents had accepted.
    reopened_at = models.DateTimeField(_("reopened"), null=True, blank=True)

    class Meta:
        ordering = ["-changed_at"]
        verbose_name = _("parenting plan")
        verbose_name_plural = _("parenting plans")

    def __str__(self) -> str:
        return f"#{self.pk} ({self.lang})"


class PlanParent(models.Model):
    plan = models.ForeignKey(ParentingPlan, on_delete=models.CASCADE, related_name="parents")
    role = models.CharField(_("parent"), max_length=1, choices=Role.choices)
    name = models.CharField(_("called"), max_length=60, blank=True)
    # Keyed digest of the parent's code; empty until the second parent is invited.
    code_digest = models.CharField(max_length=64, null=True, blank=True, unique=True)
    invited_at = models.DateTimeField(_("invited"), null=True, blank=True)
    joined_at = models.DateTimeField(_("first opened"), null=True, blank=True)
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)
    accepted_version = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["plan", "role"]
        verbose_name = _("parent of a plan")
        verbose_name_plural = _("parents of plans")
        constraints = [
            models.UniqueConstraint(fields=["plan", "role"], name="parenting_parent_once"),
        ]

    def __str__(self) -> str:
        return f"{self.plan_id}/{self.role}"


class PlanChild(models.Model):
    """A child the plan is about: a first name and a year of birth, nothing more."""

    plan = models.ForeignKey(ParentingPlan, on_delete=models.CASCADE, related_name="children")
    first_name = models.CharField(_("first name"), max_length=60)
    birth_year = models.PositiveSmallIntegerField(_("year of birth"))
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["plan", "position", "id"]
        verbose_name = _("child of a plan")
        verbose_name_plural = _("children of plans")

    def __str__(self) -> str:
        return f"{self.first_name} ({self.birth_year})"


def _one_per_item(model: str, owner: str) -> list[models.BaseConstraint]:
    """One row per owner, topic and child; topics about the whole family have no child, and
    SQL's NULLs are all distinct, hence the second, partial constraint."""
    return [
        models.UniqueConstraint(
            fields=[owner, "topic", "child"],
            condition=Q(child__isnull=False),
            name=f"parenting_{model}_per_child",
        ),
        models.UniqueConstraint(
            fields=[owner, "topic"],
            condition=Q(child__isnull=True),
            name=f"parenting_{model}_per_family",
        ),
    ]


class PlanView(models.Model):
    """One parent's view on one topic (for one child): a draft until the parent shares it."""

    parent = models.ForeignKey(PlanParent, on_delete=models.CASCADE, related_name="views")
    topic = models.CharField(_("topic"), max_length=32)
    child = models.ForeignKey(
        PlanChild, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    choice = models.CharField(_("choice"), max_length=32, blank=True)
    text = models.TextField(_("in your own words"), max_length=TEXT_MAX_LENGTH, blank=True)
    updated_at = models.DateTimeField(_("saved"), auto_now=True)
    shared_at = models.DateTimeField(_("shared"), null=True, blank=True)

    class Meta:
        ordering = ["parent", "topic", "child"]
        verbose_name = _("parent's view")
        verbose_name_plural = _("parents' views")
        constraints = _one_per_item("view", "parent")

    def __str__(self) -> str:
        return f"{self.parent} {self.topic}/{self.child_id or '-'}"


class AgreedItem(models.Model):
    """What the parents agreed on one topic (for one child), in the words either proposed."""

    plan = models.ForeignKey(ParentingPlan, on_delete=models.CASCADE, related_name="agreed")
    topic = models.CharField(_("topic"), max_length=32)
    child = models.ForeignKey(
        PlanChild, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    text = models.TextField(_("agreed"), max_length=TEXT_MAX_LENGTH)
    written_by = models.CharField(_("written by"), max_length=1, choices=Role.choices)
    written_at = models.DateTimeField(_("written"), default=timezone.now)

    class Meta:
        ordering = ["plan", "topic", "child"]
        verbose_name = _("agreed topic")
        verbose_name_plural = _("agreed topics")
        constraints = _one_per_item("agreed", "plan")

    def __str__(self) -> str:
        return f"{self.plan_id} {self.topic}/{self.child_id or '-'}"


class SavedPlan(models.Model):
    """A parent keeps the plan in their own login (perheen oma asiointi): a saved plan is not
    deleted after the retention period while someone keeps it."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    plan = models.ForeignKey(ParentingPlan, on_delete=models.CASCADE, related_name="saved")
    role = models.CharField(_("parent"), max_length=1, choices=Role.choices)
    saved_at = models.DateTimeField(_("saved"), auto_now_add=True)

    class Meta:
        ordering = ["-saved_at"]
        verbose_name = _("saved parenting plan")
        verbose_name_plural = _("saved parenting plans")
        constraints = [
            models.UniqueConstraint(fields=["person", "plan"], name="parenting_saved_once"),
        ]

    def __str__(self) -> str:
        return f"{self.person_id} → {self.plan_id}"


class PlanSubmission(models.Model):
    """The accepted plan sent to a family law service (lastenvalvoja, family mediation) with a
    contact request: a copy of the PDF as the parents sent it, which only the receiving
    organisation's professionals working the request open. It lives as long as the request's
    personal data does, whatever happens to the plan."""

    plan = models.ForeignKey(
        ParentingPlan,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="submissions",
    )
    contact_request = models.OneToOneField(
        ContactRequest, on_delete=models.CASCADE, related_name="parenting_plan"
    )
    service = models.ForeignKey(Service, on_delete=models.PROTECT, related_name="+")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    lang = models.CharField(_("language"), max_length=2, choices=LANGUAGE_CHOICES)
    sent_by = models.CharField(_("sent by"), max_length=1, choices=Role.choices)
    sent_at = models.DateTimeField(_("sent"), auto_now_add=True)
    pdf = models.BinaryField(_("plan (PDF)"), blank=True)
    erased_at = models.DateTimeField(_("erased"), null=True, blank=True)

    class Meta:
        ordering = ["-sent_at"]
        verbose_name = _("parenting plan sent")
        verbose_name_plural = _("parenting plans sent")

    def __str__(self) -> str:
        return f"{self.contact_request_id} → {self.organisation_id}"
