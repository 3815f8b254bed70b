"""Services from outside the region, as maintainers keep them: the service area and the counties
it names, edited in the admin and through the API with their rule checked in the user's
language; who may change such a service and who may not; the API and the HSDS export say it.

- Pirkko maintains the Pirkanmaa county's network: her university hospital's child psychiatry
  clinic serves Kanta-Häme, Pirkanmaa and South Ostrobothnia.
- Hilkka maintains Kanta-Häme's network: the clinic serves her county, but it is not hers.
- Leena (West Uusimaa) and Sari (an Espoo NGO) maintain neither it nor the national helpline of
  a national NGO, which has no county.
"""

import json
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.apps import apps
from django.contrib.auth.models import User
from django.utils import translation

from perhekeskus.network.hsds.exporter import hsds_export, hsds_write
from perhekeskus.network.hsds.importer import hsds_import
from perhekeskus.network.hsds.schemas import hsds_object_errors
from perhekeskus.network.models import (
    ChangeRecord,
    County,
    MaintainerRole,
    Organisation,
    Service,
    ServiceAtSite,
    ServiceType,
)
from perhekeskus.network.service_areas import (
    COUNTIES_NEEDED,
    COUNTIES_ONLY_FOR_COUNTIES,
    service_area_text,
)
from perhekeskus.network.tokens import api_token_create
from tests.network.test_admin import admin_url, client_for, form_data, messages_of
from tests.personas import PASSWORD

API = "/api/v1"
Area = Service.ServiceArea
TAYS_COUNTIES = ["07", "08", "16"]


@dataclass
class Beyond:
    pirkko: User
    hilkka: User
    pirkanmaa_org: Organisation
    national_ngo: Organisation
    clinic: Service
    helpline: Service


def _maintainer(username: str, county_code: str) -> User:
    user = User.objects.create_user(username, password=PASSWORD, is_staff=True)
    MaintainerRole.objects.create(user=user, county=County.objects.get(code=county_code))
    return user


def _service(organisation: Organisation, type_code: str, name: str, **fields) -> Service:
    service = Service.objects.create(
        organisation=organisation,
        name=name,
        name_fi=name,
        status=Service.Status.PUBLISHED,
        **fields,
    )
    service.service_types.add(ServiceType.objects.get(code=type_code))
    return service


@pytest.fixture
def beyond(network, personas) -> Beyond:
    pirkanmaa_org = Organisation.objects.create(
        sector=Organisation.Sector.COUNTY,
        county=County.objects.get(code="08"),
        name="Pirkanmaan hyvinvointialue",
        name_fi="Pirkanmaan hyvinvointialue",
    )
    national_ngo = Organisation.objects.create(
        sector=Organisation.Sector.NGO,
        name="Vanhempien tukilinja ry",
        name_fi="Vanhempien tukilinja ry",
    )
    clinic = _service(
        pirkanmaa_org,
        "child_mental_health",
        "Lastenpsykiatrian erityispoliklinikka",
        service_area=Area.COUNTIES,
        referral_required=True,
    )
    clinic.served_counties.set(County.objects.filter(code__in=TAYS_COUNTIES))
    helpline = _service(
        national_ngo, "helpline", "Vanhempien auttava puhelin", service_area=Area.NATIONAL
    )
    return Beyond(
        pirkko=_maintainer("pirkko", "08"),
        hilkka=_maintainer("hilkka", "07"),
        pirkanmaa_org=pirkanmaa_org,
        national_ngo=national_ngo,
        clinic=clinic,
        helpline=helpline,
    )


def _ids(codes: list[str]) -> list[str]:
    return [str(pk) for pk in County.objects.filter(code__in=codes).values_list("pk", flat=True)]


def _codes(service: Service) -> list[str]:
    return sorted(service.served_counties.values_list("code", flat=True))


def _bearer(user: User) -> dict[str, str]:
    _token, plaintext = api_token_create(user=user, name="test")
    return {"Authorization": f"Bearer {plaintext}"}


def _patch(client, service: Service, body: dict, user: User, lang: str = "en"):
    return client.patch(
        f"{API}/services/{service.hsds_id}?lang={lang}",
        {"version": service.version, **body},
        content_type="application/json",
        headers=_bearer(user),
    )


# ---- The admin ----------------------------------------------------------------------------------


def test_pirkko_names_the_counties_her_hospitals_clinic_serves_and_the_change_is_kept(beyond):
    clinic = beyond.clinic
    client = client_for(beyond.pirkko)
    url = admin_url("network_service_change", clinic.pk)
    page = client.get(url)
    assert page.status_code == 200
    data = form_data(page)
    assert sorted(str(pk) for pk in data["served_counties"]) == sorted(_ids(TAYS_COUNTIES))
    data["served_counties"] = _ids([*TAYS_COUNTIES, "09"])

    response = client.post(url, data)

    assert response.status_code == 302, response.context["adminform"].form.errors
    clinic.refresh_from_db()
    assert _codes(clinic) == ["07", "08", "09", "16"]
    record = ChangeRecord.objects.get(object_id=str(clinic.pk), action="change")
    assert record.actor == beyond.pirkko
    assert "served_counties" in record.changes


def test_pirkko_makes_a_local_service_national(beyond):
    service = _service(beyond.pirkanmaa_org, "helpline", "Perheiden neuvontapuhelin")
    client = client_for(beyond.pirkko)
    url = admin_url("network_service_change", service.pk)
    data = form_data(client.get(url))
    data["service_area"] = Area.NATIONAL

    assert client.post(url, data).status_code == 302
    service.refresh_from_db()
    assert service.service_area == Area.NATIONAL


@pytest.mark.parametrize("lang", ["fi", "sv"])
def test_counties_named_for_a_national_area_are_refused_in_the_users_language(beyond, lang):
    clinic = beyond.clinic
    client = client_for(beyond.pirkko)
    url = admin_url("network_service_change", clinic.pk, lang=lang)
    data = form_data(client.get(url))
    data["service_area"] = Area.NATIONAL
    data["summary_fi"] = "Uusi tiivistelmä"

    response = client.post(url, data)

    assert response.status_code == 200
    form = response.context["adminform"].form
    with translation.override(lang):
        expected = str(COUNTIES_ONLY_FOR_COUNTIES)
    with translation.override("en"):
        assert expected != str(COUNTIES_ONLY_FOR_COUNTIES)  # said in the user's language
    assert form.errors["served_counties"] == [expected]
    page = response.content.decode()
    assert 'value="Uusi tiivistelmä"' in page
    clinic.refresh_from_db()
    assert clinic.service_area == Area.COUNTIES
    assert not clinic.summary_fi


def test_a_counties_area_without_counties_is_refused(beyond):
    clinic = beyond.clinic
    client = client_for(beyond.pirkko)
    url = admin_url("network_service_change", clinic.pk)
    data = form_data(client.get(url))
    del data["served_counties"]

    response = client.post(url, data)

    assert response.status_code == 200
    with translation.override("en"):
        assert response.context["adminform"].form.errors["served_counties"] == [
            str(COUNTIES_NEEDED)
        ]
    assert _codes(beyond.clinic) == TAYS_COUNTIES


def test_the_maintainer_of_a_served_county_can_neither_open_nor_widen_the_clinic(beyond):
    clinic = beyond.clinic
    client = client_for(beyond.hilkka)
    url = admin_url("network_service_change", clinic.pk)

    response = client.get(url, follow=True)
    assert response.redirect_chain[-1][0] == admin_url("index")
    assert any("doesn’t exist" in message for message in messages_of(response))
    changelist = client.get(admin_url("network_service_changelist")).context["cl"]
    assert clinic not in changelist.result_list

    response = client.post(
        url,
        {
            "service_area": Area.NATIONAL,
            "name_fi": clinic.name_fi,
            "organisation": clinic.organisation_id,
        },
    )
    assert response.status_code == 302
    clinic.refresh_from_db()
    assert clinic.service_area == Area.COUNTIES
    assert not ChangeRecord.objects.filter(object_id=str(clinic.pk)).exists()


def test_county_maintainers_do_not_see_a_national_organisations_service(beyond, personas):
    for user in (personas.leena, beyond.pirkko, personas.sari):
        changelist = client_for(user).get(admin_url("network_service_changelist")).context["cl"]
        assert beyond.helpline not in changelist.result_list


# ---- The API ------------------------------------------------------------------------------------


def test_the_api_shows_the_area_and_the_counties_of_a_service(client, beyond):
    body = client.get(f"{API}/services/{beyond.clinic.hsds_id}").json()
    assert body["service_area"] == "counties"
    assert body["served_counties"] == TAYS_COUNTIES
    body = client.get(f"{API}/services/{beyond.helpline.hsds_id}").json()
    assert (body["service_area"], body["served_counties"]) == ("national", [])


def test_pirkko_creates_a_service_for_three_counties_through_the_api(client, beyond):
    response = client.post(
        f"{API}/services",
        {
            "organisation": str(beyond.pirkanmaa_org.hsds_id),
            "name": {"fi": "Lasten neurologian poliklinikka"},
            "service_types": ["specialist_consultation"],
            "service_area": "counties",
            "served_counties": TAYS_COUNTIES,
            "status": "published",
        },
        content_type="application/json",
        headers=_bearer(beyond.pirkko),
    )
    assert response.status_code == 201, response.content
    created = Service.objects.get(hsds_id=response.json()["id"])
    assert (created.service_area, _codes(created)) == (Area.COUNTIES, TAYS_COUNTIES)
    assert response.json()["served_counties"] == TAYS_COUNTIES


def test_the_api_refuses_counties_for_a_national_area_in_swedish_and_keeps_the_service(
    client, beyond
):
    response = _patch(client, beyond.clinic, {"service_area": "national"}, beyond.pirkko, "sv")
    assert response.status_code == 400
    with translation.override("sv"):
        expected = str(COUNTIES_ONLY_FOR_COUNTIES)
    assert response.json()["details"]["served_counties"] == [expected]
    beyond.clinic.refresh_from_db()
    assert beyond.clinic.service_area == Area.COUNTIES

    response = _patch(
        client, beyond.clinic, {"service_area": "national", "served_counties": []}, beyond.pirkko
    )
    assert response.status_code == 200, response.content
    assert (response.json()["service_area"], response.json()["served_counties"]) == (
        "national",
        [],
    )


def test_the_api_refuses_an_unknown_county_and_an_empty_counties_area(client, beyond):
    response = _patch(client, beyond.clinic, {"served_counties": ["07", "99"]}, beyond.pirkko)
    assert response.status_code == 400
    assert "99" in response.json()["details"]["served_counties"][0]
    response = _patch(client, beyond.clinic, {"served_counties": []}, beyond.pirkko)
    assert response.status_code == 400
    with translation.override("en"):
        assert response.json()["details"]["served_counties"] == [str(COUNTIES_NEEDED)]
    assert _codes(beyond.clinic) == TAYS_COUNTIES


def test_served_county_and_other_maintainers_cannot_change_the_area_through_the_api(
    client, beyond, personas
):
    widen = {"service_area": "national", "served_counties": []}
    for user, service in (
        (beyond.hilkka, beyond.clinic),
        (personas.leena, beyond.clinic),
        (personas.leena, beyond.helpline),
        (beyond.pirkko, beyond.helpline),
        (personas.sari, beyond.helpline),
    ):
        response = _patch(client, service, widen | {"service_area": "local"}, user)
        assert response.status_code == 404, (user, service)
    beyond.clinic.refresh_from_db()
    beyond.helpline.refresh_from_db()
    assert (beyond.clinic.service_area, _codes(beyond.clinic)) == (Area.COUNTIES, TAYS_COUNTIES)
    assert beyond.helpline.service_area == Area.NATIONAL


def test_hilkka_cannot_give_her_county_a_service_of_another_county_through_the_api(client, beyond):
    response = client.post(
        f"{API}/services",
        {
            "organisation": str(beyond.pirkanmaa_org.hsds_id),
            "name": {"fi": "Kopio klinikasta"},
            "service_types": ["child_mental_health"],
            "service_area": "counties",
            "served_counties": ["07"],
        },
        content_type="application/json",
        headers=_bearer(beyond.hilkka),
    )
    assert response.status_code == 404
    assert not Service.objects.filter(name_fi="Kopio klinikasta").exists()


# ---- Labels -------------------------------------------------------------------------------------


def test_the_label_names_the_counties_in_the_users_language(beyond):
    clinic = Service.objects.prefetch_related("served_counties").get(pk=beyond.clinic.pk)
    with translation.override("en"):
        assert service_area_text(clinic) == (
            "Serves these counties: Kanta-Häme wellbeing services county, Pirkanmaa wellbeing "
            "services county, South Ostrobothnia wellbeing services county"
        )
        assert service_area_text(beyond.helpline) == "Serves the whole country"
    with translation.override("fi"):
        assert service_area_text(beyond.helpline) == "Palvelee koko maata"
        assert "Pirkanmaan hyvinvointialue" in service_area_text(clinic)
    with translation.override("sv"):
        assert service_area_text(beyond.helpline) == "Betjänar hela landet"
        assert "Birkalands välfärdsområde" in service_area_text(clinic)
    assert service_area_text(Service(service_area=Area.LOCAL)) == ""


# ---- HSDS ---------------------------------------------------------------------------------------


def test_the_hsds_export_carries_the_service_areas_valid_by_the_official_schema(beyond, network):
    exported = hsds_export()
    areas = sorted(
        (a for a in exported["service_area"] if a["service_id"] == str(beyond.clinic.hsds_id)),
        key=lambda area: area["x_perhekeskus"]["county_code"],
    )
    assert [a["x_perhekeskus"]["county_code"] for a in areas] == TAYS_COUNTIES
    assert [a["name"] for a in areas] == [
        "Kanta-Hämeen hyvinvointialue",
        "Pirkanmaan hyvinvointialue",
        "Etelä-Pohjanmaan hyvinvointialue",
    ]
    (national,) = [
        a for a in exported["service_area"] if a["service_id"] == str(beyond.helpline.hsds_id)
    ]
    assert national["name"] == "Koko maa"
    assert national["x_perhekeskus"]["scope"] == "national"
    for area in exported["service_area"]:
        assert hsds_object_errors("service_area", area) == []
    local = str(network.child_health_clinic.hsds_id)
    assert all(a["service_id"] != local for a in exported["service_area"])


def test_the_hsds_api_nests_a_services_areas(client, beyond):
    body = client.get(f"/api/hsds/services/{beyond.clinic.hsds_id}").json()
    codes = [area["x_perhekeskus"]["county_code"] for area in body["service_areas"]]
    assert sorted(codes) == TAYS_COUNTIES
    assert {area["service_id"] for area in body["service_areas"]} == {str(beyond.clinic.hsds_id)}


def test_an_hsds_round_trip_restores_the_areas(beyond, tmp_path: Path):
    hsds_write(directory=tmp_path)
    Service.objects.filter(pk__in=[beyond.clinic.pk, beyond.helpline.pk]).update(
        service_area=Area.LOCAL
    )
    beyond.clinic.served_counties.clear()

    report = hsds_import(directory=tmp_path)

    assert report.ok, report.errors
    beyond.clinic.refresh_from_db()
    beyond.helpline.refresh_from_db()
    assert (beyond.clinic.service_area, _codes(beyond.clinic)) == (Area.COUNTIES, TAYS_COUNTIES)
    assert beyond.helpline.service_area == Area.NATIONAL
    again = tmp_path / "again"
    hsds_write(directory=again)
    assert (again / "service_area.json").read_bytes() == (
        tmp_path / "service_area.json"
    ).read_bytes()


def test_an_hsds_import_refuses_a_counties_area_without_counties(beyond, tmp_path: Path):
    hsds_write(directory=tmp_path)
    path = tmp_path / "service_area.json"
    areas = json.loads(path.read_text(encoding="utf-8"))
    kept = [a for a in areas if a["service_id"] != str(beyond.clinic.hsds_id)]
    path.write_text(json.dumps(kept, ensure_ascii=False), encoding="utf-8")

    report = hsds_import(directory=tmp_path)

    assert not report.ok
    assert any(
        error.record_id == str(beyond.clinic.hsds_id) and "service_area" in error.field
        for error in report.errors
    )
    assert _codes(beyond.clinic) == TAYS_COUNTIES


# ---- The data migration ---------------------------------------------------------------------


def test_the_migration_writes_down_the_services_that_served_the_whole_country(beyond, network):
    from importlib import import_module

    migration = import_module("perhekeskus.network.migrations.0004_national_services_area")
    helpline = beyond.helpline
    Service.objects.filter(pk=helpline.pk).update(service_area=Area.LOCAL)
    # A national organisation's service at a site stays local, as does a county's helpline.
    at_site = _service(beyond.national_ngo, "peer_support", "Vertaisryhmä Tikkurilassa")
    ServiceAtSite.objects.create(service=at_site, site=network.vantaa_site)
    county_line = _service(beyond.pirkanmaa_org, "helpline", "Pirkanmaan perhelinja")

    migration.national_in_writing(apps, None)

    areas = dict(
        Service.objects.filter(pk__in=[helpline.pk, at_site.pk, county_line.pk]).values_list(
            "pk", "service_area"
        )
    )
    assert areas == {helpline.pk: "national", at_site.pk: "local", county_line.pk: "local"}

    migration.back_to_unwritten(apps, None)
    helpline.refresh_from_db()
    assert helpline.service_area == Area.LOCAL
