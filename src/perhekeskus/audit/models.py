"""Audit events (lokitieto): one row per read or write of client data, allowed or denied.

Rows are only ever added. The model refuses updates and deletes, its querysets refuse bulk
updates and deletes, and on PostgreSQL a trigger (migration 0002) refuses them in SQL too. Each
row carries the hash of the one before it, so `perhekeskus audit verify` can tell when a row was
changed, removed, reordered or slipped in by someone who went around all of that.

Only plain values are stored (ids as text, the actor's role-and-place label): the log must not
depend on the domain apps, and must still say who did what after an account or a family's
records are gone.
"""

from typing import Any, NoReturn

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

HASH_LENGTH = 64


class AppendOnly(Exception):
    """An audit event was about to be changed or deleted; the log only grows."""


def _refuse(what: str) -> NoReturn:
    raise AppendOnly(f"Audit events are append-only: {what} refused.")


class AuditEventQuerySet(models.QuerySet["AuditEvent"]):
    """Reads as usual; no bulk change or delete."""

    def update(self, **kwargs: Any) -> NoReturn:
        _refuse("update")

    def delete(self) -> NoReturn:
        _refuse("delete")

    def bulk_update(self, *args: Any, **kwargs: Any) -> NoReturn:
        _refuse("bulk update")

    def update_or_create(self, *args: Any, **kwargs: Any) -> NoReturn:
        _refuse("update or create")


class AuditEvent(models.Model):
    """Audit event (lokitieto): who, in which role and organisation, did what to which record
    of which family, which data category, for what purpose, when, and whether it was allowed."""

    class ActorKind(models.TextChoices):
        PROFESSIONAL = "professional", _("professional")
        FAMILY_MEMBER = "family_member", _("family member")
        SYSTEM = "system", _("system")
        ANONYMOUS = "anonymous", _("anonymous visitor")

    class Outcome(models.TextChoices):
        ALLOWED = "allowed", _("allowed")
        DENIED = "denied", _("denied")

    class Purpose(models.TextChoices):
        """The purposes the apps use today; the column takes others (the apps grow)."""

        CARE = "care", _("care of the family")
        REFERRAL = "referral", _("referral")
        BREAK_GLASS = "break_glass", _("emergency access")
        SUPERVISION = "supervision", _("supervision")
        OWN_VIEW = "own_view", _("the family's own view")

    class DataCategory(models.TextChoices):
        """The categories the apps use today; the column takes others."""

        BASIC = "basic", _("basic information")
        CONTACT = "contact", _("contact details")
        HEALTH = "health", _("health information")
        SOCIAL_WELFARE = "social_welfare", _("social welfare information")

    # The chain position is the primary key: strictly increasing, unique, without gaps.
    sequence = models.BigIntegerField(_("sequence number"), primary_key=True)
    occurred_at = models.DateTimeField(_("when"), default=timezone.now, db_index=True)
    actor_kind = models.CharField(_("actor kind"), max_length=16, choices=ActorKind.choices)
    actor_id = models.CharField(_("actor id"), max_length=64, blank=True)
    actor_label = models.CharField(
        _("actor"), max_length=200, help_text=_("Role and place, as shown to the family.")
    )
    actor_role = models.CharField(_("role"), max_length=64, blank=True)
    actor_organisation_id = models.CharField(_("organisation id"), max_length=64, blank=True)
    action = models.CharField(_("action"), max_length=64)
    target_type = models.CharField(_("record type"), max_length=64)
    target_id = models.CharField(_("record id"), max_length=64)
    family_id = models.CharField(_("family id"), max_length=64, blank=True)
    data_category = models.CharField(_("data category"), max_length=32, blank=True)
    purpose = models.CharField(_("purpose"), max_length=32)
    outcome = models.CharField(_("outcome"), max_length=8, choices=Outcome.choices)
    reason = models.TextField(_("reason"), max_length=2000, blank=True)
    flagged_for_review = models.BooleanField(_("flagged for review"), default=False)
    previous_hash = models.CharField(_("previous hash"), max_length=HASH_LENGTH)
    hash = models.CharField(_("hash"), max_length=HASH_LENGTH)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        ordering = ["-sequence"]
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")
        default_permissions = ("view",)
        indexes = [
            models.Index(fields=["family_id", "sequence"], name="audit_family_seq"),
            models.Index(fields=["actor_id", "sequence"], name="audit_actor_seq"),
            models.Index(fields=["target_type", "target_id"], name="audit_target"),
            models.Index(
                fields=["sequence"],
                condition=models.Q(flagged_for_review=True),
                name="audit_flagged",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(outcome__in=["allowed", "denied"]),
                name="audit_outcome_known",
            ),
            models.CheckConstraint(
                condition=models.Q(
                    actor_kind__in=["professional", "family_member", "system", "anonymous"]
                ),
                name="audit_actor_kind_known",
            ),
            models.CheckConstraint(
                condition=~models.Q(purpose="break_glass")
                | (~models.Q(reason="") & models.Q(flagged_for_review=True)),
                name="audit_break_glass_has_reason_and_flag",
            ),
            models.CheckConstraint(condition=models.Q(sequence__gte=1), name="audit_seq_positive"),
        ]

    def __str__(self) -> str:
        return f"#{self.sequence} {self.action} {self.target_type}:{self.target_id}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        """Insert only: a saved event is never saved again."""
        if not self._state.adding:
            _refuse("change")
        kwargs["force_insert"] = True
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> NoReturn:
        _refuse("delete")
