"""What the tests of client processes share: the nurse's assessment opened at the clinic."""

from datetime import date

from perhekeskus.audit.models import AuditEvent
from perhekeskus.processes.models import ClientProcess, Door, Kind
from perhekeskus.processes.services import process_open

# Monday before Christmas 2025, at the child health clinic.
CLINIC_VISIT = date(2025, 12, 22)


def assessment_open(virtanen, nurse) -> ClientProcess:
    """Aino hears at Eino's check-up that the parents are worn out and opens a service-need
    assessment with them."""
    return process_open(
        family_id=virtanen.family.pk,
        kind=Kind.SERVICE_NEED_ASSESSMENT,
        door=Door.CLINIC,
        arose_on=CLINIC_VISIT,
        support_need_words="Emme jaksa enää. Vauva valvottaa öisin ja esikoinen oireilee.",
        support_needs=["exhaustion", "baby_sleep"],
        by=nurse,
    )


def events(*, actor, outcome: str, action: str | None = None) -> list[AuditEvent]:
    rows = AuditEvent.objects.filter(actor_id=str(actor.pk), outcome=outcome)
    if action is not None:
        rows = rows.filter(action=action)
    return list(rows.order_by("sequence"))
