"""How the family channel says distances and codes to people, in their language. Ages and
languages are the register's: `perhekeskus.network.labels`."""

from __future__ import annotations

from django.utils.formats import number_format
from django.utils.translation import gettext as _

from perhekeskus.network.models import Service


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
