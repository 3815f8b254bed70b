"""Reference data shipped with the package: wellbeing services counties, the 308
municipalities with populations, postal areas and the service-type vocabulary.

Loaded by a data migration, so every database has them; `reference_data_load` is idempotent
and updates rows in place by code (codes never change)."""

import csv
from collections.abc import Iterator
from pathlib import Path
from typing import Any

DATA_DIR = Path(__file__).resolve().parent / "data"
SERVICE_TYPES_CSV = DATA_DIR / "service_types.csv"

COUNTY_KINDS = {
    "wellbeing_services_county": "wellbeing_services_county",
    "city_of_helsinki": "city_of_helsinki",
    "aland_not_a_county": "aland",
}


def read_csv(name: str | Path) -> Iterator[dict[str, str]]:
    path = name if isinstance(name, Path) else DATA_DIR / name
    with open(path, encoding="utf-8", newline="") as handle:
        yield from csv.DictReader(handle)


def _float(value: str) -> float | None:
    return float(value) if value.strip() else None


def _int(value: str) -> int | None:
    return int(value) if value.strip() else None


def _upsert(model: Any, key: str, rows: list[dict[str, Any]]) -> None:
    """Create missing rows and update only the fields that differ, so loading the same data
    again writes nothing."""
    existing = {getattr(obj, key): obj for obj in model.objects.all()}
    new, changed, changed_fields = [], [], set()
    for row in rows:
        obj = existing.get(row[key])
        if obj is None:
            new.append(model(**row))
            continue
        differing = {field for field, value in row.items() if getattr(obj, field) != value}
        for field in differing:
            setattr(obj, field, row[field])
        if differing:
            changed.append(obj)
            changed_fields |= differing
    model.objects.bulk_create(new, batch_size=500)
    if changed:
        model.objects.bulk_update(changed, sorted(changed_fields), batch_size=500)


def reference_data_load(apps: Any = None) -> None:
    """Create or update counties, municipalities, postal areas and service types."""
    get = apps.get_model if apps is not None else _live_model
    County = get("network", "County")
    Municipality = get("network", "Municipality")
    PostalArea = get("network", "PostalArea")
    ServiceType = get("network", "ServiceType")

    _upsert(
        County,
        "code",
        [
            {
                "code": row["hyvinvointialue_code"],
                "name": row["hyvinvointialue_fi"],
                "name_fi": row["hyvinvointialue_fi"],
                "name_sv": row["hyvinvointialue_sv"],
                "name_en": row["hyvinvointialue_en"],
                "kind": COUNTY_KINDS[row["kind"]],
                "population": int(row["population"]),
            }
            for row in read_csv("wellbeing_services_counties.csv")
        ],
    )
    county_ids = dict(County.objects.values_list("code", "id"))
    _upsert(
        Municipality,
        "code",
        [
            {
                "code": row["kuntanumero"],
                "name": row["name_fi"],
                "name_fi": row["name_fi"],
                "name_sv": row["name_sv"],
                "name_en": row["name_fi"],
                "county_id": county_ids[row["hyvinvointialue_code"]],
                "population": int(row["population"]),
                "population_year": int(row["population_year"]),
                "latitude": _float(row["centre_lat"]),
                "longitude": _float(row["centre_lon"]),
            }
            for row in read_csv("municipalities.csv")
        ],
    )
    municipality_ids = dict(Municipality.objects.values_list("code", "id"))
    _upsert(
        PostalArea,
        "code",
        [
            {
                "code": row["postal_code"],
                "name": row["area_name_fi"],
                "name_fi": row["area_name_fi"],
                "name_sv": row["area_name_sv"] or row["area_name_fi"],
                "name_en": row["area_name_fi"],
                "municipality_id": municipality_ids[row["kuntanumero"]],
                "population": _int(row["population"]) or 0,
                "children": _int(row["children_0_17"]),
                "latitude": _float(row["centre_lat"]),
                "longitude": _float(row["centre_lon"]),
            }
            for row in read_csv("postal_areas.csv")
            if row["kuntanumero"] in municipality_ids
        ],
    )
    _upsert(
        ServiceType,
        "code",
        [
            {
                "code": row["code"],
                "group": row["group"],
                "level": row["level"],
                "min_age": _int(row["min_age"]),
                "max_age": _int(row["max_age"]),
                "name": row["name_fi"],
                "name_fi": row["name_fi"],
                "name_sv": row["name_sv"],
                "name_en": row["name_en"],
            }
            for row in read_csv(SERVICE_TYPES_CSV)
        ],
    )


def _live_model(app_label: str, model_name: str) -> Any:
    from django.apps import apps as live_apps

    return live_apps.get_model(app_label, model_name)
