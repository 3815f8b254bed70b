"""The guidance page: a family tells its situation and is guided to the right help.

The form is sent with POST, so that what the family writes never lands in the address bar, the
browser's history or a server's access log; nothing of it is stored. The answer is rendered on
the same page, with the form still holding what was typed.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import get_language
from django.views.decorators.http import require_http_methods

from perhekeskus.errors import InvalidInput
from perhekeskus.evaluation.usage import usage_guidance_record
from perhekeskus.families import selectors
from perhekeskus.guidance.engine import Guidance, TypeMatch, guide
from perhekeskus.guidance.forms import GuidanceForm
from perhekeskus.guidance.selectors import (
    meeting_places_fit,
    meeting_places_this_week,
    question_topic,
)
from perhekeskus.network.models import Site
from perhekeskus.search.analysis import LANGUAGES
from perhekeskus.search.selectors import SearchHit, SiteHit

# How many kinds of help get a "see all" link and how many services a "call" line.
TYPES_LINKED = 3
CALLS_SHOWN = 3


@dataclass(frozen=True)
class ServiceRow:
    hit: SearchHit
    service: Any

    @property
    def site(self) -> SiteHit | None:
        return self.hit.sites[0] if self.hit.sites else None


@dataclass(frozen=True)
class TypeLink:
    match: TypeMatch
    url: str


def _lang() -> str:
    lang = (get_language() or "fi").split("-")[0]
    return lang if lang in LANGUAGES else "fi"


def _service_rows(result: Guidance) -> list[ServiceRow]:
    services = selectors.services_by_pk([hit.pk for hit in result.services])
    # A hit whose service was unpublished since the index refreshed is left out.
    return [ServiceRow(hit, services[hit.pk]) for hit in result.services if hit.pk in services]


def _type_links(result: Guidance, arguments: dict[str, Any]) -> list[TypeLink]:
    """Links to the search page for the best kinds of help, for the family's place and age."""
    links = []
    for match in result.service_types[:TYPES_LINKED]:
        params: list[tuple[str, Any]] = [("type", match.code)]
        if arguments["municipality"]:
            params.append(("municipality", arguments["municipality"]))
        if arguments["ages"]:
            params.append(("age_months", arguments["ages"][0]))
        links.append(TypeLink(match, f"{reverse('search')}?{urlencode(params)}"))
    return links


def _drop_ins(rows: list[ServiceRow]) -> list[ServiceRow]:
    """Services at a meeting place open now: a family can walk in without an appointment."""
    open_sites = {row.site.pk for row in rows if row.site and row.site.open_now}
    meeting_places = set(
        Site.objects.filter(pk__in=open_sites, kind=Site.Kind.MEETING_PLACE).values_list(
            "pk", flat=True
        )
    )
    return [row for row in rows if row.site and row.site.pk in meeting_places]


def _meeting_places(result: Guidance, arguments: dict[str, Any]) -> dict[str, Any]:
    """This week's meeting places near the family, when they fit the answer (see
    `selectors.meeting_places_fit`); without a municipality, a word asking for one."""
    if not meeting_places_fit(result):
        return {}
    municipality = arguments["municipality"]
    if not municipality:
        return {"meeting_places_ask_municipality": True}
    return {
        "meeting_places": meeting_places_this_week(
            municipality=municipality, ages=arguments["ages"]
        ),
        "meeting_places_week_url": reverse(
            "programme:municipality-calendar", kwargs={"code": municipality}
        ),
    }


def _next_steps(result: Guidance, arguments: dict[str, Any]) -> dict[str, str]:
    """Query strings of the links to ask anonymously and to ask to be contacted, for the
    answer's topic and the family's municipality."""
    topic = question_topic(result)
    ask: list[tuple[str, str]] = [("topic", topic)]
    if arguments["municipality"]:
        ask.append(("municipality", arguments["municipality"]))
    return {"ask_query": urlencode(ask), "contact_query": urlencode([("topic", topic)])}


def _answer(result: Guidance, arguments: dict[str, Any]) -> dict[str, Any]:
    rows = _service_rows(result)
    return {
        "result": result,
        "rows": rows,
        "type_links": _type_links(result, arguments),
        "calls": [row for row in rows if row.service.phone][:CALLS_SHOWN],
        "drop_ins": _drop_ins(rows),
        **_meeting_places(result, arguments),
        **_next_steps(result, arguments),
    }


@require_http_methods(["GET", "HEAD", "POST"])
def guidance(request: HttpRequest) -> HttpResponse:
    lang = _lang()
    if request.method != "POST":
        return render(request, "guidance/guidance.html", {"form": GuidanceForm(lang=lang)})
    form = GuidanceForm(request.POST, lang=lang)
    context: dict[str, Any] = {"form": form}
    status = 200
    if form.is_valid():
        arguments = form.guide_arguments()
        try:
            result = guide(**arguments)
            usage_guidance_record(
                needs=[need.code for need in result.needs],
                municipality=arguments["municipality"] or "",
            )
            context.update(_answer(result, arguments))
        except InvalidInput as error:
            form.add_invalid_input(error.details)
    if form.errors:
        status = 400
    response = render(request, "guidance/guidance.html", context, status=status)
    # What a family writes about itself must not linger in any cache.
    response["Cache-Control"] = "no-store"
    return response
