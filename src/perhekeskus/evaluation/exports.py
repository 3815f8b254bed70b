"""The indicators as CSV (UTF-8 with a byte order mark, so that spreadsheet programs read the
letters right) and as an Excel workbook.

Each indicator is one row, its breakdown rows follow it. A suppressed value is an empty cell with
the note "fewer than 5": the number never leaves the server. Texts that begin like a formula
(a search's words, a name) are written as text, never as something a spreadsheet would run.
"""

import csv
import io
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date

from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from perhekeskus.evaluation.charts import (
    breakdown_unit,
    fewer_than_five,
    group_label,
    scope_kind_label,
    unit_label,
)
from perhekeskus.evaluation.indicators import IndicatorValue, Period, Scope

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class ExportRow:
    code: str
    group: str
    label: str
    breakdown: str  # '' for the indicator itself
    value: float | int | None
    unit: str
    suppressed: bool
    note: str
    definition: str


def _value(value: float | int | None, suppressed: bool) -> float | int | None:
    if suppressed or value is None:
        return None
    return value if isinstance(value, int) else round(float(value), 3)


def export_rows(*, indicators: Sequence[IndicatorValue]) -> Iterator[ExportRow]:
    for indicator in indicators:
        if not indicator.applicable:
            note = _("not applicable")
        else:
            note = fewer_than_five() if indicator.suppressed else ""
        yield ExportRow(
            code=indicator.code,
            group=group_label(indicator.group),
            label=indicator.label,
            breakdown="",
            value=_value(indicator.value, indicator.suppressed or not indicator.applicable),
            unit=indicator.unit,
            suppressed=indicator.suppressed,
            note=note,
            definition=indicator.definition,
        )
        for row in indicator.breakdown:
            yield ExportRow(
                code=indicator.code,
                group=group_label(indicator.group),
                label=indicator.label,
                breakdown=row.label,
                value=_value(row.value, row.suppressed),
                unit=breakdown_unit(indicator),
                suppressed=row.suppressed,
                note=fewer_than_five() if row.suppressed else "",
                definition="",
            )


def _headers() -> list[str]:
    return [
        _("Scope type"),
        _("Scope id"),
        _("Scope"),
        pgettext("period", "From"),
        pgettext("period", "To"),
        _("Code"),
        _("Group"),
        _("Indicator"),
        _("Breakdown"),
        _("Value"),
        _("Unit"),
        _("Suppressed"),
        _("Note"),
        _("Definition"),
    ]


def _text(value: str) -> str:
    """A text cell that no spreadsheet takes for a formula."""
    return f"'{value}" if value.startswith(FORMULA_START) else value


def _cells(*, scope: Scope, period: Period, row: ExportRow) -> list[object]:
    return [
        scope_kind_label(scope.kind),
        scope.key,
        scope.label,
        period.start,
        period.end,
        row.code,
        row.group,
        row.label,
        row.breakdown,
        row.value,
        unit_label(row.unit),
        _("yes") if row.suppressed else _("no"),
        row.note,
        row.definition,
    ]


def indicators_csv(*, scope: Scope, period: Period, indicators: Sequence[IndicatorValue]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(_headers())
    for row in export_rows(indicators=indicators):
        cells = _cells(scope=scope, period=period, row=row)
        writer.writerow(
            [
                ""
                if cell is None
                else cell.isoformat()
                if isinstance(cell, date)
                else _text(cell)
                if isinstance(cell, str)
                else cell
                for cell in cells
            ]
        )
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def _sheet_title(text: str) -> str:
    cleaned = "".join(" " if c in "[]:*?/\\" else c for c in text)
    return cleaned[:31] or "Sheet"


def indicators_xlsx(
    *, scope: Scope, period: Period, indicators: Sequence[IndicatorValue], made_on: date
) -> bytes:
    # Imported here: only the export needs it.
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = _sheet_title(_("Indicators"))
    intro = [
        (_("Indicators"), True),
        (f"{scope_kind_label(scope.kind)}: {scope.label} ({scope.key})", False),
        (
            _("Period %(start)s – %(end)s")
            % {"start": period.start.isoformat(), "end": period.end.isoformat()},
            False,
        ),
        (_("Made on %(day)s") % {"day": made_on.isoformat()}, False),
        (
            _(
                "Counts of 1–4 that could point at a family are not shown: their cells are "
                "empty with the note “fewer than 5”."
            ),
            False,
        ),
    ]
    for number, (text, bold) in enumerate(intro, start=1):
        cell = sheet.cell(row=number, column=1)
        cell.value = _text(text)
        cell.data_type = "s"
        if bold:
            cell.font = Font(bold=True, size=14)
    header_row = len(intro) + 2
    for column, title in enumerate(_headers(), start=1):
        cell = sheet.cell(row=header_row, column=column, value=title)
        cell.font = Font(bold=True)
    row_number = header_row
    for row in export_rows(indicators=indicators):
        row_number += 1
        for column, value in enumerate(_cells(scope=scope, period=period, row=row), start=1):
            cell = sheet.cell(row=row_number, column=column)
            if isinstance(value, str):
                cell.value = value
                cell.data_type = "s"  # never a formula, whatever the text begins with
            else:
                cell.value = value  # type: ignore[assignment]
                if isinstance(value, date):
                    cell.number_format = "yyyy-mm-dd"
                elif isinstance(value, float):
                    cell.number_format = "0.0"
            if column == 14:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = sheet.cell(row=header_row + 1, column=1)
    widths = [18, 12, 28, 12, 12, 26, 22, 40, 28, 10, 16, 10, 16, 70]
    for column, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(column)].width = width
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
