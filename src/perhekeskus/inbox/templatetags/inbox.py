"""How the inbox names things: who claimed an item, a professional's role, a topic, an age."""

from django import template
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from perhekeskus.inbox.models import AnswerTemplate, InboxEvent, InboxItem
from perhekeskus.inbox.topics import topic_label
from perhekeskus.staff.models import Professional

register = template.Library()

# Actions without a professional: the family's own, or the system's.
FAMILY_ACTIONS = frozenset(
    {
        InboxEvent.Action.RECEIVED,
        InboxEvent.Action.FAMILY_REPLIED,
        InboxEvent.Action.STEPPED_UP,
    }
)


@register.filter
def role_label(role: str) -> str:
    return str(dict(Professional.Role.choices).get(role, role))


@register.filter
def colleague(professional: Professional | None) -> str:
    """A colleague as the inbox shows them: role and username ("social worker (kalle)")."""
    if professional is None:
        return ""
    return f"{professional.get_role_display()} ({professional.user.get_username()})"


@register.simple_tag
def claimed_by(item: InboxItem, me: Professional) -> str:
    if item.claimed_by_id is None:
        return _("nobody yet")
    if item.claimed_by_id == me.pk:
        return _("you")
    return colleague(item.claimed_by)


@register.filter
def topic(code: str) -> str:
    return topic_label(code)


@register.filter
def child_age(months: int | None) -> str:
    """Under two years in months, then in years, as a nurse would say it."""
    if months is None:
        return _("not given")
    if months < 24:
        return ngettext("%(n)d month", "%(n)d months", months) % {"n": months}
    years = months // 12
    return ngettext("%(n)d year", "%(n)d years", years) % {"n": years}


@register.filter
def actor(event: InboxEvent) -> str:
    if event.actor:
        if event.professional is not None:
            return colleague(event.professional)
        return event.actor
    if event.action in FAMILY_ACTIONS:
        return _("the family")
    return _("automatic")


@register.filter
def template_texts(templates: list[AnswerTemplate]) -> dict[str, str]:
    """For the answer form's script: a chosen template fills the answer at once."""
    return {str(t.pk): t.text for t in templates}
