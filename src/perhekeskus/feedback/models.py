"""Feedback (palaute): anonymous, about a service, a site or an answer."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from perhekeskus.network.models import Area, Service, Site


class Feedback(models.Model):
    class GotHelp(models.TextChoices):
        YES = "yes", _("yes")
        PARTLY = "partly", _("partly")
        NO = "no", _("no")

    class Context(models.TextChoices):
        VISIT = "visit", _("after a visit")
        ANSWER = "answer", _("after an answer")

    # The day only: an exact time could tell who wrote it.
    given_on = models.DateField(_("given on"), db_index=True)
    lang = models.CharField(_("language"), max_length=2)
    context = models.CharField(_("context"), max_length=8, choices=Context.choices)
    service = models.ForeignKey(
        Service, on_delete=models.SET_NULL, null=True, blank=True, related_name="feedback"
    )
    site = models.ForeignKey(
        Site, on_delete=models.SET_NULL, null=True, blank=True, related_name="feedback"
    )
    area = models.ForeignKey(
        Area, on_delete=models.SET_NULL, null=True, blank=True, related_name="feedback"
    )
    # The queue's topic for feedback on an answer (no link to the question itself).
    topic = models.CharField(_("topic"), max_length=40, blank=True)
    got_help = models.CharField(_("did you get help"), max_length=8, choices=GotHelp.choices)
    rating = models.PositiveSmallIntegerField(
        _("rating"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    text = models.TextField(_("free text"), max_length=2000, blank=True)

    class Meta:
        ordering = ["-given_on", "-id"]
        verbose_name = _("feedback")
        verbose_name_plural = _("feedback")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(rating__gte=1, rating__lte=5), name="feedback_rating_1_to_5"
            )
        ]

    def __str__(self) -> str:
        return f"{self.given_on} {self.rating}/5"
