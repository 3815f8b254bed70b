"""Template filters of the programme: ages, languages, dates and times as people read them."""

from datetime import date, datetime, time

from django import template

from perhekeskus.network import labels as register_labels
from perhekeskus.programme import labels

register = template.Library()


@register.simple_tag
def age_range(min_months: int | None, max_months: int | None) -> str:
    return register_labels.age_range_label(min_months, max_months)


@register.filter
def language_names(codes: list[str] | tuple[str, ...]) -> str:
    return register_labels.language_names(codes)


@register.filter
def day_heading(day: date) -> str:
    return labels.day_heading(day)


@register.filter
def short_date(day: date) -> str:
    return labels.short_date(day)


@register.filter
def full_date(day: date | datetime) -> str:
    return labels.full_date(day)


@register.filter
def clock(moment: time | datetime) -> str:
    return labels.clock(moment)


@register.filter
def weekday_name(weekday: int) -> str:
    return labels.weekday_name(weekday)


@register.filter
def weekday_abbr(weekday: int) -> str:
    return labels.weekday_abbr(weekday)


@register.filter
def iso_time(moment: time) -> str:
    return moment.strftime("%H:%M")
