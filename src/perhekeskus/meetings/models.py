"""Team meetings (perhekeskustiimin tapaaminen) and the joint, multi-actor assessment
(monitoimijainen palvelutarpeen arviointi), as data.

A meeting belongs to one client process of the family and is convened by a coordinator, the
professional who composes the assessment. Around it: the agenda, the participants (professionals
of the organisations caring for the family, and the family members taking part), the family's
own view, each professional's contribution, the decisions, and the assessment with its summary
for the family. All of it is client data of the category "plan": read and written only through
this app's services and selectors, which ask `perhekeskus.consent.access` first and write an
audit event; never through a reverse relation from the family, the process or the staff (hence
`related_name="+"` towards them).

Texts two people may edit (the family's view, a contribution, the assessment) are Versioned:
an edit made on an old copy is refused instead of overwriting the other's words.
"""

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from perhekeskus.clients.models import Family, Person
from perhekeskus.network.models import Organisation, Versioned
from perhekeskus.processes.models import ClientProcess, PlanAction
from perhekeskus.staff.models import Professional


class Kind(models.TextChoices):
    """What the meeting is for, as the family reads it."""

    TEAM_MEETING = "team_meeting", _("family centre team meeting")
    JOINT_ASSESSMENT = "joint_assessment", _("multi-actor service-need assessment")
    PLAN_REVIEW = "plan_review", _("review of the plan")


class TeamMeeting(Versioned):
    """A meeting of the professionals around the family, with the family: when, where, why.
    The coordinator (koordinaattori) convenes it and composes the assessment."""

    Kind = Kind

    process = models.ForeignKey(
        ClientProcess, on_delete=models.CASCADE, related_name="+", verbose_name=_("process")
    )
    # The process's family, kept here so that the family's meetings are one indexed query.
    family = models.ForeignKey(
        Family, on_delete=models.CASCADE, related_name="+", verbose_name=_("family")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    coordinator = models.ForeignKey(
        Professional,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("coordinator"),
        help_text=_("Convenes the meeting and composes the assessment."),
    )
    starts_at = models.DateTimeField(_("starts at"))
    place = models.CharField(
        _("place"),
        max_length=200,
        blank=True,
        help_text=_("An address, a room, or how to join a video meeting."),
    )
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)

    class Meta:
        ordering = ["-starts_at", "-id"]
        verbose_name = _("team meeting")
        verbose_name_plural = _("team meetings")
        indexes = [
            models.Index(fields=["family", "starts_at"], name="meeting_family_starts"),
            models.Index(fields=["process", "starts_at"], name="meeting_process_starts"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(kind__in=Kind.values), name="meeting_kind_known"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} – {self.starts_at:%Y-%m-%d %H:%M}"


class AgendaItem(models.Model):
    """One item of the agenda (asialista), in the order it is dealt with."""

    meeting = models.ForeignKey(
        TeamMeeting, on_delete=models.CASCADE, related_name="agenda", verbose_name=_("meeting")
    )
    position = models.PositiveSmallIntegerField(_("position"))
    title = models.CharField(_("item"), max_length=300)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")

    def __str__(self) -> str:
        return self.title


class Participant(models.Model):
    """Who takes part: a professional (their organisation at the time of the invitation kept,
    for the family to see who was there) or a member of the family."""

    meeting = models.ForeignKey(
        TeamMeeting,
        on_delete=models.CASCADE,
        related_name="participants",
        verbose_name=_("meeting"),
    )
    professional = models.ForeignKey(
        Professional,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("professional"),
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("organisation"),
    )
    person = models.ForeignKey(
        Person,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("family member"),
    )
    invited_at = models.DateTimeField(_("invited"), default=timezone.now)
    invited_by = models.ForeignKey(
        Professional, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        ordering = ["invited_at", "id"]
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        constraints = [
            # A professional with their organisation, or a family member; never both.
            models.CheckConstraint(
                condition=(
                    Q(professional__isnull=False, organisation__isnull=False, person__isnull=True)
                    | Q(professional__isnull=True, organisation__isnull=True, person__isnull=False)
                ),
                name="participant_professional_or_family_member",
            ),
            models.UniqueConstraint(
                fields=["meeting", "professional"],
                condition=Q(professional__isnull=False),
                name="participant_professional_once",
            ),
            models.UniqueConstraint(
                fields=["meeting", "person"],
                condition=Q(person__isnull=False),
                name="participant_person_once",
            ),
        ]

    def __str__(self) -> str:
        return str(self.professional or self.person)


class FamilyView(Versioned):
    """The family's own view (perheen oma näkemys) of the situation, what it hopes for and
    what it needs, in its own words. Recorded first: no professional's contribution comes
    before it."""

    meeting = models.OneToOneField(
        TeamMeeting, on_delete=models.CASCADE, related_name="family_view", verbose_name=_("meeting")
    )
    text = models.TextField(_("the family's view"), max_length=6000)
    recorded_by = models.ForeignKey(
        Professional, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    updated_by = models.ForeignKey(
        Professional, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        verbose_name = _("family's view")
        verbose_name_plural = _("families' views")
        constraints = [
            models.CheckConstraint(condition=~Q(text=""), name="family_view_not_empty"),
        ]

    def __str__(self) -> str:
        return self.text[:60]


class Contribution(Versioned):
    """One professional's contribution (asiantuntijan näkemys) to the joint assessment, in the
    name of their organisation. Only its author edits it."""

    meeting = models.ForeignKey(
        TeamMeeting,
        on_delete=models.CASCADE,
        related_name="contributions",
        verbose_name=_("meeting"),
    )
    professional = models.ForeignKey(
        Professional, on_delete=models.PROTECT, related_name="+", verbose_name=_("professional")
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="+", verbose_name=_("organisation")
    )
    text = models.TextField(_("contribution"), max_length=6000)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("contribution")
        verbose_name_plural = _("contributions")
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "professional"], name="contribution_one_per_professional"
            ),
            models.CheckConstraint(condition=~Q(text=""), name="contribution_not_empty"),
        ]

    def __str__(self) -> str:
        return self.text[:60]


class Decision(models.Model):
    """What was decided (päätös / sovittu asia): what is done, by whom, by when; added to the
    process's plan as an action unless said otherwise."""

    meeting = models.ForeignKey(
        TeamMeeting, on_delete=models.CASCADE, related_name="decisions", verbose_name=_("meeting")
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
    due_on = models.DateField(_("due"), null=True, blank=True)
    plan_action = models.OneToOneField(
        PlanAction,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("plan action"),
    )
    created_at = models.DateTimeField(_("added"), default=timezone.now)
    created_by = models.ForeignKey(
        Professional, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        constraints = [
            models.CheckConstraint(
                condition=Q(who__isnull=False) | ~Q(who_text=""), name="decision_has_someone"
            ),
        ]

    def __str__(self) -> str:
        return self.what


class Assessment(Versioned):
    """The joint assessment the coordinator composes: the professionals' text, and the summary
    for the family, which the family sees once the coordinator publishes it. A published
    summary is not changed: the family has read it."""

    meeting = models.OneToOneField(
        TeamMeeting, on_delete=models.CASCADE, related_name="assessment", verbose_name=_("meeting")
    )
    text = models.TextField(_("assessment"), blank=True, max_length=10000)
    summary = models.TextField(_("summary for the family"), blank=True, max_length=6000)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    published_by = models.ForeignKey(
        Professional, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("assessment")
        verbose_name_plural = _("assessments")
        constraints = [
            models.CheckConstraint(
                condition=Q(published_at__isnull=True) | ~Q(summary=""),
                name="assessment_published_with_summary",
            ),
        ]

    def __str__(self) -> str:
        return self.summary[:60]
