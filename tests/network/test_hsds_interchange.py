"""HSDS 3.0 export and import: valid against the official schemas, identical round trip, and an
all-or-nothing import that lists every error."""

import filecmp
import json
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from jsonschema import Draft202012Validator, FormatChecker
from referencing import Registry
from referencing.jsonschema import DRAFT202012

from perhekeskus.network.demo import demo_generate, demo_reset
from perhekeskus.network.hsds.exporter import AREA_FILE, HSDS_FILES, TAXONOMY_ID, hsds_write
from perhekeskus.network.hsds.importer import hsds_import
from perhekeskus.network.hsds.schemas import SCHEMA_DIR, hsds_object_errors
from perhekeskus.network.models import (
    Activity,
    Area,
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


EXPORTED_FILES = [f"{name}.json" for name in (*HSDS_FILES, AREA_FILE)]


def network_counts() -> dict[str, int]:
    return {
        model.__name__: model.objects.count()
        for model in (
            Area,
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
    Area.objects.all().delete()
    Organisation.objects.all().delete()


def versions() -> dict[str, list[tuple[Any, ...]]]:
    return {
        model.__name__: sorted(model.objects.values_list("hsds_id", "version", "updated_at"))
        for model in (Area, Organisation, Site, Service, Activity)
    }


def nothing_written(counts: dict[str, dict[str, int]]) -> bool:
    return all(c["created"] == c["updated"] == c["deleted"] == 0 for c in counts.values())


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
    match, mismatch, missing = filecmp.cmpfiles(first, second, EXPORTED_FILES, shallow=False)
    assert (mismatch, missing) == ([], [])
    assert len(match) == len(EXPORTED_FILES)
    family_centre = Site.objects.get(hsds_id=richer_network.family_centre.hsds_id)
    assert family_centre.area is not None
    assert family_centre.area.name_sv == "Alberga familjecentralområde"
    assert list(family_centre.area.municipalities.values_list("code", flat=True)) == ["049"]


def test_reimport_updates_only_what_changed_by_id_without_duplicates(richer_network, tmp_path):
    network = richer_network
    hsds_write(directory=tmp_path, include_drafts=True)
    services = read(tmp_path, "service")
    clinic = next(s for s in services if s["name"] == "Lastenneuvola, Leppävaara")
    clinic["name"] = "Lastenneuvola, Leppävaara (uusi nimi)"
    write(tmp_path, "service", services)
    schedules = read(tmp_path, "schedule")
    christmas = next(s for s in schedules if s.get("description") == "jouluaatto")
    christmas["description"] = "jouluaatto: suljettu"
    write(tmp_path, "schedule", schedules)
    counts = network_counts()
    exception_pks = sorted(OpeningHoursException.objects.values_list("pk", flat=True))
    before = versions()

    report = hsds_import(directory=tmp_path)

    assert report.errors == []
    assert network_counts() == counts
    assert report.counts["service"] == {
        "created": 0,
        "updated": 1,
        "unchanged": len(services) - 1,
        "deleted": 0,
    }
    assert report.counts["hours_exception"]["updated"] == 1
    assert sorted(OpeningHoursException.objects.values_list("pk", flat=True)) == exception_pks
    network.child_health_clinic.refresh_from_db()
    assert network.child_health_clinic.name_fi == "Lastenneuvola, Leppävaara (uusi nimi)"
    assert network.child_health_clinic.name_sv == "Barnrådgivningen, Alberga"
    assert network.child_health_clinic.version == 2
    changed = {
        name: [row for row in rows if row not in before[name]] for name, rows in versions().items()
    }
    assert changed == {
        "Area": [],
        "Organisation": [],
        "Site": [],
        "Service": [
            (network.child_health_clinic.hsds_id, 2, network.child_health_clinic.updated_at)
        ],
        "Activity": [],
    }

    again = hsds_import(directory=tmp_path)

    assert again.errors == []
    assert nothing_written(again.counts), again.counts
    network.child_health_clinic.refresh_from_db()
    assert network.child_health_clinic.version == 2


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


def test_export_publishes_the_verified_date_but_not_the_verifiers_email(network, tmp_path):
    verifier = get_user_model().objects.create_user(
        username="verifier", email="v.person@example.org"
    )
    for service in (network.child_health_clinic, network.draft_service):
        service.last_verified_by = verifier
        service.save()

    hsds_write(directory=tmp_path, include_drafts=True)

    services = read(tmp_path, "service")
    clinic = next(s for s in services if s["id"] == str(network.child_health_clinic.hsds_id))
    assert clinic["assured_date"] == "2026-09-01"
    assert not any("assurer_email" in service for service in services)
    assert not any("v.person@example.org" in (tmp_path / n).read_text() for n in EXPORTED_FILES)

    # A new verified date from the files: who verified it is not known; the same date keeps it.
    draft = next(s for s in services if s["id"] == str(network.draft_service.hsds_id))
    draft["assured_date"] = "2026-10-01"
    write(tmp_path, "service", services)
    assert hsds_import(directory=tmp_path).errors == []

    network.child_health_clinic.refresh_from_db()
    network.draft_service.refresh_from_db()
    assert network.child_health_clinic.last_verified_by == verifier
    assert network.draft_service.last_verified_at.isoformat() == "2026-10-01"
    assert network.draft_service.last_verified_by is None


def test_broken_area_file_lists_every_error_and_changes_nothing(network, tmp_path):
    hsds_write(directory=tmp_path, include_drafts=True)
    area = read(tmp_path, AREA_FILE)[0]
    wrong_county = {**area, "id": "7d0f7a53-3f7e-4b1e-9d7c-4b8f5f1e0a01", "county_code": "99"}
    unknown_places = {
        **area,
        "id": "7d0f7a53-3f7e-4b1e-9d7c-4b8f5f1e0a02",
        "municipality_codes": ["049", "999", "837"],
        "postal_codes": ["00000"],
    }
    wrong_type = {**area, "id": "7d0f7a53-3f7e-4b1e-9d7c-4b8f5f1e0a03", "population": "many"}
    write(tmp_path, AREA_FILE, [area, area, wrong_county, unknown_places, wrong_type])
    before = network_counts()
    area_names = sorted(Area.objects.values_list("name_fi", flat=True))

    report = hsds_import(directory=tmp_path)

    found = {(e.file, e.record_id, e.field): e.reason for e in report.errors}
    name = f"{AREA_FILE}.json"
    assert found[(name, area["id"], "id")] == "duplicate id"
    assert found[(name, wrong_county["id"], "county_code")] == "unknown county"
    assert found[(name, unknown_places["id"], "postal_codes")] == "unknown postal code 00000"
    municipality_errors = [
        str(e)
        for e in report.errors
        if (e.record_id, e.field) == (unknown_places["id"], "municipality_codes")
    ]
    assert any("unknown municipality 999" in e for e in municipality_errors)
    assert any("municipality 837 is not in county 03" in e for e in municipality_errors)
    assert "'many' is not of type 'integer'" in found[(name, wrong_type["id"], "population")]
    assert network_counts() == before
    assert sorted(Area.objects.values_list("name_fi", flat=True)) == area_names


@pytest.mark.slow
def test_region_demo_round_trip_is_identical_and_a_second_import_changes_nothing(db, tmp_path):
    """The region demo (over a hundred areas, thousands of services, hours and activities):
    export, wipe the network, import, export again: every file the same. Then the same files
    once more: nothing is written, no version moves."""
    first, second = tmp_path / "first", tmp_path / "second"
    demo_generate(scale="region", seed=2026, users=False)
    hsds_write(directory=first, include_drafts=True)
    # The demo's export is valid open data: every object against the official schemas (the
    # shipped copies, which test_shipped_schemas_equal_the_shared_standard keeps identical).
    invalid = [
        (name, obj["id"], error)
        for name in HSDS_FILES
        for obj in read(first, name)
        for error in hsds_object_errors(name, obj)
    ]
    assert invalid == []
    counts = network_counts()
    demo_reset()
    assert network_counts() == dict.fromkeys(counts, 0)

    report = hsds_import(directory=first)

    assert report.errors == [] and report.warnings == []
    assert network_counts() == counts
    hsds_write(directory=second, include_drafts=True)
    _same, mismatch, missing = filecmp.cmpfiles(first, second, EXPORTED_FILES, shallow=False)
    assert (mismatch, missing) == ([], [])
    assert len(read(second, AREA_FILE)) == counts["Area"] > 100
    located = [loc for loc in read(second, "location") if loc["x_perhekeskus"]["area_id"]]
    assert len(located) == Site.objects.exclude(area=None).count() > 1000
    before = versions()

    again = hsds_import(directory=first)

    assert again.errors == []
    assert nothing_written(again.counts), again.counts
    assert again.counts["service"]["unchanged"] == counts["Service"]
    assert again.counts["hours_exception"]["unchanged"] == counts["OpeningHoursException"]
    assert versions() == before
