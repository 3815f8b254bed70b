"""Schemas of the network API (`/api/v1/`): what goes out, what may come in.

Public ids are the HSDS uuids for areas, organisations, sites, services and activities, and the
codes for counties, municipalities and service types: both stay the same across exports and
imports, unlike database keys. Content fields come in all three languages at once.
"""

from datetime import date, datetime, time
from functools import partial
from typing import Any, Generic, TypeVar
from uuid import UUID

from django.conf import settings
from ninja import Field, Schema
from ninja.schema import Resolver, ResolverMetaclass

from perhekeskus.network import selectors
from perhekeskus.network.models import (
    AGE_MONTHS_MAX,
    PREGNANCY_START_MONTHS,
    Activity,
    Organisation,
    Service,
    ServiceType,
    Site,
)

LANGS = ("fi", "sv", "en")
PAGE_SIZE_DEFAULT = 50
PAGE_MAX = 1_000_000
VERSION_MAX = 2**31 - 1


def _age() -> Any:
    return Field(None, ge=PREGNANCY_START_MONTHS, le=AGE_MONTHS_MAX)


def _latitude() -> Any:
    return Field(None, ge=59.0, le=70.5, allow_inf_nan=False)


def _longitude() -> Any:
    return Field(None, ge=19.0, le=31.7, allow_inf_nan=False)


def texts(obj: Any, field: str) -> dict[str, str]:
    return {lang: getattr(obj, f"{field}_{lang}", None) or "" for lang in LANGS}


class Texts(Schema):
    """A text in Finnish, Swedish and English (empty when not translated)."""

    fi: str = ""
    sv: str = ""
    en: str = ""


class TranslatedSchemaMetaclass(ResolverMetaclass):
    """Adds a resolver for each field annotated `Texts`, once ninja has collected the class's
    own resolvers: the field is read from the model's `<field>_fi/_sv/_en` columns."""

    def __new__(mcs, name: str, bases: tuple[type, ...], namespace: dict[str, Any], **kwargs: Any):  # type: ignore[no-untyped-def]
        cls = super().__new__(mcs, name, bases, namespace, **kwargs)
        for field_name, field in cls.model_fields.items():
            if field.annotation is Texts:
                resolver = Resolver(staticmethod(partial(texts, field=field_name)))
                cls._ninja_resolvers.setdefault(field_name, resolver)
        return cls


class TranslatedOut(Schema, metaclass=TranslatedSchemaMetaclass):
    """An output schema whose `Texts` fields come in all three languages."""


class TextsPatch(Schema):
    """Languages to change; a language left out keeps its text."""

    fi: str | None = Field(None, max_length=20_000)
    sv: str | None = Field(None, max_length=20_000)
    en: str | None = Field(None, max_length=20_000)


class NamePatch(TextsPatch):
    """A name keeps its Finnish text: Finnish first, the others may be empty."""

    fi: str | None = Field(None, min_length=1, max_length=200)


class RegisterObjectOut(TranslatedOut):
    """An object of the register, known publicly by its stable HSDS id, not a database key."""

    id: UUID

    @staticmethod
    def resolve_id(obj: Any) -> UUID:
        return obj.hsds_id


class ErrorOut(Schema):
    code: str
    message: str
    details: Any | None = None


ERRORS: dict[int, type[Schema]] = {400: ErrorOut, 404: ErrorOut}
WRITE_ERRORS: dict[int, type[Schema]] = {
    400: ErrorOut,
    401: ErrorOut,
    403: ErrorOut,
    404: ErrorOut,
    409: ErrorOut,
}

ItemT = TypeVar("ItemT")


class Page(Schema, Generic[ItemT]):
    count: int
    page: int
    page_size: int
    next: str | None
    previous: str | None
    results: list[ItemT]


class PageParams(Schema):
    page: int = Field(1, ge=1, le=PAGE_MAX)
    page_size: int = Field(
        PAGE_SIZE_DEFAULT, ge=1, le=int(settings.PERHEKESKUS["API_PAGE_SIZE_MAX"])
    )


# ---- Out ----


class CountyOut(TranslatedOut):
    code: str
    name: Texts
    kind: str
    population: int


class MunicipalityOut(TranslatedOut):
    code: str
    name: Texts
    county: str
    population: int
    population_year: int | None
    latitude: float | None
    longitude: float | None

    @staticmethod
    def resolve_county(obj: Any) -> str:
        return obj.county.code


class ServiceTypeOut(TranslatedOut):
    code: str
    name: Texts
    group: str
    level: str
    min_age_years: int | None
    max_age_years: int | None

    @staticmethod
    def resolve_min_age_years(obj: Any) -> int | None:
        return obj.min_age

    @staticmethod
    def resolve_max_age_years(obj: Any) -> int | None:
        return obj.max_age


class PopulationBand(Schema):
    min: int
    max: int


class AreaOut(RegisterObjectOut):
    name: Texts
    description: Texts
    county: str
    municipalities: list[str]
    postal_codes: list[str] = Field(description="Postal areas of a city split into areas")
    population: int
    children: int | None
    population_band: PopulationBand = Field(
        description="The family centre model's population band for this area"
    )
    band_warning: str | None = Field(description="Set when the population is outside the band")
    updated_at: datetime

    @staticmethod
    def resolve_county(obj: Any) -> str:
        return obj.county.code

    @staticmethod
    def resolve_municipalities(obj: Any) -> list[str]:
        return sorted(m.code for m in obj.municipalities.all())

    @staticmethod
    def resolve_postal_codes(obj: Any) -> list[str]:
        return sorted(p.code for p in obj.postal_areas.all())

    @staticmethod
    def resolve_population_band(obj: Any) -> dict[str, int]:
        low, high = selectors.area_population_band(obj)
        return {"min": low, "max": high}

    @staticmethod
    def resolve_band_warning(obj: Any) -> str | None:
        return selectors.area_band_warning(obj)


class OrganisationOut(RegisterObjectOut):
    name: Texts
    description: Texts
    sector: str
    business_id: str
    county: str | None
    municipality: str | None
    website: str
    email: str
    phone: str
    ptv_id: UUID | None
    updated_at: datetime
    version: int

    @staticmethod
    def resolve_county(obj: Any) -> str | None:
        return obj.county.code if obj.county_id else None

    @staticmethod
    def resolve_municipality(obj: Any) -> str | None:
        return obj.municipality.code if obj.municipality_id else None


class OpeningHoursOut(Schema):
    weekday: int = Field(..., description="0 = Monday … 6 = Sunday")
    opens: time
    closes: time
    valid_from: date | None
    valid_to: date | None


class HoursExceptionOut(TranslatedOut):
    date: date
    closed: bool
    opens: time | None
    closes: time | None
    reason: Texts


class SiteOut(RegisterObjectOut):
    kind: str
    name: Texts
    description: Texts
    area: UUID | None
    operator: UUID
    municipality: str
    street_address: Texts
    postal_code: str
    post_office: Texts
    latitude: float | None
    longitude: float | None
    accessibility: Texts
    step_free_access: bool
    accessible_toilet: bool
    induction_loop: bool
    pram_parking: bool
    directions: Texts
    phone: str
    email: str
    website: str
    opening_hours: list[OpeningHoursOut]
    hours_exceptions: list[HoursExceptionOut]
    ptv_id: UUID | None
    updated_at: datetime
    version: int

    @staticmethod
    def resolve_area(obj: Any) -> UUID | None:
        return obj.area.hsds_id if obj.area_id else None

    @staticmethod
    def resolve_operator(obj: Any) -> UUID:
        return obj.operator.hsds_id

    @staticmethod
    def resolve_municipality(obj: Any) -> str:
        return obj.municipality.code

    @staticmethod
    def resolve_opening_hours(obj: Any) -> list[Any]:
        return list(obj.opening_hours.all())

    @staticmethod
    def resolve_hours_exceptions(obj: Any) -> list[Any]:
        return list(obj.hours_exceptions.all())


class ContactOut(TranslatedOut):
    name: str
    title: Texts
    phone: str
    email: str


class ServiceOut(RegisterObjectOut):
    name: Texts
    summary: Texts
    description: Texts
    eligibility: Texts
    cost_description: Texts
    level: str
    service_types: list[str]
    organisation: UUID
    sites: list[UUID]
    target_groups: list[str]
    min_age_months: int | None = Field(
        None, description="Negative months are months of pregnancy before the due date."
    )
    max_age_months: int | None
    languages: list[str]
    channels: list[str]
    referral_required: bool
    anonymous_contact: bool
    cost: str
    phone: str
    email: str
    website: str
    contacts: list[ContactOut]
    service_area: Service.ServiceArea = Field(
        description="Whom the service serves by where they live: local (where its sites are, "
        "or its organisation's municipality or county), counties (those in served_counties), "
        "national, or national_except_aland."
    )
    served_counties: list[str] = Field(
        description="County codes, when the service area is 'counties'; else empty."
    )
    last_verified: date | None
    ptv_id: UUID | None
    updated_at: datetime
    version: int

    @staticmethod
    def resolve_served_counties(obj: Any) -> list[str]:
        return sorted(county.code for county in obj.served_counties.all())

    @staticmethod
    def resolve_service_types(obj: Any) -> list[str]:
        return sorted(t.code for t in obj.service_types.all())

    @staticmethod
    def resolve_organisation(obj: Any) -> UUID:
        return obj.organisation.hsds_id

    @staticmethod
    def resolve_sites(obj: Any) -> list[UUID]:
        return [s.hsds_id for s in obj.sites.all()]

    @staticmethod
    def resolve_contacts(obj: Any) -> list[Any]:
        return list(obj.contacts.all())

    @staticmethod
    def resolve_last_verified(obj: Any) -> date | None:
        return obj.last_verified_at


class OccurrenceOut(Schema):
    date: date
    starts_at: datetime
    ends_at: datetime


class ProfessionalOut(TranslatedOut):
    role: Texts
    note: Texts
    service: UUID | None

    @staticmethod
    def resolve_service(obj: Any) -> UUID | None:
        # Only a published service is named: a draft must not show through an activity.
        service = obj.service
        return service.hsds_id if service and service.status == "published" else None


class ActivityOut(RegisterObjectOut):
    kind: str
    title: Texts
    description: Texts
    site: UUID
    organiser: UUID
    service: UUID | None
    starts_on: date
    start_time: time
    end_time: time
    rrule: str
    cancelled_dates: list[str]
    min_age_months: int | None
    max_age_months: int | None
    languages: list[str]
    registration: str
    registration_url: str
    capacity: int | None
    free_of_charge: bool
    professionals: list[ProfessionalOut]
    updated_at: datetime
    version: int
    occurrences: list[OccurrenceOut] | None = Field(
        None, description="Given when the request names a date range (from, to)."
    )

    @staticmethod
    def resolve_site(obj: Any) -> UUID:
        return obj.site.hsds_id

    @staticmethod
    def resolve_organiser(obj: Any) -> UUID:
        return obj.organiser.hsds_id

    @staticmethod
    def resolve_service(obj: Any) -> UUID | None:
        return ProfessionalOut.resolve_service(obj)

    @staticmethod
    def resolve_cancelled_dates(obj: Any) -> list[str]:
        return [str(d) for d in obj.cancelled_dates or []]

    @staticmethod
    def resolve_professionals(obj: Any) -> list[Any]:
        return list(obj.professionals.all())

    @staticmethod
    def resolve_occurrences(obj: Any) -> list[Any] | None:
        return getattr(obj, "expanded_occurrences", None)


class ActivityOccurrencesOut(Schema):
    id: UUID
    start: date = Field(..., alias="from")
    end: date = Field(..., alias="to")
    occurrences: list[OccurrenceOut]


# ---- Filters ----


class CommonFilters(Schema):
    updated_since: datetime | None = Field(
        None, description="Only what changed at or after this moment (ISO 8601)."
    )


class MunicipalityFilters(Schema):
    county: str | None = Field(None, max_length=10, description="County code, e.g. 03")
    area: UUID | None = None


class ServiceTypeFilters(Schema):
    group: ServiceType.Group | None = None
    level: ServiceType.Level | None = None


class AreaFilters(CommonFilters):
    county: str | None = Field(None, max_length=10)
    municipality: str | None = Field(None, max_length=10, description="Municipality code")


class OrganisationFilters(CommonFilters):
    county: str | None = Field(None, max_length=10)
    municipality: str | None = Field(None, max_length=10)
    sector: Organisation.Sector | None = None


class SiteFilters(CommonFilters):
    municipality: str | None = Field(None, max_length=10, description="Municipality code")
    county: str | None = Field(None, max_length=10)
    area: UUID | None = None
    organisation: UUID | None = Field(None, description="The operator")
    kind: Site.Kind | None = None


class ServiceFilters(CommonFilters):
    municipality: str | None = Field(None, max_length=10, description="Municipality code")
    county: str | None = Field(None, max_length=10)
    area: UUID | None = None
    site: UUID | None = None
    organisation: UUID | None = None
    type: list[str] = Field([], description="Service type codes; repeat for any of several.")
    language: str | None = Field(None, max_length=3, description="ISO 639 code, e.g. sv")
    age_months: int | None = Field(None, ge=PREGNANCY_START_MONTHS, le=AGE_MONTHS_MAX)


class ActivityFilters(ServiceFilters):
    kind: Activity.Kind | None = None
    start: date | None = Field(None, alias="from", description="Expand occurrences from")
    end: date | None = Field(None, alias="to", description="… to this date (inclusive)")


class OccurrenceRange(Schema):
    start: date = Field(..., alias="from")
    end: date = Field(..., alias="to")


# ---- In ----


class NameIn(Schema):
    fi: str = Field(..., min_length=1, max_length=200)
    sv: str = Field("", max_length=200)
    en: str = Field("", max_length=200)


class TextsIn(Schema):
    fi: str = Field("", max_length=20_000)
    sv: str = Field("", max_length=20_000)
    en: str = Field("", max_length=20_000)


def _empty_texts() -> Any:
    return TextsIn.model_validate({})


def _no_texts() -> Any:
    return Field(default_factory=_empty_texts)


class VersionIn(Schema):
    version: int = Field(
        ..., ge=1, le=VERSION_MAX, description="The version you read; refused if stale."
    )


class ServiceIn(Schema):
    organisation: UUID
    name: NameIn
    summary: TextsIn = _no_texts()
    description: TextsIn = _no_texts()
    eligibility: TextsIn = _no_texts()
    cost_description: TextsIn = _no_texts()
    level: ServiceType.Level = ServiceType.Level.UNIVERSAL
    service_types: list[str] = Field(..., min_length=1, max_length=20)
    sites: list[UUID] = Field([], max_length=200)
    target_groups: list[Service.TargetGroup] = []
    min_age_months: int | None = _age()
    max_age_months: int | None = _age()
    languages: list[str] = Field([], max_length=50)
    channels: list[Service.Channel] = []
    referral_required: bool = False
    anonymous_contact: bool = False
    cost: Service.Cost = Service.Cost.FREE
    phone: str = Field("", max_length=40)
    email: str = Field("", max_length=254)
    website: str = Field("", max_length=200)
    status: Service.Status = Service.Status.DRAFT
    ptv_id: UUID | None = None
    service_area: Service.ServiceArea = Service.ServiceArea.LOCAL
    served_counties: list[str] = Field(
        [], max_length=30, description="County codes; only with service_area 'counties'."
    )


class ServicePatch(VersionIn):
    organisation: UUID | None = None
    name: NamePatch | None = None
    summary: TextsPatch | None = None
    description: TextsPatch | None = None
    eligibility: TextsPatch | None = None
    cost_description: TextsPatch | None = None
    level: ServiceType.Level | None = None
    service_types: list[str] | None = Field(None, min_length=1, max_length=20)
    sites: list[UUID] | None = Field(None, max_length=200)
    target_groups: list[Service.TargetGroup] | None = None
    min_age_months: int | None = _age()
    max_age_months: int | None = _age()
    languages: list[str] | None = Field(None, max_length=50)
    channels: list[Service.Channel] | None = None
    referral_required: bool | None = None
    anonymous_contact: bool | None = None
    cost: Service.Cost | None = None
    phone: str | None = Field(None, max_length=40)
    email: str | None = Field(None, max_length=254)
    website: str | None = Field(None, max_length=200)
    status: Service.Status | None = None
    ptv_id: UUID | None = None
    service_area: Service.ServiceArea | None = None
    served_counties: list[str] | None = Field(
        None, max_length=30, description="County codes; only with service_area 'counties'."
    )


class SiteIn(Schema):
    kind: Site.Kind
    name: NameIn
    description: TextsIn = _no_texts()
    area: UUID | None = None
    operator: UUID
    municipality: str = Field(..., max_length=3, description="Municipality code")
    street_address: TextsIn = _no_texts()
    postal_code: str = Field("", max_length=5)
    post_office: TextsIn = _no_texts()
    latitude: float | None = _latitude()
    longitude: float | None = _longitude()
    accessibility: TextsIn = _no_texts()
    step_free_access: bool = False
    accessible_toilet: bool = False
    induction_loop: bool = False
    pram_parking: bool = False
    directions: TextsIn = _no_texts()
    phone: str = Field("", max_length=40)
    email: str = Field("", max_length=254)
    website: str = Field("", max_length=200)
    ptv_id: UUID | None = None


class SitePatch(VersionIn):
    kind: Site.Kind | None = None
    name: NamePatch | None = None
    description: TextsPatch | None = None
    area: UUID | None = None
    operator: UUID | None = None
    municipality: str | None = Field(None, max_length=3)
    street_address: TextsPatch | None = None
    postal_code: str | None = Field(None, max_length=5)
    post_office: TextsPatch | None = None
    latitude: float | None = _latitude()
    longitude: float | None = _longitude()
    accessibility: TextsPatch | None = None
    step_free_access: bool | None = None
    accessible_toilet: bool | None = None
    induction_loop: bool | None = None
    pram_parking: bool | None = None
    directions: TextsPatch | None = None
    phone: str | None = Field(None, max_length=40)
    email: str | None = Field(None, max_length=254)
    website: str | None = Field(None, max_length=200)
    ptv_id: UUID | None = None


class ActivityIn(Schema):
    site: UUID
    organiser: UUID
    service: UUID | None = None
    kind: Activity.Kind = Activity.Kind.OTHER
    title: NameIn
    description: TextsIn = _no_texts()
    starts_on: date
    start_time: time
    end_time: time
    rrule: str = Field("", max_length=300, examples=["FREQ=WEEKLY;BYDAY=TU"])
    cancelled_dates: list[date] = Field([], max_length=400)
    min_age_months: int | None = _age()
    max_age_months: int | None = _age()
    languages: list[str] = Field([], max_length=50)
    registration: Activity.Registration = Activity.Registration.NONE
    registration_url: str = Field("", max_length=200)
    capacity: int | None = Field(None, ge=0, le=100_000)
    free_of_charge: bool = True
    status: Service.Status = Service.Status.PUBLISHED


class ActivityPatch(VersionIn):
    site: UUID | None = None
    organiser: UUID | None = None
    service: UUID | None = None
    kind: Activity.Kind | None = None
    title: NamePatch | None = None
    description: TextsPatch | None = None
    starts_on: date | None = None
    start_time: time | None = None
    end_time: time | None = None
    rrule: str | None = Field(None, max_length=300)
    cancelled_dates: list[date] | None = Field(None, max_length=400)
    min_age_months: int | None = _age()
    max_age_months: int | None = _age()
    languages: list[str] | None = Field(None, max_length=50)
    registration: Activity.Registration | None = None
    registration_url: str | None = Field(None, max_length=200)
    capacity: int | None = Field(None, ge=0, le=100_000)
    free_of_charge: bool | None = None
    status: Service.Status | None = None
