"""The method catalogue shipped with the package (`data/methods.json`): well-known methods of
Finnish family centres with honest descriptions. A rating is recorded only as its source gives
it, with the source's address and the day it was read; where none was found, the method is
"not rated" and points to the Kasvun tuki database to check.

Loaded by a data migration, so every database has the catalogue. `catalogue_load` is
idempotent: it creates the methods missing by code and leaves the existing ones as the data
maintainers have kept them.
"""

import json
from datetime import date
from pathlib import Path
from typing import Any

CATALOGUE_JSON = Path(__file__).resolve().parent / "data" / "methods.json"
LANGUAGES = ("fi", "sv", "en")
TRANSLATED = (
    "name",
    "other_names",
    "aim",
    "target_group",
    "description",
    "owner",
    "training_provider",
    "training_duration",
    "evidence_statement",
)
PLAIN = (
    "min_age_months",
    "max_age_months",
    "deliveries",
    "website",
    "evidence_level",
    "evidence_source",
    "evidence_url",
)


def catalogue_entries(path: Path = CATALOGUE_JSON) -> list[dict[str, Any]]:
    return list(json.loads(path.read_text(encoding="utf-8")))


def _values(entry: dict[str, Any]) -> dict[str, Any]:
    values: dict[str, Any] = {"code": entry["code"]}
    for field in TRANSLATED:
        texts = entry.get(field) or {}
        values[field] = texts.get("fi", "")
        for lang in LANGUAGES:
            values[f"{field}_{lang}"] = texts.get(lang, "")
    for field in PLAIN:
        values[field] = entry.get(field)
    checked = entry.get("evidence_checked_on")
    values["evidence_checked_on"] = date.fromisoformat(checked) if checked else None
    return values


def catalogue_load(apps: Any = None, *, path: Path = CATALOGUE_JSON) -> int:
    """Create the catalogue's methods missing from the database; the number created."""
    if apps is not None:
        Method = apps.get_model("methods", "Method")
        ServiceType = apps.get_model("network", "ServiceType")
    else:
        from perhekeskus.methods.models import Method
        from perhekeskus.network.models import ServiceType

    existing = set(Method.objects.values_list("code", flat=True))
    types = dict(ServiceType.objects.values_list("code", "pk"))
    created = 0
    for entry in catalogue_entries(path):
        if entry["code"] in existing:
            continue
        method = Method.objects.create(**_values(entry))
        method.service_types.set([types[code] for code in entry["service_types"] if code in types])
        created += 1
    return created
