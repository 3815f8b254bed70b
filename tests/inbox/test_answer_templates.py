"""Answer templates (vastauspohjat): everyone keeps their own; a queue's leads keep the shared
ones, which the other members use but cannot change."""

from django.test import Client

from perhekeskus.inbox.models import AnswerTemplate
from tests.families.html import parse
from tests.professionals import login_professional

TEMPLATES = "/fi/staff/inbox/templates/"


def test_a_nurse_writes_edits_and_deletes_her_own_template(client, desk):
    login_professional(client, desk.aino)

    created = client.post(
        TEMPLATES, {"title": "Unikoulu", "lang": "fi", "text": "Unikoulusta kannattaa..."},
        follow=True,
    )  # fmt: skip
    template = AnswerTemplate.objects.get(title="Unikoulu")
    assert (template.owner, template.queue) == (desk.aino, None)
    assert "Unikoulu" in parse(created).one("own-templates").text

    client.post(
        f"{TEMPLATES}{template.pk}/", {"title": "Unikoulu", "lang": "sv", "text": "Sömnskola"}
    )
    template.refresh_from_db()
    assert (template.lang, template.text) == ("sv", "Sömnskola")

    client.post(f"{TEMPLATES}{template.pk}/delete/")
    assert not AnswerTemplate.objects.filter(pk=template.pk).exists()


def test_a_template_without_a_title_is_not_saved_and_the_text_stays(client, desk):
    response = login_professional(client, desk.aino).post(
        TEMPLATES, {"title": "", "lang": "fi", "text": "Kirjoitettu teksti"}
    )
    page = parse(response)
    assert "Otsikko" in page.one("error-summary").text
    assert page.by_id("id_text").text == "Kirjoitettu teksti"
    assert not AnswerTemplate.objects.exists()


def test_the_lead_shares_a_template_with_the_queue(client, desk):
    login_professional(client, desk.maija)
    client.post(
        TEMPLATES,
        {"title": "Tervetuloa", "lang": "fi", "text": "Kiitos kysymyksestä.",
         "queue": desk.espoo_queue.pk},
    )  # fmt: skip
    shared = AnswerTemplate.objects.get(title="Tervetuloa")
    assert (shared.queue, shared.owner) == (desk.espoo_queue, None)

    ainos = parse(login_professional(Client(), desk.aino).get(TEMPLATES)).one("shared-templates")
    assert "Tervetuloa" in ainos.text
    assert "Muokkaa" not in ainos.text


def test_a_member_who_is_not_a_lead_cannot_change_shared_templates(client, desk):
    shared = AnswerTemplate.objects.create(
        queue=desk.espoo_queue, lang="fi", title="Jaettu", text="Alkuperäinen"
    )
    login_professional(client, desk.aino)

    assert client.get(f"{TEMPLATES}{shared.pk}/").status_code == 403
    edit = client.post(
        f"{TEMPLATES}{shared.pk}/", {"title": "Jaettu", "lang": "fi", "text": "Muutettu"}
    )
    assert edit.status_code == 403
    assert client.post(f"{TEMPLATES}{shared.pk}/delete/").status_code == 403
    shared.refresh_from_db()
    assert shared.text == "Alkuperäinen"

    # Nor can she make a new shared one: the queue is not hers to choose.
    sneaky = client.post(
        TEMPLATES,
        {"title": "Oma jaettu", "lang": "fi", "text": "x", "queue": desk.espoo_queue.pk},
    )
    assert sneaky.status_code == 200 and "error-summary" in sneaky.content.decode()
    assert not AnswerTemplate.objects.filter(title="Oma jaettu").exists()


def test_templates_of_other_people_and_queues_are_not_found(client, desk):
    maijas = AnswerTemplate.objects.create(owner=desk.maija, lang="fi", title="Maijan", text="x")
    vantaas = AnswerTemplate.objects.create(
        queue=desk.vantaa_queue, lang="fi", title="Vantaan", text="x"
    )
    login_professional(client, desk.aino)

    page = parse(client.get(TEMPLATES))
    assert "Vantaan" not in page.text and "Maijan" not in page.text
    for template in (maijas, vantaas):
        assert client.get(f"{TEMPLATES}{template.pk}/").status_code == 404
        assert client.post(f"{TEMPLATES}{template.pk}/delete/").status_code == 404
    assert AnswerTemplate.objects.count() == 2


def test_a_lead_edits_the_shared_template(client, desk):
    shared = AnswerTemplate.objects.create(
        queue=desk.espoo_queue, lang="fi", title="Jaettu", text="Vanha"
    )
    login_professional(client, desk.maija)
    response = client.post(
        f"{TEMPLATES}{shared.pk}/",
        {"title": "Jaettu", "lang": "fi", "text": "Uusi", "queue": desk.espoo_queue.pk},
    )
    assert response.status_code == 302
    shared.refresh_from_db()
    assert (shared.text, shared.queue) == ("Uusi", desk.espoo_queue)


def test_the_templates_page_in_swedish(client, desk):
    page = parse(login_professional(client, desk.aino).get("/sv/staff/inbox/templates/"))
    assert page.find_all("h1")[0].text == "Svarsmallar"
