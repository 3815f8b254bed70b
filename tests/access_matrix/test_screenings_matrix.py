"""Who may and who may not read and write the Virtanen family's screenings: the fourteen
professionals of `personas`, two more health professionals (a school nurse of Espoo's early
childhood education, which cares for the family, and a public health nurse of Vantaa, which
does not) and a leader of the county, × five things done with screenings; then a maintainer
of the service network, a family member and an anonymous visitor at the pages.

The rules (`perhekeskus.screenings.access`): a screening is health care information. It is
reached only by a role that works with health information, whose organisation cares for the
family; and of those, by the recording organisation's professionals, or another
organisation's when the person's health information is shared with it by consent (given by
whoever decides for the person: a child who decides on the matter decides). Breaking the glass
opens no screening. Every refusal leaves exactly one "denied" event naming the action; every
permission an "allowed" one; a refused write changes nothing. The worklist refuses nothing to a
health professional: it leaves out what they may not see (and its reading is recorded).
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from perhekeskus.audit.models import AuditEvent
from perhekeskus.consent.models import DataCategory, Purpose
from perhekeskus.consent.services import consent_record, self_determination_record
from perhekeskus.errors import DomainError
from perhekeskus.evaluation.models import LeaderRole
from perhekeskus.screenings.models import FollowUp, Screening, ScreeningInstrument
from perhekeskus.screenings.selectors import (
    family_screenings,
    screening_detail,
    screening_worklist,
)
from perhekeskus.screenings.services import follow_up_record, screening_record
from perhekeskus.staff.models import Professional
from tests.access_matrix.personas import Persona, World, _professional
from tests.family_portal.helpers import logged_in_as
from tests.personas import Personas

pytestmark = pytest.mark.django_db

ALLOW, DENY = "allow", "deny"
Role = Professional.Role


@dataclass
class Scene:
    world: World
    screening: Screening
    personas: dict[str, Persona]

    def __getitem__(self, name: str) -> Persona:
        return self.personas[name]


def _epds(world: World, by: Professional, score: int = 15) -> Screening:
    return screening_record(
        family_id=world.family.pk,
        person_id=world.mother.pk,
        instrument_id=ScreeningInstrument.objects.get(code="epds").pk,
        screened_on=timezone.localdate() - timedelta(days=20),
        score=score,
        by=by,
    )


@pytest.fixture
def scene(world: World, network) -> Scene:
    espoo = network.espoo
    cast = dict(world.personas)
    cast["noora"] = Persona(
        "noora", _professional("noora", world.espoo_education, Role.SCHOOL_NURSE, espoo)
    )
    cast["vilma"] = Persona(
        "vilma", _professional("vilma", world.vantaa, Role.PUBLIC_HEALTH_NURSE, network.vantaa)
    )
    helena = _professional("helena", network.county_org, Role.LEADER, espoo)
    LeaderRole.objects.create(professional=helena, county=network.west_uusimaa, may_plan=True)
    cast["helena"] = Persona("helena", helena)
    # Aino found the mother's EPDS at 15 twenty days ago: over the threshold and overdue.
    screening = _epds(world, world["aino"].professional)
    return Scene(world=world, screening=screening, personas=cast)


# --- What a professional does with screenings --------------------------------------------------


@dataclass(frozen=True)
class Act:
    audited_as: str
    do: Callable[[Scene, Persona], Any]
    effect: Callable[[Scene], Any] = lambda scene: None
    is_list: bool = False


def _listed(scene: Scene, who: Persona) -> bool:
    page = family_screenings(professional=who.professional, family_id=scene.world.family.pk)
    return scene.screening in [line.screening for line in page.lines]


def _on_worklist(scene: Scene, who: Persona) -> bool:
    rows = screening_worklist(professional=who.professional)
    return scene.screening in [row.screening for row in rows]


ACTS: dict[str, Act] = {
    "read_the_screening": Act(
        "screening.read",
        lambda s, who: screening_detail(professional=who.professional, screening_id=s.screening.pk),
    ),
    "find_it_among_the_familys_screenings": Act("screening.list", _listed, is_list=True),
    "find_it_on_the_worklist": Act("screening.worklist", _on_worklist, is_list=True),
    "record_a_screening": Act(
        "screening.record",
        lambda s, who: _epds(s.world, who.professional, score=4),
        effect=lambda s: Screening.objects.count(),
    ),
    "record_a_follow_up": Act(
        "screening.follow_up",
        lambda s, who: follow_up_record(
            screening_id=s.screening.pk,
            kind=FollowUp.Kind.EARLY_SUPPORT,
            done_on=timezone.localdate(),
            note="Kotikäynnit sovittu.",
            by=who.professional,
        ),
        effect=lambda s: FollowUp.objects.count(),
    ),
}
EVERYTHING = list(ACTS)


def may(persona: str, *, allow: list[str]) -> list[tuple[str, str, str]]:
    return [(persona, act, ALLOW if act in allow else DENY) for act in ACTS]


TABLE: list[tuple[str, str, str]] = [
    # The recording county's health professionals: everything, alike.
    *may("aino", allow=EVERYTHING),
    *may("pekka", allow=EVERYTHING),
    *may("paula", allow=EVERYTHING),
    # The same county's coordinator, own worker (a family worker) and leader: no health
    # information in their roles, so nothing, whatever else they do for the family.
    *may("maija", allow=[]),
    *may("fanni", allow=[]),
    *may("helena", allow=[]),
    # Early childhood education cares for the family: its teacher reaches no health
    # information; its school nurse records her own screenings but sees none of the county's
    # without consent.
    *may("olli", allow=[]),
    *may("noora", allow=["record_a_screening"]),
    # Not in care: Vantaa's nurse (a health role) as much as its social workers.
    *may("vilma", allow=[]),
    *may("mikko", allow=[]),
    *may("kalle", allow=[]),
    *may("hanna", allow=[]),
    *may("sari", allow=[]),
    *may("tuomas", allow=[]),
    # Breaking the glass opens no screening; an ended care relationship nothing.
    *may("eero", allow=[]),
    *may("erkki", allow=[]),
    *may("terhi", allow=[]),
]


def _params() -> list[Any]:
    return [
        pytest.param(
            persona,
            act,
            expected,
            id=f"{persona}-{'may' if expected == ALLOW else 'may_not'}-{act}",
        )
        for persona, act, expected in TABLE
    ]


def _last_sequence() -> int:
    last = AuditEvent.objects.order_by("-sequence").values_list("sequence", flat=True).first()
    return last or 0


def _attempt(act: Act, scene: Scene, persona: Persona) -> str:
    try:
        answer = act.do(scene, persona)
    except DomainError:
        return DENY
    if act.is_list:
        return ALLOW if answer else DENY
    return ALLOW


@pytest.mark.parametrize(("persona_name", "act_name", "expected"), _params())
def test_who_may_and_who_may_not_reach_the_virtanens_screenings_and_the_log_tells(
    scene: Scene, persona_name, act_name, expected
):
    persona, act = scene[persona_name], ACTS[act_name]
    before, since = act.effect(scene), _last_sequence()

    outcome = _attempt(act, scene, persona)

    assert outcome == expected
    events = list(
        AuditEvent.objects.filter(
            sequence__gt=since, actor_id=str(persona.professional.pk)
        ).order_by("sequence")
    )
    denied = [e for e in events if e.outcome == AuditEvent.Outcome.DENIED]
    allowed = [e for e in events if e.outcome == AuditEvent.Outcome.ALLOWED]
    organisation_id = str(persona.professional.organisation_id)
    assert {e.data_category for e in events} == {DataCategory.HEALTH}
    if expected == ALLOW:
        assert denied == []
        assert [e.action for e in allowed] and {e.action for e in allowed} == {act.audited_as}
        assert {e.actor_organisation_id for e in allowed} == {organisation_id}
        if act.effect(scene) is not None:
            assert act.effect(scene) == before + 1
    elif act.is_list and allowed:
        # The list was read (and recorded) but leaves the screening out.
        assert denied == [] and [e.action for e in allowed] == [act.audited_as]
    else:
        assert [(e.action, e.actor_organisation_id) for e in denied] == [
            (act.audited_as, organisation_id)
        ]
        assert allowed == []
        # A refusal tells no family.
        assert {e.family_id for e in denied} == {""}
        assert act.effect(scene) == before


def test_the_table_answers_for_every_persona_and_every_action(scene: Scene):
    pairs = [(persona, act) for persona, act, _expected in TABLE]
    assert len(pairs) == len(set(pairs)) == len(scene.personas) * len(ACTS)


# --- A consent opens one person's screenings to another organisation -----------------------------


def _sees(scene: Scene, name: str, screening: Screening) -> bool:
    try:
        screening_detail(professional=scene[name].professional, screening_id=screening.pk)
    except DomainError:
        return False
    return True


def test_the_mothers_consent_opens_her_screening_to_the_school_nurse_and_nobody_else(
    scene: Scene,
):
    world = scene.world
    assert not _sees(scene, "noora", scene.screening)

    consent_record(
        person=world.mother,
        given_by=world.mother,
        category=DataCategory.HEALTH,
        recipient=world.espoo_education,
        purpose=Purpose.TEAM,
        valid_until=timezone.localdate() + timedelta(days=30),
        by=world["aino"].professional,
    )

    assert _sees(scene, "noora", scene.screening)
    # The teacher of the same organisation reaches no health information, consent or not.
    assert not _sees(scene, "olli", scene.screening)


def test_a_young_person_who_decides_for_herself_decides_who_sees_her_screening(scene: Scene):
    world = scene.world
    aino = world["aino"].professional
    liisa = screening_record(
        family_id=world.family.pk,
        person_id=world.teen.pk,
        instrument_id=ScreeningInstrument.objects.get(code="lte-concerns").pk,
        screened_on=timezone.localdate(),
        concerns=["child-wellbeing"],
        by=aino,
    )
    until = timezone.localdate() + timedelta(days=30)
    values = {
        "person": world.teen,
        "category": DataCategory.HEALTH,
        "recipient": world.espoo_education,
        "purpose": Purpose.CARE,
        "valid_until": until,
        "by": aino,
    }
    # While Liisa's guardians decide for her, the mother's consent opens the screening.
    consent_record(given_by=world.mother, **values)
    assert _sees(scene, "noora", liisa)

    # Once Liisa decides on her health information herself, the mother's consent counts no more.
    self_determination_record(
        child=world.teen,
        category=DataCategory.HEALTH,
        reason="Liisa ymmärtää asian ja haluaa päättää itse terveystiedoistaan.",
        refuses_guardians=False,
        by=aino,
    )
    assert not _sees(scene, "noora", liisa)

    consent_record(given_by=world.teen, **values)
    assert _sees(scene, "noora", liisa)


# --- Those who are not professionals at work ----------------------------------------------------


def _pages(scene: Scene) -> list[str]:
    family = scene.world.family.pk
    return [
        "/fi/workspace/screenings/worklist/",
        f"/fi/workspace/screenings/families/{family}/",
        f"/fi/workspace/screenings/families/{family}/record/epds/",
        f"/fi/workspace/screenings/{scene.screening.pk}/",
    ]


def _shows_nothing(response) -> None:
    assert response.status_code in (302, 403)
    body = response.content.decode()
    assert "EPDS" not in body and "Virtanen" not in body


def test_an_anonymous_visitor_is_sent_to_the_login_and_writes_nothing(scene: Scene):
    visitor = Client()
    for path in _pages(scene):
        answer = visitor.get(path)
        assert answer.status_code == 302 and "/staff/login/" in answer["Location"]
    posted = visitor.post(_pages(scene)[3], {"kind": "early_support", "done_on": "1.1.2026"})
    assert posted.status_code == 302
    assert not FollowUp.objects.exists()


def test_a_network_maintainer_without_a_professional_account_is_refused(
    scene: Scene, personas: Personas
):
    """Leena maintains the county's service network: logged in with her second factor, she is
    no professional at work, and the screenings stay shut."""
    leena = Client()
    leena.force_login(personas.leena)
    session = leena.session
    session[DEVICE_ID_SESSION_KEY] = _second_factor(personas.leena).persistent_id
    session.save()
    for path in _pages(scene):
        _shows_nothing(leena.get(path))
    _shows_nothing(leena.post(_pages(scene)[3], {"kind": "early_support"}))
    assert not FollowUp.objects.exists()


def _second_factor(user: Any) -> TOTPDevice:
    device, _created = TOTPDevice.objects.get_or_create(
        user=user, name="phone", defaults={"confirmed": True}
    )
    return device


def test_a_family_member_logged_in_reaches_no_screening(scene: Scene):
    mother = logged_in_as(Client(), scene.world.mother)
    for path in _pages(scene):
        _shows_nothing(mother.get(path))
    _shows_nothing(mother.post(_pages(scene)[3], {"kind": "not_needed", "note": "x"}))
    assert not FollowUp.objects.exists()
