"""The HSDS 3.0 read API: Open Referral tools read our published services directly."""

import json
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator, FormatChecker

from perhekeskus.network.hsds.exporter import TAXONOMY_ID, taxonomy_term_id
from perhekeskus.network.models import Service

COMPILED = Path(__file__).with_name("hsds_schemas") / "compiled"
SCHEMA = Path(__file__).with_name("hsds_schemas") / "schema"
PAGE_KEYS = {
    "total_items",
    "total_pages",
    "page_number",
    "size",
    "first_page",
    "last_page",
    "empty",
    "contents",
}


def schema_errors(schema_file: Path, document: Any) -> list[str]:
    schema = json.loads(schema_file.read_text(encoding="utf-8"))
    validator = Draft202012Validator(schema, format_checker=FormatChecker())
    return [f"{e.json_path}: {e.message}" for e in validator.iter_errors(document)]


def get(client, path: str, status: int = 200) -> Any:
    response = client.get(f"/api/hsds{path}")
    assert response.status_code == status, response.content
    return response.json()


def test_api_says_which_hsds_version_it_speaks(client, db):
    info = get(client, "/")
    assert info["version"] == "3.0"
    assert info["openapi_url"].endswith("/api/hsds/openapi.json")


def test_service_list_is_a_page_of_published_services_valid_against_the_list_schema(
    client, network
):
    page = get(client, "/services?per_page=2")

    assert set(page) == PAGE_KEYS
    assert (page["total_items"], page["total_pages"], page["first_page"]) == (3, 2, True)
    assert len(page["contents"]) == 2 and not page["last_page"]
    for service in page["contents"]:
        assert schema_errors(COMPILED / "service_list.json", service) == []
    everything = get(client, "/services?per_page=50")["contents"]
    names = {s["name"] for s in everything}
    assert "Perheneuvola (luonnos)" not in names
    assert "Lastenneuvola, Leppävaara" in names


def test_services_filter_by_taxonomy_term_organisation_search_and_modification(client, network):
    term = taxonomy_term_id("family_work")
    by_term = get(client, f"/services?taxonomy_term_id={term}")["contents"]
    assert [s["name"] for s in by_term] == ["Perhetyö, Tikkurila"]
    org = network.ngo.hsds_id
    assert [s["name"] for s in get(client, f"/services?organization_id={org}")["contents"]] == [
        "Perhekahvila Kupla"
    ]
    assert [s["name"] for s in get(client, "/services?search=barnråd")["contents"]] == [
        "Lastenneuvola, Leppävaara"
    ]
    assert get(client, "/services?modified_after=2999-01-01T00:00:00Z")["empty"] is True
    assert get(client, "/services?modified_after=yesterday", status=400)["code"] == "invalid"


def test_full_service_nests_its_organisation_locations_schedules_and_types(client, network):
    service = get(client, f"/services/{network.child_health_clinic.hsds_id}")

    assert schema_errors(COMPILED / "service.json", service) == []
    assert service["organization"]["name"] == "Länsi-Uudenmaan hyvinvointialue"
    assert (
        service["organization"]["organization_identifiers"][0]["identifier"]
        == network.county_org.business_id
    )
    [link] = service["service_at_locations"]
    assert link["location"]["name"] == "Leppävaaran perhekeskus"
    assert link["location"]["schedules"][0]["byday"] == "MO"
    assert link["location"]["addresses"][0]["postal_code"] == "02600"
    [attribute] = service["attributes"]
    assert attribute["taxonomy_term"]["code"] == "child_health_clinic"
    assert attribute["taxonomy_term"]["taxonomy_detail"]["id"] == TAXONOMY_ID


def test_draft_unknown_and_malformed_ids_answer_404_json(client, network):
    for path in (
        f"/services/{network.draft_service.hsds_id}",
        "/services/00000000-0000-4000-8000-000000000000",
        "/services/not-a-uuid",
        "/organizations/not-a-uuid",
        "/service_at_locations/%20",
        "/taxonomies/x",
        "/taxonomy_terms/x",
    ):
        assert get(client, path, status=404)["code"] == "not_found"
    assert get(client, "/services?page=abc", status=400)["code"] == "invalid"


def test_organisations_list_and_detail_validate_against_the_compiled_schemas(client, network):
    page = get(client, "/organizations?search=hyvinvointialue")
    assert page["total_items"] == 2
    for organization in page["contents"]:
        assert schema_errors(COMPILED / "organization_list.json", organization) == []

    full = get(client, f"/organizations/{network.county_org.hsds_id}?full_service=true")

    assert schema_errors(COMPILED / "organization.json", full) == []
    assert [s["name"] for s in full["services"]] == ["Lastenneuvola, Leppävaara"]
    assert [loc["name"] for loc in full["locations"]] == ["Leppävaaran perhekeskus"]


def test_service_at_location_list_and_detail(client, network):
    page = get(client, "/service_at_locations?postcode=02600")
    assert page["total_items"] == 2  # the draft service's link is not public
    for link in page["contents"]:
        assert schema_errors(COMPILED / "service_at_location_list.json", link) == []
    link_id = network.family_cafe.at_sites.get().hsds_id

    full = get(client, f"/service_at_locations/{link_id}")

    assert schema_errors(COMPILED / "service_at_location.json", full) == []
    assert full["service"]["name"] == "Perhekahvila Kupla"
    assert full["location"]["name"] == "Perhekahvila Kupla"
    [activity] = full["service"]["schedules"]
    assert activity["x_perhekeskus"]["activity"]["rrule"] == "FREQ=WEEKLY;BYDAY=TU"


def test_taxonomy_and_its_terms_are_served(client, db):
    [taxonomy] = get(client, "/taxonomies")["contents"]
    assert schema_errors(SCHEMA / "taxonomy.json", taxonomy) == []
    assert get(client, f"/taxonomies/{TAXONOMY_ID}")["name"] == "perhekeskus-service-types"
    terms = get(client, f"/taxonomy_terms?taxonomy_id={TAXONOMY_ID}&per_page=200")
    assert terms["total_items"] == 34
    term = get(client, f"/taxonomy_terms/{taxonomy_term_id('child_health_clinic')}")
    assert (term["code"], term["name"]) == ("child_health_clinic", "lastenneuvola")
    assert get(client, "/taxonomy_terms?parent_id=x")["empty"] is True


@pytest.mark.parametrize("status", [Service.Status.DRAFT, Service.Status.ARCHIVED])
def test_unpublishing_a_service_removes_it_from_the_api(client, network, status):
    network.family_cafe.status = status
    network.family_cafe.save()
    names = {s["name"] for s in get(client, "/services")["contents"]}
    assert "Perhekahvila Kupla" not in names
    get(client, f"/services/{network.family_cafe.hsds_id}", status=404)
