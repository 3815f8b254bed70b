"""Saved family centre area plans (aluesuunnitelma): a proposal kept, compared and, when the
county decides, applied to the registry's areas."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from perhekeskus.network.models import County, Municipality, PostalArea
from perhekeskus.staff.models import Professional


class AreaPlan(models.Model):
    county = models.ForeignKey(
        County, on_delete=models.CASCADE, related_name="area_plans", verbose_name=_("county")
    )
    name = models.CharField(_("name"), max_length=200)
    # The options the proposal was made with (bands, distances, new meeting places).
    options = models.JSONField(_("options"), default=dict)
    # Figures of the whole plan: areas, in band, coverage before and after.
    summary = models.JSONField(_("summary"), default=dict)
    created_at = models.DateTimeField(_("saved"), auto_now_add=True)
    created_by = models.ForeignKey(
        Professional, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    applied_at = models.DateTimeField(_("applied to the registry"), null=True, blank=True)
    applied_by = models.ForeignKey(
        Professional, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("area plan")
        verbose_name_plural = _("area plans")

    def __str__(self) -> str:
        return self.name


class PlannedArea(models.Model):
    plan = models.ForeignKey(AreaPlan, on_delete=models.CASCADE, related_name="areas")
    name = models.CharField(_("name"), max_length=200)
    municipalities = models.ManyToManyField(Municipality, blank=True, related_name="+")
    postal_areas = models.ManyToManyField(PostalArea, blank=True, related_name="+")
    population = models.PositiveIntegerField(_("population"), default=0)
    children = models.PositiveIntegerField(_("children 0–17"), default=0)
    family_centres = models.PositiveIntegerField(_("family centres"), default=0)
    meeting_places = models.PositiveIntegerField(_("meeting places"), default=0)
    in_band = models.BooleanField(_("within the population band"), default=False)
    # Suggested new meeting places in this area: [{"lat", "lon", "postal_code", "children"}].
    suggested_meeting_places = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["plan", "name"]
        verbose_name = _("planned area")
        verbose_name_plural = _("planned areas")

    def __str__(self) -> str:
        return self.name
