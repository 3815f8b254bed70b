"""The register's ages and languages as people read them, in the active language.

Ages are months; a negative age is a month of pregnancy (-9 … -1). An age range reads the same
on a search result, a calendar and a brochure: short units, months below two years and whole
years from there ("0–6 v", "6 kk – 6 v", "raskausaika – 12 kk", "alkaen 13 v"). One age chosen
in a filter is written out ("6 kuukautta", "4 vuotta"), like the filters' other choices.
Plain functions for any layer: they only translate.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext, npgettext, pgettext

from perhekeskus.network.models import AGE_MONTHS_MAX, PREGNANCY_START_MONTHS

# Younger than this many months reads in months, older in whole years.
MONTHS_UP_TO = 24


def _in_units(months: int) -> tuple[int, bool]:
    """The number people say and whether it counts years. Years are whole: an upper bound of
    83 months (the day before the seventh birthday) is "6 years"."""
    if months < MONTHS_UP_TO:
        return months, False
    return months // 12, True


def _short_age(months: int) -> str:
    number, years = _in_units(months)
    if years:
        return npgettext("age, short", "%(count)s year", "%(count)s years", number) % {
            "count": number
        }
    return npgettext("age, short", "%(count)s month", "%(count)s months", number) % {
        "count": number
    }


def age_range_label(min_months: int | None, max_months: int | None) -> str:
    """An age range: "0–6 years", "6 months – 6 years", "pregnancy", "pregnancy – 12 months",
    "from 13 years", "up to 6 years", "all ages". None is no limit, and so are the register's
    own limits: a range from the start of pregnancy with no upper end is for all ages."""
    low = min_months
    high = None if max_months is None or max_months >= AGE_MONTHS_MAX else max_months
    if high is not None and high < 0:
        return _("pregnancy")
    if high is None:
        if low is None or low <= PREGNANCY_START_MONTHS:
            return _("all ages")
        if low < 0:
            return _("from pregnancy")
        if low == 0:
            return _("from birth")
        return _("from %(age)s") % {"age": _short_age(low)}
    if low is None:
        return _("up to %(age)s") % {"age": _short_age(high)}
    if low < 0:
        return _("pregnancy – %(age)s") % {"age": _short_age(high)}
    first, first_in_years = _in_units(low)
    last, in_years = _in_units(high)
    if (first, first_in_years) == (last, in_years):
        return _short_age(high)
    if first == 0 or first_in_years == in_years:
        numbers = {"first": first, "last": last}
        if in_years:
            return pgettext("age range, short", "%(first)s–%(last)s years") % numbers
        return pgettext("age range, short", "%(first)s–%(last)s months") % numbers
    return f"{_short_age(low)} – {_short_age(high)}"


def age_label(months: int) -> str:
    """One age, written out as a filter offers it: "pregnancy", "1 month", "18 months",
    "4 years"."""
    if months < 0:
        return _("pregnancy")
    number, years = _in_units(months)
    if years:
        return ngettext("%(count)s year", "%(count)s years", number) % {"count": number}
    return ngettext("%(count)s month", "%(count)s months", number) % {"count": number}


# Languages services are offered in, by code (ISO 639-1; the Sami languages and Finnish Sign
# Language have only ISO 639-3 codes). Finnish and Swedish write language names in lower case.
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
    "pl": gettext_lazy("Polish"),
    "ps": gettext_lazy("Pashto"),
    "ro": gettext_lazy("Romanian"),
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
    """A language's name in the active language ("suomi", "svenska", "Arabic"); a code this
    list lacks gets Django's name for it, and a code nobody knows stays as it is."""
    name = LANGUAGE_NAMES.get(code)
    if name is not None:
        return str(name)
    try:
        return str(translation.get_language_info(code)["name_translated"])
    except KeyError:
        return code


def language_names(codes: Iterable[object] | None) -> str:
    """ "suomi, ruotsi": the names of a list of codes, skipping anything that is not a code."""
    return ", ".join(language_name(code) for code in codes or () if isinstance(code, str))
