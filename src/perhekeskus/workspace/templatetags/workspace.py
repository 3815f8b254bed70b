"""Words for the workspace's pages."""

from django import template

from perhekeskus.referrals.states import Status

register = template.Library()


@register.filter
def referral_status(value: str) -> str:
    """A referral's status in the reader's language."""
    try:
        return str(Status(value).label)
    except ValueError:
        return value
