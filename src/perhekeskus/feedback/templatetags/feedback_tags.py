"""`{% feedback_figures obj %}`: families' feedback on a service, place or area page, with the
link to give feedback. Nothing at all is shown of the figures below MIN_ANSWERS answers."""

from typing import Any
from urllib.parse import urlencode

from django import template
from django.urls import reverse

from perhekeskus.feedback import selectors
from perhekeskus.network.models import Area, Service, Site

register = template.Library()


def _url(name: str, **params: str) -> str:
    return f"{reverse(name)}?{urlencode(params)}"


@register.inclusion_tag("feedback/_figures.html")
def feedback_figures(obj: Service | Site | Area) -> dict[str, Any]:
    figures: selectors.Figures | None
    give_url = ""
    if isinstance(obj, Service):
        figures = selectors.figures_for_service(obj)
        give_url = _url("feedback:give", service=str(obj.hsds_id))
    elif isinstance(obj, Site):
        figures = selectors.figures_for_site(obj)
        give_url = _url("feedback:give", site=str(obj.hsds_id))
    else:
        figures = selectors.figures_for_area(obj)
    return {
        "figures": figures,
        "give_url": give_url,
        "slug": obj._meta.model_name,
    }
