"""Template filters and tags of the family channel's pages."""

from __future__ import annotations

from typing import Any

from django import template
from django.conf import settings
from django.http import HttpRequest
from django.urls import translate_url
from django.utils.translation import get_language, get_language_info

from perhekeskus.families import formatting
from perhekeskus.network import labels
from perhekeskus.network.service_areas import service_area_text

register = template.Library()


@register.filter
def age_range(obj: Any) -> str:
    """The age range of a service or an activity ("0–6 years")."""
    return labels.age_range_label(obj.min_age_months, obj.max_age_months)


@register.filter
def language_name(code: str) -> str:
    return labels.language_name(code)


@register.filter
def language_names(codes: Any) -> str:
    return labels.language_names(codes)


@register.filter
def served_area(service: Any) -> str:
    """A service from outside the region, marked as such ("Serves the whole country",
    "Serves these counties: …"); empty for a local one."""
    return service_area_text(service)


@register.filter
def distance(km: float | None) -> str:
    return formatting.distance_label(km)


@register.filter
def channel_label(code: str) -> str:
    return formatting.channel_label(code)


@register.filter
def channel_labels(codes: Any) -> str:
    return ", ".join(formatting.channel_label(c) for c in codes or () if isinstance(c, str))


@register.filter
def cost_label(code: str) -> str:
    return formatting.cost_label(code)


@register.filter
def target_group_labels(codes: Any) -> str:
    return ", ".join(formatting.target_group_label(c) for c in codes or () if isinstance(c, str))


def _page_in(path: str, current: str, code: str) -> str:
    """This page in another language, its query string kept: /fi/search/?q=x → /sv/search/?q=x."""
    translated = translate_url(path, code)
    if translated != path or code == current:
        return translated
    prefix = f"/{current}/"
    if path.startswith(prefix):
        return f"/{code}/{path[len(prefix) :]}"
    return f"/{code}/"


@register.simple_tag(takes_context=True)
def language_links(context: template.Context) -> list[dict[str, Any]]:
    """One link per language to the page being shown, in that language."""
    request: HttpRequest | None = context.get("request")
    path = request.get_full_path() if request is not None else "/"
    current = get_language() or settings.LANGUAGE_CODE
    links = []
    for code, _name in settings.LANGUAGES:
        info = get_language_info(code)
        links.append(
            {
                "code": code,
                "name": info["name_local"],
                "url": _page_in(path, current, code),
                "current": code == current,
            }
        )
    return links
