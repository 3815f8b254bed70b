"""Small builders of the data the indicators count, on top of tests.personas' network: families
and their processes, referrals, feedback, usage counters and inbox items, written straight to
the tables (the indicators read them as a leader's dashboard would, whatever road wrote them).

Dates sit in March 2026, a month without Finnish public holidays on weekdays, unless a test
says otherwise; `MARCH` is that month as a period."""

from datetime import UTC, date, datetime, time, timedelta
from itertools import count
from typing import Any

from django.utils import timezone

from perhekeskus.clients.models import Family
from perhekeskus.evaluation.indicators import Period, Scope
from perhekeskus.evaluation.models import UsageCount
from perhekeskus.evaluation.selectors import scope_resolve
from perhekeskus.feedback.models import Feedback
from perhekeskus.inbox.models import InboxEvent, Queue
from perhekeskus.network.models import Organisation
from perhekeskus.processes.models import ClientProcess
from perhekeskus.referrals.models import Referral
from perhekeskus.staff.models import Professional
from tests.personas import Network
from tests.referrals.around import professional

MARCH = Period(date(2026, 3, 1), date(2026, 3, 31))
_numbers = count(1)


def at(day: date, hour: int = 10) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour)))


def county_scope(network: Network) -> Scope:
    return scope_resolve(kind="county", key=network.west_uusimaa.code)


def families(n: int) -> list[Family]:
    return [Family.objects.create(name=f"Perhe {next(_numbers)}") for _ in range(n)]


def process(
    family: Family,
    organisation: Organisation,
    *,
    kind: str = ClientProcess.Kind.INTAKE,
    arose_on: date = date(2026, 3, 10),
    **fields: Any,
) -> ClientProcess:
    return ClientProcess.objects.create(
        family=family,
        organisation=organisation,
        kind=kind,
        door=ClientProcess.Door.OWN_CONTACT,
        arose_on=arose_on,
        support_need_words="Väsyttää kovasti, yöt valvottuja",
        **fields,
    )


def processes(
    organisation: Organisation, n: int, *, kind: str = ClientProcess.Kind.INTAKE, **fields: Any
) -> list[ClientProcess]:
    return [process(f, organisation, kind=kind, **fields) for f in families(n)]


def worker(organisation: Organisation, municipality) -> Professional:
    return professional(
        f"worker{next(_numbers)}", organisation, Professional.Role.SOCIAL_WORKER, municipality
    )


def referral(
    *,
    sender: Professional,
    to: Organisation,
    status: str = Referral.Status.SENT,
    sent_on: date = date(2026, 3, 9),
    first_contact_after_days: int = 3,
    reason_kind: str = "",
    family: Family | None = None,
) -> Referral:
    """A referral that has come as far as `status`, each step a day after the previous one
    (the first contact `first_contact_after_days` after sending)."""
    sent = at(sent_on)
    fields: dict[str, object] = {
        "family": family or families(1)[0],
        "from_organisation": sender.organisation,
        "sent_by": sender,
        "to_organisation": to,
        "reason": "Perhe toivoo perhetyötä arkeen",
        "basis": Referral.Basis.CONSENT,
        "status": status,
        "sent_at": sent,
        "receive_due": sent_on + timedelta(days=2),
    }
    s = Referral.Status
    if status in (s.RECEIVED, s.ACCEPTED, s.FIRST_CONTACT, s.COMPLETED, s.DECLINED):
        fields["received_at"] = sent + timedelta(hours=2)
    if status in (s.ACCEPTED, s.FIRST_CONTACT, s.COMPLETED):
        fields["accepted_at"] = sent + timedelta(hours=4)
        fields["first_contact_due"] = sent_on + timedelta(days=14)
    if status in (s.FIRST_CONTACT, s.COMPLETED):
        fields["first_contact_at"] = sent + timedelta(days=first_contact_after_days)
    if status == s.COMPLETED:
        fields["completed_at"] = sent + timedelta(days=first_contact_after_days + 10)
    if status == s.DECLINED:
        fields["declined_at"] = sent + timedelta(hours=5)
        fields["declined_reason"] = "Perheen tilanne: isä sairastaa, emme voi ottaa nyt"
        fields["suggested_alternative"] = "Kysykää seurakunnan perhetyöstä"
        fields["declined_reason_kind"] = reason_kind
    if status == s.WITHDRAWN:
        fields["withdrawn_at"] = sent + timedelta(hours=3)
        fields["withdrawn_reason"] = "Perhe muutti pois"
    return Referral.objects.create(**fields)


def referrals(n: int, **kwargs: object) -> list[Referral]:
    return [referral(**kwargs) for _ in range(n)]  # type: ignore[arg-type]


def feedback(
    n: int, *, got_help: str, given_on: date = date(2026, 3, 12), text: str = "", **where: object
) -> None:
    Feedback.objects.bulk_create(
        Feedback(
            given_on=given_on,
            lang="fi",
            context=Feedback.Context.VISIT,
            got_help=got_help,
            rating=4,
            text=text,
            **where,
        )
        for _ in range(n)
    )


def usage(
    event: str,
    count_: int,
    *,
    day: date = date(2026, 3, 12),
    municipality_code: str = "049",
    area_id: int = 0,
    need: str = "",
    text: str = "",
) -> None:
    UsageCount.objects.create(
        day=day,
        event=event,
        municipality_code=municipality_code,
        area_id=area_id,
        need=need,
        text=text,
        count=count_,
    )


def inbox_item(
    *,
    queue: Queue,
    kind: str,
    received: datetime,
    answered: datetime | None,
) -> None:
    """An item's life as the inbox's log records it: received, then answered (a question) or
    contacted (a contact request)."""
    item_id = next(_numbers)
    events = [(received, InboxEvent.Action.RECEIVED)]
    if answered is not None:
        action = (
            InboxEvent.Action.ANSWERED
            if kind == InboxEvent.Kind.QUESTION
            else InboxEvent.Action.CONTACTED
        )
        events.append((answered, action))
    for moment, action in events:
        event = InboxEvent.objects.create(
            item_kind=kind, item_id=item_id, action=action, queue=queue
        )
        # occurred_at is set on creation; the log's past is written here.
        InboxEvent.objects.filter(pk=event.pk).update(occurred_at=moment.astimezone(UTC))


def indicator(values, code: str):
    return next(v for v in values if v.code == code)
