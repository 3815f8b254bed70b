"""Queues (jonot) of what families send, and the log of every action taken on it."""

from typing import TYPE_CHECKING

from django.db import models
from django.utils.translation import gettext_lazy as _

from perhekeskus.network.models import Area, Service
from perhekeskus.staff.models import Professional


class Queue(models.Model):
    """Where questions and contact requests wait for a professional: one area (or every area
    when empty) and some topics (or every topic when empty)."""

    if TYPE_CHECKING:  # columns added by django-modeltranslation
        name_fi: str
        name_sv: str
        name_en: str

    name = models.CharField(_("name"), max_length=200)
    area = models.ForeignKey(
        Area,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="queues",
        verbose_name=_("family centre area"),
        help_text=_("Empty: items from any area that no area's queue takes."),
    )
    topics = models.JSONField(
        _("topics"), default=list, blank=True, help_text=_("Topic codes; empty: every topic.")
    )
    services = models.ManyToManyField(
        Service,
        blank=True,
        related_name="queues",
        verbose_name=_("services"),
        help_text=_("Contact requests about these services come to this queue."),
    )
    takes_questions = models.BooleanField(_("takes anonymous questions"), default=True)
    takes_contact_requests = models.BooleanField(_("takes contact requests"), default=True)
    members = models.ManyToManyField(
        Professional,
        through="QueueMembership",
        related_name="queues",
        verbose_name=_("members"),
    )
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("queue")
        verbose_name_plural = _("queues")

    def __str__(self) -> str:
        return self.name


class QueueMembership(models.Model):
    """A professional works a queue; a lead receives what is escalated in it."""

    queue = models.ForeignKey(Queue, on_delete=models.CASCADE, related_name="memberships")
    professional = models.ForeignKey(
        Professional, on_delete=models.CASCADE, related_name="memberships"
    )
    is_lead = models.BooleanField(_("lead"), default=False)

    class Meta:
        verbose_name = _("queue membership")
        verbose_name_plural = _("queue memberships")
        constraints = [
            models.UniqueConstraint(fields=["queue", "professional"], name="queue_member_once")
        ]

    def __str__(self) -> str:
        return f"{self.professional} @ {self.queue}"


class InboxItem(models.Model):
    """What a question and a contact request share as work in a queue."""

    class Status(models.TextChoices):
        NEW = "new", _("new")
        CLAIMED = "claimed", _("claimed")
        ANSWERED = "answered", _("answered")
        CLOSED = "closed", _("closed")

    queue = models.ForeignKey(
        Queue, on_delete=models.PROTECT, related_name="%(app_label)s_%(class)s_items"
    )
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default="new")
    claimed_by = models.ForeignKey(
        Professional,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="%(app_label)s_%(class)s_claimed",
        verbose_name=_("claimed by"),
    )
    escalated = models.BooleanField(_("escalated"), default=False)
    created_at = models.DateTimeField(_("received"), auto_now_add=True, db_index=True)
    due_at = models.DateTimeField(_("respond by"), db_index=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)

    class Meta:
        abstract = True


class AnswerTemplate(models.Model):
    """A saved answer: a queue's shared one, or a professional's own."""

    queue = models.ForeignKey(
        Queue, on_delete=models.CASCADE, null=True, blank=True, related_name="templates"
    )
    owner = models.ForeignKey(
        Professional, on_delete=models.CASCADE, null=True, blank=True, related_name="templates"
    )
    lang = models.CharField(_("language"), max_length=2, default="fi")
    title = models.CharField(_("title"), max_length=200)
    text = models.TextField(_("text"), max_length=4000)

    class Meta:
        ordering = ["title"]
        verbose_name = _("answer template")
        verbose_name_plural = _("answer templates")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(queue__isnull=False) | models.Q(owner__isnull=False),
                name="answer_template_has_an_owner",
            )
        ]

    def __str__(self) -> str:
        return self.title


class InboxEvent(models.Model):
    """Who did what to which question or request, and when. Append-only; holds no family's
    words, so it outlives the item it describes (retention deletes the item, not the log)."""

    class Kind(models.TextChoices):
        QUESTION = "question", _("anonymous question")
        CONTACT_REQUEST = "contact_request", _("contact request")

    class Action(models.TextChoices):
        RECEIVED = "received", _("received")
        VIEWED = "viewed", _("viewed")
        CLAIMED = "claimed", _("claimed")
        RELEASED = "released", _("released")
        ANSWERED = "answered", _("answered")
        FAMILY_REPLIED = "family_replied", _("family replied")
        HANDED_OVER = "handed_over", _("handed over")
        ESCALATED = "escalated", _("escalated")
        CONTACTED = "contacted", _("contacted")
        CLOSED = "closed", _("closed")
        REOPENED = "reopened", _("reopened")
        STEPPED_UP = "stepped_up", _("asked to be contacted")
        ERASED = "erased", _("personal data erased")
        PURGED = "purged", _("deleted after retention")

    occurred_at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)
    professional = models.ForeignKey(
        Professional,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="inbox_events",
        verbose_name=_("who"),
    )
    # Kept when the account is removed: the log must still say who it was.
    actor = models.CharField(_("who"), max_length=150, blank=True)
    item_kind = models.CharField(_("item"), max_length=20, choices=Kind.choices)
    item_id = models.BigIntegerField(_("item id"), db_index=True)
    action = models.CharField(_("what"), max_length=20, choices=Action.choices)
    queue = models.ForeignKey(
        Queue, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    to_queue = models.ForeignKey(
        Queue, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    note = models.CharField(_("note"), max_length=500, blank=True)

    class Meta:
        ordering = ["occurred_at", "id"]
        verbose_name = _("inbox event")
        verbose_name_plural = _("inbox events")
        indexes = [models.Index(fields=["item_kind", "item_id"])]

    def __str__(self) -> str:
        return f"{self.occurred_at:%Y-%m-%d %H:%M} {self.actor or '-'} {self.action}"
