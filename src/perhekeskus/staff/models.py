"""Professional accounts (ammattilaisen tunnus): a user who works for an organisation in a role."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from perhekeskus.network.models import Municipality, Organisation


class Professional(models.Model):
    """A professional of some organisation of the network. Families see the role and the place
    ("terveydenhoitaja, Espoo") of whoever answers them, never the name."""

    class Role(models.TextChoices):
        PUBLIC_HEALTH_NURSE = "public_health_nurse", _("public health nurse")
        MIDWIFE = "midwife", _("midwife")
        SCHOOL_NURSE = "school_nurse", _("school nurse")
        DOCTOR = "doctor", _("doctor")
        PSYCHOLOGIST = "psychologist", _("psychologist")
        SCHOOL_COUNSELLOR = "school_counsellor", _("school social worker")
        SOCIAL_WORKER = "social_worker", _("social worker")
        SOCIAL_COUNSELLOR = "social_counsellor", _("social counsellor")
        FAMILY_WORKER = "family_worker", _("family worker")
        FAMILY_COUNSELLOR = "family_counsellor", _("family counsellor")
        THERAPIST = "therapist", _("therapist")
        YOUTH_WORKER = "youth_worker", _("youth worker")
        EARLY_EDUCATION_TEACHER = "early_education_teacher", _("early childhood education teacher")
        COORDINATOR = "coordinator", _("family centre coordinator")
        LEADER = "leader", _("family centre leader")
        OTHER = "other", _("family centre professional")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="professional",
        verbose_name=_("user"),
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="professionals",
        verbose_name=_("organisation"),
    )
    role = models.CharField(_("role"), max_length=40, choices=Role.choices)
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        related_name="professionals",
        verbose_name=_("municipality"),
        help_text=_("The place shown to families with this professional's answers."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["organisation", "user__username"]
        verbose_name = _("professional")
        verbose_name_plural = _("professionals")

    def __str__(self) -> str:
        return f"{self.user.get_username()} ({self.get_role_display()})"
