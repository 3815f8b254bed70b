"""Who may see and who may manage the cooperation network: decided here only.

- The county's leaders (a county leader role) and its family centre coordinators (the role
  "family centre coordinator" in a county's or a municipality's organisation of the county)
  manage the county's agreements, contact-person networks, meetings and development plans.
- A municipality's leaders see the agreements their municipality is party to, the networks of
  the areas reaching into the municipality, the meetings and plans of those areas, and the
  county's own plans and meetings.
- An organisation's leaders, and anyone named today as a contact person or a deputy in an
  area's network, see the agreements their organisation is party to, the networks their
  organisation has a role in, the meetings of those areas (and any meeting they took part in
  or their organisation was represented at) and the plans of those areas and of the county.
- The network's data maintainers keep it in the admin (see `admin.py`), not on these pages.
- Anyone who took part in a network meeting, or is responsible for one of its decisions, sees
  that meeting (and may set the status of their own decisions).
- Everyone else: nothing (deny by default). An object outside one's rights looks exactly like
  one that does not exist.

The figures of a development plan are evaluation indicators: those who manage the plan lead
the county and see them; anyone else only where their leader roles let them see that scope's
indicators on the evaluation pages (`evaluation.access.scope_allowed`).
"""

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from perhekeskus.evaluation.access import NO_LEADER, LeaderScopes, leader_scopes, scope_allowed
from perhekeskus.evaluation.indicators import Scope
from perhekeskus.evaluation.models import LeaderRole
from perhekeskus.network.models import Area, Organisation
from perhekeskus.staff.models import Professional

PUBLIC_SECTORS = (Organisation.Sector.COUNTY, Organisation.Sector.MUNICIPALITY)


@dataclass(frozen=True)
class CooperationScopes:
    professional_id: int | None
    managed_county_ids: frozenset[int]
    municipality_ids: frozenset[int]  # municipality leader roles
    organisation_ids: frozenset[int]  # organisation leader roles and today's contact roles
    contact_area_ids: frozenset[int]  # areas where they are a contact person or deputy today
    member_county_ids: frozenset[int]  # counties whose own plans and meetings they see
    leader: LeaderScopes
    # They took part in a network meeting or are responsible for one of its decisions.
    takes_part: bool = False

    @property
    def nothing(self) -> bool:
        return not (
            self.managed_county_ids
            or self.municipality_ids
            or self.organisation_ids
            or self.contact_area_ids
            or self.takes_part
        )

    def manages(self, county_id: int) -> bool:
        return county_id in self.managed_county_ids


NO_COOPERATION = CooperationScopes(
    None, frozenset(), frozenset(), frozenset(), frozenset(), frozenset(), NO_LEADER
)


def _coordinator_county(professional: Professional) -> int | None:
    """The county a family centre coordinator coordinates: that of their public-sector
    employer. An NGO's or a parish's coordinator coordinates their own organisation's work,
    not the county's network."""
    if professional.role != Professional.Role.COORDINATOR:
        return None
    organisation = professional.organisation
    if organisation.sector not in PUBLIC_SECTORS:
        return None
    if organisation.county_id is not None:
        return organisation.county_id
    if organisation.municipality_id is not None:
        return organisation.municipality.county_id  # type: ignore[union-attr]
    return None


def _contacts_today(professional: Any, today: date) -> "QuerySet[Any]":
    """Their periods as a contact person or a deputy in an area's network that hold today."""
    from perhekeskus.cooperation.models import ContactAssignment

    return ContactAssignment.objects.filter(
        professional=professional, valid_from__lte=today
    ).filter(Q(valid_until__isnull=True) | Q(valid_until__gte=today))


def _meeting_parts(professional: Any) -> "tuple[QuerySet[Any], QuerySet[Any]]":
    """What makes someone take part in the network's meetings: they took part in one, or they
    are responsible for one of its decisions."""
    from perhekeskus.cooperation.models import Decision, NetworkMeeting

    return (
        NetworkMeeting.participants.through.objects.filter(professional=professional),
        Decision.objects.filter(responsible=professional),
    )


def cooperation_scopes(
    professional: Professional | None, *, today: date | None = None
) -> CooperationScopes:
    if professional is None or not professional.user.is_active:
        return NO_COOPERATION
    today = today or timezone.localdate()
    leader = leader_scopes(professional)
    managed = set(leader.county_ids)
    coordinated = _coordinator_county(professional)
    if coordinated is not None:
        managed.add(coordinated)
    contact_rows = list(
        _contacts_today(professional, today).values_list(
            "role__area_id", "role__organisation_id", "role__area__county_id"
        )
    )
    organisation_ids = set(leader.organisation_ids) | {org for _, org, _ in contact_rows}
    member_counties = (
        set(leader.joint_county_ids)
        | {county for _, _, county in contact_rows}
        | set(
            Organisation.objects.filter(id__in=leader.organisation_ids)
            .exclude(county=None)
            .values_list("county_id", flat=True)
        )
    )
    return CooperationScopes(
        professional_id=professional.pk,
        managed_county_ids=frozenset(managed),
        municipality_ids=leader.municipality_ids,
        organisation_ids=frozenset(organisation_ids),
        contact_area_ids=frozenset(area for area, _, _ in contact_rows),
        member_county_ids=frozenset(member_counties | managed),
        leader=leader,
        takes_part=any(rows.exists() for rows in _meeting_parts(professional)),
    )


def in_cooperation_network(professional: Professional | None, *, today: date | None = None) -> bool:
    """The same answer as `not cooperation_scopes(professional).nothing`, in a single query
    (none for a family centre coordinator of a public-sector employer): for the link in the
    staff navigation, drawn on every staff page, where the scopes themselves are not needed."""
    if professional is None or not professional.user.is_active:
        return False
    if _coordinator_county(professional) is not None:
        return True
    today = today or timezone.localdate()
    me = OuterRef("pk")
    # Each leader role has a scope (a county, a municipality or an organisation) that counts.
    leader_roles = LeaderRole.objects.filter(professional=me).filter(
        Q(county__isnull=False) | Q(municipality__isnull=False) | Q(organisation__isnull=False)
    )
    took_part, responsible = _meeting_parts(me)
    anywhere = (
        Exists(leader_roles)
        | Exists(_contacts_today(me, today))
        | Exists(took_part)
        | Exists(responsible)
    )
    return Professional.objects.filter(anywhere, pk=professional.pk).exists()


# --- What one may see, as conditions on querysets ------------------------------------------------


def _municipality_party(scopes: CooperationScopes) -> Q:
    return Q(
        organisation__sector=Organisation.Sector.MUNICIPALITY,
        organisation__municipality__in=scopes.municipality_ids,
    )


def agreements_visible(scopes: CooperationScopes) -> Q:
    """Agreements of the counties they manage, and those their organisation or their
    municipality is party to."""
    from perhekeskus.cooperation.models import AgreementParty

    parties = AgreementParty.objects.filter(
        Q(organisation__in=scopes.organisation_ids) | _municipality_party(scopes)
    ).values("agreement_id")
    return Q(county__in=scopes.managed_county_ids) | Q(id__in=parties)


def network_area_ids(scopes: CooperationScopes) -> Q:
    """Areas whose contact-person network they see (a condition on Area)."""
    from perhekeskus.cooperation.models import ContactRole

    with_their_organisation = ContactRole.objects.filter(
        organisation__in=scopes.organisation_ids
    ).values("area_id")
    return (
        Q(county__in=scopes.managed_county_ids)
        | Q(id__in=scopes.contact_area_ids)
        | Q(municipalities__in=scopes.municipality_ids)
        | Q(postal_areas__municipality__in=scopes.municipality_ids)
        | Q(id__in=with_their_organisation)
    )


def _areas(scopes: CooperationScopes) -> "list[int]":
    return list(
        Area.objects.filter(network_area_ids(scopes)).values_list("id", flat=True).distinct()
    )


def meetings_visible(scopes: CooperationScopes) -> Q:
    from perhekeskus.cooperation.models import Decision, NetworkMeeting

    represented = NetworkMeeting.organisations.through.objects.filter(
        organisation_id__in=scopes.organisation_ids
    ).values("networkmeeting_id")
    me = scopes.professional_id or 0  # 0: nobody
    took_part = NetworkMeeting.participants.through.objects.filter(professional_id=me).values(
        "networkmeeting_id"
    )
    responsible = Decision.objects.filter(responsible_id=me).values("meeting_id")
    return (
        Q(county__in=scopes.managed_county_ids)
        | Q(area__in=_areas(scopes))
        | Q(area=None, county__in=scopes.member_county_ids)
        | Q(id__in=represented)
        | Q(id__in=took_part)
        | Q(id__in=responsible)
    )


def plans_visible(scopes: CooperationScopes) -> Q:
    return (
        Q(county__in=scopes.managed_county_ids)
        | Q(area__in=_areas(scopes))
        | Q(area=None, county__in=scopes.member_county_ids)
    )


def may_update_decision(
    scopes: CooperationScopes, *, county_id: int, responsible_id: int | None
) -> bool:
    """The county's managers, and the person responsible for the decision (its status)."""
    return scopes.manages(county_id) or (
        responsible_id is not None and responsible_id == scopes.professional_id
    )


def may_see_figures(scopes: CooperationScopes, *, scope: Scope) -> bool:
    """A plan's indicator values: its county's managers, or a leader whose roles cover the
    scope on the evaluation pages. Suppression applies in every case."""
    if scope.county_id is not None and scopes.manages(scope.county_id):
        return True
    return scope_allowed(scopes=scopes.leader, scope=scope)
