"""Words for the referral pages: the codes a referral stores, in the reader's language."""

from django import template
from django.utils.translation import gettext as _

from perhekeskus.consent.models import DataCategory
from perhekeskus.referrals.models import Basis
from perhekeskus.referrals.states import Action, Status

register = template.Library()


def _label(choices: type, value: str) -> str:
    try:
        return str(choices(value).label)
    except ValueError:
        return value


@register.filter
def status_label(value: str) -> str:
    return _label(Status, value)


@register.filter
def action_label(value: str) -> str:
    return _label(Action, value)


@register.filter
def category_label(value: str) -> str:
    return _label(DataCategory, value)


@register.filter
def basis_label(value: str) -> str:
    return _label(Basis, value)


@register.filter
def waiting_label(value: str) -> str:
    """What the sender is waiting for from the receiver, past its date."""
    return {
        "receive": _("to be received"),
        "decide": _("to be accepted or declined"),
        "first_contact": _("the first contact with the family"),
    }.get(value, "")
