"""Whether a professional's role reaches screenings, for the links other pages show."""

from django import template

from perhekeskus.screenings.access import reaches_health
from perhekeskus.staff.models import Professional

register = template.Library()


@register.filter
def reaches_screenings(professional: Professional | None) -> bool:
    """A role that works with health information; the worklist and screenings are for it."""
    return professional is not None and reaches_health(professional)
