"""The fictional client data of `perhekeskus demo --clients`: the small demo gives hanna and
mikael families to work with, every row is as the services would have left it (referral times
follow the states, own workers only where many services are needed, consents behind every live
referral on consent, an audit chain that verifies), it says it is fictional, and the county
scale keeps its proportions at any size."""

from datetime import date
from io import StringIO

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from perhekeskus.audit.models import AuditEvent
from perhekeskus.audit.verify import audit_verify
from perhekeskus.clients.demo import (
    CLIENT_SCALES,
    ClientsRefused,
    caseloads_of_demo_professionals,
    clients_generate,
    clients_reset,
    county_plan,
)
from perhekeskus.clients.models import Family, FamilyMember, Person, Relation
from perhekeskus.clients.selectors import age_on
from perhekeskus.consent.models import CareRelationship, Consent
from perhekeskus.processes.models import ClientProcess, OwnWorkerHandover
from perhekeskus.referrals.models import Referral
from perhekeskus.referrals.states import AT_FIELDS, Status, passed_through, reachable_from
from perhekeskus.staff.models import Professional
from tests.personas import PASSWORD
from tests.professionals import login_professional

TODAY = timezone.localdate()
# The order a referral's times are recorded in: along the path, then an end off it.
TIME_ORDER = (
    Status.SENT, Status.RECEIVED, Status.ACCEPTED, Status.FIRST_CONTACT, Status.COMPLETED,
    Status.DECLINED, Status.WITHDRAWN,
)  # fmt: skip


@pytest.fixture
def demo_professionals(network, personas) -> dict[str, Professional]:
    """hanna (public health nurse, Espoo's county) and mikael (social worker, Vantaa's), as
    `perhekeskus.staff.demo` makes them on the demo network."""
    made = {}
    for username, organisation, role, municipality in (
        ("hanna", network.county_org, Professional.Role.PUBLIC_HEALTH_NURSE, network.espoo),
        ("mikael", network.vantaa_org, Professional.Role.SOCIAL_WORKER, network.vantaa),
    ):
        user = User.objects.create_user(username, password=PASSWORD, first_name=username.title())
        made[username] = Professional.objects.create(
            user=user, organisation=organisation, role=role, municipality=municipality
        )
        TOTPDevice.objects.create(user=user, name="demo", confirmed=True)
    return made


@pytest.fixture
def small_demo(demo_professionals) -> dict[str, Professional]:
    clients_generate(scale="demo", seed=2026, today=TODAY)
    return demo_professionals


def _times(referral: Referral) -> list[tuple[str, object]]:
    return [
        (status, getattr(referral, AT_FIELDS[status]))
        for status in TIME_ORDER
        if getattr(referral, AT_FIELDS[status]) is not None
    ]


def test_hanna_and_mikael_each_find_families_in_their_caseload(small_demo, client):
    loads = caseloads_of_demo_professionals()
    assert loads["hanna"] >= 5 and loads["mikael"] >= 5
    assert Family.objects.count() == 30
    login_professional(client, small_demo["hanna"])
    page = client.get(reverse("workspace:caseload"), secure=True)
    assert page.status_code == 200
    in_care = CareRelationship.objects.filter(
        organisation=small_demo["hanna"].organisation, ended_at__isnull=True
    ).select_related("family")
    assert all(care.family.name in page.content.decode() for care in in_care)


def test_hanna_opens_a_family_of_her_caseload(small_demo, client):
    care = CareRelationship.objects.filter(
        organisation=small_demo["hanna"].organisation, ended_at__isnull=True
    ).first()
    login_professional(client, small_demo["hanna"])
    page = client.get(
        reverse("workspace:family", kwargs={"family_id": care.family_id}), secure=True
    )
    assert page.status_code == 200
    assert care.family.name in page.content.decode()


def test_every_referrals_times_follow_its_state(small_demo):
    referrals = list(Referral.objects.all())
    assert {r.status for r in referrals} == set(Status.values)
    for referral in referrals:
        recorded = [status for status, _at in _times(referral)]
        assert referral.status in recorded
        # Every time recorded belongs to a status on the way to the one it is in...
        assert all(referral.status in reachable_from(status) for status in recorded)
        # ...and every status it had to pass through has its time,
        assert all(
            status in recorded
            for status in Status.values
            if referral.status in passed_through(status)
        )
        # in order, and none in the future.
        moments = [at for _status, at in _times(referral)]
        assert moments == sorted(moments)
        assert moments[-1] <= timezone.now()
        if referral.status == Status.DECLINED:
            assert referral.declined_reason and referral.suggested_alternative
            # a kind a leader can count, beside the written reason
            assert referral.declined_reason_kind
        if referral.status == Status.WITHDRAWN:
            assert referral.withdrawn_reason
        if referral.accepted_at is not None:
            assert referral.first_contact_due is not None
        assert referral.persons.exists()


def test_own_workers_only_on_many_services_processes_with_their_handover(small_demo):
    with_own_worker = ClientProcess.objects.filter(own_worker__isnull=False)
    assert with_own_worker.exists()
    assert set(with_own_worker.values_list("kind", flat=True)) == {ClientProcess.Kind.MANY_SERVICES}
    assert not with_own_worker.filter(status=ClientProcess.Status.CLOSED).exists()
    for process in with_own_worker:
        handover = OwnWorkerHandover.objects.get(process=process)
        assert handover.to_worker_id == process.own_worker_id and handover.from_worker is None


def test_the_demo_professionals_are_own_workers_of_some_families(small_demo):
    own = set(
        ClientProcess.objects.filter(own_worker__isnull=False).values_list(
            "own_worker__user__username", flat=True
        )
    )
    assert own & {"hanna", "mikael"}


def test_some_work_is_overdue_and_some_is_not(small_demo):
    open_processes = ClientProcess.objects.exclude(status=ClientProcess.Status.CLOSED)
    assert open_processes.filter(review_on__lt=TODAY).exists()
    assert open_processes.filter(review_on__gte=TODAY).exists()


def test_every_live_referral_on_consent_rests_on_consents_by_whoever_decides(small_demo):
    live = Referral.objects.filter(
        basis=Referral.Basis.CONSENT,
        status__in=[Status.SENT, Status.RECEIVED, Status.ACCEPTED, Status.FIRST_CONTACT],
    )
    assert live.exists()
    for referral in live:
        for person in referral.persons.all():
            for category in referral.shared_categories:
                consents = Consent.objects.filter(
                    person=person, recipient=referral.to_organisation, category=category
                )
                assert consents.exists()
                for consent in consents:
                    if age_on(date_of_birth=person.date_of_birth, day=TODAY) < 18:
                        assert FamilyMember.objects.filter(
                            person=consent.given_by,
                            family=referral.family,
                            relation=Relation.GUARDIAN,
                        ).exists()
                    else:
                        assert consent.given_by == person


def test_the_audit_chain_verifies_after_the_demo(small_demo):
    assert AuditEvent.objects.count() == 300
    assert audit_verify().ok
    # The events name real professionals and families of the demo.
    event = AuditEvent.objects.filter(target_type="family").first()
    assert Family.objects.filter(pk=int(event.target_id)).exists()
    assert Professional.objects.filter(pk=int(event.actor_id)).exists()


def test_the_demo_says_it_is_fictional_and_holds_no_identity_codes(small_demo):
    assert all(name.endswith("(demo)") for name in Family.objects.values_list("name", flat=True))
    assert not Person.objects.exclude(identity_code_digest="").exists()
    assert all(
        email.endswith("@example.invalid")
        for email in Person.objects.values_list("email", flat=True)
    )


def test_the_same_seed_gives_the_same_families(demo_professionals):
    def snapshot() -> list[tuple[object, ...]]:
        return list(
            Person.objects.order_by("pk").values_list("given_names", "family_name", "date_of_birth")
        )

    clients_generate(scale="demo", seed=7, today=date(2026, 3, 2))
    first = snapshot()
    clients_reset()
    clients_generate(scale="demo", seed=7, today=date(2026, 3, 2))
    assert snapshot() == first


def test_a_second_generation_is_refused_while_families_exist(small_demo):
    with pytest.raises(ClientsRefused):
        clients_generate(scale="demo")


def test_none_generates_nothing(demo_professionals):
    clients_generate(scale="none")
    assert not Family.objects.exists()
    assert "none" in CLIENT_SCALES


def test_a_small_county_keeps_the_county_proportions(demo_professionals):
    clients_generate(scale="county", plan=county_plan(200), seed=3, today=TODAY)
    assert Family.objects.count() == 200
    assert ClientProcess.objects.count() == 400
    assert Referral.objects.count() == 800
    assert AuditEvent.objects.count() == 20_000
    assert audit_verify().ok
    assert set(Referral.objects.values_list("status", flat=True)) == set(Status.values)
    # Families no longer cared for have only closed processes.
    ended = Family.objects.exclude(care_relationships__ended_at__isnull=True)
    assert not ClientProcess.objects.filter(family__in=ended).exclude(status="closed").exists()
    # A family in care has a process still going with the organisation caring for it.
    for care in CareRelationship.objects.filter(basis="client_process", ended_at__isnull=True):
        assert (
            ClientProcess.objects.filter(family=care.family, organisation=care.organisation)
            .exclude(status="closed")
            .exists()
        )
    # Taken-on referrals brought the receiver into the family's care.
    for referral in Referral.objects.filter(status__in=[Status.ACCEPTED, Status.FIRST_CONTACT]):
        assert CareRelationship.objects.filter(
            family=referral.family, organisation=referral.to_organisation, ended_at__isnull=True
        ).exists()


def test_demo_if_empty_adds_client_data_to_an_existing_network_once(demo_professionals):
    output = StringIO()
    call_command("demo", "--if-empty", "--clients-families", "20", stdout=output)
    assert Family.objects.count() == 20
    assert "Client demo data" in output.getvalue()
    call_command("demo", "--if-empty", "--clients-families", "20", stdout=StringIO())
    assert Family.objects.count() == 20


def test_demo_if_empty_with_clients_none_adds_no_families(demo_professionals):
    call_command("demo", "--if-empty", "--clients", "none", stdout=StringIO())
    assert not Family.objects.exists()


def test_the_demo_family_page_is_a_404_for_another_county(small_demo):
    """Fictional or not, the data goes through the one road: mikael's county does not care for
    hanna's families."""
    hanna_only = (
        CareRelationship.objects.filter(
            organisation=small_demo["hanna"].organisation, ended_at__isnull=True
        )
        .exclude(family__care_relationships__organisation=small_demo["mikael"].organisation)
        .first()
    )
    client = login_professional(Client(), small_demo["mikael"])
    page = client.get(
        reverse("workspace:family", kwargs={"family_id": hanna_only.family_id}), secure=True
    )
    assert page.status_code == 404
