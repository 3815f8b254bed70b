"""Reads for maintainers: what PTV gives that our mapping does not cover, services left without
a type, the previous run, and values of conflicts in words."""

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from perhekeskus.network.models import County, OpeningHours, Organisation, Service, Site
from perhekeskus.ptv.models import ClassificationMapping, ImportRun, PtvRecord


@dataclass(frozen=True)
class UnmappedCode:
    kind: str
    kind_label: str
    code: str
    label: str
    services: int
    examples: list[str]


def unmapped_codes() -> list[UnmappedCode]:
    """Classifications imported services carry that have no mapping row, with how many
    services carry each: most services first."""
    mapped = set(ClassificationMapping.objects.values_list("kind", "code"))
    carried: dict[tuple[str, str], set[int]] = defaultdict(set)
    labels: dict[tuple[str, str], str] = {}
    records = PtvRecord.objects.filter(kind=PtvRecord.Kind.SERVICE).values_list(
        "object_id", "codes"
    )
    for object_id, codes in records:
        for kind, code, label in codes or []:
            if (kind, code) not in mapped:
                carried[(kind, code)].add(object_id)
                labels[(kind, code)] = labels.get((kind, code)) or label
    names = dict(
        Service.objects.filter(pk__in={pk for ids in carried.values() for pk in ids}).values_list(
            "pk", "name"
        )
    )
    kinds = dict(ClassificationMapping.Kind.choices)
    found = [
        UnmappedCode(
            kind,
            str(kinds.get(kind, kind)),
            code,
            labels[(kind, code)],
            len([pk for pk in ids if pk in names]),
            sorted(names[pk] for pk in ids if pk in names)[:3],
        )
        for (kind, code), ids in carried.items()
    ]
    return sorted((u for u in found if u.services), key=lambda u: (-u.services, u.kind, u.code))


def services_without_type() -> QuerySet[Service]:
    """Imported services with no service type: drafts until their codes are mapped."""
    return (
        Service.objects.filter(ptv_id__isnull=False, service_types__isnull=True)
        .select_related("organisation")
        .order_by("name")
    )


def last_successful_api_run(*, source: str, scope: str) -> ImportRun | None:
    return (
        ImportRun.objects.filter(
            mode=ImportRun.Mode.API,
            status=ImportRun.Status.SUCCEEDED,
            source=source,
            scope=scope,
        )
        .order_by("-started_at")
        .first()
    )


def conflict_value_text(field: str, value: Any) -> str:
    """A conflict's value as a maintainer reads it."""
    if value in (None, "", []):
        return "—"
    if field in ("organisation", "operator"):
        organisation = Organisation.objects.filter(pk=value).first()
        return str(organisation) if organisation else str(value)
    if field == "service_area":
        area, counties = value
        label = str(dict(Service.ServiceArea.choices).get(area, area))
        names = ", ".join(str(c) for c in County.objects.filter(code__in=counties))
        return f"{label}: {names}" if names else label
    if field == "sites":
        return ", ".join(str(s) for s in Site.objects.filter(pk__in=value))
    if field == "opening_hours":
        days = dict(OpeningHours.Weekday.choices)
        return "; ".join(
            f"{days.get(d, d)} {opens}–{closes}"
            + (f" ({valid_from or ''}–{valid_to or ''})" if valid_from or valid_to else "")
            for d, opens, closes, valid_from, valid_to in value
        )
    if field == "hours_exceptions":
        return "; ".join(
            f"{day} " + (_("closed") if closed else f"{opens}–{closes}") + (f" {fi}" if fi else "")
            for day, closed, opens, closes, fi, _sv, _en in value
        )
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return str(value)
