"""The public read API: published data only, filters, pages, ETags and JSON errors."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from perhekeskus.network.models import Area, Service, ServiceAtSite, ServiceType

API = "/api/v1"


def _ids(response):
    assert response.status_code == 200, response.content
    return {item["id"] for item in response.json()["results"]}


def test_the_public_sees_published_services_only(client, network):
    listed = _ids(client.get(f"{API}/services"))
    assert str(network.family_cafe.hsds_id) in listed
    assert str(network.draft_service.hsds_id) not in listed
    assert len(listed) == 3


def test_a_draft_service_looks_missing_to_the_public(client, network):
    response = client.get(f"{API}/services/{network.draft_service.hsds_id}")
    assert response.status_code == 404
    assert response.json()["code"] == "not_found"
    assert "Perheneuvola" not in response.content.decode()


def test_a_service_comes_with_all_three_languages_and_its_links(client, network):
    body = client.get(f"{API}/services/{network.child_health_clinic.hsds_id}").json()
    assert body["name"] == {
        "fi": "Lastenneuvola, Leppävaara",
        "sv": "Barnrådgivningen, Alberga",
        "en": "Child health clinic, Leppävaara",
    }
    assert body["service_types"] == ["child_health_clinic"]
    assert body["organisation"] == str(network.county_org.hsds_id)
    assert body["sites"] == [str(network.family_centre.hsds_id)]
    assert (body["min_age_months"], body["max_age_months"]) == (0, 83)
    assert body["languages"] == ["fi", "sv"]
    assert body["channels"] == ["in_person", "phone"]
    assert body["last_verified"] == "2026-09-01"
    assert body["version"] == 1


def test_services_filter_by_municipality_area_type_and_language(client, network):
    espoo = _ids(client.get(f"{API}/services", {"municipality": "049"}))
    assert espoo == {str(network.child_health_clinic.hsds_id), str(network.family_cafe.hsds_id)}
    vantaa = _ids(client.get(f"{API}/services", {"municipality": "092"}))
    assert vantaa == {str(network.vantaa_family_work.hsds_id)}
    in_area = _ids(client.get(f"{API}/services", {"area": str(network.espoo_area.hsds_id)}))
    assert in_area == espoo
    either_type = _ids(client.get(f"{API}/services", {"type": ["meeting_place", "family_work"]}))
    assert either_type == {
        str(network.family_cafe.hsds_id),
        str(network.vantaa_family_work.hsds_id),
    }
    network.family_cafe.languages = ["fi", "ar"]
    network.family_cafe.save()
    arabic = _ids(client.get(f"{API}/services", {"language": "ar"}))
    assert arabic == {str(network.family_cafe.hsds_id)}
    for_a_baby = _ids(client.get(f"{API}/services", {"age_months": 3, "municipality": "049"}))
    assert str(network.child_health_clinic.hsds_id) in for_a_baby


def test_an_expecting_family_finds_the_maternity_clinic_by_months_of_pregnancy(client, network):
    maternity = Service.objects.create(
        organisation=network.county_org,
        name="Äitiysneuvola",
        name_fi="Äitiysneuvola",
        status=Service.Status.PUBLISHED,
        min_age_months=-9,  # from the start of pregnancy
        max_age_months=-1,  # until the birth
    )
    six_months_to_go = _ids(client.get(f"{API}/services", {"age_months": -6}))
    assert str(maternity.hsds_id) in six_months_to_go
    assert str(network.child_health_clinic.hsds_id) not in six_months_to_go
    assert str(maternity.hsds_id) not in _ids(client.get(f"{API}/services", {"age_months": 3}))


def test_an_age_before_pregnancy_is_refused(network):
    service = network.family_cafe
    service.min_age_months = -10
    with pytest.raises(ValidationError) as error:
        service.full_clean()
    assert "min_age_months" in error.value.message_dict


def test_updated_since_returns_only_what_changed(client, network):
    since = timezone.now() + timedelta(seconds=1)
    Service.objects.filter(pk=network.family_cafe.pk).update(
        updated_at=since + timedelta(minutes=5)
    )
    changed = _ids(client.get(f"{API}/services", {"updated_since": since.isoformat()}))
    assert changed == {str(network.family_cafe.hsds_id)}


def test_sites_filter_by_kind_and_organisation(client, network):
    meeting_places = _ids(client.get(f"{API}/sites", {"kind": "meeting_place"}))
    assert meeting_places == {str(network.meeting_place.hsds_id)}
    operated = _ids(client.get(f"{API}/sites", {"organisation": str(network.vantaa_org.hsds_id)}))
    assert operated == {str(network.vantaa_site.hsds_id)}
    opening = client.get(f"{API}/sites/{network.family_centre.hsds_id}").json()["opening_hours"]
    assert opening == [
        {
            "weekday": 0,
            "opens": "08:00:00",
            "closes": "16:00:00",
            "valid_from": None,
            "valid_to": None,
        }
    ]


def test_reference_data_by_code(client, network):
    assert client.get(f"{API}/counties/03").json()["name"]["sv"] == "Västra Nylands välfärdsområde"
    espoo = client.get(f"{API}/municipalities/049").json()
    assert (espoo["name"]["sv"], espoo["county"]) == ("Esbo", "03")
    in_county = client.get(f"{API}/municipalities", {"county": "04"}).json()
    assert {m["code"] for m in in_county["results"]} >= {"092", "245"}
    clinic = client.get(f"{API}/service-types/child_health_clinic").json()
    assert clinic["name"]["fi"] == "lastenneuvola"
    assert client.get(f"{API}/service-types").json()["count"] == ServiceType.objects.count()
    assert client.get(f"{API}/counties/99").status_code == 404


def test_pages_link_to_each_other_in_a_stable_order(client, network):
    first = client.get(f"{API}/municipalities", {"page_size": 100}).json()
    assert first["count"] == 308
    assert first["previous"] is None
    assert "page=2" in first["next"]
    second = client.get(first["next"]).json()
    assert second["page"] == 2
    assert "page=1" in second["previous"]
    codes = [m["code"] for m in first["results"] + second["results"]]
    assert codes == sorted(codes)
    assert len(set(codes)) == 200
    last = client.get(f"{API}/municipalities", {"page_size": 100, "page": 4}).json()
    assert (len(last["results"]), last["next"]) == (8, None)


def test_a_page_larger_than_allowed_is_refused_with_a_reason(client, network, settings):
    response = client.get(f"{API}/services", {"page_size": 10_000})
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "invalid"
    assert body["details"][0]["field"] == "query.page_size"


def test_an_unchanged_list_answers_304_to_its_etag(client, network):
    first = client.get(f"{API}/services")
    etag = first["ETag"]
    assert etag
    again = client.get(f"{API}/services", headers={"If-None-Match": etag})
    assert again.status_code == 304
    assert again.content == b""
    network.family_cafe.summary_fi = "Avoinna tiistaisin"
    network.family_cafe.save()
    changed = client.get(f"{API}/services", headers={"If-None-Match": etag})
    assert changed.status_code == 200
    assert changed["ETag"] != etag


def test_a_detail_answers_304_to_its_etag(client, network):
    url = f"{API}/sites/{network.meeting_place.hsds_id}"
    etag = client.get(url)["ETag"]
    assert client.get(url, headers={"If-None-Match": f'W/{etag}, "other"'}).status_code == 304


def test_activities_come_with_their_occurrences_between_two_dates(client, network):
    body = client.get(f"{API}/activities", {"from": "2026-12-01", "to": "2026-12-31"}).json()
    (cafe,) = body["results"]
    assert cafe["title"]["sv"] == "Babycafé"
    assert [o["date"] for o in cafe["occurrences"]] == [
        "2026-12-01",
        "2026-12-08",
        "2026-12-15",
        "2026-12-22",
    ]
    assert cafe["occurrences"][0]["starts_at"] == "2026-12-01T10:00:00+02:00"
    nurse = cafe["professionals"][0]
    assert nurse["role"]["en"] == "public health nurse from the child health clinic"
    assert nurse["service"] == str(network.child_health_clinic.hsds_id)


def test_activities_before_their_first_date_are_not_listed_for_a_range(client, network):
    body = client.get(f"{API}/activities", {"from": "2025-01-01", "to": "2025-12-31"}).json()
    assert body["count"] == 0


def test_one_activity_s_occurrences(client, network):
    url = f"{API}/activities/{network.cafe_activity.hsds_id}/occurrences"
    body = client.get(url, {"from": "2026-12-20", "to": "2027-01-10"}).json()
    assert body["from"] == "2026-12-20"
    assert [o["date"] for o in body["occurrences"]] == ["2026-12-22", "2027-01-05"]


@pytest.mark.parametrize(
    "dates",
    [
        {"from": "2026-02-01", "to": "2026-01-01"},
        {"from": "2026-01-01", "to": "2027-06-01"},
        {"from": "2026-01-01"},
    ],
)
def test_a_bad_date_range_is_refused_with_a_reason(client, network, dates):
    response = client.get(f"{API}/activities", dates)
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "invalid"
    assert body["message"]


def test_an_activity_linked_to_a_draft_service_does_not_reveal_it(client, network):
    network.cafe_activity.service = network.draft_service
    network.cafe_activity.save()
    body = client.get(f"{API}/activities/{network.cafe_activity.hsds_id}").json()
    assert body["service"] is None


def test_errors_are_json_in_the_callers_language(client, network):
    missing = "00000000-0000-0000-0000-000000000000"
    english = client.get(f"{API}/services/{missing}", headers={"Accept-Language": "en"})
    assert english.json() == {"code": "not_found", "message": "Not found."}
    broken = client.get(f"{API}/services/not-a-uuid")
    assert broken.status_code == 400
    assert broken.json()["code"] == "invalid"


def test_the_service_list_needs_a_fixed_number_of_queries(
    client, network, django_assert_max_num_queries
):
    for n in range(40):
        service = Service.objects.create(
            organisation=network.ngo,
            name=f"Palvelu {n}",
            name_fi=f"Palvelu {n}",
            status=Service.Status.PUBLISHED,
        )
        service.service_types.add(*ServiceType.objects.all()[:2])
        ServiceAtSite.objects.create(service=service, site=network.meeting_place)
    with django_assert_max_num_queries(6):
        body = client.get(f"{API}/services", {"page_size": 100}).json()
    assert body["count"] == 43
    with django_assert_max_num_queries(6):
        client.get(f"{API}/sites")
    with django_assert_max_num_queries(6):
        client.get(f"{API}/activities", {"from": "2026-01-01", "to": "2026-12-31"})


def test_the_openapi_document_and_its_docs_page_work_without_a_cdn(client, network):
    schema = client.get(f"{API}/openapi.json").json()
    assert "/api/v1/services/{id}" in schema["paths"]
    page = client.get(f"{API}/docs")
    assert page.status_code == 200
    html = page.content.decode()
    assert "/static/ninja/swagger-ui-bundle.js" in html
    assert "cdn" not in html.lower()


@pytest.mark.parametrize("path", ["/api/v1/services", "/api/v1/sites", "/api/v1/activities"])
def test_updated_since_with_any_valid_offset_is_understood(client, network, path):
    # PostgreSQL takes offsets only up to ±15:59; Python (and ISO 8601) up to ±23:59.
    response = client.get(path, {"updated_since": "2020-01-01T00:00:00+23:59"})
    assert response.status_code == 200, response.content
    assert response.json()["count"] >= 1


def test_an_unknown_api_path_answers_json_not_a_page(client):
    response = client.get("/api/v1/no-such-thing", HTTP_ACCEPT_LANGUAGE="sv")
    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


def test_an_area_tells_its_population_band_and_warns_outside_it(client, network):
    area = network.espoo_area
    listed = client.get(f"{API}/areas").json()["results"]
    espoo = next(item for item in listed if item["id"] == str(area.hsds_id))
    # Espoo is in the capital region, where areas are larger (about 70 000).
    assert espoo["population_band"] == {"min": 60_000, "max": 80_000}
    assert espoo["band_warning"] is None

    Area.objects.filter(pk=area.pk).update(population=95_000)
    detail = client.get(f"{API}/areas/{area.hsds_id}", HTTP_ACCEPT_LANGUAGE="en").json()
    assert "95000" in detail["band_warning"]


def test_listing_areas_takes_a_fixed_number_of_queries(
    client, network, django_assert_max_num_queries
):
    for number in range(5):
        extra = Area.objects.create(
            county=network.west_uusimaa, name="Alue", name_fi=f"Alue {number}"
        )
        extra.municipalities.add(network.espoo)
    with django_assert_max_num_queries(6):
        assert client.get(f"{API}/areas").status_code == 200


def test_a_method_the_api_does_not_have_is_refused_in_json(client):
    response = client.delete(f"{API}/counties", HTTP_ACCEPT_LANGUAGE="fi")
    assert response.status_code == 405
    assert response.json() == {
        "code": "method_not_allowed",
        "message": "Tätä menetelmää ei voi käyttää tässä.",
    }
    assert response["Allow"] == "GET"
