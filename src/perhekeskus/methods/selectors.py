"""Reads of the method catalogue for professionals: finding methods by words and filters, one
method's page with who in the area is trained in it, and the organisations to refer to.

"Near" a professional is their family centre area (perhekeskusalue): the municipalities of the
areas their municipality belongs to, and the organisations working there (by their home
municipality or a site in the area); a professional whose municipality is in no area is near
their own municipality only. A training counts while it is valid (no end date, or not past it).
Names of trained professionals are shown: the catalogue is read only by professionals at work.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Q, QuerySet
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from perhekeskus.errors import InvalidInput, NotFound
from perhekeskus.methods import access
from perhekeskus.methods.models import (
    EVIDENCE_ORDER,
    Delivery,
    EvidenceLevel,
    EvidenceSource,
    Method,
    MethodTraining,
)
from perhekeskus.methods.search import search_text
from perhekeskus.network.labels import age_range_label
from perhekeskus.network.models import (
    AGE_MONTHS_MAX,
    PREGNANCY_START_MONTHS,
    Area,
    Municipality,
    Organisation,
    ServiceType,
    Site,
)
from perhekeskus.staff.models import Professional


class Trained:
    """The "trained" filter's values."""

    ANY = ""
    AREA = "area"
    ORGANISATION = "organisation"
    VALUES = (ANY, AREA, ORGANISATION)


@dataclass(frozen=True)
class MethodQuery:
    text: str = ""
    lang: str = "fi"
    service_type: str = ""  # a service type's code
    age_months: int | None = None
    delivery: str = ""
    evidence: str = ""  # the lowest evidence level wanted
    trained: str = Trained.ANY


@dataclass(frozen=True)
class MethodHit:
    method: Method
    ages: str
    deliveries: tuple[str, ...]
    evidence: str
    words: tuple[str, ...]
    trained_near: int  # professionals and organisations trained in the viewer's area


@dataclass(frozen=True)
class MethodResults:
    query: MethodQuery
    hits: tuple[MethodHit, ...]
    corrections: dict[str, str] = field(default_factory=dict)
    unknown: tuple[str, ...] = ()

    @property
    def count(self) -> int:
        return len(self.hits)


@dataclass(frozen=True)
class TrainingLine:
    id: int
    trained_on: date
    valid_until: date | None
    certificate: str


@dataclass(frozen=True)
class TrainedPerson:
    professional_id: int
    name: str
    role: str
    municipality: str
    training: TrainingLine


@dataclass(frozen=True)
class TrainedOrganisation:
    """An organisation with trained people, or trained as a whole."""

    id: int
    name: str
    near: bool
    as_a_whole: TrainingLine | None
    people: tuple[TrainedPerson, ...]


@dataclass(frozen=True)
class Evidence:
    level: str
    level_label: str
    source: str
    source_label: str
    statement: str
    url: str
    checked_on: date | None

    @property
    def rated(self) -> bool:
        return self.level != EvidenceLevel.NOT_RATED


@dataclass(frozen=True)
class MethodPage:
    method: Method
    ages: str
    deliveries: tuple[str, ...]
    service_types: tuple[str, ...]
    evidence: Evidence
    trained: tuple[TrainedOrganisation, ...]
    everywhere: bool
    # Trained organisations outside the area, when only the area is shown.
    elsewhere: int
    area_names: tuple[str, ...]
    mine: TrainingLine | None


# --- Near the professional --------------------------------------------------------------------


@dataclass(frozen=True)
class Nearby:
    area_ids: frozenset[int]
    municipality_ids: frozenset[int]
    area_names: tuple[str, ...]


def nearby(professional: Professional) -> Nearby:
    """The professional's family centre areas and their municipalities."""
    areas = list(
        Area.objects.filter(
            Q(municipalities=professional.municipality_id)
            | Q(postal_areas__municipality=professional.municipality_id)
        )
        .distinct()
        .order_by("name")
    )
    area_ids = frozenset(area.pk for area in areas)
    municipalities = set(
        Municipality.objects.filter(
            Q(areas__in=area_ids) | Q(postal_areas__areas__in=area_ids)
        ).values_list("pk", flat=True)
    )
    municipalities.add(professional.municipality_id)
    return Nearby(area_ids, frozenset(municipalities), tuple(str(area) for area in areas))


def _near_organisations(near: Nearby) -> QuerySet[Organisation]:
    sites = Site.objects.filter(
        Q(area__in=near.area_ids) | Q(municipality__in=near.municipality_ids)
    )
    return Organisation.objects.filter(
        Q(municipality__in=near.municipality_ids) | Q(pk__in=sites.values("operator"))
    )


def _valid(today: date) -> Q:
    return Q(valid_until__isnull=True) | Q(valid_until__gte=today)


def _trainings(method_ids: list[int] | None, today: date) -> QuerySet[MethodTraining]:
    trainings = MethodTraining.objects.filter(_valid(today)).select_related(
        "organisation",
        "professional__user",
        "professional__organisation",
        "professional__municipality",
    )
    return trainings if method_ids is None else trainings.filter(method__in=method_ids)


def _near_condition(professional: Professional, near: Nearby) -> Q:
    near_orgs = _near_organisations(near).values("pk")
    return Q(professional__municipality__in=near.municipality_ids) | Q(organisation__in=near_orgs)


# --- Finding methods --------------------------------------------------------------------------


def _checked(query: MethodQuery) -> MethodQuery:
    errors: dict[str, str] = {}
    if query.delivery and query.delivery not in Delivery.values:
        errors["delivery"] = _("Choose one of the ways of delivery.")
    if query.evidence and query.evidence not in EVIDENCE_ORDER:
        errors["evidence"] = _("Choose one of the evidence levels.")
    if query.trained not in Trained.VALUES:
        errors["trained"] = _("Choose where the trained people should be.")
    if query.age_months is not None and not (
        PREGNANCY_START_MONTHS <= query.age_months <= AGE_MONTHS_MAX
    ):
        errors["age_months"] = _("Give an age in months between -9 (pregnancy) and 360.")
    if query.service_type and not ServiceType.objects.filter(code=query.service_type).exists():
        errors["service_type"] = _("Choose one of the service types.")
    if errors:
        raise InvalidInput(details=errors)
    return query


def _evidence_levels(lowest: str) -> list[str]:
    return list(EVIDENCE_ORDER[: EVIDENCE_ORDER.index(lowest) + 1])


def methods_find(*, professional: Professional, query: MethodQuery) -> MethodResults:
    """Methods for the words and filters, best match first (by name without words).
    InvalidInput, naming each filter, for a value that is not one of the choices."""
    _checked(query)
    today = timezone.localdate()
    methods = Method.objects.prefetch_related("service_types")
    if query.service_type:
        methods = methods.filter(service_types__code=query.service_type)
    if query.age_months is not None:
        methods = methods.filter(
            Q(min_age_months__isnull=True) | Q(min_age_months__lte=query.age_months),
            Q(max_age_months__isnull=True) | Q(max_age_months__gte=query.age_months),
        )
    if query.evidence:
        methods = methods.filter(evidence_level__in=_evidence_levels(query.evidence))
    near = nearby(professional)
    near_trainings = _trainings(None, today).filter(_near_condition(professional, near))
    if query.trained == Trained.AREA:
        methods = methods.filter(pk__in=near_trainings.values("method"))
    elif query.trained == Trained.ORGANISATION:
        mine = _trainings(None, today).filter(
            Q(organisation=professional.organisation_id)
            | Q(professional__organisation=professional.organisation_id)
        )
        methods = methods.filter(pk__in=mine.values("method"))
    found = {method.pk: method for method in methods.distinct()}
    if query.delivery:
        found = {pk: m for pk, m in found.items() if query.delivery in (m.deliveries or [])}
    counts: dict[int, int] = {}
    for method_id in near_trainings.values_list("method", flat=True):
        counts[method_id] = counts.get(method_id, 0) + 1
    with translation.override(query.lang):
        if query.text.strip():
            result = search_text(query.text, lang=query.lang)
            ordered = [(found[m.pk], m.words) for m in result.matches if m.pk in found]
            corrections, unknown = result.corrections, result.unknown
        else:
            ordered = [(m, ()) for m in sorted(found.values(), key=lambda m: str(m).casefold())]
            corrections, unknown = {}, ()
        hits = tuple(
            MethodHit(
                method=method,
                ages=age_range_label(method.min_age_months, method.max_age_months),
                deliveries=_delivery_labels(method),
                evidence=str(EvidenceLevel(method.evidence_level).label),
                words=tuple(words),
                trained_near=counts.get(method.pk, 0),
            )
            for method, words in ordered
        )
    return MethodResults(query=query, hits=hits, corrections=corrections, unknown=unknown)


def _delivery_labels(method: Method) -> tuple[str, ...]:
    known = dict(Delivery.choices)
    return tuple(str(known[code]) for code in method.deliveries or [] if code in known)


# --- One method -------------------------------------------------------------------------------


def method_by_code(code: str) -> Method:
    method = Method.objects.filter(code=code).first()
    if method is None:
        raise NotFound()
    return method


def method_page(*, professional: Professional, code: str, everywhere: bool = False) -> MethodPage:
    """A method as the catalogue shows it, with who is trained in it: in the professional's
    area (or everywhere), by organisation, the nearest first."""
    method = method_by_code(code)
    today = timezone.localdate()
    near = nearby(professional)
    trained = trained_organisations(
        method=method, professional=professional, near=near, everywhere=everywhere, today=today
    )
    elsewhere = 0
    if not everywhere:
        every = trained_organisations(
            method=method, professional=professional, near=near, everywhere=True, today=today
        )
        elsewhere = len(every) - len(trained)
    own = MethodTraining.objects.filter(method=method, professional=professional).first()
    return MethodPage(
        method=method,
        ages=age_range_label(method.min_age_months, method.max_age_months),
        deliveries=_delivery_labels(method),
        service_types=tuple(str(t) for t in method.service_types.order_by("name")),
        evidence=Evidence(
            level=method.evidence_level,
            level_label=str(EvidenceLevel(method.evidence_level).label),
            source=method.evidence_source,
            source_label=str(EvidenceSource(method.evidence_source).label),
            statement=method.evidence_statement,
            url=method.evidence_url,
            checked_on=method.evidence_checked_on,
        ),
        trained=trained,
        everywhere=everywhere,
        elsewhere=elsewhere,
        area_names=near.area_names,
        mine=_line(own) if own else None,
    )


def trained_organisations(
    *,
    method: Method,
    professional: Professional,
    near: Nearby | None = None,
    everywhere: bool = True,
    today: date | None = None,
    exclude_organisation_id: int | None = None,
) -> tuple[TrainedOrganisation, ...]:
    """Organisations with professionals trained in the method, or trained as a whole: those
    in the professional's area first, then the rest by name (only those in the area unless
    `everywhere`)."""
    day = today or timezone.localdate()
    near = near or nearby(professional)
    trainings = _trainings([method.pk], day)
    near_ids = set(_near_organisations(near).values_list("pk", flat=True))
    groups: dict[int, _Group] = {}
    for training in trainings:
        holder = training.professional
        organisation = holder.organisation if holder is not None else training.organisation
        assert organisation is not None
        if organisation.pk == exclude_organisation_id:
            continue
        group = groups.setdefault(organisation.pk, _Group(organisation))
        group.near = group.near or organisation.pk in near_ids
        if holder is None:
            group.whole = _line(training)
        else:
            group.near = group.near or holder.municipality_id in near.municipality_ids
            group.people.append(_person(holder, training))
    result = [
        TrainedOrganisation(
            id=group.organisation.pk,
            name=str(group.organisation),
            near=group.near,
            as_a_whole=group.whole,
            people=tuple(sorted(group.people, key=lambda p: p.name.casefold())),
        )
        for group in groups.values()
        if everywhere or group.near
    ]
    result.sort(key=lambda org: (not org.near, org.name.casefold()))
    return tuple(result)


@dataclass
class _Group:
    """An organisation's trained people while they are gathered."""

    organisation: Organisation
    near: bool = False
    whole: TrainingLine | None = None
    people: list[TrainedPerson] = field(default_factory=list)


def _line(training: MethodTraining) -> TrainingLine:
    return TrainingLine(
        id=training.pk,
        trained_on=training.trained_on,
        valid_until=training.valid_until,
        certificate=training.certificate,
    )


def _person(professional: Professional, training: MethodTraining) -> TrainedPerson:
    user = professional.user
    return TrainedPerson(
        professional_id=professional.pk,
        name=user.get_full_name() or user.get_username(),
        role=str(professional.get_role_display()),
        municipality=str(professional.municipality),
        training=_line(training),
    )


# --- Training records -------------------------------------------------------------------------


@dataclass(frozen=True)
class RecordLine:
    id: int
    method_code: str
    method_name: str
    holder: str
    trained_on: date
    valid_until: date | None
    certificate: str
    expired: bool


def trainings_recordable(*, professional: Professional) -> tuple[RecordLine, ...]:
    """The training records this professional keeps: their own, and, for a coordinator or a
    maintainer, their organisations' and their people's."""
    today = timezone.localdate()
    kept = access.keeper_organisations(professional).values("pk")
    trainings = (
        MethodTraining.objects.filter(
            Q(professional=professional)
            | Q(organisation__in=kept)
            | Q(professional__organisation__in=kept)
        )
        .select_related("method", "organisation", "professional__user")
        .order_by("method__name", "pk")
    )
    lines = []
    for training in trainings:
        holder = training.professional
        if holder is not None:
            who = holder.user.get_full_name() or holder.user.get_username()
        else:
            who = str(training.organisation)
        lines.append(
            RecordLine(
                id=training.pk,
                method_code=training.method.code,
                method_name=str(training.method),
                holder=who,
                trained_on=training.trained_on,
                valid_until=training.valid_until,
                certificate=training.certificate,
                expired=training.valid_until is not None and training.valid_until < today,
            )
        )
    return tuple(lines)


def method_choices() -> list[tuple[int, str]]:
    """Every method of the catalogue for a form's choices, by name in the active language."""
    return sorted(
        ((method.pk, str(method)) for method in Method.objects.all()),
        key=lambda item: item[1].casefold(),
    )
