"""The official Open Referral HSDS 3.0 JSON schemas (copied from `standards/hsds/schema`, tag
v3.0, CC BY-SA 4.0) and validators for them.

The files' `$ref`s are bare file names ("phone.json"); each schema is registered under its file
name so that they resolve without network access.
"""

import json
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema_rs
from jsonschema import Draft202012Validator, FormatChecker
from referencing import Registry
from referencing.jsonschema import DRAFT202012

SCHEMA_DIR = Path(__file__).with_name("schemas")


@cache
def hsds_schemas() -> dict[str, dict[str, Any]]:
    return {
        path.name: json.loads(path.read_text(encoding="utf-8"))
        for path in sorted(SCHEMA_DIR.glob("*.json"))
        if path.name != "openapi.json"
    }


@cache
def hsds_validator(object_type: str) -> Draft202012Validator:
    """A validator for one HSDS object type ("service", "location" …), formats checked."""
    schemas = hsds_schemas()
    registry: Registry = Registry().with_resources(
        (name, DRAFT202012.create_resource(schema)) for name, schema in schemas.items()
    )
    return Draft202012Validator(
        schemas[f"{object_type}.json"], registry=registry, format_checker=FormatChecker()
    )


@cache
def _hsds_fast_validator(object_type: str) -> Any:
    """The same schema in jsonschema-rs, formats checked (at least as strictly): ten times
    faster, so a national import checks its objects in seconds. It only says yes or no."""
    schemas = hsds_schemas()
    registry = jsonschema_rs.Registry(list(schemas.items()))
    return jsonschema_rs.Draft202012Validator(
        schemas[f"{object_type}.json"], registry=registry, validate_formats=True
    )


def hsds_object_errors(object_type: str, document: Any) -> list[tuple[str, str]]:
    """(field path, reason) for each way `document` breaks its official schema."""
    if _hsds_fast_validator(object_type).is_valid(document):
        return []
    # The reasons come from `jsonschema`, whose messages and paths the reports are written in.
    return [
        (error.json_path.removeprefix("$.").removeprefix("$") or "-", error.message)
        for error in sorted(
            hsds_validator(object_type).iter_errors(document), key=lambda e: e.json_path
        )
    ]


_TEXT = {"type": "string", "maxLength": 200}
_CODES = {"type": "array", "uniqueItems": True}

# Our extension file `x_perhekeskus_area.json` (family centre areas; see exporter.py).
AREA_SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "title": "Perhekeskus family centre area (an extension to HSDS 3.0)",
    "type": "object",
    "required": ["id", "name_fi", "county_code"],
    "additionalProperties": False,
    "properties": {
        "id": {"type": "string", "format": "uuid"},
        "name_fi": {**_TEXT, "minLength": 1},
        "name_sv": _TEXT,
        "name_en": _TEXT,
        "description_fi": {"type": "string"},
        "description_sv": {"type": "string"},
        "description_en": {"type": "string"},
        "county_code": {"type": "string", "pattern": "^[0-9]{2}$"},
        "municipality_codes": {**_CODES, "items": {"type": "string", "pattern": "^[0-9]{3}$"}},
        "postal_codes": {**_CODES, "items": {"type": "string", "pattern": "^[0-9]{5}$"}},
        "population": {"type": "integer", "minimum": 0},
        "children": {"type": ["integer", "null"], "minimum": 0},
    },
}


@cache
def _area_validator() -> Draft202012Validator:
    return Draft202012Validator(AREA_SCHEMA, format_checker=FormatChecker())


def area_object_errors(document: Any) -> list[tuple[str, str]]:
    """(field path, reason) for each way `document` breaks the area extension's schema."""
    return [
        (error.json_path.removeprefix("$.").removeprefix("$") or "-", error.message)
        for error in sorted(_area_validator().iter_errors(document), key=lambda e: e.json_path)
    ]
