"""Writes of the family's own view: a family member's login, found from the personal identity
code that strong identification gives, and audited."""

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone

from perhekeskus.audit.models import AuditEvent
from perhekeskus.audit.services import audit_record
from perhekeskus.clients.identity import InvalidIdentityCode, identity_code_digest
from perhekeskus.clients.models import Person
from perhekeskus.consent.access import family_member_actor
from perhekeskus.family_portal.models import FamilyLogin

USERNAME_PREFIX = "family-"


def family_login_person(*, identity_code: str) -> Person | None:
    """The person whose personal identity code (henkilötunnus) this is, found by its keyed
    digest; None for a code that is not valid or not of any client."""
    try:
        digest = identity_code_digest(identity_code)
    except InvalidIdentityCode:
        return None
    return Person.objects.filter(identity_code_digest=digest).first()


def family_login_open(*, person: Person) -> User:
    """The person's login user, created at the first login: without a password, never staff,
    never a superuser. Audited as the family member's login."""
    now = timezone.now()
    with transaction.atomic():
        login = FamilyLogin.objects.select_related("user").filter(person=person).first()
        if login is None:
            user = User.objects.create_user(f"{USERNAME_PREFIX}{person.pk}")
            user.set_unusable_password()
            user.save(update_fields=["password"])
            login = FamilyLogin.objects.create(user=user, person=person, created_at=now)
        login.last_login_at = now
        login.save(update_fields=["last_login_at"])
        user = login.user
        # Whatever happened to the row elsewhere, this login gives no rights of the staff.
        if user.is_staff or user.is_superuser:
            User.objects.filter(pk=user.pk).update(is_staff=False, is_superuser=False)
            user.refresh_from_db()
        audit_record(
            actor=family_member_actor(person),
            action="family_portal.login",
            target_type="person",
            target_id=str(person.pk),
            purpose=AuditEvent.Purpose.OWN_VIEW,
        )
    return user
