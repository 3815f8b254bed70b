"""Who may act on a referral (lähete): the sending organisation's professionals on the sender's
side, the receiving organisation's on the receiver's. Anyone else is told the referral does not
exist, exactly as for one that does not, and the refusal is written to the audit log.

The referral itself is the receiver's only road to the family before accepting it; what of the
family's data it shows is decided in `selectors.referral_for_receiver`, from the consents (or
the provision of law) recorded with it. Like `consent.access`, call this before the service's
own transaction, so that a refusal stays recorded when the error is raised.
"""

from perhekeskus.audit.models import AuditEvent
from perhekeskus.audit.services import audit_record
from perhekeskus.consent.access import actor_of
from perhekeskus.consent.models import Purpose
from perhekeskus.errors import NotFound
from perhekeskus.referrals.models import Referral
from perhekeskus.referrals.states import Side
from perhekeskus.staff.models import Professional


def referral_access(
    *, professional: Professional, referral_id: int | str, side: Side, action: str
) -> Referral:
    """The referral, when the professional works for its `side`'s organisation; NotFound
    otherwise. Only refusals are audited here: the caller audits what it then does."""
    referral = _referral(referral_id)
    if referral is None or _organisation_id(referral, side) != professional.organisation_id:
        audit_record(
            actor=actor_of(professional),
            action=f"referral.{action}",
            target_type="referral",
            target_id=str(referral_id)[:64],
            purpose=Purpose.REFERRAL,
            outcome=AuditEvent.Outcome.DENIED,
        )
        raise NotFound()
    return referral


def _organisation_id(referral: Referral, side: Side) -> int:
    if side == Side.RECEIVER:
        return referral.to_organisation_id
    return referral.from_organisation_id


def _referral(referral_id: int | str) -> Referral | None:
    try:
        pk = int(referral_id)
    except (TypeError, ValueError):
        return None
    return Referral.objects.select_related("family").filter(pk=pk).first()
