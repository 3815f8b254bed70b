"""The family's own view: what a guardian, a child and another adult see of the family, the
access log, and what nobody sees of another family. Every read is audited."""

from datetime import date, timedelta

import pytest
from django.test import Client
from django.utils import timezone

from perhekeskus.audit.models import AuditEvent
from perhekeskus.clients.models import FamilyMember, Relation
from perhekeskus.clients.services import NewMember, family_register
from perhekeskus.consent.access import family_access, person_access
from perhekeskus.consent.models import DataCategory, Purpose
from perhekeskus.consent.services import self_determination_record
from perhekeskus.processes.services import plan_action_add
from tests.client_processes.helpers import assessment_open
from tests.clients.families import person_make
from tests.family_portal.helpers import logged_in_as
from tests.referrals.around import Around

pytestmark = pytest.mark.django_db


def own_view_events(person, **filters) -> list[AuditEvent]:
    return list(
        AuditEvent.objects.filter(
            actor_kind="family_member", actor_id=str(person.pk), **filters
        ).order_by("sequence")
    )


def liisa_keeps_social_welfare_from_guardians(around: Around) -> None:
    """Kalle's team has recorded that Liisa (14) decides on her social welfare information and
    does not want her parents to see it."""
    self_determination_record(
        child=around.virtanen.teen,
        category=DataCategory.SOCIAL_WELFARE,
        reason="Liisa understands the matter and wants to speak to the school social worker alone.",
        refuses_guardians=True,
        by=around.aino,
    )


def test_guardian_sees_processes_plan_and_referral_states(around: Around):
    process = assessment_open(around.virtanen, around.aino)
    plan_action_add(
        process_id=process.pk,
        what="Kotikäynti perhetyöntekijän kanssa",
        who_text="perhe ja perhetyö",
        due_on=timezone.localdate() + timedelta(days=7),
        by=around.aino,
    )
    around.consented_referral()

    page = logged_in_as(Client(), around.virtanen.mother).get("/fi/my/").content.decode()

    assert "Emme jaksa enää" in page  # the support need in the family's own words
    assert "Kotikäynti perhetyöntekijän kanssa" in page
    assert "Ei vielä tehty" in page
    assert 'data-testid="referral"' in page and "Koskee: Eino, Liisa." in page
    assert "Lähetetty. Vastaanottava palvelu ei ole vielä käsitellyt sitä." in page
    read = own_view_events(around.virtanen.mother, action="family_portal.home").pop()
    assert (read.outcome, read.family_id, read.purpose) == (
        "allowed",
        str(around.virtanen.family.pk),
        "own_view",
    )


def test_access_log_shows_a_nurses_read_in_the_readers_language(around: Around):
    family_access(professional=around.aino, family_id=around.virtanen.family.pk, category="health")
    client = logged_in_as(Client(), around.virtanen.mother)
    url = f"/my/family/{around.virtanen.family.pk}/log/"

    finnish = client.get(f"/fi{url}").content.decode()
    swedish = client.get(f"/sv{url}").content.decode()

    assert "Terveydenhoitaja" in finnish and around.aino.organisation.name_fi in finnish
    assert "Hälsovårdare" in swedish
    assert "terveystiedot" in finnish
    assert len(own_view_events(around.virtanen.mother, action="family_portal.access_log")) == 2


def test_access_log_shows_emergency_access_with_its_reason(around: Around):
    family_access(
        professional=around.kalle,
        family_id=around.virtanen.family.pk,
        category=DataCategory.SOCIAL_WELFARE,
        break_glass_reason="Poliisi pyysi virka-apua yöllä.",
    )

    page = (
        logged_in_as(Client(), around.virtanen.mother)
        .get(f"/fi/my/family/{around.virtanen.family.pk}/log/")
        .content.decode()
    )

    assert 'data-testid="break-glass"' in page
    assert "Poliisi pyysi virka-apua yöllä." in page


def test_child_who_refuses_guardians_is_hidden_from_the_guardian(around: Around):
    liisa_keeps_social_welfare_from_guardians(around)
    around.consent([around.virtanen.teen], [DataCategory.BASIC])  # given by the mother
    from perhekeskus.consent.services import consent_give_by_family_member

    consent_give_by_family_member(
        person=around.virtanen.teen,
        by=around.virtanen.teen,
        category=DataCategory.SOCIAL_WELFARE,
        recipient=around.vantaa,
        purpose=Purpose.CARE,
        valid_until=timezone.localdate() + timedelta(days=30),
    )
    person_access(
        professional=around.kalle,
        person_id=around.virtanen.teen.pk,
        category=DataCategory.SOCIAL_WELFARE,
        purpose=Purpose.CARE,
    )
    client = logged_in_as(Client(), around.virtanen.mother)

    consents = client.get("/fi/my/consents/").content.decode()
    log = client.get(f"/fi/my/family/{around.virtanen.family.pk}/log/").content.decode()

    assert consents.count('data-testid="consent"') == 1  # Liisa's basic information only
    assert "sosiaalihuollon tiedot" not in consents.split('id="give-title"')[0]
    assert "sosiaalihuollon tiedot" not in log
    # Liisa herself sees her own consent.
    own = logged_in_as(Client(), around.virtanen.teen).get("/fi/my/consents/").content.decode()
    assert "Sosiaalihuollon tiedot" in own


def test_another_familys_pages_are_not_found_and_the_attempt_is_audited(around: Around):
    other = family_register(
        name="Korhonen",
        members=[
            NewMember(
                given_names="Pekka",
                family_name="Korhonen",
                date_of_birth=date(1980, 2, 2),
                relation=Relation.GUARDIAN,
            )
        ],
        by=around.aino,
    )
    client = logged_in_as(Client(), around.virtanen.mother)

    answer = client.get(f"/fi/my/family/{other.pk}/log/")
    missing = client.get("/fi/my/family/999999/log/")

    assert answer.status_code == missing.status_code == 404
    denied = own_view_events(around.virtanen.mother, outcome="denied")
    assert [event.target_id for event in denied] == [str(other.pk), "999999"]
    assert all(event.family_id == "" for event in denied)
    assert "Korhonen" not in answer.content.decode()


def test_another_adult_sees_the_shared_plan_but_not_the_access_log(around: Around):
    grandmother = person_make(
        given_names="Helmi", family_name="Virtanen", date_of_birth=date(1958, 4, 4)
    )
    FamilyMember.objects.create(
        family=around.virtanen.family, person=grandmother, relation=Relation.OTHER_ADULT
    )
    assessment_open(around.virtanen, around.aino)
    around.consented_referral()
    client = logged_in_as(Client(), grandmother)

    home = client.get("/fi/my/").content.decode()
    log = client.get(f"/fi/my/family/{around.virtanen.family.pk}/log/")
    consents = client.get("/fi/my/consents/").content.decode()

    assert "Emme jaksa enää" in home  # the shared family plan
    assert 'data-testid="referral"' not in home  # the children's referral is not hers
    assert 'data-testid="access-log-link"' not in home
    assert log.status_code == 404
    assert consents.count('data-testid="person-consents"') == 1  # her own only


def test_meetings_coming_up_are_shown(around: Around, monkeypatch):
    from perhekeskus.family_portal import selectors
    from perhekeskus.meetings.selectors import FamilyMeeting

    meeting = FamilyMeeting(
        id=1,
        starts_at=timezone.now() + timedelta(days=3),
        place="Perhekeskus Leppävaara",
        organisation_names=("Länsi-Uudenmaan hyvinvointialue", "Vantaan ja Keravan hva"),
        purpose="Perhekeskustiimi",
        summary="",
    )
    monkeypatch.setattr(selectors, "meetings_for_family", lambda **kwargs: [meeting])

    page = logged_in_as(Client(), around.virtanen.mother).get("/fi/my/").content.decode()

    assert "Perhekeskus Leppävaara" in page and "Vantaan ja Keravan hva" in page


def test_the_family_sees_the_joint_meeting_a_warm_handoff_booked(around: Around):
    """Aino hands Liisa and Eino over to Vantaa's family work in person: the family sees when
    the three of them meet, and no longer once the referral is withdrawn."""
    from perhekeskus.referrals.services import referral_withdraw

    around.consent([around.virtanen.teen, around.virtanen.baby], [DataCategory.BASIC])
    meeting = timezone.now() + timedelta(days=3)
    referral = around.send(warm_handoff=True, handoff_meeting_at=meeting)
    client = logged_in_as(Client(), around.virtanen.mother, lang="sv")

    page = client.get("/sv/my/").content.decode()

    assert 'data-testid="handoff-meeting"' in page
    assert "Ett gemensamt möte med båda tjänsterna" in page
    referral_withdraw(referral_id=referral.pk, reason="Perhe muutti.", by=around.aino)
    assert 'data-testid="handoff-meeting"' not in client.get("/sv/my/").content.decode()
