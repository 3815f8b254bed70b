"""Who follows which indicators, and the family channel's usage counters (käyttömäärät).

The counters hold aggregates only: a day, what happened, where (a municipality or an area, as
the family chose it in a filter), a need or service type, and how many times. No identity, no
address, no time of day, no session: a count cannot be traced back to anyone.
"""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from perhekeskus.network.models import County, Municipality, Organisation
from perhekeskus.staff.models import Professional


class LeaderRole(models.Model):
    """The right to follow the indicators of a county, a municipality or an organisation, and,
    for a county, to plan its family centre areas (johtaja, koordinaattori)."""

    professional = models.ForeignKey(
        Professional,
        on_delete=models.CASCADE,
        related_name="leader_roles",
        verbose_name=_("professional"),
    )
    county = models.ForeignKey(
        County, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    may_plan = models.BooleanField(
        _("may plan areas"),
        default=False,
        help_text=_("Propose and save family centre area plans for the county."),
    )

    class Meta:
        verbose_name = _("leader role")
        verbose_name_plural = _("leader roles")
        constraints = [
            models.CheckConstraint(
                condition=Q(county__isnull=False, municipality=None, organisation=None)
                | Q(county=None, municipality__isnull=False, organisation=None)
                | Q(county=None, municipality=None, organisation__isnull=False),
                name="leader_role_has_one_scope",
            ),
            models.CheckConstraint(
                condition=Q(may_plan=False) | Q(county__isnull=False),
                name="leader_role_plans_a_county",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.professional}: {self.county or self.municipality or self.organisation}"


class UsageCount(models.Model):
    """How many times something happened on the family channel on one day, in one place."""

    class Event(models.TextChoices):
        SEARCH = "search", _("search")
        SEARCH_EMPTY = "search_empty", _("search that found nothing")
        GUIDANCE = "guidance", _("guidance")

    day = models.DateField(_("day"))
    event = models.CharField(
        pgettext_lazy("usage counter", "event"), max_length=16, choices=Event.choices
    )
    # Codes rather than keys: a counter outlives a renamed or redrawn area, and '' / 0 (none)
    # keep the uniqueness below exact on every database.
    municipality_code = models.CharField(_("municipality"), max_length=3, blank=True, default="")
    area_id = models.PositiveIntegerField(_("family centre area"), default=0)
    # A need code or a service type code the search or the guidance was about; '' when none.
    need = models.CharField(_("need"), max_length=64, blank=True, default="")
    # Only for searches that found nothing: the words, normalised (lower case, no digits, no
    # e-mail addresses, at most 80 characters). Shown only when at least 5 searched them.
    text = models.CharField(_("words"), max_length=80, blank=True, default="")
    count = models.PositiveIntegerField(_("count"), default=0)

    class Meta:
        verbose_name = _("usage count")
        verbose_name_plural = _("usage counts")
        constraints = [
            models.UniqueConstraint(
                fields=["day", "event", "municipality_code", "area_id", "need", "text"],
                name="usage_count_one_row_per_key",
            ),
            models.CheckConstraint(
                condition=Q(event__in=["search", "search_empty", "guidance"]),
                name="usage_count_event_known",
            ),
        ]
        indexes = [models.Index(fields=["event", "day"], name="usage_event_day")]

    def __str__(self) -> str:
        return f"{self.day} {self.event} {self.municipality_code or '-'} {self.count}"


class MonthlyFigureRow(models.Model):
    """One materialised monthly figure of one scope (see `evaluation.materialised`): a count by
    month and by a kind, a route or a status — never a family, a person or a free text.

    A row with code `_scope` marks a scope whose figures are complete. The table is a cache,
    rebuilt by `perhekeskus refresh-indicators`; an empty one means counting live."""

    scope_kind = models.CharField(max_length=16)
    scope_key = models.CharField(max_length=64)
    month = models.DateField()
    code = models.CharField(max_length=16)
    figure_key = models.CharField(max_length=200)
    n = models.BigIntegerField()
    d = models.BigIntegerField()

    class Meta:
        db_table = "evaluation_monthly_figure"
        verbose_name = _("monthly figure")
        verbose_name_plural = _("monthly figures")
        indexes = [
            models.Index(fields=["scope_kind", "scope_key", "month"], name="monthly_figure_scope")
        ]

    def __str__(self) -> str:
        return f"{self.scope_kind}:{self.scope_key} {self.month:%Y-%m} {self.code} {self.n}"


class MonthlyFigureRefresh(models.Model):
    """The last refresh of the monthly figures: the months it covers. Its stamp tells one
    refresh from another (reads of its rows are memoised by it)."""

    first_month = models.DateField()
    last_month = models.DateField()
    stamp = models.BigIntegerField()
    refreshed_at = models.DateTimeField()

    class Meta:
        verbose_name = _("monthly figures refresh")
        verbose_name_plural = _("monthly figures refreshes")

    def __str__(self) -> str:
        return f"{self.first_month:%Y-%m} – {self.last_month:%Y-%m} ({self.refreshed_at})"
