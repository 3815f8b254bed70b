"""Importing the national Service Catalogue (PTV): what a county's documents become in the
register, that a second run changes nothing, and that PTV's changes arrive."""

from datetime import date, time
from pathlib import Path

import pytest
from django.contrib.contenttypes.models import ContentType

from perhekeskus.network.models import (
    ChangeRecord,
    OpeningHours,
    OpeningHoursException,
    Organisation,
    Service,
    Site,
)
from perhekeskus.ptv.models import ImportRun, PtvRecord
from perhekeskus.ptv.services import ptv_import_files
from perhekeskus.search.selectors import SearchQuery, search_services
from tests.ptv.conftest import (
    COUNTY,
    EAST_UUSIMAA,
    HELPLINE,
    LOVIISA,
    NEUVOLA,
    NGO,
    PERHENEUVOLA,
    PERHETYO,
    PORVOO,
    TURVAKOTI,
)

pytestmark = pytest.mark.django_db


def imported(*paths: Path):
    run, report = ptv_import_files(paths=list(paths) or [EAST_UUSIMAA])
    assert run.status == ImportRun.Status.SUCCEEDED, run.report
    return run, report


def types_of(service: Service) -> set[str]:
    return set(service.service_types.values_list("code", flat=True))


def test_the_county_and_the_ngo_become_organisations():
    imported()
    county = Organisation.objects.get(ptv_id=COUNTY)
    assert county.name_fi == "Itä-Uudenmaan hyvinvointialue (kuvitteellinen)"
    assert county.name_sv == "Östra Nylands välfärdsområde (fiktivt)"
    assert county.sector == Organisation.Sector.COUNTY
    assert county.business_id == "3221245-4"
    # No municipality of its own: its wellbeing services county area places it.
    assert county.county.code == "01"
    assert county.phone == "+358 195200000"
    assert county.website == "https://ita-uusimaa.example"
    ngo = Organisation.objects.get(ptv_id=NGO)
    assert ngo.sector == Organisation.Sector.NGO
    assert ngo.municipality.code == "091"


def test_service_locations_become_sites_with_addresses_in_finnish_and_swedish():
    imported()
    porvoo = Site.objects.get(ptv_id=PORVOO)
    assert porvoo.kind == Site.Kind.SERVICE_POINT
    assert (porvoo.name_fi, porvoo.name_sv) == ("Porvoon perhekeskus", "Borgå familjecentral")
    assert porvoo.street_address_fi == "Mannerheiminkatu 12"
    assert porvoo.street_address_sv == "Mannerheimgatan 12"
    assert (porvoo.postal_code, porvoo.post_office_fi, porvoo.post_office_sv) == (
        "06100",
        "Porvoo",
        "Borgå",
    )
    assert porvoo.municipality.code == "638"
    assert porvoo.operator.ptv_id is not None and str(porvoo.operator.ptv_id) == COUNTY
    # ETRS-TM35FIN metres from PTV, WGS84 degrees here.
    assert porvoo.latitude == pytest.approx(60.3932, abs=1e-4)
    assert porvoo.longitude == pytest.approx(25.6650, abs=1e-4)
    assert porvoo.phone == "+358 195201000"
    assert porvoo.email == "perhekeskus.porvoo@ita-uusimaa.example"
    assert porvoo.website == "https://ita-uusimaa.example/perhekeskus-porvoo"


def test_opening_hours_with_exceptions_and_always_open():
    imported()
    porvoo = Site.objects.get(ptv_id=PORVOO)
    weekly = list(porvoo.opening_hours.values_list("weekday", "opens", "closes"))
    assert weekly == [
        (0, time(8), time(16)),
        (1, time(8), time(16)),
        (2, time(8), time(18)),
        (3, time(8), time(16)),
        (4, time(8), time(14)),
    ]
    exceptions = {e.date: e for e in porvoo.hours_exceptions.all()}
    christmas = [date(2031, 12, 24), date(2031, 12, 25), date(2031, 12, 26)]
    for day in christmas:
        assert exceptions[day].closed
        assert (exceptions[day].reason_fi, exceptions[day].reason_sv) == ("Joulu", "Jul")
    midsummer = exceptions[date(2031, 6, 20)]
    assert not midsummer.closed
    assert (midsummer.opens, midsummer.closes) == (time(8), time(12))
    assert midsummer.reason_sv == "Midsommarafton"
    shelter = Site.objects.get(ptv_id=TURVAKOTI)
    assert shelter.opening_hours.count() == 7
    assert set(shelter.opening_hours.values_list("opens", "closes")) == {(time(0), time(23, 59))}


def test_services_get_our_service_types_target_groups_and_channels():
    imported()
    neuvola = Service.objects.get(ptv_id=NEUVOLA)
    # P5.2 Neuvolapalvelut alone says nothing about which clinic; the ontology term does.
    assert types_of(neuvola) == {"child_health_clinic"}
    assert neuvola.status == Service.Status.PUBLISHED
    assert neuvola.target_groups == ["families"]
    assert (neuvola.name_fi, neuvola.name_sv, neuvola.name_en) == (
        "Lastenneuvola",
        "Barnrådgivning",
        "Child health clinic",
    )
    assert neuvola.summary_sv.startswith("Barnrådgivningen följer")
    assert "Mánáid" not in neuvola.description_fi + neuvola.description_sv + neuvola.description_en
    assert neuvola.cost == Service.Cost.FREE
    assert neuvola.cost_description_fi == "Käynnit ovat maksuttomia."
    assert neuvola.languages == ["fi", "sv", "en"]
    # From its phone channel and e-service.
    assert neuvola.phone == "+358 195202000"
    assert neuvola.email == "neuvola@ita-uusimaa.example"
    assert neuvola.website == "https://asiointi.ita-uusimaa.example/neuvola"
    assert set(neuvola.channels) == {"in_person", "phone", "e_service"}
    assert set(neuvola.sites.values_list("ptv_id", flat=True)) == {
        Site.objects.get(ptv_id=PORVOO).ptv_id,
        Site.objects.get(ptv_id=LOVIISA).ptv_id,
    }
    # Porvoo and Loviisa are both in the county's own area: a local service.
    assert neuvola.service_area == Service.ServiceArea.LOCAL

    counselling = Service.objects.get(ptv_id=PERHENEUVOLA)
    assert types_of(counselling) == {"family_counselling"}
    assert counselling.eligibility_fi.startswith("Perheneuvola on tarkoitettu")


def test_a_service_for_all_of_uusimaa_names_its_counties_and_a_helpline_the_country():
    imported()
    family_work = Service.objects.get(ptv_id=PERHETYO)
    assert types_of(family_work) == {"family_work"}
    assert family_work.service_area == Service.ServiceArea.COUNTIES
    assert set(family_work.served_counties.values_list("code", flat=True)) == {
        "01",
        "02",
        "03",
        "04",
        "90",
    }
    helpline = Service.objects.get(ptv_id=HELPLINE)
    assert helpline.service_area == Service.ServiceArea.NATIONAL
    assert helpline.phone == "080092277"
    assert helpline.website == "https://lapsiperheidentuki.example/vanhemmille"
    assert helpline.channels == ["phone"]


def test_a_service_whose_codes_are_not_mapped_is_a_draft_and_listed():
    run, report = imported()
    helpline = Service.objects.get(ptv_id=HELPLINE)
    assert types_of(helpline) == set()
    assert helpline.status == Service.Status.DRAFT
    assert {(u["kind"], u["code"]) for u in report.unmapped} == {
        ("service_class", "P4.13"),
        ("ontology_term", "http://www.yso.fi/onto/koko/p66345"),
    }
    assert [s["ptv_id"] for s in report.untyped] == [HELPLINE]
    assert "P4.13" in run.report and "Vanhempien auttava puhelin" in run.report


def _state() -> dict[str, object]:
    return {
        "rows": {
            model.__name__: sorted(
                model.objects.values_list("pk", "version", "updated_at")  # type: ignore[attr-defined]
            )
            for model in (Organisation, Site, Service)
        },
        "hours": sorted(OpeningHours.objects.values_list("pk", flat=True)),
        "exceptions": sorted(OpeningHoursException.objects.values_list("pk", flat=True)),
        "history": ChangeRecord.objects.count(),
        "records": sorted(PtvRecord.objects.values_list("pk", "values", "last_changed_by")),
    }


def test_the_second_import_of_the_same_documents_changes_nothing():
    imported()
    before = _state()
    _run, report = imported()
    assert _state() == before
    assert report.counts == {
        "organisation": {"created": 0, "updated": 0, "unchanged": 2, "conflicts": 0},
        "site": {"created": 0, "updated": 0, "unchanged": 3, "conflicts": 0},
        "service": {"created": 0, "updated": 0, "unchanged": 4, "conflicts": 0},
    }
    assert ImportRun.objects.filter(status=ImportRun.Status.SUCCEEDED).count() == 2


def test_a_change_in_ptv_updates_the_service_with_its_history_and_search(documents):
    imported(documents.directory)
    counselling = Service.objects.get(ptv_id=PERHENEUVOLA)
    assert search_services(SearchQuery(text="perheneuvola")).hits[0].pk == counselling.pk
    with documents.edit("services.json", PERHENEUVOLA) as service:
        service["serviceNames"][0]["value"] = "Kasvatus- ja perheneuvola"
    with documents.edit("channels.json", PORVOO) as channel:
        channel["serviceHours"][0]["openingHour"][4]["to"] = "15:00:00"

    _run, report = imported(documents.directory)

    counselling.refresh_from_db()
    assert counselling.name_fi == "Kasvatus- ja perheneuvola"
    assert counselling.version == 2
    assert report.counts["service"]["updated"] == 1
    assert report.counts["site"]["updated"] == 1
    change = ChangeRecord.objects.filter(
        content_type=ContentType.objects.get_for_model(Service), object_id=str(counselling.pk)
    ).first()
    assert change is not None and change.changes["name_fi"] == [
        "Perheneuvola",
        "Kasvatus- ja perheneuvola",
    ]
    friday = Site.objects.get(ptv_id=PORVOO).opening_hours.get(weekday=4)
    assert friday.closes == time(15)
    # The search index sees the new name without a restart.
    hits = search_services(SearchQuery(text="kasvatusneuvola")).hits
    assert counselling.pk in [h.pk for h in hits]


def test_a_service_withdrawn_from_ptv_is_archived(documents):
    imported(documents.directory)
    with documents.edit("services.json", PERHENEUVOLA) as service:
        service["publishingStatus"] = "Deleted"
    imported(documents.directory)
    assert Service.objects.get(ptv_id=PERHENEUVOLA).status == Service.Status.ARCHIVED


def test_a_mapped_site_kind_gives_the_service_location_its_kind():
    from perhekeskus.ptv.models import ClassificationMapping

    ClassificationMapping.objects.filter(code="http://www.yso.fi/onto/koko/p4502").update(
        site_kind=Site.Kind.OTHER
    )
    imported()
    assert Site.objects.get(ptv_id=TURVAKOTI).kind == Site.Kind.OTHER
    assert Site.objects.get(ptv_id=PORVOO).kind == Site.Kind.SERVICE_POINT
