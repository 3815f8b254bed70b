"""Who may see a family's client data, and why: care relationships (asiakassuhde), consents
(suostumus) and a child's own right to decide (lapsen itsemääräämisoikeus).

These rows are the facts `perhekeskus.consent.access` decides from; nothing else grants access.
"""

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from perhekeskus.clients.models import Family, Person
from perhekeskus.network.models import Organisation
from perhekeskus.staff.models import Professional


class DataCategory(models.TextChoices):
    """What kind of client data: each is shared, and each is reached, on its own."""

    BASIC = "basic", _("basic information (members, dates of birth, safety instructions)")
    CONTACT = "contact", _("contact details")
    PLAN = "plan", _("support need, goals and plan")
    HEALTH = "health", _("health care information")
    SOCIAL_WELFARE = "social_welfare", _("social welfare information")
    EDUCATION = "education", _("early childhood education and school information")


class Purpose(models.TextChoices):
    """What data is used or shared for."""

    CARE = "care", _("the family's own care and support")
    REFERRAL = "referral", _("a referral to another service")
    TEAM = "team", _("a family centre team meeting or joint assessment")
    BREAK_GLASS = "break_glass", _("emergency access")


class CareRelationship(models.Model):
    """Care relationship (asiakassuhde): an organisation cares for a family now. The only way
    an organisation's professionals reach the family's data, apart from a referral with
    consent and emergency access."""

    class Basis(models.TextChoices):
        CLIENT_PROCESS = "client_process", _("a client process of the organisation")
        REFERRAL = "referral", _("an accepted referral")
        FAMILY_REQUEST = "family_request", _("the family's own request")
        STATUTORY = "statutory", _("a duty laid down by law (e.g. child welfare)")

    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="+", verbose_name=_("organisation")
    )
    family = models.ForeignKey(Family, on_delete=models.CASCADE, related_name="care_relationships")
    basis = models.CharField(_("basis"), max_length=20, choices=Basis.choices)
    started_at = models.DateTimeField(_("started"), default=timezone.now)
    ended_at = models.DateTimeField(_("ended"), null=True, blank=True)
    started_by = models.ForeignKey(
        Professional, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        ordering = ["-started_at"]
        verbose_name = _("care relationship")
        verbose_name_plural = _("care relationships")
        constraints = [
            # One open relationship per organisation and family: the end is one row's end.
            models.UniqueConstraint(
                fields=["organisation", "family"],
                condition=Q(ended_at__isnull=True),
                name="one_open_care_relationship",
            ),
            models.CheckConstraint(
                condition=Q(ended_at__isnull=True) | Q(ended_at__gte=models.F("started_at")),
                name="care_relationship_ends_after_start",
            ),
        ]
        indexes = [
            # Every read starts from the organisation's open relationships (`ended_at` null
            # or in the future, `started_at` past): answered from the index alone, without
            # visiting the table's rows.
            # (Plain key columns rather than INCLUDE: SQLite has no covering indexes.)
            models.Index(
                fields=["organisation", "family", "ended_at", "started_at"],
                name="care_relationship_by_org",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organisation} – {self.family}"


class Consent(models.Model):
    """Consent (suostumus): a person's data of one category may be shared with an organisation
    for a purpose, until a date. Given by the person, or for a child by a guardian (unless the
    child decides the matter itself, see ChildSelfDetermination). Revoked with immediate
    effect."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="consents")
    given_by = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    category = models.CharField(_("data category"), max_length=20, choices=DataCategory.choices)
    recipient = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="+", verbose_name=_("recipient")
    )
    purpose = models.CharField(_("purpose"), max_length=20, choices=Purpose.choices)
    valid_until = models.DateField(_("valid until"))
    given_at = models.DateTimeField(_("given"), default=timezone.now)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    # Empty when the family gave it in its own view (no professional recorded it).
    recorded_by = models.ForeignKey(
        Professional, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-given_at"]
        verbose_name = _("consent")
        verbose_name_plural = _("consents")
        indexes = [models.Index(fields=["person", "recipient", "category"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(category__in=DataCategory.values), name="consent_category_known"
            ),
            models.CheckConstraint(
                condition=Q(purpose__in=[p for p in Purpose.values if p != Purpose.BREAK_GLASS]),
                name="consent_purpose_known",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_category_display()} → {self.recipient}"


class ChildSelfDetermination(models.Model):
    """A professional's record that a child is able to decide on sharing their own data (for a
    category): the child's own consent then counts, not a guardian's, and the child may refuse
    that guardians see it. Written with a reason; withdrawn, never deleted."""

    child = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    category = models.CharField(_("data category"), max_length=20, choices=DataCategory.choices)
    reason = models.TextField(_("reason"), max_length=2000)
    refuses_guardians = models.BooleanField(_("guardians may not see it"), default=False)
    recorded_by = models.ForeignKey(Professional, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)
    withdrawn_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-recorded_at"]
        verbose_name = _("child's self-determination")
        verbose_name_plural = _("children's self-determination")
        constraints = [
            models.UniqueConstraint(
                fields=["child", "category"],
                condition=Q(withdrawn_at__isnull=True),
                name="one_open_self_determination",
            ),
            models.CheckConstraint(condition=~Q(reason=""), name="self_determination_reason"),
        ]

    def __str__(self) -> str:
        return f"{self.get_category_display()} ({self.recorded_at:%Y-%m-%d})"
