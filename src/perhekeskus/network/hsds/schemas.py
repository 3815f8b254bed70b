"""The official Open Referral HSDS 3.0 JSON schemas (copied from `standards/hsds/schema`, tag
v3.0, CC BY-SA 4.0) and validators for them.

The files' `$ref`s are bare file names ("phone.json"); each schema is registered under its file
name so that they resolve without network access.
"""

import json
from functools import cache
from pathlib import Path
from typing import Any

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


def hsds_object_errors(object_type: str, document: Any) -> list[tuple[str, str]]:
    """(field path, reason) for each way `document` breaks its official schema."""
    return [
        (error.json_path.removeprefix("$.").removeprefix("$") or "-", error.message)
        for error in sorted(
            hsds_validator(object_type).iter_errors(document), key=lambda e: e.json_path
        )
    ]
