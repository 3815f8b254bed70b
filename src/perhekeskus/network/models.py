"""The service network register (palveluverkosto): who offers which service, where, for whom,
when, and how up to date that is.

State as data only; writes live in `services.py`, reads in `selectors.py`. Text fields named in
`translation.py` get `_fi`, `_sv` and `_en` columns from django-modeltranslation.
"""

import uuid
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from perhekeskus.network.occurrences import validate_rrule
from perhekeskus.network.validators import validate_business_id, validate_language_codes

# Helsinki, Espoo, Vantaa and Kauniainen: the model's capital region, with larger areas.
CAPITAL_REGION_MUNICIPALITIES = frozenset({"091", "049", "092", "235"})
# Family centre area population bands (perhekeskusalueen väestöpohja).
AREA_BAND = (35_000, 55_000)
CAPITAL_REGION_AREA_BAND = (60_000, 80_000)

# Ages are in months; a negative age is a month of pregnancy before the due date, so
# "pregnancy" is (-9, -1) and "0–6 months" is (0, 6).
PREGNANCY_START_MONTHS = -9
AGE_MONTHS_MAX = 12 * 30

postal_code_validator = RegexValidator(r"^\d{5}$", _("A postal code is five digits."))


def age_months_field(verbose_name: Any) -> models.SmallIntegerField:  # type: ignore[type-arg]
    return models.SmallIntegerField(
        verbose_name,
        null=True,
        blank=True,
        validators=[MinValueValidator(PREGNANCY_START_MONTHS), MaxValueValidator(AGE_MONTHS_MAX)],
        help_text=_("Negative months are months of pregnancy before the due date (-9 … -1)."),
    )


def age_range_ordered(name: str) -> models.CheckConstraint:
    """An open-ended age range, or one whose minimum is not above its maximum."""
    return models.CheckConstraint(
        condition=Q(min_age_months__isnull=True)
        | Q(max_age_months__isnull=True)
        | Q(min_age_months__lte=models.F("max_age_months")),
        name=name,
    )


class Versioned(models.Model):
    """A row that maintainers edit: its version detects a stale edit (someone saved in between)."""

    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True, db_index=True)

    class Meta:
        abstract = True


class County(models.Model):
    """Wellbeing services county (hyvinvointialue); also the City of Helsinki and Åland."""

    if TYPE_CHECKING:  # columns added by django-modeltranslation
        name_fi: str
        name_sv: str
        name_en: str

    class Kind(models.TextChoices):
        COUNTY = "wellbeing_services_county", _("wellbeing services county")
        HELSINKI = "city_of_helsinki", _("City of Helsinki")
        ALAND = "aland", _("Åland")

    code = models.CharField(_("code"), max_length=2, unique=True)
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=32, choices=Kind.choices, default=Kind.COUNTY)
    population = models.PositiveIntegerField(_("population"), default=0)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("county")
        verbose_name_plural = _("counties")

    def __str__(self) -> str:
        return self.name


class Municipality(models.Model):
    """Municipality (kunta), with its statistical population."""

    if TYPE_CHECKING:  # columns added by django-modeltranslation
        name_fi: str
        name_sv: str
        name_en: str

    code = models.CharField(_("code"), max_length=3, unique=True)
    name = models.CharField(_("name"), max_length=100)
    county = models.ForeignKey(
        County, on_delete=models.PROTECT, related_name="municipalities", verbose_name=_("county")
    )
    population = models.PositiveIntegerField(_("population"), default=0)
    population_year = models.PositiveSmallIntegerField(_("population year"), null=True)
    latitude = models.FloatField(_("latitude"), null=True, blank=True)
    longitude = models.FloatField(_("longitude"), null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")

    def __str__(self) -> str:
        return self.name

    @property
    def in_capital_region(self) -> bool:
        return self.code in CAPITAL_REGION_MUNICIPALITIES


class PostalArea(models.Model):
    """Postal code area (postinumeroalue): splits large cities into family centre areas."""

    if TYPE_CHECKING:  # columns added by django-modeltranslation
        name_fi: str
        name_sv: str
        name_en: str

    code = models.CharField(_("postal code"), max_length=5, unique=True)
    name = models.CharField(_("name"), max_length=100)
    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, related_name="postal_areas"
    )
    population = models.PositiveIntegerField(_("population"), default=0)
    children = models.PositiveIntegerField(_("children 0–17"), null=True, blank=True)
    latitude = models.FloatField(_("latitude"), null=True, blank=True)
    longitude = models.FloatField(_("longitude"), null=True, blank=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("postal area")
        verbose_name_plural = _("postal areas")

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class Area(Versioned):
    """Family centre area (perhekeskusalue): the unit of planning, made of whole municipalities
    and/or postal areas of a large city."""

    if TYPE_CHECKING:  # columns added by django-modeltranslation
        name_fi: str
        name_sv: str
        name_en: str
        description_fi: str
        description_sv: str
        description_en: str

    county = models.ForeignKey(
        County, on_delete=models.PROTECT, related_name="areas", verbose_name=_("county")
    )
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    municipalities = models.ManyToManyField(
        Municipality, blank=True, related_name="areas", verbose_name=_("municipalities")
    )
    postal_areas = models.ManyToManyField(
        PostalArea, blank=True, related_name="areas", verbose_name=_("postal areas")
    )
    population = models.PositiveIntegerField(
        _("population"),
        default=0,
        help_text=_("Computed from its municipalities and postal areas."),
    )
    children = models.PositiveIntegerField(_("children 0–17"), null=True, blank=True)
    hsds_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)

    class Meta:
        ordering = ["county__code", "name"]
        verbose_name = _("family centre area")
        verbose_name_plural = _("family centre areas")

    def __str__(self) -> str:
        return self.name


class Organisation(Versioned):
    """Organisation (toimija / palveluntuottaja) that offers services or runs sites."""

    if TYPE_CHECKING:  # columns added by django-modeltranslation
        name_fi: str
        name_sv: str
        name_en: str
        description_fi: str
        description_sv: str
        description_en: str

    class Sector(models.TextChoices):
        COUNTY = "county", _("wellbeing services county")
        MUNICIPALITY = "municipality", _("municipality")
        NGO = "ngo", _("NGO")
        PARISH = "parish", _("parish")
        KELA = "kela", _("Kela")
        PRIVATE = "private", _("private")
        STATE = "state", _("state")

    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    sector = models.CharField(_("sector"), max_length=16, choices=Sector.choices)
    business_id = models.CharField(
        _("business ID"),
        max_length=9,
        blank=True,
        validators=[validate_business_id],
        help_text=_("Finnish business ID (Y-tunnus), e.g. 0201256-6."),
    )
    # The county whose maintainers look after this organisation's data; empty for national ones.
    county = models.ForeignKey(
        County,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="organisations",
        verbose_name=_("county"),
    )
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="organisations",
        verbose_name=_("municipality"),
    )
    website = models.URLField(_("website"), blank=True)
    email = models.EmailField(_("email"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    hsds_id = models.UUIDField(_("HSDS id"), default=uuid.uuid4, unique=True, editable=False)
    ptv_id = models.UUIDField(_("Suomi.fi PTV id"), null=True, blank=True, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self) -> str:
        return self.name


class Site(Versioned):
    """A place where services are offered: family centre (perhekeskus), service point
    (toimipiste) or meeting place (kohtaamispaikka)."""

    if TYPE_CHECKING:  # columns added by django-modeltranslation
        name_fi: str
        name_sv: str
        name_en: str
        description_fi: str
        description_sv: str
        description_en: str
        street_address_fi: str
        street_address_sv: str
        street_address_en: str
        post_office_fi: str
        post_office_sv: str
        post_office_en: str
        accessibility_fi: str
        accessibility_sv: str
        accessibility_en: str
        directions_fi: str
        directions_sv: str
        directions_en: str

    class Kind(models.TextChoices):
        FAMILY_CENTRE = "family_centre", _("family centre")
        SERVICE_POINT = "service_point", _("service point")
        MEETING_PLACE = "meeting_place", _("meeting place")
        OTHER = "other", _("other")

    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    area = models.ForeignKey(
        Area,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="sites",
        verbose_name=_("family centre area"),
    )
    operator = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="sites", verbose_name=_("operator")
    )
    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, related_name="sites", verbose_name=_("municipality")
    )
    street_address = models.CharField(_("street address"), max_length=200, blank=True)
    postal_code = models.CharField(
        _("postal code"), max_length=5, blank=True, validators=[postal_code_validator]
    )
    post_office = models.CharField(_("post office"), max_length=100, blank=True)
    latitude = models.FloatField(
        _("latitude"),
        null=True,
        blank=True,
        validators=[MinValueValidator(59.0), MaxValueValidator(70.5)],
    )
    longitude = models.FloatField(
        _("longitude"),
        null=True,
        blank=True,
        validators=[MinValueValidator(19.0), MaxValueValidator(31.7)],
    )
    accessibility = models.TextField(_("accessibility"), blank=True)
    step_free_access = models.BooleanField(_("step-free access"), default=False)
    accessible_toilet = models.BooleanField(_("accessible toilet"), default=False)
    induction_loop = models.BooleanField(_("induction loop"), default=False)
    pram_parking = models.BooleanField(_("pram parking"), default=False)
    directions = models.TextField(_("how to get there"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    email = models.EmailField(_("email"), blank=True)
    website = models.URLField(_("website"), blank=True)
    hsds_id = models.UUIDField(_("HSDS id"), default=uuid.uuid4, unique=True, editable=False)
    ptv_id = models.UUIDField(_("Suomi.fi PTV id"), null=True, blank=True, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("site")
        verbose_name_plural = _("sites")
        indexes = [models.Index(fields=["kind", "municipality"])]

    def __str__(self) -> str:
        return self.name

    @property
    def is_accessible(self) -> bool:
        return self.step_free_access


class ServiceType(models.Model):
    """Service type (palvelutyyppi) of the national vocabulary; codes never change."""

    if TYPE_CHECKING:  # columns added by django-modeltranslation
        name_fi: str
        name_sv: str
        name_en: str

    class Group(models.TextChoices):
        HEALTH = "health", _("promoting health and wellbeing")
        PSYCHOSOCIAL = "psychosocial", _("psychosocial support and rehabilitation")
        SPECIALIST = "specialist", _("specialist consultation")
        NETWORK = "network", _("network services")

    class Level(models.TextChoices):
        UNIVERSAL = "universal", _("universal")
        TARGETED = "targeted", _("targeted")
        SPECIALIST = "specialist", _("specialist")

    code = models.SlugField(_("code"), max_length=64, unique=True)
    group = models.CharField(_("group"), max_length=16, choices=Group.choices)
    level = models.CharField(_("level"), max_length=16, choices=Level.choices)
    min_age = models.PositiveSmallIntegerField(_("typical minimum age (years)"), null=True)
    max_age = models.PositiveSmallIntegerField(_("typical maximum age (years)"), null=True)
    name = models.CharField(_("name"), max_length=200)

    class Meta:
        ordering = ["code"]
        verbose_name = _("service type")
        verbose_name_plural = _("service types")

    def __str__(self) -> str:
        return self.name


class Service(Versioned):
    """A service (palvelu) an organisation offers, at sites or by other channels."""

    if TYPE_CHECKING:  # columns added by django-modeltranslation
        name_fi: str
        name_sv: str
        name_en: str
        summary_fi: str
        summary_sv: str
        summary_en: str
        description_fi: str
        description_sv: str
        description_en: str
        eligibility_fi: str
        eligibility_sv: str
        eligibility_en: str
        cost_description_fi: str
        cost_description_sv: str
        cost_description_en: str

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        PUBLISHED = "published", _("published")
        ARCHIVED = "archived", _("archived")

    class Channel(models.TextChoices):
        IN_PERSON = "in_person", _("in person")
        PHONE = "phone", _("phone")
        CHAT = "chat", _("chat")
        VIDEO = "video", _("video")
        HOME_VISIT = "home_visit", _("home visit")
        E_SERVICE = "e_service", _("e-service")

    class TargetGroup(models.TextChoices):
        EXPECTING = "expecting", _("expecting parents")
        FAMILIES = "families", _("families with children")
        PARENTS = "parents", _("parents")
        CHILDREN = "children", _("children")
        YOUNG_PEOPLE = "young_people", _("young people")
        SEPARATING = "separating", _("separating parents")
        IMMIGRANTS = "immigrants", _("immigrant families")
        PROFESSIONALS = "professionals", _("professionals")

    class ServiceArea(models.TextChoices):
        """Whom the service serves by where they live (palvelualue). LOCAL: where its sites are,
        or its organisation's municipality or county; COUNTIES: the counties named in
        `served_counties`; the whole country, or the whole country except Åland."""

        LOCAL = "local", _("where its sites are")
        COUNTIES = "counties", _("the counties named")
        NATIONAL = "national", _("the whole country")
        NATIONAL_EXCEPT_ALAND = "national_except_aland", _("the whole country except Åland")

    class Cost(models.TextChoices):
        FREE = "free", _("free of charge")
        FEE = "fee", _("fee")
        INCOME_BASED = "income_based", _("income-based fee")

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="services",
        verbose_name=_("organisation"),
    )
    service_types = models.ManyToManyField(
        ServiceType, related_name="services", verbose_name=_("service types")
    )
    level = models.CharField(
        _("level"), max_length=16, choices=ServiceType.Level.choices, default="universal"
    )
    name = models.CharField(_("name"), max_length=200)
    summary = models.CharField(_("summary"), max_length=300, blank=True)
    description = models.TextField(_("description"), blank=True)
    target_groups = models.JSONField(_("target groups"), default=list, blank=True)
    min_age_months = age_months_field(_("minimum age (months)"))
    max_age_months = age_months_field(_("maximum age (months)"))
    languages = models.JSONField(
        _("languages served"),
        default=list,
        blank=True,
        validators=[validate_language_codes],
        help_text=_("ISO 639-1 codes, e.g. fi, sv, en, ar."),
    )
    channels = models.JSONField(_("channels"), default=list, blank=True)
    referral_required = models.BooleanField(_("referral needed"), default=False)
    anonymous_contact = models.BooleanField(_("anonymous contact possible"), default=False)
    cost = models.CharField(_("cost"), max_length=16, choices=Cost.choices, default=Cost.FREE)
    cost_description = models.CharField(_("cost details"), max_length=300, blank=True)
    eligibility = models.TextField(_("eligibility"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    email = models.EmailField(_("email"), blank=True)
    website = models.URLField(_("web address"), blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    last_verified_at = models.DateField(_("last verified"), null=True, blank=True)
    last_verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("verified by"),
    )
    hsds_id = models.UUIDField(_("HSDS id"), default=uuid.uuid4, unique=True, editable=False)
    ptv_id = models.UUIDField(_("Suomi.fi PTV id"), null=True, blank=True, unique=True)
    sites = models.ManyToManyField(
        Site, through="ServiceAtSite", related_name="services", verbose_name=_("sites")
    )
    service_area = models.CharField(
        _("service area"),
        max_length=24,
        choices=ServiceArea.choices,
        default=ServiceArea.LOCAL,
        db_index=True,
        help_text=_(
            "Services from outside the region (competence centres, university hospitals, "
            "national helplines) serve several counties or the whole country."
        ),
    )
    served_counties = models.ManyToManyField(
        County,
        blank=True,
        related_name="services_served",
        verbose_name=_("counties served"),
        help_text=_("When the service area is 'the counties named'."),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("service")
        verbose_name_plural = _("services")
        # The HSDS API pages through published services in id order.
        indexes = [models.Index(fields=["status", "hsds_id"], name="service_status_hsds_id")]
        constraints = [
            age_range_ordered("service_age_range_ordered"),
        ]

    def __str__(self) -> str:
        return self.name


class ServiceContact(models.Model):
    """A named contact for a service (a role or a person the public may reach)."""

    if TYPE_CHECKING:  # columns added by django-modeltranslation
        title_fi: str
        title_sv: str
        title_en: str

    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="contacts")
    name = models.CharField(_("name"), max_length=200, blank=True)
    title = models.CharField(_("title"), max_length=200, blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    email = models.EmailField(_("email"), blank=True)
    hsds_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)

    class Meta:
        ordering = ["id"]
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")

    def __str__(self) -> str:
        return self.name or self.title


class ServiceAtSite(models.Model):
    """A service offered at a site, with hours of its own where they differ from the site's."""

    if TYPE_CHECKING:  # columns added by django-modeltranslation
        description_fi: str
        description_sv: str
        description_en: str

    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="at_sites")
    site = models.ForeignKey(Site, on_delete=models.CASCADE, related_name="service_links")
    description = models.TextField(_("description"), blank=True)
    hsds_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)

    class Meta:
        verbose_name = _("service at a site")
        verbose_name_plural = _("services at sites")
        constraints = [
            models.UniqueConstraint(fields=["service", "site"], name="service_at_site_unique")
        ]

    def __str__(self) -> str:
        return f"{self.service} @ {self.site}"


class OpeningHours(models.Model):
    """Regular weekly hours of a site, or of a service at a site."""

    class Weekday(models.IntegerChoices):
        MONDAY = 0, _("Monday")
        TUESDAY = 1, _("Tuesday")
        WEDNESDAY = 2, _("Wednesday")
        THURSDAY = 3, _("Thursday")
        FRIDAY = 4, _("Friday")
        SATURDAY = 5, _("Saturday")
        SUNDAY = 6, _("Sunday")

    site = models.ForeignKey(
        Site, on_delete=models.CASCADE, null=True, blank=True, related_name="opening_hours"
    )
    service_at_site = models.ForeignKey(
        ServiceAtSite,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="opening_hours",
    )
    weekday = models.PositiveSmallIntegerField(_("weekday"), choices=Weekday.choices)
    opens = models.TimeField(_("opens"))
    closes = models.TimeField(_("closes"))
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(_("valid to"), null=True, blank=True)
    hsds_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)

    class Meta:
        ordering = ["weekday", "opens"]
        verbose_name = _("opening hours")
        verbose_name_plural = _("opening hours")
        constraints = [
            models.CheckConstraint(
                condition=Q(site__isnull=False, service_at_site__isnull=True)
                | Q(site__isnull=True, service_at_site__isnull=False),
                name="opening_hours_belong_to_one",
            ),
            models.CheckConstraint(
                condition=Q(opens__lt=models.F("closes")), name="opening_hours_open_before_close"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_weekday_display()} {self.opens:%H:%M}–{self.closes:%H:%M}"


class OpeningHoursException(models.Model):
    """Exceptional hours on one date (a holiday, a closure): closed, or open at other times."""

    if TYPE_CHECKING:  # columns added by django-modeltranslation
        reason_fi: str
        reason_sv: str
        reason_en: str

    site = models.ForeignKey(
        Site, on_delete=models.CASCADE, null=True, blank=True, related_name="hours_exceptions"
    )
    service_at_site = models.ForeignKey(
        ServiceAtSite,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="hours_exceptions",
    )
    date = models.DateField(_("date"))
    closed = models.BooleanField(_("closed"), default=True)
    opens = models.TimeField(_("opens"), null=True, blank=True)
    closes = models.TimeField(_("closes"), null=True, blank=True)
    reason = models.CharField(_("reason"), max_length=200, blank=True)

    class Meta:
        ordering = ["date"]
        verbose_name = _("exceptional opening hours")
        verbose_name_plural = _("exceptional opening hours")
        constraints = [
            models.CheckConstraint(
                condition=Q(site__isnull=False, service_at_site__isnull=True)
                | Q(site__isnull=True, service_at_site__isnull=False),
                name="hours_exception_belongs_to_one",
            ),
            models.CheckConstraint(
                condition=Q(closed=True) | Q(opens__isnull=False, closes__isnull=False),
                name="hours_exception_open_has_times",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.date}: {self.reason}"


class Activity(Versioned):
    """Activity (toiminta / ryhmä / tapahtuma) at a site: a family café, open daycare, a club,
    a group or an event, repeating by an iCalendar RRULE."""

    if TYPE_CHECKING:  # columns added by django-modeltranslation
        title_fi: str
        title_sv: str
        title_en: str
        description_fi: str
        description_sv: str
        description_en: str

    class Kind(models.TextChoices):
        FAMILY_CAFE = "family_cafe", _("family café")
        OPEN_DAYCARE = "open_daycare", _("open daycare")
        FAMILY_CLUB = "family_club", _("family club")
        PEER_GROUP = "peer_group", _("peer group")
        PARENTING_GROUP = "parenting_group", _("parenting group")
        EVENT = "event", _("event")
        OTHER = "other", _("other")

    class Registration(models.TextChoices):
        NONE = "none", _("no registration")
        RECOMMENDED = "recommended", _("registration recommended")
        REQUIRED = "required", _("registration required")

    site = models.ForeignKey(
        Site, on_delete=models.CASCADE, related_name="activities", verbose_name=_("site")
    )
    organiser = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="activities",
        verbose_name=_("organiser"),
    )
    service = models.ForeignKey(
        Service,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="activities",
        verbose_name=_("service"),
    )
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.OTHER)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    starts_on = models.DateField(_("first date"))
    start_time = models.TimeField(_("starts at"))
    end_time = models.TimeField(_("ends at"))
    rrule = models.CharField(
        _("recurrence rule"),
        max_length=300,
        blank=True,
        help_text=_("iCalendar RRULE, e.g. FREQ=WEEKLY;BYDAY=TU. Empty for a single occurrence."),
        validators=[validate_rrule],
    )
    cancelled_dates = models.JSONField(_("cancelled dates"), default=list, blank=True)
    min_age_months = age_months_field(_("minimum age (months)"))
    max_age_months = age_months_field(_("maximum age (months)"))
    languages = models.JSONField(
        _("languages"), default=list, blank=True, validators=[validate_language_codes]
    )
    registration = models.CharField(
        _("registration"), max_length=16, choices=Registration.choices, default=Registration.NONE
    )
    registration_url = models.URLField(_("registration link"), blank=True)
    capacity = models.PositiveIntegerField(_("capacity"), null=True, blank=True)
    free_of_charge = models.BooleanField(_("free of charge"), default=True)
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=Service.Status.choices,
        default=Service.Status.PUBLISHED,
        db_index=True,
    )
    hsds_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)

    class Meta:
        ordering = ["starts_on", "start_time"]
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        constraints = [
            models.CheckConstraint(
                condition=Q(start_time__lt=models.F("end_time")),
                name="activity_starts_before_it_ends",
            ),
            age_range_ordered("activity_age_range_ordered"),
        ]

    def __str__(self) -> str:
        return self.title


class ProfessionalPresence(models.Model):
    """A professional who visits an activity (jalkautuva työ): "public health nurse from the
    child health clinic", perhaps only on some dates."""

    if TYPE_CHECKING:  # columns added by django-modeltranslation
        role_fi: str
        role_sv: str
        role_en: str
        note_fi: str
        note_sv: str
        note_en: str

    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="professionals")
    role = models.CharField(_("role"), max_length=200)
    service = models.ForeignKey(
        Service,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="visits",
        verbose_name=_("from the service"),
    )
    note = models.CharField(
        _("when"), max_length=200, blank=True, help_text=_("e.g. the first Tuesday of the month")
    )

    class Meta:
        ordering = ["id"]
        verbose_name = _("professional present")
        verbose_name_plural = _("professionals present")

    def __str__(self) -> str:
        return self.role


class MaintainerRole(models.Model):
    """The right to maintain an organisation's, or a whole county's, network data."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="maintainer_roles"
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, null=True, blank=True, related_name="maintainers"
    )
    county = models.ForeignKey(
        County, on_delete=models.CASCADE, null=True, blank=True, related_name="maintainers"
    )

    class Meta:
        verbose_name = _("maintainer role")
        verbose_name_plural = _("maintainer roles")
        constraints = [
            models.CheckConstraint(
                condition=Q(organisation__isnull=False, county__isnull=True)
                | Q(organisation__isnull=True, county__isnull=False),
                name="maintainer_role_has_one_scope",
            )
        ]

    def __str__(self) -> str:
        return f"{self.user}: {self.organisation or self.county}"


class ApiToken(models.Model):
    """A token for the write API. Only a hash is stored; the token is shown once."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(_("name"), max_length=100)
    prefix = models.CharField(max_length=8, db_index=True)
    key_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"


class ChangeRecord(models.Model):
    """One saved change of a network object: who, when, which fields, old and new values."""

    class Action(models.TextChoices):
        CREATE = "create", _("created")
        CHANGE = "change", _("changed")
        DELETE = "delete", _("deleted")

    content_type = models.ForeignKey("contenttypes.ContentType", on_delete=models.CASCADE)
    object_id = models.CharField(max_length=64)
    object_repr = models.CharField(max_length=200)
    action = models.CharField(max_length=8, choices=Action.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    at = models.DateTimeField(auto_now_add=True, db_index=True)
    # {"field": [old, new]} with values as text, so history survives schema changes.
    changes = models.JSONField(default=dict)

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("change")
        verbose_name_plural = _("change history")
        indexes = [models.Index(fields=["content_type", "object_id", "-at"])]

    def __str__(self) -> str:
        return f"{self.get_action_display()} {self.object_repr}"
