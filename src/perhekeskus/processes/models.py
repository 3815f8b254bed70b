"""Client processes (asiakasprosessit) of the Uusimaa family centre model, as data.

A process belongs to one family and is run by one organisation. Its rows are client data of the
category "plan" (support need, goals and plan): they are read and written only through this
app's services and selectors, which ask `perhekeskus.consent.access` first and write an audit
event; never through the admin, nor through a reverse relation from the family, the network or
the staff (hence `related_name="+"`).

Status, kept simple:
- open: opened (the matter has arisen and is recorded), work with the family not yet started;
- active: work started (`started_on`), e.g. the assessment's first meeting;
- closed: ended with an outcome (`closed_at`, `outcome`). A closed process is not changed.
"""

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from perhekeskus.clients.models import Family
from perhekeskus.methods.models import Method
from perhekeskus.network.models import Organisation, Versioned
from perhekeskus.staff.models import Professional


class Kind(models.TextChoices):
    """The client processes of the Uusimaa model; defining the support need comes first in all."""

    INTAKE = "intake", _("becoming a client")
    OCCASIONAL_SUPPORT = "occasional_support", _("support now and then")
    FAMILY_CENTRE_TEAM = "family_centre_team", _("family centre team")
    MANY_SERVICES = "many_services", _("many services, with an own worker")
    EARLY_SUPPORT = "early_support", _("early support for a group at risk")
    SERVICE_NEED_ASSESSMENT = "service_need_assessment", _("multi-actor service-need assessment")


class Door(models.TextChoices):
    """How the family came (mistä perhe tuli): the family centre has no wrong door."""

    MEETING_PLACE = "meeting_place", _("a meeting place")
    CLINIC = "clinic", _("a clinic (child health, school or student health care)")
    OWN_CONTACT = "own_contact", _("the family's own contact")
    CONTACT_REQUEST = "contact_request", _("a contact request in the family channel")
    REFERRAL = "referral", _("a referral from another service")
    OTHER = "other", _("other")


class Status(models.TextChoices):
    OPEN = "open", _("opened, work not started")
    ACTIVE = "active", _("in progress")
    CLOSED = "closed", _("closed")


class Outcome(models.TextChoices):
    """How the process ended, for the family's plan and for the area's indicators."""

    GOALS_MET = "goals_met", _("the goals were met")
    PARTLY_MET = "partly_met", _("the goals were partly met")
    MOVED_TO_OTHER_SERVICE = "moved_to_other_service", _("the family moved on to another service")
    FAMILY_ENDED = "family_ended", _("the family ended the process")
    OTHER = "other", _("other")


class ClientProcess(Versioned):
    """Client process (asiakasprosessi): one matter of a family that an organisation works on,
    from the support need in the family's own words to an outcome. `version` (from Versioned)
    goes up with every change of the row, so that an edit made on an old copy is refused."""

    Kind = Kind
    Door = Door
    Status = Status
    Outcome = Outcome

    family = models.ForeignKey(
        Family, on_delete=models.CASCADE, related_name="+", verbose_name=_("family")
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("organisation"),
        help_text=_("The organisation running the process."),
    )
    kind = models.CharField(_("kind"), max_length=32, choices=Kind.choices)
    door = models.CharField(_("how the family came"), max_length=20, choices=Door.choices)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.OPEN
    )
    support_need_words = models.TextField(
        _("support need in the family's own words"), blank=True, max_length=4000
    )
    support_needs = models.JSONField(
        _("support needs"),
        default=list,
        blank=True,
        help_text=_("Codes of the guidance needs vocabulary."),
    )
    goals = models.TextField(_("goals"), blank=True, max_length=4000)
    arose_on = models.DateField(
        _("matter arose on"), help_text=_("When the matter came to the organisation's knowledge.")
    )
    started_on = models.DateField(_("work started on"), null=True, blank=True)
    due_start = models.DateField(_("to be started by"), null=True, blank=True)
    due_complete = models.DateField(_("to be completed by"), null=True, blank=True)
    review_on = models.DateField(_("next review"), null=True, blank=True)
    opened_by = models.ForeignKey(
        Professional, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    closed_by = models.ForeignKey(
        Professional, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    outcome = models.CharField(_("outcome"), max_length=32, choices=Outcome.choices, blank=True)
    outcome_note = models.TextField(_("outcome note"), blank=True, max_length=2000)
    own_worker = models.ForeignKey(
        Professional,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("own worker"),
    )

    class Meta:
        ordering = ["-arose_on", "-id"]
        verbose_name = _("client process")
        verbose_name_plural = _("client processes")
        indexes = [
            # The organisation's deadlines and the own worker's list look up open processes.
            models.Index(fields=["organisation", "status"], name="process_org_status"),
            models.Index(fields=["own_worker", "status"], name="process_own_worker_status"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(kind__in=Kind.values), name="process_kind_known"),
            models.CheckConstraint(condition=Q(door__in=Door.values), name="process_door_known"),
            models.CheckConstraint(
                condition=Q(status__in=Status.values), name="process_status_known"
            ),
            models.CheckConstraint(
                condition=Q(outcome__in=[*Outcome.values, ""]), name="process_outcome_known"
            ),
            # Closed with a time and an outcome, or neither.
            models.CheckConstraint(
                condition=(Q(status=Status.CLOSED, closed_at__isnull=False) & ~Q(outcome=""))
                | (~Q(status=Status.CLOSED) & Q(closed_at__isnull=True, outcome="")),
                name="process_closed_with_outcome",
            ),
            models.CheckConstraint(
                condition=~Q(status=Status.ACTIVE) | Q(started_on__isnull=False),
                name="process_active_has_started",
            ),
            models.CheckConstraint(
                condition=~Q(status=Status.OPEN) | Q(started_on__isnull=True),
                name="process_open_not_started",
            ),
            models.CheckConstraint(
                condition=Q(started_on__isnull=True) | Q(started_on__gte=models.F("arose_on")),
                name="process_starts_after_arising",
            ),
            # An own worker coordinates the services of a family that needs many.
            models.CheckConstraint(
                condition=Q(own_worker__isnull=True) | Q(kind=Kind.MANY_SERVICES),
                name="process_own_worker_for_many_services",
            ),
            # One process of a kind at a time per organisation and family.
            models.UniqueConstraint(
                fields=["family", "organisation", "kind"],
                condition=~Q(status=Status.CLOSED),
                name="process_one_open_per_kind",
                violation_error_message=_(
                    "The organisation already has an open process of this kind with the family."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} – {self.family}"


class PlanAction(models.Model):
    """An action of the plan (suunnitelman toimenpide): what is done, by whom, by when. Who is
    a professional, or said in words (the family itself, a service not yet chosen)."""

    process = models.ForeignKey(
        ClientProcess, on_delete=models.CASCADE, related_name="actions", verbose_name=_("process")
    )
    what = models.CharField(_("what"), max_length=500)
    who = models.ForeignKey(
        Professional,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("who"),
    )
    who_text = models.CharField(_("who (in words)"), max_length=200, blank=True)
    method = models.ForeignKey(
        Method,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=pgettext_lazy("plan action", "method"),
    )
    due_on = models.DateField(_("due"), null=True, blank=True)
    done_at = models.DateTimeField(_("done"), null=True, blank=True)
    created_at = models.DateTimeField(_("added"), default=timezone.now)
    created_by = models.ForeignKey(
        Professional, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    done_by = models.ForeignKey(
        Professional, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["due_on", "id"]
        verbose_name = _("plan action")
        verbose_name_plural = _("plan actions")
        constraints = [
            models.CheckConstraint(
                condition=Q(who__isnull=False) | ~Q(who_text=""), name="plan_action_has_someone"
            ),
        ]

    def __str__(self) -> str:
        return self.what


class OwnWorkerHandover(models.Model):
    """An own worker (oma työntekijä) assigned or handed over: from whom (nobody at the first
    assignment) to whom, when and why. Kept for the continuity the family was promised."""

    process = models.ForeignKey(
        ClientProcess, on_delete=models.CASCADE, related_name="handovers", verbose_name=_("process")
    )
    from_worker = models.ForeignKey(
        Professional, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    to_worker = models.ForeignKey(
        Professional, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    at = models.DateTimeField(_("at"), default=timezone.now)
    reason = models.TextField(_("reason"), blank=True, max_length=1000)
    by = models.ForeignKey(Professional, on_delete=models.SET_NULL, null=True, related_name="+")

    class Meta:
        ordering = ["at", "id"]
        verbose_name = _("own worker hand-over")
        verbose_name_plural = _("own worker hand-overs")

    def __str__(self) -> str:
        return f"{self.from_worker} → {self.to_worker}"
