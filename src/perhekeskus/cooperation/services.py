"""Writes of the cooperation network: agreements with their parties, commitments and
documents; the contact-person networks of the areas; the network's meetings and decisions; the
development plans and their goals.

Each write is one transaction that also writes its change record (`Change`: who, when, what,
old and new values). Who may write is asked of `access` first: an object outside the writer's
rights is NotFound, as if it did not exist; one they may see but not manage is
PermissionDenied. Bad input is InvalidInput with the field it concerns.
"""

import uuid
import zipfile
from collections.abc import Iterable
from datetime import date
from pathlib import Path
from typing import Any, TypeVar

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import models, transaction
from django.db.models import Max, QuerySet
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from perhekeskus.cooperation import access
from perhekeskus.cooperation.access import CooperationScopes, cooperation_scopes
from perhekeskus.cooperation.models import (
    Agreement,
    AgreementDocument,
    AgreementParty,
    Change,
    Commitment,
    ContactAssignment,
    ContactRole,
    Decision,
    DevelopmentPlan,
    NetworkMeeting,
    PlanGoal,
)
from perhekeskus.errors import InvalidInput, NotFound, PermissionDenied, StaleEdit
from perhekeskus.evaluation.indicators import INDICATOR_CODES
from perhekeskus.network.models import Area, County, Organisation
from perhekeskus.staff.models import Professional

# What an agreement's document may be: the signed agreement and its annexes.
DOCUMENT_TYPES = {
    ".pdf": "application/pdf",
    ".odt": "application/vnd.oasis.opendocument.text",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}
DOCUMENT_MAX_BYTES_DEFAULT = 10 * 1024 * 1024


def document_max_bytes() -> int:
    return int(
        getattr(settings, "PERHEKESKUS_COOPERATION_DOCUMENT_MAX_BYTES", DOCUMENT_MAX_BYTES_DEFAULT)
    )


# --- Small helpers ---


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, models.Model):
        return str(value)
    if isinstance(value, list | tuple | set):
        return ", ".join(sorted(_text(v) for v in value))
    return str(value)


def _stripped(value: str | None) -> str:
    return (value or "").strip()


def _actor_name(by: Professional) -> str:
    return by.user.get_full_name() or by.user.get_username()


def _record(
    *,
    by: Professional | None,
    actor_name: str,
    county_id: int,
    subject: str,
    target: models.Model,
    action: str,
    changes: dict[str, tuple[Any, Any]],
) -> None:
    Change.objects.create(
        county_id=county_id,
        subject=subject,
        target=f"{target._meta.model_name}:{target.pk}",
        target_label=str(target)[:200],
        action=action,
        actor=by,
        actor_name=actor_name,
        changes={name: [_text(old), _text(new)] for name, (old, new) in changes.items()},
    )


def change_record_by_maintainer(
    *,
    user: Any,
    county_id: int,
    subject: str,
    target: models.Model,
    action: str,
    changes: dict[str, tuple[Any, Any]],
) -> None:
    """A change made by a data maintainer in the admin, in the same history as the pages'."""
    _record(
        by=Professional.objects.filter(user=user).first(),
        actor_name=(user.get_full_name() or user.get_username())[:200],
        county_id=county_id,
        subject=subject,
        target=target,
        action=action,
        changes=changes,
    )


# What the network's records belong to, each in a county and with a history of its own on the
# pages: an agreement, an area's network, a meeting, a plan ("agreement:12", "area:3", ...).
Subject = TypeVar("Subject", Agreement, Area, NetworkMeeting, DevelopmentPlan)
SUBJECT_KINDS: dict[type[models.Model], str] = {
    Agreement: "agreement",
    Area: "area",
    NetworkMeeting: "meeting",
    DevelopmentPlan: "plan",
}


def _record_on(
    on: Subject,
    *,
    by: Professional,
    target: models.Model,
    action: str,
    changes: dict[str, tuple[Any, Any]],
) -> None:
    """A change of the subject or of one of its rows (`target`), in the subject's history."""
    _record(
        by=by,
        actor_name=_actor_name(by),
        county_id=on.county_id,
        subject=f"{SUBJECT_KINDS[type(on)]}:{on.pk}",
        target=target,
        action=action,
        changes=changes,
    )


def _record_created(
    on: Subject, *, by: Professional, target: models.Model, fields: dict[str, Any]
) -> None:
    """A new row: each of its fields from nothing to its value."""
    changes = {name: (None, value) for name, value in fields.items()}
    _record_on(on, by=by, target=target, action=Change.Action.CREATE, changes=changes)


def _record_changed(
    on: Subject, *, by: Professional, target: models.Model, changes: dict[str, tuple[Any, Any]]
) -> None:
    """Changed fields of a row, each (old, new)."""
    _record_on(on, by=by, target=target, action=Change.Action.CHANGE, changes=changes)


def _record_removed(
    on: Subject, *, by: Professional, target: models.Model, fields: dict[str, Any]
) -> None:
    """A removed row: each of the fields named from its value to nothing."""
    changes = {name: (value, None) for name, value in fields.items()}
    _record_on(on, by=by, target=target, action=Change.Action.DELETE, changes=changes)


def _clean(obj: models.Model, *, exclude: Iterable[str] = ()) -> None:
    """full_clean(), its errors as InvalidInput naming the fields."""
    try:
        obj.full_clean(exclude=list(exclude))
    except ValidationError as error:
        details = {
            field: " ".join(str(m) for m in messages)
            for field, messages in error.message_dict.items()
        }
        raise InvalidInput(details=details) from None


def _save_new(obj: models.Model, *, exclude: Iterable[str] = ()) -> None:
    _clean(obj, exclude=exclude)
    obj.save()


def _save_edit(obj: Any, fields: Iterable[str]) -> None:
    """Save the fields changed, as the row's next version."""
    obj.version += 1
    obj.save(update_fields=[*fields, "version", "updated_at"])


def _set_changed(obj: models.Model, values: dict[str, Any]) -> dict[str, tuple[Any, Any]]:
    """Set the values (text stripped) that differ from the row's; (old, new) of each."""
    changes: dict[str, tuple[Any, Any]] = {}
    for name, value in values.items():
        if isinstance(value, str):
            value = value.strip()
        old = getattr(obj, name)
        if old != value:
            changes[name] = (old, value)
            setattr(obj, name, value)
    return changes


Row = TypeVar("Row", bound=models.Model)


def _one(rows: QuerySet[Row], pk: int, missing: str) -> Row:
    """The row among those given, else NotFound: one outside the writer's rights is missing."""
    found = rows.filter(pk=pk).first()
    if found is None:
        raise NotFound(missing)
    return found


def _scopes(by: Professional) -> CooperationScopes:
    scopes = cooperation_scopes(by)
    if scopes.nothing:
        raise PermissionDenied(_("You have no role in the cooperation network."))
    return scopes


def _require_manages(scopes: CooperationScopes, county_id: int) -> None:
    if not scopes.manages(county_id):
        raise PermissionDenied(
            _(
                "Only the county's leaders and family centre coordinators may change the "
                "cooperation network's records."
            )
        )


def _require_manager(by: Professional, county: County, area: Area | None = None) -> None:
    """A new agreement, meeting or plan: by the county's managers, in the county's own area."""
    _require_manages(_scopes(by), county.pk)
    if area is not None and area.county_id != county.pk:
        raise InvalidInput(details={"area": _("The area must be the county's own.")})


def _locked(rows: QuerySet[Row], lock: bool) -> QuerySet[Row]:
    return rows.select_for_update() if lock else rows


def _managed(scopes: CooperationScopes, rows: QuerySet[Subject], pk: int, missing: str) -> Subject:
    """One of the rows they may see (else NotFound), in a county they manage (else
    PermissionDenied)."""
    found = _one(rows, pk, missing)
    _require_manages(scopes, found.county_id)
    return found


def _agreement(scopes: CooperationScopes, agreement_id: int, *, lock: bool = False) -> Agreement:
    agreements = _locked(Agreement.objects.filter(access.agreements_visible(scopes)), lock)
    return _managed(scopes, agreements, agreement_id, _("No such agreement."))


def _home_county(organisation: Organisation) -> int | None:
    """The county an organisation works in: its own, else its home municipality's; None for a
    national one."""
    if organisation.county_id is not None:
        return organisation.county_id
    municipality = organisation.municipality
    return municipality.county_id if municipality is not None else None


def _county_organisation(county_id: int, organisation_id: int) -> Organisation:
    """Parties and contact roles are organisations of the county, or national ones (Kela,
    state offices) without a county."""
    organisation = Organisation.objects.filter(pk=organisation_id).first()
    if organisation is None:
        raise InvalidInput(details={"organisation": _("Choose an organisation.")})
    home_county = _home_county(organisation)
    if home_county not in (None, county_id):
        raise InvalidInput(details={"organisation": _("The organisation works in another county.")})
    return organisation


def _check_version(obj: Any, version: int | None) -> None:
    if version is not None and obj.version != version:
        raise StaleEdit()


def _person(
    *,
    county_id: int,
    professional: Professional | None,
    name: str,
    phone: str,
    email: str,
    field: str = "professional",
) -> dict[str, Any]:
    """A person by their account, or by name with a phone number or an e-mail address."""
    name, phone, email = _stripped(name), _stripped(phone), _stripped(email)
    if professional is not None:
        employer = professional.organisation
        home_county = _home_county(employer)
        if home_county not in (None, county_id):
            raise InvalidInput(details={field: _("The professional works in another county.")})
        return {"professional": professional, "name": "", "phone": phone, "email": email}
    if not name:
        raise InvalidInput(
            details={
                field: _("Choose a professional, or give the name of a person without an account.")
            }
        )
    if not (phone or email):
        raise InvalidInput(
            details={
                "phone": _(
                    "Give a phone number or an e-mail address for a person without an account."
                )
            }
        )
    return {"professional": None, "name": name, "phone": phone, "email": email}


def _own_areas(county_id: int, areas: Iterable[Area]) -> list[Area]:
    areas = list(areas)
    if any(area.county_id != county_id for area in areas):
        raise InvalidInput(details={"areas": _("The areas must be the county's own.")})
    return areas


# --- Agreements ---

AGREEMENT_FIELDS = ("title", "purpose", "starts_on", "ends_on", "review_on", "status")


def agreement_create(
    *,
    by: Professional,
    county: County,
    title: str,
    purpose: str = "",
    areas: Iterable[Area] = (),
    starts_on: date,
    ends_on: date | None = None,
    review_on: date | None = None,
    status: str = Agreement.Status.DRAFT,
) -> Agreement:
    """A new agreement of the county; its parties, commitments and documents follow."""
    _require_manager(by, county)
    areas = _own_areas(county.pk, areas)
    agreement = Agreement(
        county=county,
        title=_stripped(title),
        purpose=_stripped(purpose),
        starts_on=starts_on,
        ends_on=ends_on,
        review_on=review_on,
        status=status,
        created_by=by,
    )
    _clean(agreement, exclude=["created_by"])
    with transaction.atomic():
        agreement.save()
        agreement.areas.set(areas)
        fields = {name: getattr(agreement, name) for name in AGREEMENT_FIELDS}
        fields["areas"] = [a.name for a in areas]
        _record_created(agreement, by=by, target=agreement, fields=fields)
    return agreement


def agreement_update(
    *,
    by: Professional,
    agreement_id: int,
    version: int | None,
    areas: Iterable[Area] | None = None,
    **fields: Any,
) -> Agreement:
    """Change the agreement's own fields (title, purpose, period, review date, status) and its
    areas; a stale version is refused."""
    unknown = set(fields) - set(AGREEMENT_FIELDS)
    if unknown:
        raise InvalidInput(details={name: _("Unknown field.") for name in unknown})
    scopes = _scopes(by)
    with transaction.atomic():
        agreement = _agreement(scopes, agreement_id, lock=True)
        _check_version(agreement, version)
        changes = _set_changed(agreement, fields)
        if areas is not None:
            areas = _own_areas(agreement.county_id, areas)
            old_areas = sorted(a.name for a in agreement.areas.all())
            new_areas = sorted(a.name for a in areas)
            if old_areas != new_areas:
                changes["areas"] = (old_areas, new_areas)
                agreement.areas.set(areas)
        if not changes:
            return agreement
        _clean(agreement, exclude=["created_by"])
        _save_edit(agreement, [n for n in changes if n != "areas"])
        _record_changed(agreement, by=by, target=agreement, changes=changes)
    return agreement


def agreement_party_add(
    *, by: Professional, agreement_id: int, organisation_id: int, signatory: str = ""
) -> AgreementParty:
    scopes = _scopes(by)
    with transaction.atomic():
        agreement = _agreement(scopes, agreement_id, lock=True)
        organisation = _county_organisation(agreement.county_id, organisation_id)
        if agreement.parties.filter(organisation=organisation).exists():
            raise InvalidInput(details={"organisation": _("The organisation is already a party.")})
        party = AgreementParty(
            agreement=agreement, organisation=organisation, signatory=_stripped(signatory)
        )
        _save_new(party)
        fields = {
            "organisation": organisation.name,
            "sector": organisation.sector,
            "signatory": party.signatory,
        }
        _record_created(agreement, by=by, target=party, fields=fields)
    return party


def agreement_party_remove(*, by: Professional, agreement_id: int, party_id: int) -> None:
    scopes = _scopes(by)
    with transaction.atomic():
        agreement = _agreement(scopes, agreement_id, lock=True)
        parties = agreement.parties.select_related("organisation")
        party = _one(parties, party_id, _("No such party in this agreement."))
        fields: dict[str, Any] = {"organisation": party.organisation.name}
        commitments = [c.text for c in party.commitments.all()]
        if commitments:
            fields["commitments"] = commitments
        _record_removed(agreement, by=by, target=party, fields=fields)
        party.delete()


def commitment_add(
    *,
    by: Professional,
    agreement_id: int,
    party_id: int,
    text: str,
    professional: Professional | None = None,
    name: str = "",
    phone: str = "",
    email: str = "",
) -> Commitment:
    """What a party commits to, and who is responsible for it."""
    scopes = _scopes(by)
    with transaction.atomic():
        agreement = _agreement(scopes, agreement_id, lock=True)
        party = agreement.parties.filter(pk=party_id).first()
        if party is None:
            raise InvalidInput(details={"party": _("Choose one of the agreement's parties.")})
        text = _stripped(text)
        if not text:
            raise InvalidInput(details={"text": _("Write what the party commits to.")})
        person = _person(
            county_id=agreement.county_id,
            professional=professional,
            name=name,
            phone=phone,
            email=email,
        )
        commitment = Commitment(party=party, text=text, **person)
        _save_new(commitment)
        fields = {
            "party": party.organisation,
            "text": text,
            "responsible": commitment.person_name,
        }
        _record_created(agreement, by=by, target=commitment, fields=fields)
    return commitment


def commitment_remove(*, by: Professional, agreement_id: int, commitment_id: int) -> None:
    scopes = _scopes(by)
    with transaction.atomic():
        agreement = _agreement(scopes, agreement_id, lock=True)
        commitments = Commitment.objects.filter(party__agreement=agreement)
        commitment = _one(commitments, commitment_id, _("No such commitment in this agreement."))
        _record_removed(agreement, by=by, target=commitment, fields={"text": commitment.text})
        commitment.delete()


def _document_kind(upload: UploadedFile) -> str:
    """The document's type from its name and its first bytes: a PDF, an ODT or a DOCX, or
    InvalidInput. A renamed file of another kind is refused."""
    suffix = Path(upload.name or "").suffix.lower()
    wrong = InvalidInput(details={"file": _("Upload the document as a PDF, ODT or DOCX file.")})
    if suffix not in DOCUMENT_TYPES:
        raise wrong
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    if suffix == ".pdf":
        if not head.startswith(b"%PDF-"):
            raise wrong
        return DOCUMENT_TYPES[suffix]
    if not head.startswith(b"PK\x03\x04"):
        raise wrong
    try:
        with zipfile.ZipFile(upload) as archive:  # type: ignore[arg-type]
            names = set(archive.namelist())
            if suffix == ".odt":
                ok = (
                    "mimetype" in names
                    and archive.read("mimetype").strip() == DOCUMENT_TYPES[".odt"].encode()
                )
            else:
                ok = "[Content_Types].xml" in names and "word/document.xml" in names
    except (zipfile.BadZipFile, KeyError, OSError):
        ok = False
    upload.seek(0)
    if not ok:
        raise wrong
    return DOCUMENT_TYPES[suffix]


def document_upload(
    *, by: Professional, agreement_id: int, upload: UploadedFile
) -> AgreementDocument:
    """Keep a document of the agreement (PDF, ODT or DOCX, at most the size limit)."""
    scopes = _scopes(by)
    size = upload.size or 0
    limit = document_max_bytes()
    if size == 0:
        raise InvalidInput(details={"file": _("The file is empty.")})
    if size > limit:
        raise InvalidInput(
            details={
                "file": _("The file is too large: at most %(size)s.")
                % {"size": filesizeformat(limit)}
            }
        )
    content_type = _document_kind(upload)
    original = Path(upload.name or "document").name[:200]
    with transaction.atomic():
        agreement = _agreement(scopes, agreement_id, lock=True)
        document = AgreementDocument(
            agreement=agreement,
            name=original,
            content_type=content_type,
            size=size,
            uploaded_by=by,
        )
        # The stored name is random: the original one is only shown to those who may see it.
        suffix = Path(original).suffix.lower()
        document.file.save(f"{uuid.uuid4().hex}{suffix}", upload, save=False)
        try:
            document.save()
            _record_created(agreement, by=by, target=document, fields={"file": original})
        except Exception:
            document.file.delete(save=False)
            raise
    return document


def document_remove(*, by: Professional, agreement_id: int, document_id: int) -> None:
    scopes = _scopes(by)
    with transaction.atomic():
        agreement = _agreement(scopes, agreement_id, lock=True)
        document = _one(
            agreement.documents.all(), document_id, _("No such document in this agreement.")
        )
        _record_removed(agreement, by=by, target=document, fields={"file": document.name})
        stored = document.file.name or ""
        document.delete()
        transaction.on_commit(lambda: document.file.storage.delete(stored))


# --- The contact-person network of an area ------------------------------------------------------


def _area(scopes: CooperationScopes, area_id: int) -> Area:
    areas = Area.objects.filter(access.network_area_ids(scopes)).distinct()
    return _managed(scopes, areas, area_id, _("No such family centre area in your networks."))


def _role(area: Area, role_id: int, *, lock: bool = False) -> ContactRole:
    roles = _locked(ContactRole.objects.filter(area=area), lock)
    return _one(roles, role_id, _("No such role in this network."))


def contact_role_add(
    *, by: Professional, area_id: int, organisation_id: int, kind: str, title: str = ""
) -> ContactRole:
    """A named role of the area's network ("the parish's contact")."""
    scopes = _scopes(by)
    with transaction.atomic():
        area = _area(scopes, area_id)
        organisation = _county_organisation(area.county_id, organisation_id)
        role = ContactRole(
            area=area,
            organisation=organisation,
            kind=kind,
            title=_stripped(title),
            created_by=by,
        )
        _save_new(role, exclude=["created_by"])
        fields = {"organisation": organisation.name, "kind": role.kind, "title": role.title}
        _record_created(area, by=by, target=role, fields=fields)
    return role


def contact_role_remove(*, by: Professional, area_id: int, role_id: int) -> None:
    scopes = _scopes(by)
    with transaction.atomic():
        area = _area(scopes, area_id)
        role = _role(area, role_id)
        _record_removed(area, by=by, target=role, fields={"organisation": role.organisation.name})
        role.delete()


def contact_assign(
    *,
    by: Professional,
    area_id: int,
    role_id: int,
    standing: str,
    valid_from: date,
    valid_until: date | None = None,
    professional: Professional | None = None,
    name: str = "",
    phone: str = "",
    email: str = "",
) -> ContactAssignment:
    """A person in the role from a day: the contact person, or the next deputy in order."""
    scopes = _scopes(by)
    with transaction.atomic():
        area = _area(scopes, area_id)
        role = _role(area, role_id, lock=True)
        person = _person(
            county_id=area.county_id, professional=professional, name=name, phone=phone, email=email
        )
        order = 0
        if standing == ContactAssignment.Standing.DEPUTY:
            last = role.people.filter(standing=standing).aggregate(m=Max("deputy_order"))["m"]
            order = (last or 0) + 1
        assignment = ContactAssignment(
            role=role,
            standing=standing,
            deputy_order=order,
            valid_from=valid_from,
            valid_until=valid_until,
            **person,
        )
        _save_new(assignment)
        fields = {
            "role": role,
            "standing": assignment.standing,
            "person": assignment.person_name,
            "valid_from": valid_from,
            "valid_until": valid_until,
        }
        _record_created(area, by=by, target=assignment, fields=fields)
    return assignment


def contact_end(
    *, by: Professional, area_id: int, assignment_id: int, on: date
) -> ContactAssignment:
    """The person's period in the role ends on a day (kept in the network's history)."""
    scopes = _scopes(by)
    with transaction.atomic():
        area = _area(scopes, area_id)
        assignments = ContactAssignment.objects.filter(role__area=area)
        assignment = _one(assignments, assignment_id, _("No such contact person in this network."))
        if on < assignment.valid_from:
            raise InvalidInput(details={"on": _("The period cannot end before it began.")})
        old = assignment.valid_until
        assignment.valid_until = on
        assignment.save(update_fields=["valid_until"])
        _record_changed(area, by=by, target=assignment, changes={"valid_until": (old, on)})
    return assignment


# --- Meetings and decisions ---


def _meeting(scopes: CooperationScopes, meeting_id: int) -> NetworkMeeting:
    meetings = NetworkMeeting.objects.filter(access.meetings_visible(scopes))
    return _managed(scopes, meetings, meeting_id, _("No such network meeting."))


def meeting_create(
    *,
    by: Professional,
    county: County,
    area: Area | None,
    title: str,
    held_on: date,
    place: str = "",
    agenda: str = "",
    participants: Iterable[Professional] = (),
    organisations: Iterable[Organisation] = (),
    other_participants: str = "",
) -> NetworkMeeting:
    _require_manager(by, county, area)
    meeting = NetworkMeeting(
        county=county,
        area=area,
        title=_stripped(title),
        held_on=held_on,
        place=_stripped(place),
        agenda=_stripped(agenda),
        other_participants=_stripped(other_participants),
        created_by=by,
    )
    _clean(meeting, exclude=["created_by"])
    participants, organisations = list(participants), list(organisations)
    with transaction.atomic():
        meeting.save()
        meeting.participants.set(participants)
        meeting.organisations.set(organisations)
        fields = {
            "title": meeting.title,
            "held_on": held_on,
            "area": area,
            "participants": [_actor_name(p) for p in participants],
            "organisations": [o.name for o in organisations],
        }
        _record_created(meeting, by=by, target=meeting, fields=fields)
    return meeting


def meeting_record(
    *, by: Professional, meeting_id: int, version: int | None, agenda: str, record: str
) -> NetworkMeeting:
    """The meeting's agenda and record (minutes); a stale version is refused."""
    scopes = _scopes(by)
    with transaction.atomic():
        meeting = _meeting(scopes, meeting_id)
        meeting = NetworkMeeting.objects.select_for_update().get(pk=meeting.pk)
        _check_version(meeting, version)
        changes = _set_changed(meeting, {"agenda": agenda or "", "record": record or ""})
        if not changes:
            return meeting
        _save_edit(meeting, changes)
        _record_changed(meeting, by=by, target=meeting, changes=changes)
    return meeting


def decision_add(
    *,
    by: Professional,
    meeting_id: int,
    text: str,
    responsible: Professional | None = None,
    responsible_text: str = "",
    due_on: date | None = None,
    plan_id: int | None = None,
) -> Decision:
    """A decision of the meeting with who sees to it and by when; with a plan, it is carried
    into that development plan."""
    scopes = _scopes(by)
    with transaction.atomic():
        meeting = _meeting(scopes, meeting_id)
        text = _stripped(text)
        responsible_text = _stripped(responsible_text)
        if not text:
            raise InvalidInput(details={"text": _("Write what was decided.")})
        if responsible is None and not responsible_text:
            raise InvalidInput(details={"responsible": _("Name who sees to the decision.")})
        plan = None
        if plan_id is not None:
            plan = DevelopmentPlan.objects.filter(pk=plan_id, county=meeting.county).first()
            if plan is None:
                raise InvalidInput(details={"plan": _("Choose one of the county's plans.")})
        decision = Decision(
            meeting=meeting,
            text=text,
            responsible=responsible,
            responsible_text="" if responsible is not None else responsible_text,
            due_on=due_on,
            plan=plan,
            created_by=by,
        )
        _save_new(decision, exclude=["created_by"])
        fields = {
            "text": text,
            "responsible": decision.responsible_name,
            "due_on": due_on,
            "plan": plan,
        }
        _record_created(meeting, by=by, target=decision, fields=fields)
        if plan is not None:
            carried = {"decision": text, "meeting": meeting}
            _record_created(plan, by=by, target=decision, fields=carried)
    return decision


def decision_status_set(*, by: Professional, decision_id: int, status: str) -> Decision:
    """The decision's status: by the county's managers or the person responsible for it."""
    scopes = _scopes(by)
    if status not in Decision.Status.values:
        raise InvalidInput(details={"status": _("Choose a status.")})
    with transaction.atomic():
        decisions = (
            Decision.objects.select_for_update()
            .filter(meeting__in=NetworkMeeting.objects.filter(access.meetings_visible(scopes)))
            .select_related("meeting")
        )
        decision = _one(decisions, decision_id, _("No such decision."))
        if not access.may_update_decision(
            scopes, county_id=decision.meeting.county_id, responsible_id=decision.responsible_id
        ):
            raise PermissionDenied(
                _("Only the person responsible and the county's coordinators may change this.")
            )
        if decision.status == status:
            return decision
        old = decision.status
        decision.status = status
        _save_edit(decision, ["status"])
        # In the meeting's history, and in the plan's it is carried into; the meeting's county.
        for subject in [f"meeting:{decision.meeting_id}"] + (
            [f"plan:{decision.plan_id}"] if decision.plan_id else []
        ):
            _record(
                by=by,
                actor_name=_actor_name(by),
                county_id=decision.meeting.county_id,
                subject=subject,
                target=decision,
                action=Change.Action.CHANGE,
                changes={"status": (old, status)},
            )
    return decision


# --- Development plans and their goals ---


def _plan(scopes: CooperationScopes, plan_id: int) -> DevelopmentPlan:
    plans = DevelopmentPlan.objects.filter(access.plans_visible(scopes))
    return _managed(scopes, plans, plan_id, _("No such development plan."))


def plan_create(
    *,
    by: Professional,
    county: County,
    area: Area | None,
    title: str,
    starts_on: date,
    ends_on: date,
) -> DevelopmentPlan:
    _require_manager(by, county, area)
    plan = DevelopmentPlan(
        county=county,
        area=area,
        title=_stripped(title),
        starts_on=starts_on,
        ends_on=ends_on,
        created_by=by,
    )
    _clean(plan, exclude=["created_by"])
    with transaction.atomic():
        plan.save()
        fields = {"title": plan.title, "area": area, "starts_on": starts_on, "ends_on": ends_on}
        _record_created(plan, by=by, target=plan, fields=fields)
    return plan


INDICATOR_REQUIRED = gettext_lazy("Choose one of the evaluation's indicators.")


def goal_add(
    *,
    by: Professional,
    plan_id: int,
    text: str,
    indicator: str,
    baseline: float,
    target: float,
    period_start: date,
    period_end: date,
) -> PlanGoal:
    """A goal tied to an indicator, measured over whole months (first day of the first month to
    the last day of the last)."""
    scopes = _scopes(by)
    if indicator not in INDICATOR_CODES:
        raise InvalidInput(details={"indicator": str(INDICATOR_REQUIRED)})
    if period_start.day != 1:
        raise InvalidInput(details={"period_start": _("A goal is measured in whole months.")})
    with transaction.atomic():
        plan = _plan(scopes, plan_id)
        goal = PlanGoal(
            plan=plan,
            text=_stripped(text),
            indicator=indicator,
            baseline=baseline,
            target=target,
            period_start=period_start,
            period_end=period_end,
            created_by=by,
        )
        _save_new(goal, exclude=["created_by"])
        fields = {
            "text": goal.text,
            "indicator": indicator,
            "baseline": baseline,
            "target": target,
            "period_start": period_start,
            "period_end": period_end,
        }
        _record_created(plan, by=by, target=goal, fields=fields)
    return goal


def goal_remove(*, by: Professional, plan_id: int, goal_id: int) -> None:
    scopes = _scopes(by)
    with transaction.atomic():
        plan = _plan(scopes, plan_id)
        goal = _one(plan.goals.all(), goal_id, _("No such goal in this plan."))
        _record_removed(plan, by=by, target=goal, fields={"text": goal.text})
        goal.delete()
