"""The reference data every installation starts with: counties, municipalities, postal areas
and the service-type vocabulary."""

import csv
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from perhekeskus.network.models import County, Municipality, PostalArea, ServiceType
from perhekeskus.network.reference_data import SERVICE_TYPES_CSV, reference_data_load
from perhekeskus.network.validators import business_id_is_valid, validate_business_id

SHARED = Path(__file__).resolve().parents[3] / "shared"


@pytest.mark.django_db
def test_every_municipality_is_there_with_its_county_and_population():
    assert Municipality.objects.count() == 308
    assert County.objects.count() == 23
    total = sum(Municipality.objects.values_list("population", flat=True))
    assert total == 5_563_970
    espoo = Municipality.objects.get(code="049")
    assert (espoo.name_fi, espoo.name_sv) == ("Espoo", "Esbo")
    assert espoo.county.name_en == "West Uusimaa wellbeing services county"
    assert espoo.in_capital_region


@pytest.mark.django_db
def test_postal_areas_split_cities_and_know_their_children():
    assert PostalArea.objects.count() == 3026
    centre = PostalArea.objects.get(code="00100")
    assert centre.municipality.name_fi == "Helsinki"
    assert centre.children and centre.children > 0
    assert centre.latitude == pytest.approx(60.17, abs=0.01)


@pytest.mark.django_db
def test_loading_again_changes_nothing_and_adds_no_duplicates():
    with CaptureQueriesContext(connection) as queries:
        reference_data_load()
    writes = [q["sql"] for q in queries if not q["sql"].lstrip().upper().startswith("SELECT")]
    assert writes == []
    assert Municipality.objects.count() == 308
    assert ServiceType.objects.count() == 34


@pytest.mark.django_db
def test_service_types_come_with_names_in_three_languages():
    clinic = ServiceType.objects.get(code="child_health_clinic")
    assert (clinic.name_fi, clinic.name_sv, clinic.name_en) == (
        "lastenneuvola",
        "barnrådgivning",
        "child health clinic",
    )
    assert (clinic.group, clinic.level, clinic.min_age, clinic.max_age) == (
        "health",
        "universal",
        0,
        6,
    )


@pytest.mark.skipif(not SHARED.exists(), reason="../shared is not beside this checkout")
@pytest.mark.parametrize(
    ("shipped", "source"),
    [
        (SERVICE_TYPES_CSV, "vocabulary/service_types.csv"),
        (SERVICE_TYPES_CSV.parent / "municipalities.csv", "data/municipalities.csv"),
        (SERVICE_TYPES_CSV.parent / "postal_areas.csv", "data/postal_areas.csv"),
        (
            SERVICE_TYPES_CSV.parent / "wellbeing_services_counties.csv",
            "data/wellbeing_services_counties.csv",
        ),
    ],
)
def test_shipped_copy_equals_the_shared_source(shipped, source):
    assert shipped.read_bytes() == (SHARED / source).read_bytes()


def test_service_type_codes_are_unique_and_stable_slugs():
    with open(SERVICE_TYPES_CSV, encoding="utf-8") as handle:
        codes = [row["code"] for row in csv.DictReader(handle)]
    assert len(codes) == len(set(codes))
    assert all(code.replace("_", "").isalnum() and code.islower() for code in codes)


@pytest.mark.parametrize(
    ("business_id", "valid"),
    [
        ("0201256-6", True),  # Kela
        ("3221308-6", True),
        ("0201256-5", False),  # wrong check digit
        ("201256-6", False),  # too short
        ("0201256 6", False),
        ("1572860-0", True),
    ],
)
def test_business_id_check_digit(business_id, valid):
    assert business_id_is_valid(business_id) is valid


def test_invalid_business_id_error_says_what_is_wrong():
    with pytest.raises(ValidationError) as error:
        validate_business_id("1234567-8")
    assert "1234567-8" in str(error.value)
