"""Writes of feedback (palaute): anonymous, with the day only, tied to a service, a place or
an answer's topic."""

from django.db import transaction
from django.utils import timezone

from perhekeskus.feedback.models import Feedback
from perhekeskus.network.models import Area, Service, Site


def area_of(*, service: Service | None, site: Site | None) -> Area | None:
    """The family centre area the feedback counts for: the place's area, else the area of the
    service's first place."""
    if site is not None:
        return site.area
    if service is not None:
        first = service.at_sites.select_related("site__area").order_by("id").first()
        return first.site.area if first is not None else None
    return None


@transaction.atomic
def give_feedback(
    *,
    lang: str,
    got_help: str,
    rating: int,
    text: str = "",
    context: str = Feedback.Context.VISIT,
    service: Service | None = None,
    site: Site | None = None,
    topic: str = "",
) -> Feedback:
    """Stored with the day only (given_on), never the time, an address or anything else that
    could tell who wrote it."""
    feedback = Feedback(
        given_on=timezone.localdate(),
        lang=lang,
        context=context,
        service=service,
        site=site,
        area=area_of(service=service, site=site),
        topic=topic,
        got_help=got_help,
        rating=rating,
        text=text.strip(),
    )
    feedback.full_clean()
    feedback.save()
    return feedback
