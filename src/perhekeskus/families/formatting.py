"""How the family channel says ages, distances and codes to people, in their language.

Ages are months internally; people read them in months up to two years and in years after, and
a negative age is pregnancy ("0–6 years", "pregnancy – 6 years", "3–11 months").
"""

from __future__ import annotations

from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from perhekeskus.network.models import Service

MONTHS_SHOWN_UP_TO = 24


def age_months_label(months: int) -> str:
    """One age: "pregnancy", "3 months", "4 years"."""
    if months < 0:
        return _("pregnancy")
    if months < MONTHS_SHOWN_UP_TO:
        return ngettext("%(count)s month", "%(count)s months", months) % {"count": months}
    years = months // 12
    return ngettext("%(count)s year", "%(count)s years", years) % {"count": years}


def age_range_label(low: int | None, high: int | None) -> str:
    """An age range as people say it; the upper end counts whole years ("0–6 years" ends the
    day before the seventh birthday, 83 months)."""
    if low is None and high is None:
        return _("all ages")
    if high is not None and high < 0:
        return _("pregnancy")
    if high is None:
        assert low is not None
        if low < 0:
            return _("from pregnancy on")
        return _("from %(age)s") % {"age": age_months_label(low)}
    if low is None:
        return _("up to %(age)s") % {"age": age_months_label(high)}
    if low < 0:
        return _("pregnancy – %(age)s") % {"age": age_months_label(high)}
    if high < MONTHS_SHOWN_UP_TO:
        return _("%(low)s–%(high)s months") % {"low": low, "high": high}
    if low == 0 or low >= MONTHS_SHOWN_UP_TO:
        if low // 12 == high // 12:
            return age_months_label(high)
        return _("%(low)s–%(high)s years") % {"low": low // 12, "high": high // 12}
    return _("%(low)s – %(high)s") % {
        "low": age_months_label(low),
        "high": age_months_label(high),
    }


def distance_label(km: float | None) -> str:
    """ "350 m", "2,4 km", "18 km" in the active language's number format."""
    if km is None:
        return ""
    if km < 1:
        metres = max(10, round(km * 1000 / 10) * 10)
        return _("%(distance)s m") % {"distance": metres}
    digits = 1 if km < 10 else 0
    return _("%(distance)s km") % {"distance": number_format(round(km, digits), digits)}


def channel_label(code: str) -> str:
    try:
        return str(Service.Channel(code).label)
    except ValueError:
        return code


def cost_label(code: str) -> str:
    try:
        return str(Service.Cost(code).label)
    except ValueError:
        return code


def target_group_label(code: str) -> str:
    try:
        return str(Service.TargetGroup(code).label)
    except ValueError:
        return code
