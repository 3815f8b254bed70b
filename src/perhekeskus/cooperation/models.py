"""The cooperation network (yhteistyöverkosto) that leads the family centre at its interfaces:
cooperation agreements between the county, municipalities, NGOs and parishes, the contact-person
network of each family centre area, the network's meetings with their decisions, and its
development plan tied to the evaluation's indicators.

State as data only; writes live in `services.py` (each with its change record), reads in
`selectors.py`, who may do what in `access.py`. Nothing here is client data: the network's
people are professionals and the contacts the organisations name.
"""

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from perhekeskus.network.models import Area, County, Organisation
from perhekeskus.staff.models import Professional


class DocumentStorage(FileSystemStorage):
    """Agreement documents under the data directory (`PERHEKESKUS_DATA_DIR/cooperation`),
    read from the settings on every use so that tests and deployments may move it. No URL: a
    document is served only through the view that checks who asks."""

    def __init__(self) -> None:
        super().__init__(base_url=None)

    @property  # type: ignore[override]
    def base_location(self) -> Path:
        return Path(settings.DATA_DIR) / "cooperation"

    @property  # type: ignore[override]
    def location(self) -> str:
        return str(self.base_location.resolve())

    def url(self, name: str | None) -> str:
        raise NotImplementedError("Agreement documents have no public URL.")


def document_storage() -> DocumentStorage:
    return DocumentStorage()


def document_path(instance: "AgreementDocument", filename: str) -> str:
    # The stored name says nothing about the agreement's content; the original name is a field.
    return f"agreements/{instance.agreement_id}/{Path(filename).name}"


def _county() -> "models.ForeignKey[County, County]":
    return models.ForeignKey(
        County, on_delete=models.PROTECT, related_name="+", verbose_name=_("county")
    )


def _area_or_whole_county(help_text: Any) -> "models.ForeignKey[Area | None, Area | None]":
    """A family centre area of the county; empty for the whole county."""
    return models.ForeignKey(
        Area,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("family centre area"),
        help_text=help_text,
    )


def _professional(
    verbose_name: Any, *, on_delete: Any = models.PROTECT
) -> "models.ForeignKey[Professional | None, Professional | None]":
    """A professional the row names, or none."""
    return models.ForeignKey(
        Professional,
        on_delete=on_delete,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=verbose_name,
    )


class Tracked(models.Model):
    """A row the network's coordinators edit: who made it and when, and a version that detects
    a stale edit (someone saved in between)."""

    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    created_by = _professional(_("created by"), on_delete=models.SET_NULL)

    class Meta:
        abstract = True


class Person(models.Model):
    """A person the network names: a professional with an account, or a named contact with a
    phone number or an e-mail address when they have none."""

    professional = _professional(_("professional"))
    name = models.CharField(_("name"), max_length=200, blank=True)
    phone = models.CharField(pgettext_lazy("cooperation", "phone"), max_length=40, blank=True)
    email = models.EmailField(pgettext_lazy("cooperation", "e-mail"), blank=True)

    class Meta:
        abstract = True

    @property
    def person_name(self) -> str:
        if self.professional_id is not None:
            user = self.professional.user  # type: ignore[union-attr]
            return user.get_full_name() or user.get_username()
        return self.name

    @property
    def person_email(self) -> str:
        if self.email or self.professional_id is None:
            return self.email
        return self.professional.user.email  # type: ignore[union-attr]


def _ends_after_start(
    start: str, end: str, name: str, *, open_ended: bool = False
) -> models.CheckConstraint:
    """A period does not end before it starts; an open one may have no end."""
    condition = Q(**{f"{end}__gte": F(start)})
    if open_ended:
        condition = Q(**{f"{end}__isnull": True}) | condition
    return models.CheckConstraint(condition=condition, name=name)


def _person_named() -> Q:
    return Q(professional__isnull=False) | ~Q(name="")


class Agreement(Tracked):
    """Cooperation agreement (yhteistyösopimus) between the county and municipalities, NGOs and
    parishes: who the parties are, which areas (or the whole county) it covers, for how long,
    what each party commits to, and when it is reviewed."""

    class Status(models.TextChoices):
        DRAFT = "draft", pgettext_lazy("agreement", "draft")
        IN_FORCE = "in_force", pgettext_lazy("agreement", "in force")
        ENDED = "ended", pgettext_lazy("agreement", "ended")

    county = _county()
    title = models.CharField(pgettext_lazy("cooperation", "title"), max_length=200)
    purpose = models.TextField(_("purpose"), blank=True)
    # None: the whole county.
    areas = models.ManyToManyField(
        Area, blank=True, related_name="+", verbose_name=_("family centre areas")
    )
    starts_on = models.DateField(_("in force from"))
    ends_on = models.DateField(_("in force until"), null=True, blank=True)
    review_on = models.DateField(_("review date"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.DRAFT
    )

    class Meta:
        ordering = ["county__code", "-starts_on", "title"]
        verbose_name = _("cooperation agreement")
        verbose_name_plural = _("cooperation agreements")
        constraints = [
            _ends_after_start(
                "starts_on", "ends_on", "agreement_ends_after_start", open_ended=True
            ),
            models.CheckConstraint(
                condition=Q(status__in=["draft", "in_force", "ended"]),
                name="agreement_status_known",
            ),
        ]
        indexes = [models.Index(fields=["county", "review_on"], name="agreement_review")]

    def __str__(self) -> str:
        return self.title


class AgreementParty(models.Model):
    """An organisation that is party to the agreement; its sector is the organisation's."""

    agreement = models.ForeignKey(
        Agreement, on_delete=models.CASCADE, related_name="parties", verbose_name=_("agreement")
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="+", verbose_name=_("organisation")
    )
    signatory = models.CharField(
        _("signed for the party by"),
        max_length=200,
        blank=True,
        help_text=_("Name and title of who signs for the organisation."),
    )

    class Meta:
        ordering = ["agreement", "organisation__name"]
        verbose_name = _("party")
        verbose_name_plural = _("parties")
        constraints = [
            models.UniqueConstraint(
                fields=["agreement", "organisation"], name="agreement_party_once"
            )
        ]

    def __str__(self) -> str:
        return str(self.organisation)


class Commitment(Person):
    """What one party commits to ("the parish runs the family café on Tuesdays"), with the
    person responsible for it."""

    party = models.ForeignKey(
        AgreementParty,
        on_delete=models.CASCADE,
        related_name="commitments",
        verbose_name=_("party"),
    )
    text = models.TextField(_("commitment"))
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["party", "created_at", "id"]
        verbose_name = _("commitment")
        verbose_name_plural = _("commitments")
        constraints = [
            models.CheckConstraint(condition=_person_named(), name="commitment_has_a_person")
        ]

    def __str__(self) -> str:
        return self.text[:80]


class AgreementDocument(models.Model):
    """A signed agreement or an annex: PDF, ODT or DOCX, stored under the data directory and
    served only to those who may see the agreement."""

    agreement = models.ForeignKey(
        Agreement, on_delete=models.CASCADE, related_name="documents", verbose_name=_("agreement")
    )
    file = models.FileField(
        _("file"), storage=document_storage, upload_to=document_path, max_length=300
    )
    name = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField(_("size"))
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)
    uploaded_by = _professional(_("uploaded by"), on_delete=models.SET_NULL)

    class Meta:
        ordering = ["agreement", "uploaded_at", "id"]
        verbose_name = _("agreement document")
        verbose_name_plural = _("agreement documents")

    def __str__(self) -> str:
        return self.name


class ContactRole(Tracked):
    """A named role in the contact-person network of a family centre area
    (yhteyshenkilöverkosto): "the parish's contact" in the Leppävaara area, say."""

    class Kind(models.TextChoices):
        COORDINATOR = "coordinator", _("family centre coordinator")
        MUNICIPALITY = "municipality", _("municipality contact")
        EARLY_EDUCATION = "early_education", _("early childhood education contact")
        SCHOOL = "school", _("school and student welfare contact")
        HEALTH = "health", _("child health clinic contact")
        SOCIAL = "social", _("social services contact")
        NGO = "ngo", _("NGO contact")
        PARISH = "parish", _("parish contact")
        OTHER = "other", _("other contact")

    area = models.ForeignKey(
        Area, on_delete=models.CASCADE, related_name="+", verbose_name=_("family centre area")
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="+", verbose_name=_("organisation")
    )
    kind = models.CharField(
        pgettext_lazy("cooperation", "role"), max_length=24, choices=Kind.choices
    )
    title = models.CharField(
        pgettext_lazy("cooperation", "title"),
        max_length=200,
        blank=True,
        help_text=_("What the role is called in this network, if more than its kind."),
    )

    class Meta:
        ordering = ["area", "kind", "organisation__name", "id"]
        verbose_name = _("contact role")
        verbose_name_plural = _("contact roles")

    def __str__(self) -> str:
        return f"{self.title or self.get_kind_display()} – {self.organisation}"


class ContactAssignment(Person):
    """A person in a contact role for a period: the contact person or one of the deputies, in
    order. An ended assignment is kept: it shows when a role was left without a person."""

    class Standing(models.TextChoices):
        CONTACT = "contact", _("contact person")
        DEPUTY = "deputy", _("deputy")

    role = models.ForeignKey(
        ContactRole,
        on_delete=models.CASCADE,
        related_name="people",
        verbose_name=pgettext_lazy("cooperation", "role"),
    )
    standing = models.CharField(
        pgettext_lazy("contact person", "standing"),
        max_length=8,
        choices=Standing.choices,
        default=Standing.CONTACT,
    )
    deputy_order = models.PositiveSmallIntegerField(_("deputy order"), default=0)
    valid_from = models.DateField(_("valid from"))
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["role", "standing", "deputy_order", "valid_from", "id"]
        verbose_name = _("contact person")
        verbose_name_plural = _("contact persons")
        constraints = [
            models.CheckConstraint(condition=_person_named(), name="contact_has_a_person"),
            _ends_after_start(
                "valid_from", "valid_until", "contact_ends_after_start", open_ended=True
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person_name} ({self.get_standing_display()})"

    def valid_on(self, day: Any) -> bool:
        return self.valid_from <= day and (self.valid_until is None or day <= self.valid_until)


class DevelopmentPlan(Tracked):
    """The network's development plan (kehittämissuunnitelma) for a county or one of its areas:
    goals tied to indicators, and the decisions of its meetings carried into it."""

    county = _county()
    area = _area_or_whole_county(_("Empty: the plan is for the whole county."))
    title = models.CharField(pgettext_lazy("cooperation", "title"), max_length=200)
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("until"))

    class Meta:
        ordering = ["county__code", "-starts_on", "title"]
        verbose_name = _("development plan")
        verbose_name_plural = _("development plans")
        constraints = [_ends_after_start("starts_on", "ends_on", "plan_ends_after_start")]

    def __str__(self) -> str:
        return self.title


class PlanGoal(Tracked):
    """A goal of the plan tied to an evaluation indicator (its code in
    `evaluation.indicators`): where it stood (baseline), where it should get (target) and over
    which whole months it is measured, in the plan's scope."""

    plan = models.ForeignKey(
        DevelopmentPlan, on_delete=models.CASCADE, related_name="goals", verbose_name=_("plan")
    )
    text = models.CharField(_("goal"), max_length=300)
    indicator = models.CharField(_("indicator"), max_length=64)
    baseline = models.FloatField(_("baseline"))
    target = models.FloatField(_("target"))
    # Whole months: the first day of the first month and the last day of the last.
    period_start = models.DateField(_("measured from"))
    period_end = models.DateField(_("measured until"))

    class Meta:
        ordering = ["plan", "id"]
        verbose_name = _("goal")
        verbose_name_plural = _("goals")
        constraints = [_ends_after_start("period_start", "period_end", "goal_period_ordered")]

    def __str__(self) -> str:
        return self.text


class NetworkMeeting(Tracked):
    """A meeting of the cooperation network (not a client meeting): of the county or of an
    area, with its participants, agenda, record (minutes) and decisions."""

    county = _county()
    area = _area_or_whole_county(_("Empty: a meeting of the whole county's network."))
    title = models.CharField(pgettext_lazy("cooperation", "title"), max_length=200)
    held_on = models.DateField(_("date"))
    place = models.CharField(_("place"), max_length=200, blank=True)
    participants = models.ManyToManyField(
        Professional, blank=True, related_name="+", verbose_name=_("participants")
    )
    organisations = models.ManyToManyField(
        Organisation, blank=True, related_name="+", verbose_name=_("organisations represented")
    )
    other_participants = models.TextField(
        _("other participants"),
        blank=True,
        help_text=_("Participants without an account: one per line, with their organisation."),
    )
    agenda = models.TextField(_("agenda"), blank=True)
    record = models.TextField(_("record"), blank=True)

    class Meta:
        ordering = ["-held_on", "-id"]
        verbose_name = _("network meeting")
        verbose_name_plural = _("network meetings")

    def __str__(self) -> str:
        return f"{self.held_on:%Y-%m-%d} {self.title}"


class Decision(Tracked):
    """What a network meeting decided, who sees to it and by when; carried into the development
    plan when it concerns the plan."""

    class Status(models.TextChoices):
        OPEN = "open", pgettext_lazy("decision", "open")
        IN_PROGRESS = "in_progress", pgettext_lazy("decision", "in progress")
        DONE = "done", pgettext_lazy("decision", "done")
        DROPPED = "dropped", pgettext_lazy("decision", "dropped")

    meeting = models.ForeignKey(
        NetworkMeeting,
        on_delete=models.CASCADE,
        related_name="decisions",
        verbose_name=_("meeting"),
    )
    text = models.TextField(_("decision"))
    responsible = _professional(_("responsible"))
    responsible_text = models.CharField(_("responsible (no account)"), max_length=200, blank=True)
    due_on = models.DateField(_("due"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.OPEN
    )
    plan = models.ForeignKey(
        DevelopmentPlan,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="decisions",
        verbose_name=_("development plan"),
    )

    class Meta:
        ordering = ["meeting", "id"]
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=["open", "in_progress", "done", "dropped"]),
                name="decision_status_known",
            )
        ]

    def __str__(self) -> str:
        return self.text[:80]

    @property
    def responsible_name(self) -> str:
        if self.responsible_id is not None:
            user = self.responsible.user  # type: ignore[union-attr]
            return user.get_full_name() or user.get_username()
        return self.responsible_text


class Change(models.Model):
    """One change in the cooperation network: who, when, what, and the fields with their old
    and new values as text. Plain history for the network's own records (not the audit log of
    client data, which this app never touches)."""

    class Action(models.TextChoices):
        CREATE = "create", pgettext_lazy("change", "created")
        CHANGE = "change", pgettext_lazy("change", "changed")
        DELETE = "delete", pgettext_lazy("change", "removed")

    county = models.ForeignKey(County, on_delete=models.CASCADE, related_name="+")
    # What the change belongs to on the pages: an agreement, an area's network, a meeting or a
    # plan ("agreement:12", "area:3", ...), and what exactly changed in it.
    subject = models.CharField(max_length=40, db_index=True)
    target = models.CharField(max_length=40)
    target_label = models.CharField(max_length=200)
    action = models.CharField(max_length=8, choices=Action.choices)
    actor = models.ForeignKey(
        Professional, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    actor_name = models.CharField(max_length=200)
    at = models.DateTimeField(auto_now_add=True, db_index=True)
    changes = models.JSONField(default=dict)  # {"field label": [old, new]}

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("change")
        verbose_name_plural = _("change history")

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_name}: {self.action} {self.target_label}"
