"""How the programme shows ages, languages, dates and times to people, in their language."""

from datetime import date, datetime, time

from django.utils import dateformat, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext, pgettext

from perhekeskus.network.models import AGE_MONTHS_MAX, PREGNANCY_START_MONTHS

# Languages served at Finnish meeting places, with names for people; other codes fall back to
# Django's list of language names and then to the code itself.
LANGUAGE_NAMES = {
    "fi": gettext_lazy("Finnish"),
    "sv": gettext_lazy("Swedish"),
    "en": gettext_lazy("English"),
    "se": gettext_lazy("Northern Sami"),
    "smn": gettext_lazy("Inari Sami"),
    "sms": gettext_lazy("Skolt Sami"),
    "fse": gettext_lazy("Finnish Sign Language"),
    "ar": gettext_lazy("Arabic"),
    "de": gettext_lazy("German"),
    "es": gettext_lazy("Spanish"),
    "et": gettext_lazy("Estonian"),
    "fa": gettext_lazy("Persian"),
    "fr": gettext_lazy("French"),
    "ku": gettext_lazy("Kurdish"),
    "ru": gettext_lazy("Russian"),
    "so": gettext_lazy("Somali"),
    "sq": gettext_lazy("Albanian"),
    "th": gettext_lazy("Thai"),
    "ti": gettext_lazy("Tigrinya"),
    "tr": gettext_lazy("Turkish"),
    "uk": gettext_lazy("Ukrainian"),
    "vi": gettext_lazy("Vietnamese"),
    "zh": gettext_lazy("Chinese"),
}


def language_name(code: str) -> str:
    if code in LANGUAGE_NAMES:
        return str(LANGUAGE_NAMES[code])
    try:
        return str(translation.get_language_info(code)["name_translated"])
    except KeyError:
        return code


def language_names(codes: list[str] | tuple[str, ...]) -> str:
    return ", ".join(language_name(code) for code in codes)


def _age(months: int) -> tuple[int, str]:
    """An age as a number and its unit: months below two years, whole years from there."""
    if months < 24:
        return months, ngettext("month", "months", months)
    years = months // 12
    return years, ngettext("year", "years", years)


def age_range_label(min_months: int | None, max_months: int | None) -> str:
    """ "0–6 years", "pregnancy", "pregnancy – 12 months", "from 18 months", "all ages"."""
    low = None if min_months is None or min_months <= PREGNANCY_START_MONTHS else min_months
    high = None if max_months is None or max_months >= AGE_MONTHS_MAX else max_months
    if high is not None and high < 0:
        return _("pregnancy")
    if low is None and high is None:
        return _("all ages")
    if high is None:
        assert low is not None
        if low < 0:
            return _("from pregnancy")
        number, unit = _age(low)
        return _("from %(age)s %(unit)s") % {"age": number, "unit": unit}
    last, unit = _age(high)
    if low is not None and low < 0:
        return _("pregnancy – %(age)s %(unit)s") % {"age": last, "unit": unit}
    first, first_unit = _age(low or 0)
    if first == 0 or first_unit == unit:
        return _("%(first)s–%(last)s %(unit)s") % {"first": first, "last": last, "unit": unit}
    return _("%(first)s %(first_unit)s – %(last)s %(unit)s") % {
        "first": first,
        "first_unit": first_unit,
        "last": last,
        "unit": unit,
    }


def age_choice_label(months: int) -> str:
    """A single age in the filter's list: "pregnancy", "3 months", "4 years"."""
    if months < 0:
        return _("pregnancy")
    if months < 24 and months % 12:
        return ngettext("%(count)s month", "%(count)s months", months) % {"count": months}
    years = months // 12
    return ngettext("%(count)s year", "%(count)s years", years) % {"count": years}


def day_heading(day: date) -> str:
    """ "Tuesday 6 January" in the active language's own way (fi: "tiistai 6. tammikuuta")."""
    return dateformat.format(day, pgettext("date format of a day heading", "l j F"))


def short_date(day: date) -> str:
    """ "6 Jan" (fi and sv: "6.1.") for lists of dates."""
    return dateformat.format(day, pgettext("date format of a short date", "j M"))


def full_date(day: date | datetime) -> str:
    return dateformat.format(day, pgettext("date format of a full date", "j F Y"))


def clock(moment: time | datetime) -> str:
    """A time of day, 24-hour: "10:00" (fi: "10.00")."""
    return dateformat.time_format(moment, pgettext("time format of a time of day", "H:i"))


def weekday_name(weekday: int) -> str:
    """Monday is 0, as in Python and OpeningHours."""
    return dateformat.format(date(2024, 1, 1 + weekday), "l")


def weekday_abbr(weekday: int) -> str:
    return dateformat.format(date(2024, 1, 1 + weekday), "D")
