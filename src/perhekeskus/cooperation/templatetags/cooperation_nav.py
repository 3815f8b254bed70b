"""Whether the leaders' navigation shows the cooperation network: asked of `access`, so that
the link appears exactly for those the pages let in."""

from django import template

from perhekeskus.cooperation.access import cooperation_scopes
from perhekeskus.staff.models import Professional

register = template.Library()


@register.filter
def in_cooperation_network(professional: Professional | None) -> bool:
    if professional is None:
        return False
    # Asked once per page, however many times the navigation is drawn.
    known = getattr(professional, "_in_cooperation_network", None)
    if known is None:
        known = not cooperation_scopes(professional).nothing
        professional._in_cooperation_network = known  # type: ignore[attr-defined]
    return known
