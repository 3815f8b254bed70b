"""The national Service Catalogue (Suomi.fi Palvelutietovaranto, PTV) flowing into the register:
import runs, the records they keep in step, and the mapping of PTV classifications to our
service types.

State as data only: reading and writing PTV documents is in `documents.py`, `parsing.py` and
`importer.py`, maintainers' decisions in `services.py`, reads in `selectors.py`.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from perhekeskus.network.models import Service, ServiceType, Site


class ClassificationMapping(models.Model):
    """How one PTV classification (a service class such as P3.7, a target group such as KR1.2,
    an ontology term of KOKO) maps to our vocabulary. A row with no service type, target group
    nor site kind says "deliberately nothing" (KR1 Citizens is too broad to mean anything here);
    a code without a row is unmapped and listed for maintainers."""

    class Kind(models.TextChoices):
        SERVICE_CLASS = "service_class", _("service class")
        TARGET_GROUP = "target_group", pgettext_lazy("ptv", "target group")
        ONTOLOGY_TERM = "ontology_term", _("ontology term")
        LIFE_EVENT = "life_event", _("life event")

    kind = models.CharField(_("classification"), max_length=16, choices=Kind.choices)
    code = models.CharField(
        _("code"),
        max_length=200,
        help_text=_(
            "P3.7 for a service class, KR1.2 for a target group, KE1 for a life event, the "
            "URI (http://www.yso.fi/onto/koko/p…) for an ontology term."
        ),
    )
    label = models.CharField(_("name in PTV"), max_length=300, blank=True)
    service_type = models.ForeignKey(
        ServiceType,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="ptv_mappings",
        verbose_name=_("our service type"),
    )
    target_group = models.CharField(
        _("our target group"), max_length=16, choices=Service.TargetGroup.choices, blank=True
    )
    site_kind = models.CharField(
        _("kind of site"),
        max_length=16,
        choices=Site.Kind.choices,
        blank=True,
        help_text=_("For a service location whose classifications carry this code."),
    )
    note = models.TextField(_("note"), blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["kind", "code"]
        verbose_name = _("PTV classification mapping")
        verbose_name_plural = _("PTV classification mappings")
        constraints = [
            models.UniqueConstraint(fields=["kind", "code"], name="ptv_mapping_unique_code")
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.label}".strip()

    @property
    def maps_to_nothing(self) -> bool:
        return self.service_type_id is None and not self.target_group and not self.site_kind


class ImportRun(models.Model):
    """One run of `perhekeskus import-ptv`: where it read from, and what it did or why it
    refused. A refused or failed run wrote nothing to the register."""

    class Mode(models.TextChoices):
        FILES = "files", _("files")
        API = "api", _("PTV API")

    class Status(models.TextChoices):
        SUCCEEDED = "succeeded", _("succeeded")
        CHECKED = "checked", _("checked only (nothing written)")
        REFUSED = "refused", _("refused: errors in the documents")
        FAILED = "failed", _("failed")

    mode = models.CharField(_("source"), max_length=8, choices=Mode.choices)
    source = models.TextField(_("read from"))
    scope = models.TextField(_("scope"), blank=True)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices)
    started_at = models.DateTimeField(_("started"), db_index=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    changes_since = models.DateTimeField(
        _("changes since"),
        null=True,
        blank=True,
        help_text=_("The API was asked only for what changed after this moment."),
    )
    language = models.CharField(_("language"), max_length=8, default="fi")
    counts = models.JSONField(_("counts"), default=dict, blank=True)
    conflicts = models.JSONField(_("conflicts"), default=list, blank=True)
    unmapped = models.JSONField(_("unmapped codes"), default=list, blank=True)
    errors = models.JSONField(_("errors"), default=list, blank=True)
    warnings = models.JSONField(_("warnings"), default=list, blank=True)
    report = models.TextField(_("report"), blank=True)

    class Meta:
        ordering = ["-started_at", "-id"]
        verbose_name = _("PTV import run")
        verbose_name_plural = _("PTV import runs")

    def __str__(self) -> str:
        return f"{self.started_at:%Y-%m-%d %H:%M} {self.get_status_display()}"


class PtvRecord(models.Model):
    """A register object kept in step with a PTV object: the values the last import wrote (or
    that a maintainer settled), so that a later import can tell a local edit from a change in
    PTV. `codes` are the classifications PTV gave it, for the unmapped-codes list."""

    class Kind(models.TextChoices):
        ORGANISATION = "organisation", _("organisation")
        SITE = "site", _("service location")
        SERVICE = "service", _("service")

    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    ptv_id = models.UUIDField(_("Suomi.fi PTV id"))
    object_id = models.PositiveBigIntegerField(_("object"))
    values = models.JSONField(_("values last written"), default=dict)
    # [[kind, code, label in Finnish], …]
    codes = models.JSONField(_("PTV classifications"), default=list, blank=True)
    ptv_modified = models.DateTimeField(_("modified in PTV"), null=True, blank=True)
    last_changed_by = models.ForeignKey(
        ImportRun,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("last changed by run"),
    )

    class Meta:
        ordering = ["kind", "ptv_id"]
        verbose_name = _("record kept in step with PTV")
        verbose_name_plural = _("records kept in step with PTV")
        constraints = [
            models.UniqueConstraint(fields=["kind", "ptv_id"], name="ptv_record_unique_id"),
            models.UniqueConstraint(fields=["kind", "object_id"], name="ptv_record_one_per_object"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.ptv_id}"


class Conflict(models.Model):
    """A field a maintainer edited locally that PTV has since changed to something else. The
    import keeps our value and lists the difference here until a maintainer takes PTV's value
    or keeps ours."""

    class Resolution(models.TextChoices):
        PTV = "ptv", _("took PTV's value")
        OURS = "ours", _("kept ours")
        SETTLED = "settled", _("settled by itself")

    record = models.ForeignKey(
        PtvRecord,
        on_delete=models.CASCADE,
        related_name="conflicts",
        verbose_name=pgettext_lazy("a PTV document as imported", "record"),
    )
    field = models.CharField(_("field"), max_length=64)
    local_value = models.JSONField(_("our value"), null=True, blank=True)
    ptv_value = models.JSONField(_("PTV's value"), null=True, blank=True)
    first_seen = models.ForeignKey(
        ImportRun,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("first seen in run"),
    )
    resolved_at = models.DateTimeField(_("resolved"), null=True, blank=True, db_index=True)
    resolution = models.CharField(
        _("resolution"), max_length=8, choices=Resolution.choices, blank=True
    )
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("resolved by"),
    )

    class Meta:
        ordering = ["resolved_at", "-id"]
        verbose_name = _("PTV conflict")
        verbose_name_plural = _("PTV conflicts")
        constraints = [
            models.UniqueConstraint(
                fields=["record", "field"],
                condition=Q(resolved_at__isnull=True),
                name="ptv_conflict_one_open_per_field",
            )
        ]

    def __str__(self) -> str:
        return f"{self.record}: {self.field}"
