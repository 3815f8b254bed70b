"""HSDS 3.0 export and import: valid against the official schemas, identical round trip, and an
all-or-nothing import that lists every error."""

import filecmp
import json
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from jsonschema import Draft202012Validator, FormatChecker
from referencing import Registry
from referencing.jsonschema import DRAFT202012

from perhekeskus.network.hsds.exporter import HSDS_FILES, TAXONOMY_ID, hsds_write
from perhekeskus.network.hsds.importer import hsds_import
from perhekeskus.network.hsds.schemas import SCHEMA_DIR
from perhekeskus.network.models import (
    Activity,
    Municipality,
    OpeningHours,
    OpeningHoursException,
    Organisation,
    ProfessionalPresence,
    Service,
    ServiceAtSite,
    ServiceContact,
    Site,
)

OFFICIAL = Path(__file__).with_name("hsds_schemas")
SHARED = Path(__file__).resolve().parents[3] / "shared" / "standards" / "hsds"


def official_validator(object_type: str) -> Draft202012Validator:
    schemas = {
        p.name: json.loads(p.read_text(encoding="utf-8"))
        for p in (OFFICIAL / "schema").glob("*.json")
        if p.name != "openapi.json"
    }
    registry: Registry = Registry().with_resources(
        (name, DRAFT202012.create_resource(s)) for name, s in schemas.items()
    )
    return Draft202012Validator(
        schemas[f"{object_type}.json"], registry=registry, format_checker=FormatChecker()
    )


def read(directory: Path, name: str) -> list[dict[str, Any]]:
    return json.loads((directory / f"{name}.json").read_text(encoding="utf-8"))


def write(directory: Path, name: str, objects: Any) -> None:
    (directory / f"{name}.json").write_text(json.dumps(objects, ensure_ascii=False), "utf-8")


def network_counts() -> dict[str, int]:
    return {
        model.__name__: model.objects.count()
        for model in (
            Organisation,
            Site,
            Service,
            ServiceAtSite,
            ServiceContact,
            OpeningHours,
            OpeningHoursException,
            Activity,
            ProfessionalPresence,
        )
    }


def flush_network() -> None:
    ProfessionalPresence.objects.all().delete()
    Activity.objects.all().delete()
    Service.objects.all().delete()
    Site.objects.all().delete()
    Organisation.objects.all().delete()


@pytest.fixture
def richer_network(network):
    """The personas' network with the details HSDS has separate objects for."""
    ServiceContact.objects.create(
        service=network.child_health_clinic,
        name="Neuvolan ajanvaraus",
        title_fi="ajanvaraus",
        title_sv="tidsbokning",
        title_en="appointments",
        phone="+358 9 816 31300",
        email="neuvola@example.org",
    )
    OpeningHoursException.objects.create(
        site=network.family_centre,
        date="2026-12-24",
        closed=True,
        reason_fi="jouluaatto",
        reason_sv="julafton",
        reason_en="Christmas Eve",
    )
    network.family_centre.accessibility_fi = "Sisäänkäynti pihan puolelta."
    network.family_centre.phone = "+358 9 816 30000"
    network.family_centre.save()
    network.county_org.phone = "+358 29 151 0000"
    network.county_org.save()
    network.child_health_clinic.phone = "+358 9 816 31300"
    network.child_health_clinic.target_groups = ["families", "children"]
    network.child_health_clinic.save()
    return network


def test_export_of_the_network_is_valid_against_the_official_hsds_schemas(richer_network, tmp_path):
    hsds_write(directory=tmp_path, include_drafts=True)

    errors = []
    for name in HSDS_FILES:
        validator = official_validator(name)
        for obj in read(tmp_path, name):
            errors += [
                f"{name} {obj['id']} {e.json_path}: {e.message}" for e in validator.iter_errors(obj)
            ]
    assert errors == []
    terms = {t["code"]: t for t in read(tmp_path, "taxonomy_term")}
    assert terms["child_health_clinic"]["taxonomy_id"] == TAXONOMY_ID
    clinic = next(s for s in read(tmp_path, "service") if s["name"] == "Lastenneuvola, Leppävaara")
    assert clinic["minimum_age"] == 0 and clinic["maximum_age"] == 6.92
    assert clinic["x_perhekeskus"]["name_sv"] == "Barnrådgivningen, Alberga"
    types = [a["value"] for a in read(tmp_path, "attribute") if a["link_id"] == clinic["id"]]
    assert types == ["child_health_clinic"]
    languages = {
        lang["code"]
        for lang in read(tmp_path, "language")
        if lang.get("service_id") == clinic["id"]
    }
    assert languages == {"fi", "sv"}
    cafe = next(s for s in read(tmp_path, "schedule") if s.get("description") == "Vauvakahvila")
    assert (cafe["freq"], cafe["byday"], cafe["opens_at"]) == ("WEEKLY", "TU", "10:00")
    address = next(a for a in read(tmp_path, "address") if a["address_1"] == "Hevosenkenkä 3")
    assert (address["postal_code"], address["country"]) == ("02600", "FI")


def test_export_holds_published_services_unless_drafts_are_asked_for(network, tmp_path):
    hsds_write(directory=tmp_path / "public")
    hsds_write(directory=tmp_path / "backup", include_drafts=True)

    public = {s["name"] for s in read(tmp_path / "public", "service")}
    backup = {s["name"] for s in read(tmp_path / "backup", "service")}
    assert "Perheneuvola (luonnos)" not in public
    assert "Perheneuvola (luonnos)" in backup
    assert public == backup - {"Perheneuvola (luonnos)"}
    text = (tmp_path / "public" / "service.json").read_text(encoding="utf-8")
    assert text.endswith("]\n") and "Lastenneuvola, Leppävaara" in text  # not \u-escaped


def test_round_trip_export_import_into_an_empty_register_export_is_identical(
    richer_network, tmp_path
):
    first, second = tmp_path / "first", tmp_path / "second"
    hsds_write(directory=first, include_drafts=True)
    counts = network_counts()
    flush_network()
    assert Service.objects.count() == 0

    report = hsds_import(directory=first)

    assert report.errors == []
    assert network_counts() == counts
    hsds_write(directory=second, include_drafts=True)
    names = [f"{name}.json" for name in HSDS_FILES]
    match, mismatch, missing = filecmp.cmpfiles(first, second, names, shallow=False)
    assert (mismatch, missing) == ([], [])
    assert len(match) == len(HSDS_FILES)


def test_reimport_updates_by_id_without_duplicates(network, tmp_path):
    hsds_write(directory=tmp_path, include_drafts=True)
    services = read(tmp_path, "service")
    clinic = next(s for s in services if s["name"] == "Lastenneuvola, Leppävaara")
    clinic["name"] = "Lastenneuvola, Leppävaara (uusi nimi)"
    write(tmp_path, "service", services)
    counts = network_counts()

    report = hsds_import(directory=tmp_path)
    again = hsds_import(directory=tmp_path)

    assert report.errors == [] and again.errors == []
    assert network_counts() == counts
    assert report.counts["service"] == {"created": 0, "updated": 4}
    network.child_health_clinic.refresh_from_db()
    assert network.child_health_clinic.name_fi == "Lastenneuvola, Leppävaara (uusi nimi)"
    assert network.child_health_clinic.name_sv == "Barnrådgivningen, Alberga"
    assert network.child_health_clinic.version == 3


def test_broken_import_lists_every_error_and_changes_nothing(network, tmp_path):
    hsds_write(directory=tmp_path, include_drafts=True)
    organisations = read(tmp_path, "organization")
    organisations.append(dict(organisations[0]))  # the same id twice
    write(tmp_path, "organization", organisations)
    identifiers = read(tmp_path, "organization_identifier")
    identifiers[0]["identifier"] = "1234567-8"  # wrong check digit
    identifiers[0]["x"] = 1
    write(tmp_path, "organization_identifier", identifiers)
    services = read(tmp_path, "service")
    del services[0]["name"]
    services[1]["minimum_age"] = "three"
    write(tmp_path, "service", services)
    attributes = read(tmp_path, "attribute")
    attributes[0]["taxonomy_term_id"] = "00000000-0000-4000-8000-000000000000"
    write(tmp_path, "attribute", attributes)
    links = read(tmp_path, "service_at_location")
    links[0]["service_id"] = "11111111-1111-4111-8111-111111111111"
    write(tmp_path, "service_at_location", links)
    (tmp_path / "location.json").write_text('[{"id": "broken",', encoding="utf-8")
    before = network_counts()
    names_before = list(Service.objects.values_list("name_fi", flat=True))

    report = hsds_import(directory=tmp_path)

    found = {(e.file, e.record_id, e.field) for e in report.errors}
    reasons = "\n".join(str(e) for e in report.errors)
    assert ("location.json", "-", "-") in found and "not valid JSON" in reasons
    assert ("organization.json", organisations[0]["id"], "id") in found
    assert "duplicate id" in reasons
    assert ("service.json", services[0]["id"], "-") in found
    assert "'name' is a required property" in reasons
    assert ("service.json", services[1]["id"], "minimum_age") in found
    assert "'three' is not of type 'number'" in reasons
    assert ("attribute.json", attributes[0]["id"], "taxonomy_term_id") in found
    assert "unknown taxonomy term" in reasons
    assert ("service_at_location.json", links[0]["id"], "service_id") in found
    assert "x_perhekeskus.business_id" in {e.field for e in report.errors}
    assert network_counts() == before
    assert list(Service.objects.values_list("name_fi", flat=True)) == names_before


def test_unknown_service_type_code_is_refused(network, tmp_path):
    hsds_write(directory=tmp_path)
    terms = read(tmp_path, "taxonomy_term")
    terms[0]["code"] = "astrology"
    write(tmp_path, "taxonomy_term", terms)

    report = hsds_import(directory=tmp_path)

    assert [(e.file, e.record_id, e.field) for e in report.errors] == [
        ("taxonomy_term.json", terms[0]["id"], "code")
    ]


def test_plain_hsds_from_another_publisher_finds_its_municipality_by_postal_code(db, tmp_path):
    from perhekeskus.network.hsds.exporter import taxonomy_term_id

    org = "6c0f7a53-3f7e-4b1e-9d7c-4b8f5f1e0a01"
    loc = "6c0f7a53-3f7e-4b1e-9d7c-4b8f5f1e0a02"
    svc = "6c0f7a53-3f7e-4b1e-9d7c-4b8f5f1e0a03"
    write(
        tmp_path,
        "organization",
        [{"id": org, "name": "Olohuone ry", "description": "", "x_perhekeskus": {"sector": "ngo"}}],
    )
    write(
        tmp_path,
        "location",
        [{"id": loc, "location_type": "physical", "name": "Olohuone", "organization_id": org}],
    )
    write(
        tmp_path,
        "address",
        [
            {
                "id": "6c0f7a53-3f7e-4b1e-9d7c-4b8f5f1e0a04",
                "location_id": loc,
                "address_1": "Kauppakatu 1",
                "city": "Tampere",
                "state_province": "Pirkanmaa",
                "postal_code": "33100",
                "country": "FI",
                "address_type": "physical",
            }
        ],
    )
    write(
        tmp_path,
        "service",
        [
            {
                "id": svc,
                "name": "Perhekahvila",
                "status": "active",
                "organization_id": org,
                "minimum_age": 0,
                "maximum_age": 6,
            }
        ],
    )
    write(
        tmp_path,
        "attribute",
        [
            {
                "id": "6c0f7a53-3f7e-4b1e-9d7c-4b8f5f1e0a05",
                "link_id": svc,
                "link_entity": "service",
                "taxonomy_term_id": taxonomy_term_id("meeting_place"),
            }
        ],
    )
    write(
        tmp_path,
        "service_at_location",
        [{"id": "6c0f7a53-3f7e-4b1e-9d7c-4b8f5f1e0a06", "service_id": svc, "location_id": loc}],
    )

    report = hsds_import(directory=tmp_path)

    assert report.errors == []
    site = Site.objects.get(hsds_id=loc)
    assert site.municipality == Municipality.objects.get(code="837")  # Tampere
    service = Service.objects.get(hsds_id=svc)
    assert service.status == Service.Status.PUBLISHED
    assert (service.min_age_months, service.max_age_months) == (0, 72)
    assert list(service.service_types.values_list("code", flat=True)) == ["meeting_place"]


def test_commands_export_and_refuse_a_broken_import_with_a_nonzero_exit(network, tmp_path, capsys):
    call_command("export_hsds", str(tmp_path))
    assert (tmp_path / "service_at_location.json").exists()
    (tmp_path / "service.json").write_text("{not json", encoding="utf-8")

    with pytest.raises(CommandError) as failure:
        call_command("import_hsds", str(tmp_path))

    assert failure.value.returncode == 2
    assert "service.json / - / - / not valid JSON" in capsys.readouterr().err


def test_shipped_schemas_equal_the_shared_standard():
    if not SHARED.is_dir():
        pytest.skip("the shared standards directory is not present")
    for path in (SHARED / "schema").glob("*.json"):
        assert (SCHEMA_DIR / path.name).read_bytes() == path.read_bytes(), path.name
        assert (OFFICIAL / "schema" / path.name).read_bytes() == path.read_bytes(), path.name
    for path in (SHARED / "compiled").glob("*.json"):
        assert (OFFICIAL / "compiled" / path.name).read_bytes() == path.read_bytes(), path.name
