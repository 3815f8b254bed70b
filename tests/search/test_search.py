"""A family searches in its own words and language; filters narrow; results say why."""

from datetime import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from perhekeskus.errors import InvalidInput
from perhekeskus.network.models import Service
from perhekeskus.search import engine
from perhekeskus.search.index import IndexHolder
from perhekeskus.search.selectors import SearchQuery, search_services


def found(text: str = "", **filters) -> list[Service]:
    results = search_services(SearchQuery(text=text, **filters))
    return [Service.objects.get(pk=hit.pk) for hit in results.hits]


def first(text: str, **filters) -> Service:
    results = found(text, **filters)
    assert results, f"nothing found for {text!r}"
    return results[0]


# --- Finnish words in any form, compounds by their parts, typos ----------------------------------


@pytest.mark.parametrize("query", ["neuvolaan", "lastenneuvolan", "lastenneuvolaan", "neuvola"])
def test_inflected_and_compound_finnish_finds_the_child_health_clinic(register, query):
    assert first(query, age_months=3) == register.child_health_clinic


def test_perheneuvolaan_finds_family_counselling_before_other_clinics(register):
    assert first("perheneuvolaan") == register.family_counselling


def test_kahvila_finds_the_family_cafe_by_its_compound_part(register):
    assert first("kahvila") == register.family_cafe


def test_a_typo_is_corrected_and_says_so(register):
    results = search_services(SearchQuery(text="nevola", age_months=3))
    assert results.corrections == {"nevola": "neuvola"}
    assert results.hits[0].pk == register.child_health_clinic.pk


def test_everyday_words_lead_to_the_service_type(register):
    assert first("lastenvalvojalle") == register.family_law
    assert first("päivähoitoa") == register.early_education


# --- Swedish and English, and the bridge through service types -----------------------------------


def test_swedish_definite_compound_finds_the_clinic(register):
    assert first("barnrådgivningen", lang="sv") == register.child_health_clinic


def test_english_query_finds_a_service_described_only_in_finnish(register):
    assert not register.maternity_clinic.name_en
    assert first("maternity clinic", lang="en") == register.maternity_clinic
    assert first("mödrarådgivning", lang="sv") == register.maternity_clinic


def test_a_finnish_word_on_the_english_pages_still_finds(register):
    assert first("neuvola", lang="en", age_months=3) == register.child_health_clinic


def test_drafts_are_never_found(register):
    assert register.draft not in found("neuvolaluonnos")
    assert register.draft not in found("")


# --- Filters -------------------------------------------------------------------------------------


def test_age_in_pregnancy_and_after_birth(register):
    expecting = found("neuvola", age_months=-3)
    baby = found("neuvola", age_months=3)
    assert register.maternity_clinic in expecting
    assert register.child_health_clinic not in expecting
    assert register.child_health_clinic in baby
    assert register.maternity_clinic not in baby


def test_filters_by_language_cost_referral_anonymity_and_channel(register):
    assert found(language="ar") == [register.family_cafe]
    assert register.early_education not in found(free=True)
    assert set(found(anonymous=True)) == {register.family_cafe, register.chat}
    assert found(channel="video") == [register.family_counselling]
    register.family_law.referral_required = True
    register.family_law.save()
    assert register.family_law not in found(no_referral=True)


def test_municipality_includes_its_sites_and_helplines_that_serve_everyone(register):
    in_vantaa = set(found(municipality="092"))
    assert in_vantaa == {register.maternity_clinic, register.family_counselling, register.chat}


def test_accessible_sites_only(register):
    assert set(found(accessible=True)) == {
        register.child_health_clinic,
        register.family_law,
        register.early_education,
    }


def test_open_at_follows_weekly_hours_and_holiday_closures(register):
    tuesday_morning = datetime(2026, 12, 1, 10, 0)
    sunday = datetime(2026, 12, 6, 10, 0)
    christmas_eve = datetime(2026, 12, 24, 10, 0)
    assert register.child_health_clinic in found(open_at=tuesday_morning)
    assert register.child_health_clinic not in found(open_at=sunday)
    assert register.child_health_clinic not in found(open_at=christmas_eve)
    assert register.maternity_clinic in found(open_at=christmas_eve)


def test_service_type_filter(register):
    chosen = set(found(types=("meeting_place", "helpline")))
    assert chosen == {register.family_cafe, register.chat}


# --- Location, and why a result matched ----------------------------------------------------------


def test_near_a_postal_code_the_nearest_comes_first_with_its_distance(register):
    results = search_services(SearchQuery(text="neuvola", postcode="02100"))
    assert results.location is not None and results.location.label.startswith("02100")
    distances = [hit.distance_km for hit in results.hits if hit.distance_km is not None]
    assert distances == sorted(distances)
    tapiola_hit = next(hit for hit in results.hits if hit.pk == register.child_health_clinic.pk)
    assert tapiola_hit.distance_km is not None and tapiola_hit.distance_km < 3
    assert any(reason.code == "distance" for reason in tapiola_hit.why)


def test_why_names_the_words_the_age_range_and_the_verification(register):
    hit = search_services(SearchQuery(text="neuvolaan", age_months=3)).hits[0]
    codes = {reason.code: reason for reason in hit.why}
    assert "neuvolaan" in codes["words"].text
    assert codes["age"].data == {"min_months": 0, "max_months": 83}
    assert codes["verified"].data == {"date": "2026-09-01"}


def test_why_speaks_the_users_language(register):
    hit = search_services(SearchQuery(text="neuvola", lang="fi", age_months=3)).hits[0]
    texts = " ".join(reason.text for reason in hit.why)
    assert "Vastaa hakusanoja: neuvola" in texts
    assert "Tiedot tarkistettu 1.9.2026" in texts
    assert {reason.code: reason.text for reason in hit.why}["age"] == "0–6 v"


def test_open_until_is_told_for_an_open_site(register):
    hit = search_services(
        SearchQuery(text="lastenneuvola", open_at=datetime(2026, 12, 1, 10, 0))
    ).hits[0]
    assert hit.sites[0].open_now is True
    assert hit.sites[0].open_until.strftime("%H:%M") == "16:00"
    assert any(reason.code == "open" and "16:00" in reason.text for reason in hit.why)


# --- Bad and odd input ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "field"),
    [
        (SearchQuery(lat=60.2), "lon"),
        (SearchQuery(postcode="99999"), "postcode"),
        (SearchQuery(postcode="abc"), "postcode"),
        (SearchQuery(lang="de"), "lang"),
        (SearchQuery(age_months=-20), "age_months"),
        (SearchQuery(limit=0), "limit"),
    ],
)
def test_bad_filters_are_refused_with_the_field_named(register, query, field):
    with pytest.raises(InvalidInput) as refused:
        search_services(query)
    assert field in refused.value.details


@pytest.mark.parametrize(
    "text", ["😀👶", "'; DROP TABLE network_service; --", "neuvola " * 120, "<script>", "%_*"]
)
def test_odd_queries_get_an_answer(register, text):
    results = search_services(SearchQuery(text=text))
    assert len(results.hits) == min(results.count, 20)
    assert Service.objects.filter(pk=register.child_health_clinic.pk).exists()


def test_a_query_of_nothing_but_symbols_finds_nothing_rather_than_everything(register):
    assert search_services(SearchQuery(text="😀👶 %_*")).count == 0
    assert search_services(SearchQuery(text="neuvola " * 120)).hits[0].pk in {
        register.child_health_clinic.pk,
        register.maternity_clinic.pk,
    }


def test_a_query_matching_too_much_offers_narrowing(register, monkeypatch):
    monkeypatch.setattr(engine, "TOO_BROAD", 3)
    results = search_services(SearchQuery(text=""))
    assert results.too_broad
    assert {n.param for n in results.narrowing} == {"type"}
    assert all(n.count >= 1 for n in results.narrowing)
    narrowed = search_services(SearchQuery(postcode="02100"))
    assert not narrowed.too_broad


# --- Freshness across processes ------------------------------------------------------------------


def test_a_published_change_shows_at_once_and_an_unpublished_service_goes(register):
    assert not found("ukulelekurssi")
    register.family_cafe.name_fi = "Ukulelekurssi ja perhekahvila"
    register.family_cafe.save()
    assert found("ukulelekurssi") == [register.family_cafe]
    register.family_cafe.status = Service.Status.ARCHIVED
    register.family_cafe.save()
    assert not found("ukulelekurssi")


def test_each_process_refreshes_its_own_index(register):
    """Two gunicorn workers are two holders: each notices the change by itself."""
    worker_a, worker_b = IndexHolder(), IndexHolder()
    slots_before = (worker_a.current().size, worker_b.current().size)
    Service.objects.create(
        organisation=register.family_law.organisation,
        name_fi="Uusi vertaisryhmä",
        status=Service.Status.PUBLISHED,
    )
    assert (worker_a.current().size, worker_b.current().size) == (
        slots_before[0] + 1,
        slots_before[1] + 1,
    )


def test_a_fresh_index_costs_the_query_only_a_few_small_reads(register):
    search_services(SearchQuery(text="neuvola"))
    with CaptureQueriesContext(connection) as queries:
        search_services(SearchQuery(text="neuvola", postcode="02100"))
    assert len(queries) <= 12


@pytest.mark.django_db(transaction=True)
def test_a_serving_process_notices_a_publication_within_seconds_without_a_request_waiting():
    """Production: a thread of each worker checks every few seconds; queries never wait."""
    import time

    from django.test import override_settings

    from perhekeskus.network.models import County, Organisation
    from perhekeskus.network.reference_data import reference_data_load

    if not County.objects.exists():  # a transactional test before this one flushed them
        reference_data_load()
    organisation = Organisation.objects.create(name_fi="Perhetalo ry", sector="ngo")
    worker = IndexHolder()
    with override_settings(PERHEKESKUS={"SEARCH_REFRESH_SECONDS": 0.2}):
        try:
            assert worker.current().size == 0
            Service.objects.create(
                organisation=organisation,
                name_fi="Vauvahieronta",
                status=Service.Status.PUBLISHED,
            )
            deadline = time.monotonic() + 5
            while worker.current().size == 0 and time.monotonic() < deadline:
                time.sleep(0.05)
            assert worker.current().size == 1
        finally:
            worker.stop_watching()
