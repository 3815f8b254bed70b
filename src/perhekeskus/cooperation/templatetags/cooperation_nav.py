"""Whether the leaders' navigation shows the cooperation network: asked of `access`, so that
the link appears exactly for those the pages let in."""

from django import template
from django.http import HttpRequest

from perhekeskus.cooperation import access

register = template.Library()


@register.filter
def in_cooperation_network(request: HttpRequest | None) -> bool:
    """Asked once per request, however many times the navigation is drawn; on the network's own
    pages the reader's scopes are known already and it costs no query."""
    if request is None:
        return False
    known = getattr(request, "_in_cooperation_network", None)
    if known is None:
        scopes = getattr(request, "cooperation_scopes", None)
        if scopes is not None:
            known = not scopes.nothing
        else:
            known = access.in_cooperation_network(getattr(request, "professional", None))
        request._in_cooperation_network = known  # type: ignore[attr-defined]
    return known
