"""Parenting plans as the tests need them: a family law service with its queue and people, and
plans at each stage, made through the services as parents make them through the pages.

- Lotta: child welfare supervisor (lastenvalvoja, a social worker) of West Uusimaa's family law
  services; she works the service's queue.
- Kalle (Vantaa) works the same queue from another organisation, covering holidays.
- Aino works for West Uusimaa too, but not the family law services' queue.
"""

import subprocess
from dataclasses import dataclass

from django.contrib.auth.models import User
from django.test import Client

from perhekeskus.inbox.models import Queue, QueueMembership
from perhekeskus.network.models import Service, ServiceType
from perhekeskus.parenting import selectors, services
from perhekeskus.parenting.models import ParentingPlan, PlanParent, Role
from perhekeskus.parenting.services import Answer, ChildRow
from perhekeskus.parenting.topics import topic_by_code
from perhekeskus.staff.models import Professional
from tests.personas import PASSWORD, Network
from tests.professionals import Desk

CHILDREN = [ChildRow(first_name="Aada", birth_year=2017)]


@dataclass
class FamilyLaw:
    service: Service
    queue: Queue
    lotta: Professional


def family_law_build(network: Network, desk: Desk) -> FamilyLaw:
    service = Service.objects.create(
        organisation=network.county_org,
        name="Lastenvalvoja, Espoo",
        name_fi="Lastenvalvoja, Espoo",
        name_sv="Barnatillsyningsman, Esbo",
        name_en="Child welfare supervisor, Espoo",
        status=Service.Status.PUBLISHED,
        languages=["fi", "sv"],
    )
    service.service_types.add(ServiceType.objects.get(code="family_law_services"))
    queue = Queue.objects.create(
        name_fi="Lastenvalvojat", name_sv="Barnatillsyningsmän", name_en="Child welfare supervisors"
    )
    queue.services.add(service)
    lotta = Professional.objects.create(
        user=User.objects.create_user("lotta", password=PASSWORD, first_name="Lotta"),
        organisation=network.county_org,
        role=Professional.Role.SOCIAL_WORKER,
        municipality=network.espoo,
    )
    QueueMembership.objects.create(queue=queue, professional=lotta, is_lead=True)
    QueueMembership.objects.create(queue=queue, professional=desk.kalle)
    return FamilyLaw(service, queue, lotta)


@dataclass
class Parents:
    plan: ParentingPlan
    first: PlanParent
    second: PlanParent
    first_code: str
    second_code: str


def parents_started(lang: str = "fi", children: list[ChildRow] | None = None) -> Parents:
    """Maija started a plan, invited Matti, and Matti opened it with his code."""
    started = services.plan_start(lang=lang, children=children or CHILDREN, name="Maija")
    second_code = services.plan_invite(by=started.parent)
    second = selectors.parent_of(started.plan, Role.SECOND)
    services.parent_join(parent=second)
    services.parent_rename(by=second, name="Matti")
    plan = ParentingPlan.objects.get(pk=started.plan.pk)
    return Parents(
        plan,
        selectors.parent_of(plan, Role.FIRST),
        selectors.parent_of(plan, Role.SECOND),
        started.code,
        second_code,
    )


def everything_agreed(parents: Parents) -> None:
    """Maija writes an agreed text for every topic; nobody has accepted yet."""
    for item in selectors.items_of(parents.plan):
        services.agreed_save(
            by=parents.first,
            topic=item.topic.code,
            child=item.child,
            text=f"Sovittu: {item.topic.code}",
        )


def both_accepted(parents: Parents) -> None:
    everything_agreed(parents)
    for parent in (parents.first, parents.second):
        parent.refresh_from_db()
        services.plan_accept(by=parent)
    parents.plan.refresh_from_db()


def view(parent: PlanParent, topic: str, *, choice: str = "", text: str = "", share: bool) -> None:
    per_child = topic_by_code(topic).per_child  # type: ignore[union-attr]
    child = parent.plan.children.first() if per_child else None
    services.views_save(by=parent, topic=topic, answers=[Answer(child, choice, text)], share=share)


def opened(client: Client, plan: ParentingPlan, code: str, lang: str = "fi") -> Client:
    """The parent opens the plan's link: the page posts the code from the link's fragment."""
    response = client.post(f"/{lang}/parenting-plan/{plan.public_id}/open/", {"code": code})
    assert response.status_code == 303, response.content[:500]
    return client


def pdf_text(content: bytes) -> str:
    done = subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=content, capture_output=True, check=True
    )
    return " ".join(done.stdout.decode().split())
