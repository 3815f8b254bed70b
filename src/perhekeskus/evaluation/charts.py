"""Numbers and charts for the indicator pages, the exports' notes and the printed report.

Charts are drawn on the server as SVG: no script, the same picture on the screen and in the PDF.
A suppressed month is a gap in the line, marked "<5" on the axis, and its value is never in
the picture, its attributes or the table beside it.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.utils import formats
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from perhekeskus.evaluation.indicators import IndicatorValue, TrendPoint

Number = float | int | None


def fewer_than_five() -> str:
    return _("fewer than 5")


def number_text(value: float | int, unit: str) -> str:
    """The number alone, in the language's digits: counts whole, the rest with one decimal."""
    if unit == "count" or (isinstance(value, int) and unit not in ("percent",)):
        return formats.number_format(round(value), 0, force_grouping=True)
    return formats.number_format(Decimal(str(round(float(value), 1))), 1, force_grouping=True)


def value_text(
    value: Number, unit: str, *, suppressed: bool = False, applicable: bool = True
) -> str:
    """What a reader sees for a value: the number with its unit, or why there is none."""
    if not applicable:
        return _("not applicable")
    if suppressed:
        return fewer_than_five()
    if value is None:
        return _("no data")
    number = number_text(value, unit)
    if unit == "percent":
        return _("%(number)s %%") % {"number": number}
    if unit == "per_1000_children":
        return _("%(number)s per 1 000 children") % {"number": number}
    if unit == "days":
        return _("%(number)s days") % {"number": number}
    if unit == "per_week":
        return _("%(number)s per week") % {"number": number}
    return number


# Breakdowns counted in another unit than their indicator (the indicators' interface has no field
# for it yet): the activities a professional visits are counted, under a share of activities.
BREAKDOWN_UNITS = {"activities_with_professionals": "count"}


def breakdown_unit(indicator: IndicatorValue) -> str:
    own = getattr(indicator, "breakdown_unit", "")
    return own or BREAKDOWN_UNITS.get(indicator.code, indicator.unit)


def unit_label(unit: str) -> str:
    labels = {
        "count": _("count"),
        "percent": _("percent"),
        "per_1000_children": _("per 1 000 children"),
        "days": _("days"),
        "per_week": _("per week"),
    }
    return labels.get(unit, unit)


def change_text(change: Number, unit: str) -> str:
    """A signed difference: percentages as percentage points."""
    if change is None:
        return "–"
    sign = "+" if change > 0 else ("−" if change < 0 else "±")
    number = number_text(abs(change), "count" if unit == "count" else "other")
    if unit == "percent":
        return _("%(sign)s%(number)s percentage points") % {"sign": sign, "number": number}
    return f"{sign}{number}"


def relative_text(relative: float | None) -> str:
    if relative is None:
        return "–"
    sign = "+" if relative > 0 else ("−" if relative < 0 else "±")
    return _("%(sign)s%(number)s %%") % {"sign": sign, "number": number_text(abs(relative), "x")}


def month_text(month: date) -> str:
    return formats.date_format(month, "YEAR_MONTH_FORMAT")


def _axis_month(month: date) -> str:
    return f"{month.month}/{month.year % 100:02d}"


# --- The chart ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class ChartRow:
    month: date
    month_label: str
    text: str
    suppressed: bool


@dataclass(frozen=True)
class Chart:
    code: str
    title: str
    unit: str
    svg: SafeString
    rows: tuple[ChartRow, ...]

    @property
    def has_data(self) -> bool:
        return any(not row.suppressed and row.text != _("no data") for row in self.rows)


WIDTH, HEIGHT = 520, 250
LEFT, RIGHT, TOP, BOTTOM = 52, 12, 22, 46
INK, LINE, GRID, MUTED = "#1d2326", "#005a66", "#c9cfd1", "#4a5559"


def _step_for(maximum: float) -> float:
    """Round step: 1, 2 or 5 times a power of ten, giving at most five gridlines."""
    if maximum <= 0:
        return 1.0
    power = 1.0
    while power * 10 <= maximum:
        power *= 10
    while power > maximum:
        power /= 10
    for factor in (0.1, 0.2, 0.5, 1, 2, 5, 10):
        step = factor * power
        if maximum / step <= 5:
            return step
    return power * 10


def _tick_text(value: float, step: float) -> str:
    decimals = 0
    while decimals < 3 and abs(step * 10**decimals - round(step * 10**decimals)) > 1e-9:
        decimals += 1
    return formats.number_format(
        Decimal(str(round(value, decimals))), decimals, force_grouping=True
    )


def trend_chart(*, code: str, title: str, unit: str, points: Sequence[TrendPoint]) -> Chart:
    """A monthly line chart with its axes, a title and a description, and the table of its
    values for the reader who does not see the picture (and for the exact figures)."""
    rows = tuple(
        ChartRow(
            month=point.month,
            month_label=month_text(point.month),
            text=value_text(point.value, unit, suppressed=point.suppressed),
            suppressed=point.suppressed,
        )
        for point in points
    )
    shown = [float(p.value) if (p.value is not None and not p.suppressed) else None for p in points]
    maximum = max((v for v in shown if v is not None), default=0.0)
    step = _step_for(maximum)
    top = step * max(1, -(-maximum // step)) if maximum > 0 else step * 4
    if unit == "percent" and top > 100:
        top = 100.0
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    n = max(len(points), 1)
    slot = plot_w / n

    def x(i: int) -> float:
        return LEFT + slot * (i + 0.5)

    def y(value: float) -> float:
        return TOP + plot_h - (value / top) * plot_h if top else TOP + plot_h

    chart_id = f"chart-{escape(code)}"
    first, last = (rows[0].month_label, rows[-1].month_label) if rows else ("", "")
    desc = _(
        "%(title)s by month from %(first)s to %(last)s, in %(unit)s. Months with fewer than 5 "
        "are left as gaps and marked <5. The values are in the table beside the chart."
    ) % {"title": title, "first": first, "last": last, "unit": unit_label(unit)}
    parts: list[str] = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'class="ev-chart" role="img" aria-labelledby="{chart_id}-title {chart_id}-desc" '
        f'preserveAspectRatio="xMidYMid meet" font-family="DejaVu Sans, Arial, sans-serif" '
        f'font-size="13">',
        f'<title id="{chart_id}-title">{escape(title)}</title>',
        f'<desc id="{chart_id}-desc">{escape(desc)}</desc>',
    ]
    # Gridlines and the y axis's numbers.
    ticks = round(top / step) if step else 0
    for t in range(ticks + 1):
        value = step * t
        if value > top + 1e-9:
            break
        ty = y(value)
        parts.append(
            f'<line x1="{LEFT}" y1="{ty:.1f}" x2="{WIDTH - RIGHT}" y2="{ty:.1f}" '
            f'stroke="{GRID}" stroke-width="1"/>'
        )
        parts.append(
            f'<text x="{LEFT - 6}" y="{ty + 4:.1f}" text-anchor="end" fill="{INK}">'
            f"{escape(_tick_text(value, step))}</text>"
        )
    # Axes.
    parts.append(
        f'<line x1="{LEFT}" y1="{TOP}" x2="{LEFT}" y2="{TOP + plot_h}" stroke="{INK}"/>'
        f'<line x1="{LEFT}" y1="{TOP + plot_h}" x2="{WIDTH - RIGHT}" y2="{TOP + plot_h}" '
        f'stroke="{INK}"/>'
    )
    parts.append(
        f'<text x="{LEFT}" y="{TOP - 6}" fill="{MUTED}" font-size="11">'
        f"{escape(unit_label(unit))}</text>"
    )
    # The months along the x axis: every month, or every second or third when there are many.
    every = 1 if n <= 13 else (2 if n <= 26 else 3)
    for i, point in enumerate(points):
        if i % every == 0:
            parts.append(
                f'<text x="{x(i):.1f}" y="{TOP + plot_h + 18}" text-anchor="middle" '
                f'fill="{INK}" font-size="11">{escape(_axis_month(point.month))}</text>'
            )
    # The line, broken where a month is suppressed or missing.
    segment: list[str] = []
    segments: list[list[str]] = []
    for i, month_value in enumerate(shown):
        if month_value is None:
            if segment:
                segments.append(segment)
            segment = []
            continue
        segment.append(f"{x(i):.1f},{y(month_value):.1f}")
    if segment:
        segments.append(segment)
    for seg in segments:
        if len(seg) > 1:
            parts.append(
                f'<polyline points="{" ".join(seg)}" fill="none" stroke="{LINE}" '
                f'stroke-width="2.5" stroke-linejoin="round"/>'
            )
    for i, month_value in enumerate(shown):
        if month_value is not None:
            parts.append(
                f'<circle cx="{x(i):.1f}" cy="{y(month_value):.1f}" r="3.5" fill="{LINE}"/>'
            )
        elif points[i].suppressed:
            parts.append(
                f'<text x="{x(i):.1f}" y="{TOP + plot_h - 6}" text-anchor="middle" '
                f'fill="{MUTED}" font-size="11" font-style="italic">&lt;5</text>'
            )
    parts.append(
        f'<text x="{LEFT}" y="{HEIGHT - 8}" fill="{MUTED}" font-size="11">'
        f"{escape(_('<5: fewer than 5, not shown'))}</text>"
    )
    parts.append("</svg>")
    return Chart(code=code, title=title, unit=unit, svg=mark_safe("".join(parts)), rows=rows)


# --- Words for codes ---------------------------------------------------------------------------

GROUPS: tuple[str, ...] = ("network", "family_channel", "client_processes", "feedback")


def group_label(group: str) -> str:
    labels = {
        "network": _("The service network"),
        "family_channel": _("The family channel"),
        "client_processes": _("Client processes"),
        "feedback": _("Feedback from families"),
    }
    return labels.get(group, group)


def scope_kind_label(kind: str) -> str:
    labels = {
        "county": _("wellbeing services county"),
        "area": _("family centre area"),
        "municipality": _("municipality"),
        "organisation": _("organisation"),
    }
    return labels.get(kind, kind)
