"""Words for the workspace's pages."""

from functools import lru_cache
from typing import Any

from django import template
from django.forms import BoundField
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils import translation

from perhekeskus.referrals.states import Status

register = template.Library()


@register.filter
def referral_status(value: str) -> str:
    """A referral's status in the reader's language."""
    try:
        return str(Status(value).label)
    except ValueError:
        return value


@register.filter
def described(field: BoundField) -> str:
    """The field's widget, described by its help text and its errors for a screen reader."""
    ids = []
    if field.help_text:
        ids.append(f"{field.auto_id}_helptext")
    if field.errors:
        ids.append(f"{field.auto_id}_error")
    attrs: dict[str, str | bool] | None = {"aria-describedby": " ".join(ids)} if ids else None
    return field.as_widget(attrs=attrs)


@register.simple_tag(takes_context=True)
def page_url(context: dict[str, Any], param: str, number: int, anchor: str) -> str:
    """This page's address with one section's page changed and the others' kept, pointing
    at the section."""
    query = context["request"].GET.copy()
    if number > 1:
        query[param] = str(number)
    else:
        query.pop(param, None)
    encoded = query.urlencode()
    return f"?{encoded}#{anchor}" if encoded else f"{context['request'].path}#{anchor}"


# An id no real row has, to find where the id goes in an address.
_MARKER = 987654321987


@register.simple_tag
def id_url(name: str, pk: int) -> str:
    """`{% url name pk %}` for an address with one integer id, the rest of the address
    reversed once per language instead of row by row (a caseload page has a hundred links)."""
    head, tail = _around_id(name, translation.get_language(), get_script_prefix(), get_urlconf())
    return f"{head}{int(pk)}{tail}"


@lru_cache(maxsize=128)
def _around_id(
    name: str, _language: str | None, _prefix: str, _urlconf: str | None
) -> tuple[str, str]:
    head, tail = reverse(name, args=[_MARKER]).split(str(_MARKER))
    return head, tail
