"""The indicators exported as CSV and XLSX: the scope, the period and every indicator with its
code, group, label, value, unit, definition and breakdown; a suppressed value is an empty cell
with the note "fewer than 5", never its number; nothing a spreadsheet would run as a formula."""

import csv
import io
from dataclasses import replace
from typing import Any

import pytest
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from openpyxl import load_workbook

from perhekeskus.evaluation import indicators
from perhekeskus.evaluation.indicators import BreakdownRow
from tests.evaluation.conftest import HIDDEN_COUNT, HIDDEN_SHARE, SEARCH_WORDS, fake_values

pytestmark = pytest.mark.django_db

FILTERS = "scope=county:03&from=2026-01&to=2026-06"


def csv_rows(response) -> list[dict[str, Any]]:
    body = response.content
    assert body.startswith(b"\xef\xbb\xbf"), "the UTF-8 byte order mark, for spreadsheets"
    return list(csv.DictReader(io.StringIO(body.decode("utf-8-sig"))))


def xlsx_rows(response) -> tuple[list[str], list[dict[str, object]]]:
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    header_at = next(i for i, row in enumerate(rows) if row[0] == _("Scope type"))
    header = [str(cell) for cell in rows[header_at]]
    intro = [str(row[0]) for row in rows[:header_at] if row[0]]
    return intro, [dict(zip(header, row, strict=True)) for row in rows[header_at + 1 :]]


def test_csv_has_the_scope_the_period_and_every_indicator_with_its_breakdown(
    helena_client, figures, network
):
    response = helena_client.get(f"/fi/leading/indicators/export.csv?{FILTERS}")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    rows = csv_rows(response)
    with translation.override("fi"):
        scope, start, end = _("Scope"), pgettext("period", "From"), pgettext("period", "To")
        code, value, breakdown = _("Code"), _("Value"), _("Breakdown")
        definition = _("Definition")
    assert {row[scope] for row in rows} == {network.west_uusimaa.name}
    assert {(row[start], row[end]) for row in rows} == {("2026-01-01", "2026-06-30")}
    main = {row[code]: row for row in rows if not row[breakdown]}
    assert list(main) == [v.code for v in fake_values(*figures.calls[0])]
    assert main["services_per_1000_children"][value] == "12.5"
    assert main["services_per_1000_children"][definition].startswith("Published services")
    words = [row[breakdown] for row in rows if row[code] == "searches_empty_words"][1:]
    assert words == [SEARCH_WORDS[0], SEARCH_WORDS[1], "other words"]


def test_csv_and_xlsx_never_carry_a_suppressed_number(helena_client, figures):
    with translation.override("fi"):
        code, value, note, breakdown = _("Code"), _("Value"), _("Note"), _("Breakdown")
        fewer = _("fewer than 5")
    rows = csv_rows(helena_client.get(f"/fi/leading/indicators/export.csv?{FILTERS}"))
    share = next(r for r in rows if r[code] == "questions_answered_1_day")
    assert share[value] == "" and share[note] == fewer
    team = next(r for r in rows if r[breakdown] == "team")
    assert team[value] == "" and team[note] == fewer
    body = helena_client.get(f"/fi/leading/indicators/export.csv?{FILTERS}").content.decode()
    assert str(HIDDEN_SHARE) not in body

    with translation.override("fi"):
        _intro, xrows = xlsx_rows(
            helena_client.get(f"/fi/leading/indicators/export.xlsx?{FILTERS}")
        )
    share = next(r for r in xrows if r[code] == "questions_answered_1_day")
    assert share[value] is None and share[note] == fewer
    team = next(r for r in xrows if r[breakdown] == "team")
    assert team[value] is None and team[note] == fewer
    assert HIDDEN_SHARE not in [r[value] for r in xrows]
    assert HIDDEN_COUNT not in [r[value] for r in xrows if r[note] == fewer]


def test_xlsx_opens_with_numbers_as_numbers_and_says_what_it_is(helena_client, figures, network):
    response = helena_client.get(f"/sv/leading/indicators/export/?format=xlsx&{FILTERS}")
    assert response.status_code == 200
    assert "spreadsheetml" in response["Content-Type"]
    with translation.override("sv"):
        intro, rows = xlsx_rows(response)
        code, value, unit = _("Code"), _("Value"), _("Unit")
        assert intro[0] == _("Indicators")
        per_1000 = _("per 1 000 children")
    assert any(network.west_uusimaa.name in line for line in intro)
    assert any("2026-01-01" in line and "2026-06-30" in line for line in intro)
    rate = next(r for r in rows if r[code] == "services_per_1000_children")
    assert rate[value] == 12.5 and rate[unit] == per_1000
    count = next(r for r in rows if r[code] == "processes_by_kind")
    assert count[value] == 41


def test_words_that_look_like_a_formula_stay_text(helena_client, monkeypatch, figures):
    def compute(*, scope, period):
        values = fake_values(scope, period)
        words = next(v for v in values if v.code == "searches_empty_words")
        evil = replace(words, breakdown=(BreakdownRow('=HYPERLINK("http://x","y")', 7),))
        return [evil if v is words else v for v in values]

    monkeypatch.setattr(indicators, "indicators_compute", compute)
    body = helena_client.get(f"/fi/leading/indicators/export.csv?{FILTERS}").content.decode()
    assert "'=HYPERLINK" in body
    response = helena_client.get(f"/fi/leading/indicators/export.xlsx?{FILTERS}")
    sheet = load_workbook(io.BytesIO(response.content)).active
    cells = [c for row in sheet.iter_rows() for c in row if str(c.value).startswith("=HYPER")]
    assert cells and all(c.data_type == "s" for c in cells)


def test_an_unknown_format_is_not_found(helena_client, figures):
    assert helena_client.get(f"/fi/leading/indicators/export.pdf?{FILTERS}").status_code == 404
    assert helena_client.get(f"/fi/leading/indicators/export/?{FILTERS}").status_code == 404


def test_no_export_of_a_scope_the_leader_does_not_lead(eero_client, figures):
    response = eero_client.get("/fi/leading/indicators/export.csv?scope=municipality:092")
    assert response.status_code == 403
    assert "attachment" not in response.get("Content-Disposition", "")
    assert not figures.calls


def test_no_export_for_a_professional_without_a_leader_role(aino_client, figures):
    assert aino_client.get(f"/fi/leading/indicators/export.xlsx?{FILTERS}").status_code == 403


def test_an_export_with_bad_dates_shows_the_form_again(helena_client, figures):
    response = helena_client.get("/fi/leading/indicators/export.csv?from=2026-06-01&to=2026-01-01")
    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/html")
    assert not figures.calls


def test_the_real_indicators_export(helena_client):
    """No fakes: every indicator `indicators` computes reaches both files."""
    rows = csv_rows(helena_client.get("/fi/leading/indicators/export.csv?scope=county:03"))
    with translation.override("fi"):
        code = _("Code")
    assert "searches_empty_words" in {row[code] for row in rows}
    response = helena_client.get("/fi/leading/indicators/export.xlsx?scope=county:03")
    assert response.status_code == 200
