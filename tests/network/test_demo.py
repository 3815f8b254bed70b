"""The demo network looks and behaves like the real one: Uusimaa drawn by the population rule,
over 900 meeting places, every service type in three languages, valid business ids, visiting
professionals, working demo logins, and the same data for the same seed."""

import os
from datetime import date
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from perhekeskus.network.demo import (
    DEMO_PASSWORD,
    DEMO_USERS,
    UUSIMAA_COUNTIES,
    DemoRefused,
    business_id_with_check,
    demo_digest,
    demo_generate,
    demo_reset,
    finnish_holidays,
)
from perhekeskus.network.models import (
    Activity,
    Area,
    MaintainerRole,
    Organisation,
    ProfessionalPresence,
    Service,
    ServiceType,
    Site,
)
from perhekeskus.network.selectors import (
    area_band_warning,
    area_population_compute,
    services_needing_verification,
)
from perhekeskus.network.validators import business_id_is_valid

# Dates in the demo are relative to today, as "needs verification" is.
TODAY = timezone.localdate()


@pytest.fixture(scope="module")
def region_demo(django_db_setup, django_db_blocker):
    """One region demo for the module (it takes seconds, not milliseconds), removed afterwards."""
    with django_db_blocker.unblock():
        output = StringIO()
        result = demo_generate(scale="region", seed=2026, stdout=output, today=TODAY)
        digest = demo_digest()
        yield result, digest, output.getvalue()
        demo_reset()
        get_user_model().objects.filter(username__in=[u for u, _ in DEMO_USERS]).delete()


@pytest.fixture
def demo(region_demo, db):
    return region_demo


def test_uusimaa_is_drawn_into_about_thirty_areas_within_the_band(demo):
    areas = list(Area.objects.filter(county__code__in=UUSIMAA_COUNTIES))
    assert 27 <= len(areas) <= 33
    outside = [warning for area in areas if (warning := area_band_warning(area))]
    # The rule cannot always be met with whole municipalities (Mäntsälä and Pornainen are
    # 26 000 together, and every neighbour is already full); those few are listed as warnings.
    assert len(outside) <= 2, outside
    _, _, output = demo
    for warning in outside:
        assert warning in output
    capital = [a for a in areas if a.postal_areas.exists()]
    assert capital and all(60_000 <= a.population <= 80_000 for a in capital)


def test_area_population_is_what_the_register_computes(demo):
    for area in Area.objects.filter(county__code__in=UUSIMAA_COUNTIES):
        assert area.population == area_population_compute(area)[0]


def test_every_uusimaa_area_has_a_family_centre_service_points_and_meeting_places(demo):
    for area in Area.objects.filter(county__code__in=UUSIMAA_COUNTIES):
        kinds = set(area.sites.values_list("kind", flat=True))
        assert kinds == {"family_centre", "service_point", "meeting_place"}, area.name


def test_uusimaa_has_over_900_meeting_places_run_by_several_sectors(demo):
    meeting_places = Site.objects.filter(
        kind=Site.Kind.MEETING_PLACE, area__county__code__in=UUSIMAA_COUNTIES
    )
    assert meeting_places.count() > 900
    assert set(meeting_places.values_list("operator__sector", flat=True)) == {
        "municipality",
        "ngo",
        "parish",
    }


def test_other_counties_are_lighter_but_every_one_has_a_family_centre(demo):
    elsewhere = Site.objects.exclude(area__county__code__in=UUSIMAA_COUNTIES)
    uusimaa = Site.objects.filter(area__county__code__in=UUSIMAA_COUNTIES)
    for county_code in Area.objects.values_list("county__code", flat=True).distinct():
        assert Site.objects.filter(
            kind=Site.Kind.FAMILY_CENTRE, area__county__code=county_code
        ).exists()
    per_area_elsewhere = (
        elsewhere.count() / Area.objects.exclude(county__code__in=UUSIMAA_COUNTIES).count()
    )
    per_area_uusimaa = (
        uusimaa.count() / Area.objects.filter(county__code__in=UUSIMAA_COUNTIES).count()
    )
    assert per_area_elsewhere < per_area_uusimaa / 3


def test_every_service_type_is_offered_with_names_in_three_languages(demo):
    used = set(ServiceType.objects.filter(services__isnull=False).values_list("code", flat=True))
    assert used == set(ServiceType.objects.values_list("code", flat=True))
    assert len(used) == 34
    assert not Service.objects.filter(name_fi="").exists()
    assert not Service.objects.filter(name_sv="").exists()
    assert not Service.objects.filter(name_en="").exists()
    clinic = Service.objects.filter(service_types__code="child_health_clinic").first()
    assert clinic.name_fi.startswith("Lastenneuvola, ")
    assert clinic.name_sv.startswith("Barnrådgivningen, ")
    assert clinic.name_en.startswith("Child health clinic, ")
    assert (clinic.min_age_months, clinic.max_age_months) == (0, 83)
    maternity = Service.objects.filter(service_types__code="maternity_clinic").first()
    assert (maternity.min_age_months, maternity.max_age_months) == (-9, -1)


def test_organisations_of_every_sector_with_valid_business_ids(demo):
    sectors = set(Organisation.objects.values_list("sector", flat=True))
    assert sectors == set(Organisation.Sector.values)
    ids = list(Organisation.objects.values_list("business_id", flat=True))
    assert all(business_id_is_valid(value) for value in ids)
    assert len(set(ids)) == len(ids)
    ngo = Organisation.objects.filter(sector="ngo").first()
    assert "Kuvitteellinen" in ngo.description_fi and "Fictional" in ngo.description_en


def test_generated_rows_pass_the_models_own_validation(demo):
    for model in (Organisation, Site, Service, Activity):
        for obj in model.objects.order_by("?")[:100]:
            obj.full_clean()


def test_services_mix_statuses_and_some_need_verification(demo):
    statuses = set(Service.objects.values_list("status", flat=True))
    assert statuses == {"draft", "published", "archived"}
    published = Service.objects.filter(status="published").count()
    stale = services_needing_verification().count()
    assert 0 < stale < published / 2
    bilingual = Service.objects.filter(sites__municipality__code="049").first()
    assert "sv" in bilingual.languages and "fi" in bilingual.languages


def test_sites_have_real_postal_codes_of_their_municipality_and_holiday_closures(demo):
    site = Site.objects.filter(municipality__code="091", kind=Site.Kind.FAMILY_CENTRE).first()
    assert site.municipality.postal_areas.filter(code=site.postal_code).exists()
    assert 59.9 < site.latitude < 60.4
    # Within the coming year there is always a Good Friday, and the site is closed then.
    assert site.hours_exceptions.filter(closed=True, reason_fi="pitkäperjantai").exists()


def test_weekly_activities_with_professionals_visiting_from_the_areas_clinic(demo):
    activities = Activity.objects.filter(site__area__county__code__in=UUSIMAA_COUNTIES)
    assert activities.count() > 900
    assert all(a.rrule.startswith("FREQ=WEEKLY;BYDAY=") for a in activities[:200])
    assert activities.exclude(cancelled_dates=[]).exists()
    nurse = ProfessionalPresence.objects.filter(
        role_fi="terveydenhoitaja lastenneuvolasta"
    ).select_related("activity__site", "service")
    assert nurse.count() > 100
    visit = nurse.first()
    assert visit.role_sv == "hälsovårdare från barnrådgivningen"
    assert visit.service.service_types.filter(code="child_health_clinic").exists()
    # The nurse comes from the clinic of the same family centre area.
    assert visit.service.sites.filter(area=visit.activity.site.area).exists()


def test_demo_logins_work_and_carry_their_roles(demo, client):
    for username in ("admin", "leena", "sari"):
        assert client.login(username=username, password=DEMO_PASSWORD), username
    leena = MaintainerRole.objects.get(user__username="leena")
    assert leena.county.code == "03"
    sari = MaintainerRole.objects.get(user__username="sari")
    assert sari.organisation.sector == "ngo" and sari.organisation.municipality.code == "049"


def test_a_second_run_is_refused_and_the_same_seed_gives_the_same_data(demo):
    _, first_digest, _ = demo
    with pytest.raises(DemoRefused):
        demo_generate(scale="region", seed=2026, today=TODAY)
    demo_reset()
    assert not Organisation.objects.exists()
    demo_generate(scale="region", seed=2026, today=TODAY)
    assert demo_digest() == first_digest


def test_the_command_skips_a_full_database_with_if_empty_and_refuses_without(demo):
    output = StringIO()
    call_command("demo", "--if-empty", stdout=output)
    assert "demo data not loaded" in output.getvalue()
    assert "Demo logins" in output.getvalue()
    with pytest.raises(CommandError, match="--reset"):
        call_command("demo", stdout=StringIO())


def test_business_id_check_digit_follows_the_official_rule():
    assert business_id_with_check("0201256") == "0201256-6"
    assert business_id_is_valid(business_id_with_check("1572860"))


def test_finnish_holidays_of_2026():
    holidays = dict((key, day) for day, key in finnish_holidays(2026))
    assert holidays["good_friday"] == date(2026, 4, 3)
    assert holidays["midsummer_eve"] == date(2026, 6, 19)
    assert holidays["all_saints"] == date(2026, 10, 31)
    assert holidays["ascension"] == date(2026, 5, 14)


@pytest.mark.slow
@pytest.mark.skipif(
    not os.environ.get("PERHEKESKUS_NATIONAL_DEMO"),
    reason="national scale takes about half a minute; set PERHEKESKUS_NATIONAL_DEMO=1",
)
def test_national_scale_is_big_enough_and_quick(db):
    result = demo_generate(scale="national", seed=7, today=TODAY, users=False)
    assert result.counts["services"] >= 50_000
    assert result.counts["sites"] >= 10_000
    assert result.counts["activities"] >= 20_000
    assert result.seconds < 180
