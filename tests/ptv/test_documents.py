"""Reading PTV documents: broken ones are refused with every error listed and nothing written;
PTV's own example documents (a byte-order mark, `//` comments, placeholder values) are read as
far as they are readable; coordinates, hours and languages come out right."""

import json
from datetime import date, time
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from perhekeskus.cli import main as cli_main
from perhekeskus.network.models import Organisation, Service, Site
from perhekeskus.ptv.documents import Item, strip_line_comments
from perhekeskus.ptv.models import ImportRun, PtvRecord
from perhekeskus.ptv.parsing import Parser, tm35fin_to_wgs84
from perhekeskus.ptv.services import ptv_import_files
from tests.ptv.conftest import BROKEN, DATA, EAST_UUSIMAA, EXAMPLES, read_json, write_json

pytestmark = pytest.mark.django_db


def counts() -> dict[str, int]:
    return {
        "organisations": Organisation.objects.count(),
        "sites": Site.objects.count(),
        "services": Service.objects.count(),
        "records": PtvRecord.objects.count(),
    }


def errors_of(run: ImportRun) -> set[tuple[str, str]]:
    return {(e["file"], e["path"]) for e in run.errors}


def test_a_broken_document_is_refused_with_every_error_and_nothing_written():
    before = counts()
    # The good documents come along: all or nothing.
    run, report = ptv_import_files(paths=[EAST_UUSIMAA, BROKEN], language="en")

    assert run.status == ImportRun.Status.REFUSED
    assert counts() == before
    reasons = {(e["file"], e["path"]): e["reason"] for e in run.errors}
    expected = {
        ("not_json.json", "$"): "not valid JSON",
        ("services_broken.json", "$[0].id"): "is not a PTV id",
        ("services_broken.json", "$[0].serviceNames"): "no name in Finnish, Swedish or English",
        ("services_broken.json", "$[0].areaType"): "'Everywhere' is not one of",
        ("services_broken.json", "$[0].languages[1]"): "'suomi' is not a language code",
        ("services_broken.json", "$[0].serviceClasses[0].code"): "not a PTV classification code",
        ("services_broken.json", "$[1].organizations"): "needs its responsible organisation",
        ("services_broken.json", "$[1].areas[0].municipalities"): "unknown municipality code",
        ("channels_broken.json", "$.itemList[0].phoneNumbers[0].number"): "not a phone number",
        ("channels_broken.json", "$.itemList[0].emails[0].value"): "not an email address",
        (
            "channels_broken.json",
            "$.itemList[0].addresses[0].streetAddress.postalCode",
        ): "not a postal code",
        (
            "channels_broken.json",
            "$.itemList[0].addresses[0].streetAddress.latitude",
        ): "are not in Finland",
        (
            "channels_broken.json",
            "$.itemList[0].addresses[0].streetAddress.municipality.code",
        ): "unknown municipality code '999'",
        (
            "channels_broken.json",
            "$.itemList[0].serviceHours[0].openingHour[0].dayFrom",
        ): "'Funday' is not a weekday",
        (
            "channels_broken.json",
            "$.itemList[0].serviceHours[0].openingHour[0].to",
        ): "'25:00:00' is not a time of day",
        (
            "channels_broken.json",
            "$.itemList[0].serviceHours[1].validFrom",
        ): "exceptional hours need the date",
        ("channels_broken.json", "$.itemList[1].serviceChannelType"): "'Fax' is not one of",
    }
    for where, reason in expected.items():
        assert where in reasons, f"{where} not reported; got {sorted(reasons)}"
        assert reason in reasons[where]
    # The report says so and lists them all.
    assert f"{len(run.errors)} errors; nothing was written" in run.report
    assert len(report.errors) == len(run.errors) >= len(expected)


def test_errors_are_in_the_users_language():
    run, _report = ptv_import_files(paths=[BROKEN], language="fi")
    reasons = [e["reason"] for e in run.errors]
    assert any("ei ole kelvollista JSONia" in r for r in reasons), reasons
    run, _report = ptv_import_files(paths=[BROKEN], language="sv")
    assert any("inte giltig JSON" in e["reason"] for e in run.errors)


def test_the_command_refuses_with_exit_code_2_and_lists_the_errors():
    stderr = StringIO()
    with pytest.raises(CommandError) as refused:
        call_command("import_ptv", str(BROKEN), "--language", "en", stderr=stderr)
    assert refused.value.returncode == 2
    assert "services_broken.json $[0].id" in stderr.getvalue()
    assert Service.objects.count() == 0


def test_the_command_is_spelled_with_a_hyphen_and_prints_its_report(capsys, monkeypatch):
    # A command run from the command line closes the database connections when it ends, which
    # on PostgreSQL would end the test's own transaction: kept open here.
    monkeypatch.setattr("django.core.management.base.connections.close_all", lambda: None)
    cli_main(["import-ptv", str(EAST_UUSIMAA), "--language", "en"])
    out = capsys.readouterr().out
    assert "Services: 4 created, 0 updated, 0 unchanged, 0 conflicts" in out
    assert ImportRun.objects.get().status == ImportRun.Status.SUCCEEDED


def test_check_only_writes_nothing():
    stdout = StringIO()
    call_command("import_ptv", str(EAST_UUSIMAA), "--check", stdout=stdout)
    assert Service.objects.count() == 0
    assert ImportRun.objects.get().status == ImportRun.Status.CHECKED


# --- PTV's own example documents ----------------------------------------------------------


def test_ptvs_channel_page_is_read_past_its_byte_order_mark_and_its_faults_listed():
    """The page holds the Kuopio location twice and a placeholder e-channel, and its
    organisation is not with it: refused, each fault named."""
    assert (EXAMPLES / "OrganizationServiceChannel.json").read_bytes().startswith(b"\xef\xbb\xbf")
    run, _report = ptv_import_files(
        paths=[EXAMPLES / "OrganizationServiceChannel.json"], language="en"
    )
    assert run.status == ImportRun.Status.REFUSED
    found = errors_of(run)
    name = "OrganizationServiceChannel.json"
    assert (name, "$") not in found  # the JSON itself is fine
    assert (name, "$.itemList[1].id") in found  # the same location twice
    assert (name, "$.itemList[2].serviceChannelType") in found  # "string"
    assert (name, "$.itemList[0].organizationId") in found  # organisation not known
    assert Site.objects.count() == 0


def test_the_kuopio_location_lands_in_kuopio(tmp_path: Path):
    page = read_json(EXAMPLES / "OrganizationServiceChannel.json")
    page["itemList"] = page["itemList"][:1]
    write_json(tmp_path / "kuopio.json", page)
    run, _report = ptv_import_files(
        paths=[tmp_path / "kuopio.json", DATA / "kuopio_organisation.json"]
    )
    assert run.status == ImportRun.Status.SUCCEEDED, run.report
    site = Site.objects.get(ptv_id="bf64185c-dd2c-4291-af54-998b23347265")
    # Asemakatu 44: northing 6974202.909, easting 534246.773 in ETRS-TM35FIN.
    assert site.latitude == pytest.approx(62.896, abs=0.001)
    assert site.longitude == pytest.approx(27.674, abs=0.001)
    assert (site.street_address_fi, site.postal_code, site.post_office_fi) == (
        "Asemakatu 44",
        "70110",
        "Kuopio",
    )
    assert site.municipality.code == "297"
    assert site.name_en == "One organization location"


def test_ptvs_organisation_example_with_comments_is_read_and_its_placeholders_refused():
    run, _report = ptv_import_files(
        paths=[EXAMPLES / "V10VmOpenApiOrganization.json"], language="en"
    )
    assert any("// comments" in w["reason"] for w in run.warnings)
    reasons = {e["path"]: e["reason"] for e in run.errors}
    assert "is not a PTV id" in reasons["$.id"]
    assert "'string' is not one of" in reasons["$.organizationType"]
    assert "$" not in reasons


def test_ptvs_service_example_with_placeholder_values_is_refused_field_by_field():
    run, _report = ptv_import_files(paths=[EXAMPLES / "V11VmOpenApiService.json"], language="en")
    paths = {e["path"] for e in run.errors}
    for path in (
        "$.type",
        "$.serviceNames",
        "$.serviceChargeType",
        "$.areaType",
        "$.languages[0]",
        "$.serviceClasses[0].code",
        "$.targetGroups[0].code",
        "$.ontologyTerms[0].uri",
        "$.publishingStatus",
    ):
        assert path in paths, path


def _filled(value, key=""):
    """The example's placeholders replaced by what a real service would have."""
    placeholders = {
        "language": "fi",
        "type": "Name",
        "value": "Perhevalmennus",
        "code": "P3.2",
        "uri": "http://uri.suomi.fi/codelist/ptv/ptvserclass2/code/P3.2",
        "url": "https://example.fi/perhevalmennus",
        "dayFrom": "Monday",
        "from": "08:00",
        "to": "16:00",
        "number": "401234567",
        "prefixNumber": "+358",
        "postalCode": "06100",
        "latitude": "6695947.574",
        "longitude": "426425.584",
    }
    if isinstance(value, dict):
        return {k: _filled(v, k) for k, v in value.items()}
    if isinstance(value, list):
        return [_filled(v, key) for v in value]
    if value == "string":
        return placeholders.get(key, "")
    return value


def test_every_field_of_ptvs_service_example_is_understood_once_filled_in(tmp_path: Path):
    example = _filled(read_json(EXAMPLES / "V11VmOpenApiService.json"))
    example.update(
        type="Service",
        serviceChargeType="FreeOfCharge",
        areaType="Nationwide",
        publishingStatus="Published",
        languages=["fi"],
        serviceChannels=None,
    )
    example["serviceDescriptions"][0]["type"] = "Summary"
    example["targetGroups"][0].update(code="KR1.2")
    example["lifeEvents"][0].update(code="KE1")
    example["ontologyTerms"][0].update(uri="http://www.yso.fi/onto/koko/p4971")
    example["organizations"][0]["organization"]["id"] = "6c9b1e4a-0a3d-4c1e-9f0e-000000000002"
    write_json(tmp_path / "service.json", example)
    run, _report = ptv_import_files(paths=[tmp_path / "service.json", EAST_UUSIMAA])
    assert run.status == ImportRun.Status.SUCCEEDED, run.report
    service = Service.objects.get(ptv_id="3fa85f64-5717-4562-b3fc-2c963f66afa6")
    assert service.name_fi == "Perhevalmennus"
    assert list(service.service_types.values_list("code", flat=True)) == ["maternity_clinic"]
    assert service.service_area == Service.ServiceArea.NATIONAL


# --- pieces -------------------------------------------------------------------------------


def test_comments_are_stripped_outside_strings_only():
    text, stripped = strip_line_comments('{"url": "https://x.fi//a", // note\n "b": 1}')
    assert stripped
    assert json.loads(text) == {"url": "https://x.fi//a", "b": 1}


def test_coordinates_are_converted_from_tm35fin():
    assert tm35fin_to_wgs84(6974202.909, 534246.773) == pytest.approx((62.8962, 27.6737), abs=1e-3)


def _hours(*entries):
    parser = Parser([], [])
    parser._item = Item("channel", {}, "test.json", "$")
    return parser.hours({"serviceHours": list(entries)}), parser


def test_hours_past_midnight_continue_on_the_next_day():
    hours, parser = _hours(
        {
            "serviceHourType": "OverMidnight",
            "openingHour": [
                {"dayFrom": "Friday", "dayTo": "Sunday", "from": "20:00", "to": "02:00"}
            ],
        },
        {
            "serviceHourType": "DaysOfTheWeek",
            "openingHour": [{"dayFrom": "Monday", "dayTo": "", "from": "22:00", "to": "06:00"}],
        },
    )
    assert parser.errors == []
    assert [(d, o, c) for d, o, c, _f, _t in hours.weekly] == [
        (0, time(22), time(23, 59)),
        (1, time(0), time(6)),
        (4, time(20), time(23, 59)),
        (5, time(0), time(23, 59)),
        (6, time(0), time(2)),
    ]


def test_hours_already_over_are_left_out_and_validity_kept():
    hours, _parser = _hours(
        {
            "serviceHourType": "DaysOfTheWeek",
            "validFrom": "2020-01-01T00:00:00",
            "validTo": "2020-12-31T00:00:00",
            "openingHour": [{"dayFrom": "Monday", "from": "08:00", "to": "16:00"}],
        },
        {
            "serviceHourType": "DaysOfTheWeek",
            "validFrom": "2031-01-01T00:00:00",
            "validTo": "2031-05-31T00:00:00",
            "openingHour": [{"dayFrom": "Tuesday", "from": "09:00", "to": "15:00"}],
        },
    )
    assert hours.weekly == [(1, time(9), time(15), date(2031, 1, 1), date(2031, 5, 31))]


def test_sami_and_unknown_languages_are_left_out_without_complaint():
    parser = Parser([], [])
    parser._item = Item("service", {}, "test.json", "$")
    names = parser.names(
        {
            "serviceNames": [
                {"language": "se", "value": "Mánáidráđđehus", "type": "Name"},
                {"language": "sv", "value": "Barnrådgivning", "type": "Name"},
                {"language": "fi", "value": "Neuvola", "type": "AlternativeName"},
                {"language": "fi", "value": "Lastenneuvola", "type": "Name"},
            ]
        },
        "serviceNames",
    )
    assert names == {"sv": "Barnrådgivning", "fi": "Lastenneuvola"}
    assert parser.errors == []


def test_the_report_is_in_the_language_asked_for():
    run, _report = ptv_import_files(paths=[EAST_UUSIMAA], language="sv")
    assert "Tjänster: 4 skapade, 0 uppdaterade, 0 oförändrade, 0 konflikter" in run.report
    assert "Koder utan mappning" in run.report
    # The language of the run, not of whoever is active around it.
    with translation.override("en"):
        run, _report = ptv_import_files(paths=[EAST_UUSIMAA], language="fi")
    assert "Palvelut: 0 luotu, 0 päivitetty, 4 ennallaan, 0 ristiriitaa" in run.report
