"""The referral pages: Aino in Espoo writes a referral of Liisa and Eino Virtanen to family work
in Vantaa; Kalle and Mikko there receive, accept, contact the family and complete it, or
decline it; Hanna at the NGO has nothing to do with it and is told nothing."""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from perhekeskus.audit.models import AuditEvent
from perhekeskus.errors import NotFound
from perhekeskus.referrals.models import Referral
from perhekeskus.referrals.selectors import referrals_for_family
from perhekeskus.referrals.services import referral_accept, referral_receive
from tests.families.html import parse
from tests.professionals import login_professional
from tests.referrals.around import BASIC, CONTACT, REASON

pytestmark = pytest.mark.django_db


def new_url(family_id: int, lang: str = "fi") -> str:
    return f"/{lang}/workspace/referrals/new/{family_id}/"


def detail_url(referral_id: int, lang: str = "fi") -> str:
    return f"/{lang}/workspace/referrals/{referral_id}/"


def as_(professional) -> Client:
    return login_professional(Client(), professional)


def form_data(around, **overrides) -> dict:
    values = {
        "to_organisation": around.vantaa.pk,
        "to_service": around.family_work.pk,
        "reason": REASON,
        "persons": [around.virtanen.teen.pk, around.virtanen.baby.pk],
        "shared_categories": [BASIC],
        "basis": "consent",
        "legal_basis_text": "",
        "send": "1",
    }
    return values | overrides


def step(client: Client, referral: Referral, action: str, lang: str = "fi", **fields):
    referral.refresh_from_db()
    data = {"action": action, f"{action}-version": referral.version}
    data |= {f"{action}-{name}": value for name, value in fields.items()}
    return client.post(detail_url(referral.pk, lang), data)


# --- Sending ----------------------------------------------------------------------------------


def test_aino_sends_a_referral_with_the_familys_consent_and_sees_it_sent(around):
    around.consent([around.virtanen.teen, around.virtanen.baby], [BASIC])
    aino = as_(around.aino)
    form = parse(aino.get(new_url(around.virtanen.family.pk)))
    assert "Virtanen" in form.one("referral-form").text
    assert "Liisa Virtanen" in form.one("field-persons").text

    response = aino.post(new_url(around.virtanen.family.pk), form_data(around))

    referral = Referral.objects.get()
    assert response.status_code == 302
    assert response["Location"] == detail_url(referral.pk)
    page = parse(aino.get(response["Location"]))
    assert page.one("referral-status").text == "lähetetty"
    assert "Lähete lähetettiin." in page.one("messages").text
    assert "Liisa Virtanen" in page.one("sender-view").text
    [sent] = page.by_testid("timeline-step")
    assert sent.get("data-status") == "sent"
    # Only the sender's own step is offered: withdrawing.
    assert [f.get("data-testid") for f in page.by_testid("actions")[0].find_all("form")] == [
        "step-withdraw"
    ]
    assert referral.sent_by == around.aino


def test_the_consent_check_shows_whose_consent_covers_what_before_sending(around):
    around.consent([around.virtanen.teen, around.virtanen.baby], [BASIC])
    data = form_data(around, shared_categories=[BASIC, CONTACT], check="1")
    del data["send"]
    page = parse(as_(around.aino).post(new_url(around.virtanen.family.pk), data))
    lines = [line.text for line in page.by_testid("consent-line")]
    assert len(lines) == 4
    assert len(page.by_testid("consent-covered")) == 2
    assert len(page.by_testid("consent-missing")) == 2
    assert "Suostumuksia puuttuu" in page.one("consents-missing").text
    # The child's consent is the guardians' to give: the page says who decides.
    assert "Anna Maria Virtanen" in lines[0] and "Juha Virtanen" in lines[0]
    assert not Referral.objects.exists()


def test_sending_without_consent_is_refused_with_the_reason_shown_and_the_text_kept(around):
    aino = as_(around.aino)
    typed = "Liisa ei ole käynyt koulua kolmeen viikkoon; perhe pyytää apua kotiin."

    response = aino.post(new_url(around.virtanen.family.pk), form_data(around, reason=typed))

    assert response.status_code == 400
    page = parse(response)
    summary = page.one("error-summary").text
    assert "Suostumus tietojen luovuttamiseen" in summary and "puuttuu" in summary
    assert "Liisa Virtanen" in summary and "Eino Virtanen" in summary
    assert page.by_id("id_reason").text == typed
    checked = {
        box.get("value")
        for box in page.find_all("input", name="persons")
        if box.get("checked") is not None
    }
    assert checked == {str(around.virtanen.teen.pk), str(around.virtanen.baby.pk)}
    assert len(page.by_testid("consent-missing")) == 2
    assert not Referral.objects.exists()


def test_in_swedish_the_refusal_is_in_swedish(around):
    response = as_(around.aino).post(new_url(around.virtanen.family.pk, "sv"), form_data(around))
    summary = parse(response).one("error-summary").text
    assert "Samtycke" in summary and "saknas" in summary


def test_a_provision_of_law_needs_its_text_and_a_warm_handoff_its_meeting(around):
    aino = as_(around.aino)
    data = form_data(around, basis="legal_basis", warm_handoff="on")
    page = parse(aino.post(new_url(around.virtanen.family.pk), data))
    errors = page.one("error-summary").text
    assert "Nimeä lainkohta" in errors
    assert "yhteisen tapaamisen" in errors
    assert not Referral.objects.exists()

    meeting = (timezone.localtime() + timedelta(days=3)).replace(
        hour=10, minute=0, second=0, microsecond=0
    )
    data |= {
        "legal_basis_text": "Lastensuojelulaki 25 §",
        "handoff_meeting_at": meeting.strftime("%Y-%m-%dT%H:%M"),
    }
    response = aino.post(new_url(around.virtanen.family.pk), data)
    referral = Referral.objects.get()
    assert response.status_code == 302
    assert (referral.warm_handoff, referral.handoff_meeting_at) == (True, meeting)
    sender_sees = parse(aino.get(detail_url(referral.pk))).one("handoff").text
    kalle_sees = parse(as_(around.kalle).get(detail_url(referral.pk))).one("handoff").text
    shown = meeting.strftime("%-d.%-m.%Y %H.%M")
    assert shown in sender_sees and shown in kalle_sees


def test_a_worker_whose_organisation_does_not_care_for_the_family_cannot_open_the_form(around):
    response = as_(around.hanna).get(new_url(around.virtanen.family.pk))
    assert response.status_code == 404
    denied = AuditEvent.objects.get(actor_id=str(around.hanna.pk), action="referral.draft")
    assert denied.outcome == AuditEvent.Outcome.DENIED


# --- The receiver -----------------------------------------------------------------------------


def test_kalle_sees_only_what_the_referral_shares(around):
    around.consent([around.virtanen.teen, around.virtanen.baby], [BASIC])
    referral = around.send()
    kalle = as_(around.kalle)

    inbox = parse(kalle.get("/fi/workspace/referrals/"))
    [row] = inbox.by_testid("inbox-row")
    assert row.get("data-referral") == str(referral.pk)
    assert "Virtanen" not in inbox.one("inbox-waiting").text  # lists carry no person's data

    page = parse(kalle.get(detail_url(referral.pk)))
    view = page.one("receiver-view")
    assert REASON in page.one("reason").text
    assert [p.text for p in page.by_testid("person-name")] == ["Liisa Virtanen", "Eino Virtanen"]
    assert not page.by_testid("person-contact")
    assert "Maria" not in view.text and "Kuusikuja" not in view.text
    assert not page.by_testid("sender-view")
    actions = [f.get("data-testid") for f in page.one("actions").find_all("form")]
    assert actions == ["step-receive", "step-decline"]
    assert AuditEvent.objects.filter(
        action="referral.read", actor_id=str(around.kalle.pk), data_category=BASIC
    ).exists()


def test_kalle_receives_accepts_contacts_and_completes_while_aino_sees_each_step(around):
    referral = around.consented_referral()
    kalle, aino = as_(around.kalle), as_(around.aino)

    assert step(kalle, referral, "receive").status_code == 302
    by = (timezone.localdate() + timedelta(days=5)).isoformat()
    response = step(kalle, referral, "accept", first_contact_by=by)
    assert response.status_code == 302
    page = parse(kalle.get(detail_url(referral.pk)))
    assert "perheen asiakkuus" in page.one("messages").text
    assert page.one("referral-status").text == "hyväksytty"
    assert around.receiver_in_care()
    assert parse(aino.get(detail_url(referral.pk))).one("referral-status").text == "hyväksytty"

    assert step(kalle, referral, "first_contact").status_code == 302
    assert step(kalle, referral, "complete").status_code == 302
    page = parse(aino.get(detail_url(referral.pk)))
    assert page.one("referral-status").text == "valmis"
    assert [s.get("data-status") for s in page.by_testid("timeline-step")] == [
        "sent",
        "received",
        "accepted",
        "first_contact",
        "completed",
    ]
    assert all(s.find_all("time") for s in page.by_testid("timeline-step"))
    assert not page.by_testid("actions")
    sent = parse(aino.get("/fi/workspace/referrals/sent/"))
    assert sent.one("sent-row").one("row-status").text.strip() == "Valmis"


def test_a_past_first_contact_date_is_refused_in_the_users_language(around):
    referral = around.consented_referral()
    kalle = as_(around.kalle)
    step(kalle, referral, "receive")
    past = (timezone.localdate() - timedelta(days=1)).isoformat()
    response = step(kalle, referral, "accept", first_contact_by=past)
    assert response.status_code == 400
    assert "tästä päivästä" in parse(response).one("step-accept").text
    referral.refresh_from_db()
    assert referral.status == Referral.Status.RECEIVED


def test_declining_needs_both_the_reason_and_a_suggested_alternative(around):
    referral = around.consented_referral()
    kalle = as_(around.kalle)

    response = step(
        kalle,
        referral,
        "decline",
        reason_kind="",
        reason="Ei kuulu meille.",
        suggested_alternative="",
    )
    assert response.status_code == 400
    form = parse(response).one("step-decline")
    assert "Tämä kenttä vaaditaan" in form.one("field-reason_kind").text
    assert "Tämä kenttä vaaditaan" in form.one("field-suggested_alternative").text
    assert form.find_all("textarea")[0].text == "Ei kuulu meille."
    referral.refresh_from_db()
    assert referral.status == Referral.Status.SENT

    response = step(
        kalle,
        referral,
        "decline",
        reason_kind="not_our_service",
        reason="Ei kuulu meille.",
        suggested_alternative="Espoon perhetyö ottaa vastaan.",
    )
    assert response.status_code == 302
    referral.refresh_from_db()
    assert referral.declined_reason_kind == "not_our_service"
    page = parse(as_(around.aino).get(detail_url(referral.pk)))
    assert "Espoon perhetyö ottaa vastaan." in page.one("declined").text
    assert "Emme tarjoa tätä palvelua" in page.one("declined-kind").text


def test_aino_withdraws_the_referral_with_a_reason(around):
    referral = around.consented_referral()
    aino = as_(around.aino)
    assert step(aino, referral, "withdraw", reason="").status_code == 400
    response = step(aino, referral, "withdraw", reason="Perhe muutti mielensä.")
    assert response.status_code == 302
    page = parse(aino.get(detail_url(referral.pk)))
    assert page.one("referral-status").text == "peruttu"
    assert "Perhe muutti mielensä." in page.one("withdrawn").text
    # The receiver sees the referral withdrawn and nothing of the persons any more.
    kalle_sees = parse(as_(around.kalle).get(detail_url(referral.pk)))
    assert not kalle_sees.by_testid("shared-person")
    assert not kalle_sees.by_testid("actions")


def test_the_sender_cannot_take_the_receivers_steps(around):
    referral = around.consented_referral()
    response = step(as_(around.aino), referral, "receive")
    assert response.status_code == 404
    referral.refresh_from_db()
    assert referral.status == Referral.Status.SENT


# --- Who else -----------------------------------------------------------------------------------


def test_a_worker_of_a_third_organisation_gets_404_and_the_denial_is_audited(around):
    referral = around.consented_referral()
    hanna = as_(around.hanna)
    assert hanna.get(detail_url(referral.pk)).status_code == 404
    assert step(hanna, referral, "accept", first_contact_by="2030-01-01").status_code == 404
    denials = AuditEvent.objects.filter(
        actor_id=str(around.hanna.pk), target_id=str(referral.pk), outcome="denied"
    )
    assert {e.action for e in denials} == {"referral.read", "referral.accept"}
    assert all(e.family_id == "" for e in denials)
    # A referral that does not exist looks the same.
    assert hanna.get(detail_url(referral.pk + 1000)).status_code == 404
    assert hanna.get("/fi/workspace/referrals/").status_code == 200
    assert not parse(hanna.get("/fi/workspace/referrals/")).by_testid("inbox-row")


def test_the_loser_of_two_accepts_is_told_someone_else_handled_it(around):
    referral = around.consented_referral()
    referral_receive(referral_id=referral.pk, by=around.kalle)
    mikko = as_(around.mikko)
    seen = parse(mikko.get(detail_url(referral.pk)))
    version = seen.by_id("id_accept-version").get("value")
    # Kalle accepts first, in the service, while Mikko's page still shows "received".
    referral_accept(
        referral_id=referral.pk,
        first_contact_by=timezone.localdate() + timedelta(days=3),
        by=around.kalle,
    )
    response = mikko.post(
        detail_url(referral.pk),
        {
            "action": "accept",
            "accept-version": version,
            "accept-first_contact_by": (timezone.localdate() + timedelta(days=7)).isoformat(),
        },
    )
    assert response.status_code == 409
    page = parse(response)
    assert "Joku muu käsitteli juuri tämän lähetteen" in page.one("problem").text
    assert page.one("referral-status").text == "hyväksytty"
    referral.refresh_from_db()
    assert referral.accepted_by == around.kalle


def test_the_sent_page_reminds_of_a_referral_not_received_in_time(around):
    referral = around.consented_referral()
    Referral.objects.filter(pk=referral.pk).update(
        receive_due=timezone.localdate() - timedelta(days=1)
    )
    page = parse(as_(around.aino).get("/fi/workspace/referrals/sent/"))
    [row] = page.by_testid("reminder-row")
    assert "Vastaanottaminen" in row.text
    assert row.by_testid("overdue")
    inbox = parse(as_(around.kalle).get("/fi/workspace/referrals/"))
    assert inbox.one("inbox-row").by_testid("overdue")


def test_the_familys_referrals_are_listed_for_either_side_and_refused_to_a_stranger(around):
    referral = around.consented_referral()
    referral_receive(referral_id=referral.pk, by=around.kalle)
    referral_accept(
        referral_id=referral.pk,
        first_contact_by=timezone.localdate() + timedelta(days=3),
        by=around.kalle,
    )
    family_id = around.virtanen.family.pk
    [sent] = referrals_for_family(professional=around.aino, family_id=family_id)
    assert (sent.id, sent.status, sent.family_name) == (referral.pk, "accepted", "Virtanen")
    # Vantaa cares for the family since accepting: it sees the referral it received.
    [received] = referrals_for_family(professional=around.kalle, family_id=family_id)
    assert (received.id, received.family_name) == (referral.pk, "")
    with pytest.raises(NotFound):
        referrals_for_family(professional=around.hanna, family_id=family_id)
    denied = AuditEvent.objects.filter(actor_id=str(around.hanna.pk), action="referral.list")
    assert [e.outcome for e in denied] == ["denied"]
