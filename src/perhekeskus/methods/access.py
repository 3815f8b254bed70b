"""Who may record whose training in a method: decided here only, used by the services, the
pages and the admin.

- Every professional at work (logged in with the second factor) reads the catalogue and who is
  trained; the views ask `staff.access.professional_required` for that.
- A professional records, changes and removes their own training.
- Their organisation's coordinators (perhekeskuskoordinaattori) and the organisation's network
  maintainers record, change and remove it for them, and the organisation's own training.
- Nobody else: a denial looks like a record that does not exist (NotFound).
"""

from typing import Any

from django.db.models import Q, QuerySet

from perhekeskus.errors import NotFound
from perhekeskus.methods.models import MethodTraining
from perhekeskus.network import access as network_access
from perhekeskus.network.models import Organisation
from perhekeskus.staff.models import Professional

# Roles that keep their organisation's training records.
KEEPER_ROLES = frozenset({Professional.Role.COORDINATOR})


def _keeps_for(by: Professional, organisation_id: int) -> bool:
    """A coordinator of the organisation, or one of its network maintainers."""
    if by.role in KEEPER_ROLES and by.organisation_id == organisation_id:
        return True
    scope = network_access.maintainer_scope(by.user)
    if scope.everything or organisation_id in scope.organisation_ids:
        return True
    if scope.county_ids:
        return Organisation.objects.filter(pk=organisation_id, county__in=scope.county_ids).exists()
    return False


def may_record_for_professional(by: Professional, professional: Professional) -> bool:
    return by.pk == professional.pk or _keeps_for(by, professional.organisation_id)


def may_record_for_organisation(by: Professional, organisation: Organisation) -> bool:
    return _keeps_for(by, organisation.pk)


def may_change(by: Professional, training: MethodTraining) -> bool:
    if training.professional_id is not None:
        professional = training.professional
        assert professional is not None
        return may_record_for_professional(by, professional)
    assert training.organisation is not None
    return may_record_for_organisation(by, training.organisation)


def require_for_professional(by: Professional, professional: Professional) -> None:
    if not may_record_for_professional(by, professional):
        raise NotFound()


def require_for_organisation(by: Professional, organisation: Organisation) -> None:
    if not may_record_for_organisation(by, organisation):
        raise NotFound()


def require_change(by: Professional, training: MethodTraining) -> None:
    if not may_change(by, training):
        raise NotFound()


def keeper_organisations(by: Professional) -> QuerySet[Organisation]:
    """The organisations whose training records this professional keeps."""
    condition = Q(pk__in=[])
    if by.role in KEEPER_ROLES:
        condition |= Q(pk=by.organisation_id)
    scope = network_access.maintainer_scope(by.user)
    if scope.everything:
        return Organisation.objects.order_by("name")
    condition |= Q(pk__in=scope.organisation_ids) | Q(county__in=scope.county_ids)
    return Organisation.objects.filter(condition).order_by("name")


def recordable_professionals(by: Professional) -> QuerySet[Professional]:
    """Whose training this professional may record: themself, and the professionals of the
    organisations they keep records for."""
    return (
        Professional.objects.filter(
            Q(pk=by.pk) | Q(organisation__in=keeper_organisations(by).values("pk"))
        )
        .select_related("user", "organisation")
        .order_by("organisation__name", "user__last_name", "user__first_name", "pk")
    )


def trainings_kept_by(user: Any) -> QuerySet[MethodTraining]:
    """The training records a network maintainer may keep in the admin (no professional
    account needed there): their organisations' and their professionals'."""
    scope = network_access.maintainer_scope(user)
    trainings = MethodTraining.objects.all()
    if scope.everything:
        return trainings
    if scope.nothing:
        return trainings.none()
    orgs = Q(pk__in=scope.organisation_ids) | Q(county__in=scope.county_ids)
    kept = Organisation.objects.filter(orgs).values("pk")
    return trainings.filter(Q(organisation__in=kept) | Q(professional__organisation__in=kept))
