"""The method catalogue (menetelmäkatalogi): evidence-based methods of the family centre's work,
with the evidence rating as its source gives it, and who is trained in each.

State as data only; writes live in `services.py`, reads in `selectors.py`, who may do what in
`access.py`. Text fields named in `translation.py` get `_fi`, `_sv` and `_en` columns from
django-modeltranslation. Nothing here is client data: a training record is about a
professional, and the catalogue is for logged-in professionals only.
"""

from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from perhekeskus.network.models import (
    Organisation,
    ServiceType,
    age_months_field,
    age_range_ordered,
)
from perhekeskus.staff.models import Professional


class Delivery(models.TextChoices):
    """How a method is delivered (toteutustapa)."""

    INDIVIDUAL = "individual", pgettext_lazy("method delivery", "individual")
    FAMILY = "family", pgettext_lazy("method delivery", "with the family")
    GROUP = "group", pgettext_lazy("method delivery", "group")
    ONLINE = "online", pgettext_lazy("method delivery", "online or by phone")
    HOME_VISIT = "home_visit", pgettext_lazy("method delivery", "home visits")
    NETWORK = "network", pgettext_lazy("method delivery", "network meeting")


class EvidenceLevel(models.TextChoices):
    """The evidence of effectiveness on one coarse scale, for filtering; the rating in its
    source's own words and scale is kept beside it (`Method.evidence_statement`)."""

    STRONG = "strong", pgettext_lazy("evidence", "strong evidence of effectiveness")
    MODERATE = "moderate", pgettext_lazy("evidence", "moderate evidence of effectiveness")
    PRELIMINARY = "preliminary", pgettext_lazy("evidence", "preliminary evidence")
    NONE_DOCUMENTED = "none_documented", pgettext_lazy("evidence", "no documented effectiveness")
    NOT_RATED = "not_rated", pgettext_lazy("evidence", "not rated")


class EvidenceSource(models.TextChoices):
    """Who gave the rating."""

    KASVUN_TUKI = "kasvun_tuki", pgettext_lazy("evidence source", "Kasvun tuki (Itla)")
    KAYPA_HOITO = "kaypa_hoito", pgettext_lazy("evidence source", "Käypä hoito (Duodecim)")
    OTHER = "other", pgettext_lazy("evidence source", "other source")
    NONE = "none", pgettext_lazy("evidence source", "no rating found")


# The rated levels, best first: a filter "at least moderate" takes those before it.
EVIDENCE_ORDER: tuple[str, ...] = (
    EvidenceLevel.STRONG,
    EvidenceLevel.MODERATE,
    EvidenceLevel.PRELIMINARY,
    EvidenceLevel.NONE_DOCUMENTED,
    EvidenceLevel.NOT_RATED,
)


class Method(models.Model):
    """A method (menetelmä) of the catalogue, identified by a code that never changes."""

    if TYPE_CHECKING:  # columns added by django-modeltranslation
        name_fi: str
        name_sv: str
        name_en: str

    code = models.SlugField(_("code"), max_length=64, unique=True)
    name = models.CharField(_("name"), max_length=200)
    other_names = models.CharField(
        _("other names"),
        max_length=300,
        blank=True,
        help_text=_("Abbreviations and names in other languages, by which people search."),
    )
    aim = models.TextField(_("aim"), max_length=2000)
    target_group = models.TextField(_("target group"), max_length=1000)
    description = models.TextField(_("description"), max_length=4000, blank=True)
    min_age_months = age_months_field(_("minimum age (months)"))
    max_age_months = age_months_field(_("maximum age (months)"))
    deliveries = models.JSONField(
        _("how it is delivered"),
        default=list,
        blank=True,
        help_text=_("One or more of: individual, family, group, online, home_visit, network."),
    )
    owner = models.CharField(
        _("maintained by"),
        max_length=200,
        blank=True,
        help_text=_("Who develops the method and holds its rights in Finland."),
    )
    website = models.URLField(_("website"), blank=True)
    training_provider = models.CharField(_("who trains"), max_length=300, blank=True)
    training_duration = models.CharField(
        _("how long the training takes"), max_length=300, blank=True
    )
    evidence_level = models.CharField(
        _("evidence level"),
        max_length=16,
        choices=EvidenceLevel.choices,
        default=EvidenceLevel.NOT_RATED,
    )
    evidence_source = models.CharField(
        _("source of the rating"),
        max_length=16,
        choices=EvidenceSource.choices,
        default=EvidenceSource.NONE,
    )
    evidence_statement = models.CharField(
        _("rating in its source's words"),
        max_length=500,
        blank=True,
        help_text=_("As the source words it, e.g. the method assessment's level."),
    )
    evidence_url = models.URLField(
        _("rating's source address"),
        blank=True,
        help_text=_("The page of the rating, or of the catalogue to check when not rated."),
    )
    evidence_checked_on = models.DateField(
        _("rating checked on"), null=True, blank=True, help_text=_("When the source was read.")
    )
    service_types = models.ManyToManyField(
        ServiceType, blank=True, related_name="methods", verbose_name=_("service types using it")
    )
    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True, db_index=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("method")
        verbose_name_plural = _("methods")
        constraints = [
            age_range_ordered("method_age_range_ordered"),
            models.CheckConstraint(
                condition=Q(evidence_level__in=EvidenceLevel.values),
                name="method_evidence_level_known",
            ),
            # A rating names its source; "not rated" may point to the catalogue to check.
            models.CheckConstraint(
                condition=Q(evidence_level=EvidenceLevel.NOT_RATED)
                | (~Q(evidence_source=EvidenceSource.NONE) & ~Q(evidence_url="")),
                name="method_rating_has_source",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class MethodTraining(models.Model):
    """Who is trained in a method (menetelmäkoulutus): a professional, or an organisation as a
    whole (its team is trained, names not given). Professionals record their own training;
    their organisation's coordinators and maintainers record it for them and for the
    organisation."""

    method = models.ForeignKey(
        Method, on_delete=models.CASCADE, related_name="trainings", verbose_name=_("method")
    )
    professional = models.ForeignKey(
        Professional,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="method_trainings",
        verbose_name=_("professional"),
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="method_trainings",
        verbose_name=_("organisation"),
    )
    trained_on = models.DateField(_("trained on"))
    valid_until = models.DateField(
        _("valid until"), null=True, blank=True, help_text=_("Empty when it does not expire.")
    )
    certificate = models.CharField(
        _("certificate or level"),
        max_length=200,
        blank=True,
        help_text=_("For example: certified group leader, level 1, trainer."),
    )
    recorded_by = models.ForeignKey(
        Professional,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    recorded_by_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by (user)"),
    )
    recorded_at = models.DateTimeField(_("recorded"), auto_now=True)

    class Meta:
        ordering = ["method__name", "-trained_on", "id"]
        verbose_name = _("method training")
        verbose_name_plural = _("method trainings")
        constraints = [
            models.CheckConstraint(
                condition=Q(professional__isnull=False, organisation__isnull=True)
                | Q(professional__isnull=True, organisation__isnull=False),
                name="method_training_one_holder",
            ),
            models.CheckConstraint(
                condition=Q(valid_until__isnull=True) | Q(valid_until__gte=F("trained_on")),
                name="method_training_valid_after_trained",
            ),
            models.UniqueConstraint(
                fields=["method", "professional"],
                condition=Q(professional__isnull=False),
                name="method_training_once_a_professional",
            ),
            models.UniqueConstraint(
                fields=["method", "organisation"],
                condition=Q(organisation__isnull=False),
                name="method_training_once_an_organisation",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.method}: {self.professional or self.organisation}"
