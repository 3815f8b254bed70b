"""The classification mapping shipped with the package (`data/classification_mapping.csv`):
loaded by a data migration, then maintained in the admin. Loading again only adds rows that
are missing, so a maintainer's changes to a seeded row are never undone."""

import csv
from pathlib import Path
from typing import Any

MAPPING_CSV = Path(__file__).resolve().parent / "data" / "classification_mapping.csv"


def mapping_rows() -> list[dict[str, str]]:
    with open(MAPPING_CSV, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def mapping_load(apps: Any = None) -> int:
    """Create the shipped mapping rows that do not exist yet; returns how many were added."""
    if apps is None:
        from django.apps import apps as live_apps

        apps = live_apps
    mapping = apps.get_model("ptv", "ClassificationMapping")
    service_type = apps.get_model("network", "ServiceType")
    types = dict(service_type.objects.values_list("code", "pk"))
    existing = set(mapping.objects.values_list("kind", "code"))
    new = [
        mapping(
            kind=row["kind"],
            code=row["code"],
            label=row["label"],
            service_type_id=types[row["service_type"]] if row["service_type"] else None,
            target_group=row["target_group"],
            site_kind=row["site_kind"],
            note=row["note"],
        )
        for row in mapping_rows()
        if (row["kind"], row["code"]) not in existing
    ]
    mapping.objects.bulk_create(new)
    return len(new)
