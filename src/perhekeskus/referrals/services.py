"""Writes of referrals (lähetteet): sending, and each step after it, one transaction each with
its audit event.

A step is taken with a conditional UPDATE on the status and version the professional saw: of
two receivers accepting the same referral at once exactly one succeeds, and the other is told
that the referral has moved on (InvalidTransition), never that it was accepted twice.
"""

from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from perhekeskus.audit.services import audit_record
from perhekeskus.clients.models import Family, Person
from perhekeskus.consent.access import actor_of, consent_covers, family_access, role_categories
from perhekeskus.consent.models import CareRelationship, DataCategory, Purpose
from perhekeskus.consent.services import care_relationship_start
from perhekeskus.errors import InvalidInput, InvalidTransition
from perhekeskus.methods.models import Method
from perhekeskus.network.models import Organisation, Service
from perhekeskus.referrals.access import referral_access
from perhekeskus.referrals.models import Basis, DeclineReason, Referral
from perhekeskus.referrals.states import STEPS, Action, Status, allows
from perhekeskus.staff.models import Professional
from perhekeskus.workdays import add_working_days

WORKING_DAYS_TO_RECEIVE = 2


def referral_send(
    *,
    family_id: int | str,
    persons: Sequence[Person | int],
    to_organisation: Organisation,
    to_service: Service | None = None,
    reason: str,
    shared_categories: Sequence[str],
    basis: str,
    legal_basis_text: str = "",
    warm_handoff: bool = False,
    handoff_meeting_at: datetime | None = None,
    method: Method | None = None,
    by: Professional,
) -> Referral:
    """Referral (lähete) of some of a family's members to another organisation's service,
    sharing the data categories the persons have consented to share with it for a referral
    (for a child, a guardian), or that a provision of law allows sharing without consent.
    Refused, naming each missing consent, otherwise. Due to be received in two working days.
    It may name the method the family is referred for (someone trained in it)."""
    family = family_access(
        professional=by,
        family_id=family_id,
        category=DataCategory.PLAN,
        action="referral.send",
        purpose=Purpose.REFERRAL,
    )
    members = _members(family, persons)
    categories = _categories(shared_categories, by)
    _check_terms(reason, basis, legal_basis_text, warm_handoff, handoff_meeting_at)
    _check_service(to_organisation, to_service)
    if basis == Basis.CONSENT:
        _require_consents(members, categories, to_organisation)
    sent_at = timezone.now()
    with transaction.atomic():
        referral = Referral(
            family=family,
            from_organisation_id=by.organisation_id,
            sent_by=by,
            to_organisation=to_organisation,
            to_service=to_service,
            method=method,
            reason=reason.strip(),
            shared_categories=categories,
            basis=basis,
            legal_basis_text=legal_basis_text.strip() if basis == Basis.LEGAL_BASIS else "",
            warm_handoff=warm_handoff,
            handoff_meeting_at=handoff_meeting_at,
            sent_at=sent_at,
            receive_due=add_working_days(sent_at, WORKING_DAYS_TO_RECEIVE).date(),
        )
        _validated(referral)
        referral.save()
        referral.persons.set(members)
        _audit(by, referral, "send")
    return referral


def referral_receive(
    *, referral_id: int | str, by: Professional, seen_version: int | None = None
) -> Referral:
    """The receiving organisation has seen the referral (vastaanotettu); due within two
    working days of sending."""
    referral = _access(referral_id, Action.RECEIVE, by, seen_version)
    with transaction.atomic():
        _advance(referral, Action.RECEIVE, by)
        _audit(by, referral, Action.RECEIVE)
    return referral


def referral_accept(
    *,
    referral_id: int | str,
    first_contact_by: date,
    by: Professional,
    seen_version: int | None = None,
) -> Referral:
    """The receiving service takes the family on (hyväksytty): its organisation's care
    relationship with the family starts, and the sender's responsibility ends here. The
    receiver promises the first contact by `first_contact_by`."""
    referral = _access(referral_id, Action.ACCEPT, by, seen_version)
    if first_contact_by < timezone.localdate():
        raise InvalidInput(
            _("Choose a date from today on for the first contact."),
            details={"first_contact_by": str(first_contact_by)},
        )
    with transaction.atomic():
        _advance(referral, Action.ACCEPT, by, first_contact_due=first_contact_by)
        care_relationship_start(
            family=referral.family, by=by, basis=CareRelationship.Basis.REFERRAL
        )
        _audit(by, referral, Action.ACCEPT)
    return referral


def referral_record_first_contact(
    *, referral_id: int | str, by: Professional, seen_version: int | None = None
) -> Referral:
    """The receiving service has been in touch with the family (ensikontakti)."""
    referral = _access(referral_id, Action.FIRST_CONTACT, by, seen_version)
    with transaction.atomic():
        _advance(referral, Action.FIRST_CONTACT, by)
        _audit(by, referral, Action.FIRST_CONTACT)
    return referral


def referral_complete(
    *, referral_id: int | str, by: Professional, seen_version: int | None = None
) -> Referral:
    """The referral has done its work (valmis): the family is in the receiving service."""
    referral = _access(referral_id, Action.COMPLETE, by, seen_version)
    with transaction.atomic():
        _advance(referral, Action.COMPLETE, by)
        _audit(by, referral, Action.COMPLETE)
    return referral


def referral_decline(
    *,
    referral_id: int | str,
    reason_kind: str,
    reason: str,
    suggested_alternative: str,
    by: Professional,
    seen_version: int | None = None,
) -> Referral:
    """The receiver does not take the family on (hylätty): it says why, and where the family
    could turn instead, so that the sender can help the family on. The kind of reason
    (`DeclineReason`) is what the leaders' indicators count; the written reason never is."""
    referral = _access(referral_id, Action.DECLINE, by, seen_version)
    if reason_kind not in DeclineReason.values:
        raise InvalidInput(
            _("Choose the kind of reason the referral is declined for."),
            details={"reason_kind": reason_kind},
        )
    _require_texts(
        _("Write why the referral is declined and what the family could turn to instead."),
        reason=reason,
        suggested_alternative=suggested_alternative,
    )
    with transaction.atomic():
        _advance(
            referral,
            Action.DECLINE,
            by,
            declined_reason_kind=reason_kind,
            declined_reason=reason.strip(),
            suggested_alternative=suggested_alternative.strip(),
        )
        _audit(by, referral, Action.DECLINE)
    return referral


def referral_withdraw(
    *, referral_id: int | str, reason: str, by: Professional, seen_version: int | None = None
) -> Referral:
    """The sender takes the referral back (peruttu), with a reason, until the receiver has
    accepted it."""
    referral = _access(referral_id, Action.WITHDRAW, by, seen_version)
    _require_texts(_("Write why the referral is withdrawn."), reason=reason)
    with transaction.atomic():
        _advance(referral, Action.WITHDRAW, by, withdrawn_reason=reason.strip())
        _audit(by, referral, Action.WITHDRAW)
    return referral


# --- Steps --------------------------------------------------------------------------------------


def _access(
    referral_id: int | str, action: str, by: Professional, seen_version: int | None = None
) -> Referral:
    """The referral, for the side whose step it is. With `seen_version` (the version the
    professional's page showed) a step someone else has taken since is refused as such, even
    when the new status would allow the step: the professional decided on what they saw."""
    referral = referral_access(
        professional=by, referral_id=referral_id, side=STEPS[action].side, action=action
    )
    if seen_version is not None and seen_version != referral.version:
        raise _overtaken(referral.pk)
    return referral


def _advance(referral: Referral, action: str, by: Professional, **changes: Any) -> None:
    """Take the step from the status and version the professional saw, or refuse: the UPDATE
    matches no row when someone else has taken a step in between."""
    if not allows(referral.status, action):
        raise _not_possible(referral.status)
    step = STEPS[action]
    seen_status, seen_version = referral.status, referral.version
    values = {"status": step.to, step.at_field: timezone.now(), step.by_field: by, **changes}
    for name, value in values.items():
        setattr(referral, name, value)
    _validated(referral)
    claimed = Referral.objects.filter(
        pk=referral.pk, status=seen_status, version=seen_version
    ).update(version=F("version") + 1, **values)
    if not claimed:
        raise _overtaken(referral.pk)
    referral.version = seen_version + 1


def _not_possible(status: str) -> InvalidTransition:
    return InvalidTransition(
        gettext("This is not possible for a referral that is “%(status)s”.")
        % {"status": Status(status).label},
        details={"status": status},
    )


def _overtaken(referral_id: int) -> InvalidTransition:
    status = Referral.objects.filter(pk=referral_id).values_list("status", flat=True).first()
    return InvalidTransition(
        gettext("Someone else has just handled this referral: it is now “%(status)s”.")
        % {"status": Status(status).label if status else "?"},
        details={"status": status},
    )


def _audit(by: Professional, referral: Referral, action: str) -> None:
    audit_record(
        actor=actor_of(by),
        action=f"referral.{action}",
        target_type="referral",
        target_id=str(referral.pk),
        family_id=str(referral.family_id),
        data_category=DataCategory.PLAN,
        purpose=Purpose.REFERRAL,
    )


def _validated(referral: Referral) -> None:
    """The model's own rules (the table's constraints among them) as InvalidInput, not a 500."""
    try:
        referral.full_clean()
    except ValidationError as error:
        raise InvalidInput(details=error.message_dict) from error


# --- Sending ------------------------------------------------------------------------------------


def _members(family: Family, persons: Sequence[Person | int]) -> list[Person]:
    """The persons concerned, each a member of the family; at least one."""
    ids = {person.pk if isinstance(person, Person) else int(person) for person in persons}
    members = list(
        Person.objects.filter(pk__in=ids, memberships__family=family)
        .distinct()
        .order_by("date_of_birth", "pk")
    )
    if not ids or len(members) != len(ids):
        raise InvalidInput(
            _("Choose the persons concerned among the family's members."),
            details={"persons": sorted(ids - {member.pk for member in members})},
        )
    return members


def _categories(shared: Sequence[str], by: Professional) -> list[str]:
    """The categories shared, in the vocabulary's order; only those the sender's role works
    with, since nobody shares what they may not see."""
    chosen = set(shared)
    unknown = chosen - set(DataCategory.values)
    beyond_role = chosen - unknown - role_categories(by.role)
    if not chosen or unknown or beyond_role:
        raise InvalidInput(
            _("Choose what the referral shares among the information your role works with."),
            details={"shared_categories": sorted(unknown | beyond_role)},
        )
    return [category for category in DataCategory.values if category in chosen]


def _check_terms(
    reason: str,
    basis: str,
    legal_basis_text: str,
    warm_handoff: bool,
    handoff_meeting_at: datetime | None,
) -> None:
    _require_texts(_("Write why the family is referred."), reason=reason)
    if basis not in Basis.values:
        raise InvalidInput(details={"basis": basis})
    if basis == Basis.LEGAL_BASIS:
        _require_texts(
            _("Name the provision of law that allows sharing without consent."),
            legal_basis_text=legal_basis_text,
        )
    if warm_handoff != (handoff_meeting_at is not None):
        raise InvalidInput(
            _("A warm handoff needs the time of the joint meeting, and only a warm handoff."),
            details={"handoff_meeting_at": str(handoff_meeting_at)},
        )


def _check_service(to_organisation: Organisation, to_service: Service | None) -> None:
    if to_service is not None and to_service.organisation_id != to_organisation.pk:
        raise InvalidInput(
            _("The service is not one of the receiving organisation's."),
            details={"to_service": to_service.pk},
        )


def _require_consents(
    members: list[Person], categories: list[str], to_organisation: Organisation
) -> None:
    """Each person concerned must have consented (or, for a child, whoever decides for them)
    to sharing each category with the receiver for a referral."""
    missing = [
        (person, category)
        for person in members
        for category in categories
        if not consent_covers(
            person=person,
            category=category,
            recipient_id=to_organisation.pk,
            purpose=Purpose.REFERRAL,
        )
    ]
    if missing:
        raise InvalidInput(
            gettext(
                "Consent to share with %(organisation)s for a referral is missing: "
                "%(missing)s. Record the consents, or the provision of law that allows "
                "sharing without them."
            )
            % {"organisation": to_organisation, "missing": _missing_text(missing)},
            details={
                "missing_consents": [
                    {"person_id": person.pk, "person": str(person), "category": category}
                    for person, category in missing
                ]
            },
        )


def _missing_text(missing: list[tuple[Person, str]]) -> str:
    by_person: dict[Person, list[str]] = {}
    for person, category in missing:
        by_person.setdefault(person, []).append(str(DataCategory(category).label))
    return "; ".join(f"{person} ({', '.join(labels)})" for person, labels in by_person.items())


def _require_texts(message: Any, **texts: str) -> None:
    missing = [name for name, text in texts.items() if not (text or "").strip()]
    if missing:
        raise InvalidInput(message, details={"missing": missing})
