"""Demo queues: one per family centre area of the demo region (Uusimaa), a national queue for
what no area takes, and a few shared answer templates in Finnish and Swedish. Safe to run again:
existing queues are reused, not duplicated."""

from collections.abc import Iterable, Sequence
from typing import Protocol

from django.db import transaction

from perhekeskus.inbox.models import AnswerTemplate, Queue, QueueMembership
from perhekeskus.inbox.services import municipality_areas
from perhekeskus.network.demo import UUSIMAA_COUNTIES
from perhekeskus.network.models import Area
from perhekeskus.staff.models import Professional

NATIONAL_NAMES = {
    "name_fi": "Valtakunnallinen perhekeskusjono",
    "name_sv": "Riksomfattande familjecenterkö",
    "name_en": "National family centre queue",
}

# (lang, title, text): answers a professional adapts, never sends as they are.
SHARED_TEMPLATES: tuple[tuple[str, str, str], ...] = (
    (
        "fi",
        "Kiitos kysymyksestä",
        "Kiitos, että kysyit. Vastaan mielelläni.\n\n[vastaus]\n\n"
        "Jos haluat jutella lisää, voit kirjoittaa uudelleen samalla koodilla.",
    ),
    (
        "fi",
        "Ohjaus neuvolaan",
        "Tästä kannattaa jutella oman neuvolan terveydenhoitajan kanssa. Voit soittaa "
        "neuvolaan arkisin ja varata ajan. Jos toivot, että meiltä otetaan sinuun yhteyttä, "
        "voit jättää yhteydenottopyynnön tällä sivulla.",
    ),
    (
        "fi",
        "Kiireellinen apu",
        "Jos sinä tai lapsi olette nyt vaarassa, soita hätänumeroon 112. MIELI ry:n "
        "Kriisipuhelin vastaa ympäri vuorokauden numerossa 09 2525 0111, ja Nollalinja "
        "lähisuhdeväkivaltaa kokeneille maksutta ympäri vuorokauden numerossa 080 005 005.",
    ),
    (
        "sv",
        "Tack för frågan",
        "Tack för att du frågade. Jag svarar gärna.\n\n[svar]\n\n"
        "Om du vill fortsätta samtalet kan du skriva igen med samma kod.",
    ),
    (
        "sv",
        "Hänvisning till rådgivningen",
        "Det här är bra att prata om med hälsovårdaren på din egen rådgivning. Du kan ringa "
        "rådgivningen på vardagar och boka en tid. Om du vill att vi kontaktar dig kan du "
        "be om kontakt på den här sidan.",
    ),
    (
        "sv",
        "Brådskande hjälp",
        "Om du eller barnet är i fara just nu, ring nödnumret 112. MIELI rf:s Kristelefon på "
        "svenska svarar på vardagar vissa tider på numret 09 2525 0112 (tiderna på mieli.fi), "
        "och Nollalinja för den som utsatts för våld i nära relationer avgiftsfritt dygnet "
        "runt på numret 080 005 005.",
    ),
)


class Writer(Protocol):
    def write(self, text: str, /) -> object: ...


@transaction.atomic
def demo_queues(
    stdout: Writer | None = None, counties: Sequence[str] = UUSIMAA_COUNTIES
) -> list[Queue]:
    """A queue per area of the demo region for questions and contact requests, and the national
    fallback queue (no area); each with the shared answer templates. Returns them, national
    last."""
    queues = [
        _area_queue(area)
        for area in Area.objects.filter(county__code__in=counties).order_by("county__code", "pk")
    ]
    national, _ = Queue.objects.get_or_create(
        area=None, topics=[], defaults={**NATIONAL_NAMES, "name": NATIONAL_NAMES["name_fi"]}
    )
    queues.append(national)
    templates = 0
    for queue in queues:
        templates += _shared_templates(queue)
    if stdout is not None:
        stdout.write(
            f"Inbox: {len(queues)} queues ({len(queues) - 1} areas and a national one), "
            f"{templates} shared answer templates.\n"
        )
    return queues


def _area_queue(area: Area) -> Queue:
    queue = Queue.objects.filter(area=area).order_by("pk").first()
    if queue is not None:
        return queue
    names = {
        "name_fi": f"Perhekeskus {area.name_fi}",
        "name_sv": f"Familjecentret {area.name_sv or area.name_fi}",
        "name_en": f"Family centre {area.name_en or area.name_fi}",
    }
    return Queue.objects.create(area=area, name=names["name_fi"], **names)


def _shared_templates(queue: Queue) -> int:
    existing = set(queue.templates.values_list("lang", "title"))
    new = [
        AnswerTemplate(queue=queue, lang=lang, title=title, text=text)
        for lang, title, text in SHARED_TEMPLATES
        if (lang, title) not in existing
    ]
    AnswerTemplate.objects.bulk_create(new)
    return len(new)


@transaction.atomic
def demo_memberships(professionals: Iterable[Professional]) -> list[QueueMembership]:
    """Each professional works the queue of their municipality's area (the national queue when
    no area's queue covers it); coordinators lead it."""
    memberships = []
    for professional in professionals:
        # Where the municipality's questions are routed: the professional answers them.
        queue = next(
            (
                queue
                for area in municipality_areas(professional.municipality)
                for queue in Queue.objects.filter(is_active=True, area=area).order_by("pk")[:1]
            ),
            Queue.objects.filter(is_active=True, area=None).order_by("pk").first(),
        )
        if queue is None:
            continue
        membership, _ = QueueMembership.objects.update_or_create(
            queue=queue,
            professional=professional,
            defaults={"is_lead": professional.role == Professional.Role.COORDINATOR},
        )
        memberships.append(membership)
    return memberships
