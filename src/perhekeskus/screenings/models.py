"""Structured screenings (seulonnat) that find risk groups early, as data.

An instrument (seulontamittari) is data a maintainer keeps in the admin: what it finds, whom it
is for, how it is scored, the threshold and its direction, how soon a crossed threshold must be
followed up, and where the threshold comes from. A screening is one family member's result on
an instrument, recorded by a professional caring for the family; a follow-up (jatkotoimi) says
what was done about a crossed threshold. Screenings and follow-ups are client data of the
category "health": read and written only through this app's services and selectors, which ask
`perhekeskus.consent.access` first and write an audit event; never through the admin or a
reverse relation from the family, the staff or the network (hence `related_name="+"`).

A screening keeps the threshold it was judged against: a maintainer's later change of the
instrument does not rewrite a result the family has already been told.
"""

from typing import TYPE_CHECKING

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from perhekeskus.clients.models import Family, Person
from perhekeskus.meetings.models import TeamMeeting
from perhekeskus.network.models import Organisation
from perhekeskus.referrals.models import Referral
from perhekeskus.staff.models import Professional


class Respondent(models.TextChoices):
    """Whom the instrument is for."""

    PARENT = "parent", pgettext_lazy("screening respondent", "parent")
    CHILD = "child", pgettext_lazy("screening respondent", "child")
    YOUNG_PERSON = "young_person", pgettext_lazy("screening respondent", "young person")


class ScoreKind(models.TextChoices):
    """How a result is given: a sum score between a minimum and a maximum, a yes or no answer
    (yes crosses the threshold), or concern areas flagged (any flagged crosses it)."""

    SUM = "sum", _("sum score")
    YES_NO = "yes_no", _("yes or no")
    CONCERNS = "concerns", _("concern areas flagged")


class Direction(models.TextChoices):
    AT_OR_ABOVE = "at_or_above", _("at or above the threshold")
    AT_OR_BELOW = "at_or_below", _("at or below the threshold")


class Sex(models.TextChoices):
    """The respondent's sex, asked only where the instrument's threshold differs by it."""

    WOMAN = "woman", pgettext_lazy("screening respondent", "woman")
    MAN = "man", pgettext_lazy("screening respondent", "man")


class ScreeningInstrument(models.Model):
    """A screening instrument (seulontamittari) with its threshold as data. `name`, `purpose`
    and `threshold_note` have fi/sv/en columns (django-modeltranslation)."""

    Respondent = Respondent
    ScoreKind = ScoreKind
    Direction = Direction

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=200)
    purpose = models.TextField(
        _("what it finds"), max_length=1000, blank=True, help_text=_("Shown with the form.")
    )
    respondent = models.CharField(_("for whom"), max_length=20, choices=Respondent.choices)
    score_kind = models.CharField(_("kind of result"), max_length=10, choices=ScoreKind.choices)
    min_score = models.PositiveSmallIntegerField(_("lowest score"), null=True, blank=True)
    max_score = models.PositiveSmallIntegerField(_("highest score"), null=True, blank=True)
    threshold = models.PositiveSmallIntegerField(
        _("threshold"),
        null=True,
        blank=True,
        help_text=_("The score that calls for a follow-up, the same for every respondent."),
    )
    threshold_women = models.PositiveSmallIntegerField(
        _("threshold for women"),
        null=True,
        blank=True,
        help_text=_("Only where the guidance gives a different threshold by sex."),
    )
    threshold_men = models.PositiveSmallIntegerField(_("threshold for men"), null=True, blank=True)
    direction = models.CharField(
        _("direction"), max_length=12, choices=Direction.choices, default=Direction.AT_OR_ABOVE
    )
    high_threshold = models.PositiveSmallIntegerField(
        _("second level"),
        null=True,
        blank=True,
        help_text=_("An optional higher level with its own meaning (e.g. likely depression)."),
    )
    threshold_note = models.TextField(
        _("what crossing the threshold means"), max_length=2000, blank=True
    )
    follow_up_days = models.PositiveSmallIntegerField(
        _("follow-up within (days)"),
        help_text=_("A crossed threshold is followed up within this many days of the screening."),
    )
    source = models.TextField(
        _("source"),
        max_length=2000,
        help_text=_("Where the instrument and its threshold come from."),
    )
    source_url = models.URLField(_("source address"), blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    active = models.BooleanField(_("in use"), default=True)

    if TYPE_CHECKING:  # columns added by django-modeltranslation
        name_fi: str
        name_sv: str
        name_en: str

    class Meta:
        ordering = ["position", "code"]
        verbose_name = _("screening instrument")
        verbose_name_plural = _("screening instruments")
        constraints = [
            models.CheckConstraint(
                condition=Q(respondent__in=Respondent.values), name="instrument_respondent_known"
            ),
            models.CheckConstraint(
                condition=Q(score_kind__in=ScoreKind.values), name="instrument_score_kind_known"
            ),
            models.CheckConstraint(
                condition=Q(direction__in=Direction.values), name="instrument_direction_known"
            ),
            # A sum score has its range and a threshold, for everyone or for each sex.
            models.CheckConstraint(
                condition=~Q(score_kind=ScoreKind.SUM)
                | (
                    Q(min_score__isnull=False, max_score__isnull=False)
                    & Q(min_score__lt=models.F("max_score"))
                    & (
                        Q(threshold__isnull=False)
                        | Q(threshold_women__isnull=False, threshold_men__isnull=False)
                    )
                ),
                name="instrument_sum_has_range_and_threshold",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def by_sex(self) -> bool:
        """The threshold differs by the respondent's sex: the sex is asked with the result."""
        return self.score_kind == ScoreKind.SUM and self.threshold is None

    def threshold_for(self, sex: str) -> int | None:
        """The threshold a sum score is judged against, for the respondent's sex."""
        if self.threshold is not None:
            return self.threshold
        if sex == Sex.WOMAN:
            return self.threshold_women
        if sex == Sex.MAN:
            return self.threshold_men
        return None

    def crosses(self, score: int, threshold: int | None) -> bool:
        if threshold is None:
            return False
        if self.direction == Direction.AT_OR_BELOW:
            return score <= threshold
        return score >= threshold


class ConcernArea(models.Model):
    """One area an instrument of concern areas asks about (e.g. the couple relationship in the
    extensive health examination). `name` has fi/sv/en columns."""

    instrument = models.ForeignKey(
        ScreeningInstrument,
        on_delete=models.CASCADE,
        related_name="concern_areas",
        verbose_name=_("instrument"),
    )
    code = models.SlugField(_("code"), max_length=40)
    name = models.CharField(_("name"), max_length=200)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("concern area")
        verbose_name_plural = _("concern areas")
        constraints = [
            models.UniqueConstraint(fields=["instrument", "code"], name="concern_area_code_once")
        ]

    def __str__(self) -> str:
        return self.name


class Screening(models.Model):
    """One family member's result on an instrument (seulonnan tulos), recorded by a
    professional caring for the family, and whether it crossed the threshold."""

    family = models.ForeignKey(
        Family, on_delete=models.CASCADE, related_name="+", verbose_name=_("family")
    )
    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="+", verbose_name=_("family member")
    )
    instrument = models.ForeignKey(
        ScreeningInstrument,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("instrument"),
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("organisation"),
        help_text=_("The organisation that recorded the screening."),
    )
    recorded_by = models.ForeignKey(
        Professional, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    screened_on = models.DateField(_("date of the screening"))
    score = models.SmallIntegerField(_("score"), null=True, blank=True)
    answer_yes = models.BooleanField(_("answer"), null=True, blank=True)
    concerns = models.JSONField(
        _("concern areas flagged"), default=list, blank=True, help_text=_("Concern area codes.")
    )
    respondent_sex = models.CharField(
        _("respondent's sex"), max_length=8, choices=Sex.choices, blank=True
    )
    # What the result was judged against when recorded.
    threshold_applied = models.SmallIntegerField(_("threshold applied"), null=True, blank=True)
    crossed = models.BooleanField(_("threshold crossed"), default=False)
    high = models.BooleanField(_("second level reached"), default=False)
    follow_up_due = models.DateField(_("follow-up due"), null=True, blank=True)
    note = models.TextField(_("note"), max_length=2000, blank=True)
    recorded_at = models.DateTimeField(_("recorded"), default=timezone.now)

    class Meta:
        ordering = ["-screened_on", "-id"]
        verbose_name = _("screening")
        verbose_name_plural = _("screenings")
        indexes = [
            models.Index(fields=["family", "screened_on"], name="screening_family_day"),
            # The worklist: the crossed screenings, by their due date.
            models.Index(
                fields=["crossed", "follow_up_due"],
                condition=Q(crossed=True),
                name="screening_crossed_due",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(crossed=True, follow_up_due__isnull=False)
                | Q(crossed=False, follow_up_due__isnull=True, high=False),
                name="screening_crossed_has_due_date",
            ),
            models.CheckConstraint(
                condition=Q(respondent_sex__in=[*Sex.values, ""]), name="screening_sex_known"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.instrument} – {self.screened_on:%Y-%m-%d}"


class FollowUpKind(models.TextChoices):
    """What was done about a crossed threshold."""

    EARLY_SUPPORT = "early_support", _("early support offered")
    TEAM_MEETING = "team_meeting", _("family centre team meeting")
    REFERRAL = "referral", pgettext_lazy("screening follow-up", "referral")
    NOT_NEEDED = "not_needed", _("no follow-up needed")


class FollowUp(models.Model):
    """A follow-up (jatkotoimi) of a screening: early support offered, a family centre team
    meeting, a referral, or no follow-up needed, with the reason. Once one is recorded, the
    screening leaves the worklist."""

    Kind = FollowUpKind

    screening = models.ForeignKey(
        Screening, on_delete=models.CASCADE, related_name="follow_ups", verbose_name=_("screening")
    )
    kind = models.CharField(_("follow-up"), max_length=20, choices=FollowUpKind.choices)
    meeting = models.ForeignKey(
        TeamMeeting,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("team meeting"),
    )
    referral = models.ForeignKey(
        Referral,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=pgettext_lazy("screening follow-up", "referral"),
    )
    done_on = models.DateField(_("date"))
    note = models.TextField(_("note"), max_length=2000, blank=True)
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="+", verbose_name=_("organisation")
    )
    recorded_by = models.ForeignKey(
        Professional, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    recorded_at = models.DateTimeField(_("recorded"), default=timezone.now)

    class Meta:
        ordering = ["done_on", "id"]
        verbose_name = _("follow-up")
        verbose_name_plural = _("follow-ups")
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=FollowUpKind.values), name="follow_up_kind_known"
            ),
            models.CheckConstraint(
                condition=~Q(kind=FollowUpKind.NOT_NEEDED) | ~Q(note=""),
                name="follow_up_not_needed_has_reason",
            ),
            models.CheckConstraint(
                condition=Q(meeting__isnull=True) | Q(kind=FollowUpKind.TEAM_MEETING),
                name="follow_up_meeting_for_team_meeting",
            ),
            models.CheckConstraint(
                condition=Q(referral__isnull=True) | Q(kind=FollowUpKind.REFERRAL),
                name="follow_up_referral_for_referral",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} – {self.done_on:%Y-%m-%d}"
