"""Referrals (ohjaus / lähete): a family, or some of its members, handed from one
organisation's service to another's, with what the family agreed to share.

State as data: what may follow what is the table in `perhekeskus.referrals.states`; the
constraints below are derived from it, so that the database refuses a row the table would not
allow. Rows are written only through `services` and read only through `selectors`.
"""

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from perhekeskus.clients.models import Family, Person
from perhekeskus.methods.models import Method
from perhekeskus.network.models import Organisation, Service
from perhekeskus.referrals.states import (
    AT_FIELDS,
    STEPS,
    TRANSITIONS,
    Action,
    Status,
    passed_through,
    reachable_from,
)
from perhekeskus.staff.models import Professional


class Basis(models.TextChoices):
    """Why the referral may share the family's data with the receiver."""

    CONSENT = "consent", _("consent of the persons concerned")
    LEGAL_BASIS = "legal_basis", _("a provision of law")


class DeclineReason(models.TextChoices):
    """Why the receiver declined, as a kind a leader can count (the written reason stays with
    the referral and never reaches an indicator)."""

    NOT_OUR_SERVICE = "not_our_service", pgettext_lazy("referral", "not a service we provide")
    NO_CAPACITY = "no_capacity", pgettext_lazy("referral", "no capacity now")
    FAMILY_DECLINED = "family_declined", pgettext_lazy("referral", "the family declined")
    FAMILY_UNREACHABLE = (
        "family_unreachable",
        pgettext_lazy("referral", "the family could not be reached"),
    )
    ALREADY_CLIENT = "already_client", pgettext_lazy("referral", "already our client")
    OTHER = "other", pgettext_lazy("referral", "other reason")


def _step_constraints() -> list[models.BaseConstraint]:
    """Every status reached has its time, every time recorded means its status was reached,
    and each step comes at or after the step it follows. (A comparison with a missing time is
    unknown, which a CHECK lets pass: a time not yet recorded is not out of order.)"""
    constraints: list[models.BaseConstraint] = []
    # Sending is every referral's first step: its time is simply NOT NULL.
    for status, at_field in AT_FIELDS.items():
        if status == Status.SENT:
            continue
        constraints += [
            models.CheckConstraint(
                condition=~Q(status__in=sorted(passed_through(status)))
                | Q(**{f"{at_field}__isnull": False}),
                name=f"referral_{status}_has_its_time",
            ),
            models.CheckConstraint(
                condition=Q(**{f"{at_field}__isnull": True})
                | Q(status__in=sorted(reachable_from(status))),
                name=f"referral_{status}_time_means_reached",
            ),
        ]
    pairs = sorted(
        {
            (AT_FIELDS[source], STEPS[action].at_field)
            for source in TRANSITIONS
            for action in TRANSITIONS[source]
        }
    )
    constraints += [
        models.CheckConstraint(
            condition=Q(**{f"{later}__gte": F(earlier)}),
            name=f"referral_{later}_after_{earlier}",
        )
        for earlier, later in pairs
    ]
    return constraints


class Referral(models.Model):
    """Referral (lähete): the sending worker stays responsible for the family until the
    receiving organisation has accepted it; the receiver sees only what the referral shares."""

    Status = Status
    Action = Action
    Basis = Basis
    DeclineReason = DeclineReason

    family = models.ForeignKey(
        Family, on_delete=models.PROTECT, related_name="+", verbose_name=_("family")
    )
    persons: "models.ManyToManyField[Person, models.Model]" = models.ManyToManyField(
        Person, related_name="+", verbose_name=_("persons concerned")
    )
    from_organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="+", verbose_name=_("from")
    )
    sent_by = models.ForeignKey(
        Professional, on_delete=models.PROTECT, related_name="+", verbose_name=_("sent by")
    )
    to_organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="+", verbose_name=_("to")
    )
    to_service = models.ForeignKey(
        Service,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("service"),
    )
    # "Refer to someone trained in method X": the method the family is referred for.
    method = models.ForeignKey(
        Method,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=pgettext_lazy("referral", "method"),
    )
    reason = models.TextField(
        _("reason"), max_length=4000, help_text=_("Why, in plain words the family would use.")
    )
    shared_categories = models.JSONField(
        _("shared data"), default=list, help_text=_("The data categories the referral shares.")
    )
    basis = models.CharField(_("basis for sharing"), max_length=16, choices=Basis.choices)
    legal_basis_text = models.TextField(
        _("provision of law"),
        max_length=2000,
        blank=True,
        help_text=_("The provision that allows sharing without consent, and how it applies."),
    )
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.SENT
    )
    sent_at = models.DateTimeField(_("sent"))
    received_at = models.DateTimeField(_("received"), null=True, blank=True)
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)
    first_contact_at = models.DateTimeField(_("first contact"), null=True, blank=True)
    completed_at = models.DateTimeField(_("completed"), null=True, blank=True)
    declined_at = models.DateTimeField(_("declined"), null=True, blank=True)
    withdrawn_at = models.DateTimeField(_("withdrawn"), null=True, blank=True)
    receive_due = models.DateField(
        _("to be received by"), help_text=_("Two working days after sending.")
    )
    first_contact_due = models.DateField(
        _("first contact by"),
        null=True,
        blank=True,
        help_text=_("Set by the receiver on accepting."),
    )
    declined_reason = models.TextField(_("why declined"), max_length=2000, blank=True)
    # Blank for a referral not declined, and for one declined before the kind was asked.
    declined_reason_kind = models.CharField(
        _("kind of reason"), max_length=24, choices=DeclineReason.choices, blank=True
    )
    suggested_alternative = models.TextField(_("suggested instead"), max_length=2000, blank=True)
    withdrawn_reason = models.TextField(_("why withdrawn"), max_length=2000, blank=True)
    warm_handoff = models.BooleanField(
        _("warm handoff"),
        default=False,
        help_text=_("The sender introduces the family to the receiver in a joint meeting."),
    )
    handoff_meeting_at = models.DateTimeField(_("joint meeting"), null=True, blank=True)
    received_by = models.ForeignKey(
        Professional,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("received by"),
    )
    accepted_by = models.ForeignKey(
        Professional,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("accepted by"),
    )
    first_contact_recorded_by = models.ForeignKey(
        Professional,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("first contact recorded by"),
    )
    completed_by = models.ForeignKey(
        Professional,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("completed by"),
    )
    declined_by = models.ForeignKey(
        Professional,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("declined by"),
    )
    withdrawn_by = models.ForeignKey(
        Professional,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("withdrawn by"),
    )
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        ordering = ["-sent_at", "-id"]
        verbose_name = _("referral")
        verbose_name_plural = _("referrals")
        indexes = [
            models.Index(fields=["to_organisation", "status"], name="referral_inbox"),
            models.Index(fields=["from_organisation", "status"], name="referral_outbox"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=Status.values), name="referral_status_known"
            ),
            models.CheckConstraint(
                condition=Q(basis=Basis.CONSENT)
                | (Q(basis=Basis.LEGAL_BASIS) & ~Q(legal_basis_text="")),
                name="referral_legal_basis_written",
            ),
            models.CheckConstraint(condition=~Q(reason=""), name="referral_reason_written"),
            models.CheckConstraint(
                condition=~Q(status=Status.DECLINED)
                | (~Q(declined_reason="") & ~Q(suggested_alternative="")),
                name="referral_decline_explained",
            ),
            # A kind only on a declined referral, and only a known one. Not required there:
            # referrals declined before the kind was asked have none (the service asks it).
            models.CheckConstraint(
                condition=Q(declined_reason_kind="")
                | Q(status=Status.DECLINED, declined_reason_kind__in=DeclineReason.values),
                name="referral_decline_kind_known",
            ),
            models.CheckConstraint(
                condition=~Q(status=Status.WITHDRAWN) | ~Q(withdrawn_reason=""),
                name="referral_withdrawal_explained",
            ),
            models.CheckConstraint(
                condition=Q(warm_handoff=False, handoff_meeting_at__isnull=True)
                | Q(warm_handoff=True, handoff_meeting_at__isnull=False),
                name="referral_handoff_has_meeting",
            ),
            models.CheckConstraint(
                condition=~Q(status__in=sorted(passed_through(Status.ACCEPTED)))
                | Q(first_contact_due__isnull=False),
                name="referral_accepted_has_contact_due",
            ),
            *_step_constraints(),
        ]

    def __str__(self) -> str:
        return f"{self.get_status_display()} → {self.to_organisation}"
