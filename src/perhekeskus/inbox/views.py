"""The professionals' inbox (saapuneet): the queues, one question or contact request, and the
answer templates. Thin: selectors decide what a professional sees (a non-member gets 404, as if
the item did not exist), services do and log every action."""

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from perhekeskus.inbox import selectors
from perhekeskus.inbox import services as inbox
from perhekeskus.inbox.forms import (
    AnswerForm,
    CloseForm,
    ContactedForm,
    EscalateForm,
    HandOverForm,
    TemplateForm,
)
from perhekeskus.inbox.models import AnswerTemplate, InboxEvent, InboxItem
from perhekeskus.staff.access import professional_required
from perhekeskus.staff.models import Professional


def _me(request: HttpRequest) -> Professional:
    return request.professional  # type: ignore[attr-defined]


# ---- The queues ----


@professional_required
def home(request: HttpRequest) -> HttpResponse:
    """Open items of the professional's queues (or one of them), overdue first."""
    me = _me(request)
    queue = None
    if request.GET.get("queue"):
        try:
            queue = selectors.queue_for(me, int(request.GET["queue"]))
        except ValueError:
            queue = None
        if queue is None:
            raise Http404
    show_closed = request.GET.get("closed") == "1"
    rows = selectors.inbox_rows(me, queue=queue, include_closed=show_closed)
    return render(
        request,
        "inbox/home.html",
        {
            "queues": selectors.queues_of(me),
            "queue": queue,
            "show_closed": show_closed,
            "rows": rows,
            "overdue": sum(1 for row in rows if row.overdue),
            "me": me,
        },
    )


# ---- One item: the actions both kinds share ----

Action = Callable[[], HttpResponse | None]


def _shared_actions(
    request: HttpRequest, item: InboxItem, forms: dict[str, Any], here: str
) -> dict[str, Action]:
    """Claim, release, hand over and escalate; each returns a redirect when done, or None to
    show the page again with the form's errors."""
    me = _me(request)

    def claim() -> HttpResponse:
        taken_from = item.claimed_by if item.claimed_by_id not in (None, me.pk) else None
        inbox.claim(item, me)
        if taken_from is not None:
            messages.warning(
                request,
                _("You took the item over from %(colleague)s.")
                % {"colleague": taken_from.user.get_username()},
            )
        else:
            messages.success(request, _("The item is now yours."))
        return redirect(here)

    def release() -> HttpResponse:
        inbox.release(item, me)
        messages.success(request, _("Released: the item waits in the queue for anyone."))
        return redirect(here)

    def hand_over() -> HttpResponse | None:
        form = forms["handover_form"] = HandOverForm(
            request.POST, queues=selectors.handover_targets(item), prefix="handover"
        )
        if not form.is_valid():
            return None
        to_queue = form.cleaned_data["to_queue"]
        inbox.hand_over(item, me, to_queue, form.cleaned_data["note"])
        messages.success(request, _("Handed over to %(queue)s.") % {"queue": to_queue.name})
        if inbox.may_work_on(me, item):
            return redirect(here)
        return redirect("inbox:home")

    def escalate() -> HttpResponse | None:
        form = forms["escalate_form"] = EscalateForm(request.POST, prefix="escalate")
        if not form.is_valid():
            return None
        inbox.escalate(item, me, form.cleaned_data["note"])
        messages.success(request, _("Escalated: the queue's leads see it marked."))
        return redirect(here)

    return {"claim": claim, "release": release, "hand_over": hand_over, "escalate": escalate}


def _shared_forms(item: InboxItem) -> dict[str, Any]:
    return {
        "handover_form": HandOverForm(queues=selectors.handover_targets(item), prefix="handover"),
        "escalate_form": EscalateForm(prefix="escalate"),
    }


def _act(request: HttpRequest, actions: dict[str, Action], here: str) -> HttpResponse | None:
    action = actions.get(request.POST.get("action", ""))
    if action is None:
        messages.error(request, _("Unknown action; nothing was changed."))
        return redirect(here)
    try:
        return action()
    except inbox.NotAllowed:
        messages.error(request, _("This cannot be done to the item in its present state."))
        return redirect(here)


def _item_context(request: HttpRequest, item: InboxItem, kind: str) -> dict[str, Any]:
    return {
        "item": item,
        "kind": kind,
        "me": _me(request),
        "mine": item.claimed_by_id == _me(request).pk,
        "events": selectors.events_of(item),
        "overdue": selectors.is_overdue(item),
        "Status": InboxItem.Status,
    }


# ---- An anonymous question ----


@professional_required
@require_http_methods(["GET", "POST"])
def question(request: HttpRequest, pk: int) -> HttpResponse:
    from perhekeskus.questions import services as questions

    me = _me(request)
    item = selectors.question_for(me, pk)
    if item is None:
        raise Http404
    here = reverse("inbox:question", args=[item.pk])
    templates = selectors.templates_for(me, item.queue)
    forms: dict[str, Any] = {**_shared_forms(item), "answer_form": AnswerForm(templates=templates)}

    def use_template() -> HttpResponse | None:
        """Without JavaScript: the page again, the template's text added to what was typed."""
        form = AnswerForm(request.POST, templates=templates)
        form.is_valid()
        chosen = form.templates.get(form.cleaned_data.get("template") or 0)
        typed = request.POST.get("text", "").strip()
        if chosen is None:
            form.errors.clear()
            form.add_error("template", _("Choose a template first."))
            forms["answer_form"] = form
            return None
        text = f"{typed}\n\n{chosen.text}" if typed else chosen.text
        forms["answer_form"] = AnswerForm(
            initial={"text": text, "template": chosen.pk}, templates=templates
        )
        return None

    def answer() -> HttpResponse | None:
        form = forms["answer_form"] = AnswerForm(request.POST, templates=templates)
        if not form.is_valid():
            return None
        questions.answer(item, me, form.cleaned_data["text"])
        messages.success(request, _("Answer sent. The asker reads it with their code."))
        return redirect(here)

    if request.method == "POST":
        actions = _shared_actions(request, item, forms, here)
        actions |= {"use_template": use_template, "answer": answer}
        response = _act(request, actions, here)
        if response is not None:
            return response
    else:
        inbox.viewed(item, me)
    context = _item_context(request, item, InboxEvent.Kind.QUESTION)
    context |= forms
    context |= {
        "thread": selectors.thread_of(item),
        "templates": templates,
        "contact_requests": [
            linked
            for linked in item.contact_requests.all()
            if selectors.contact_request_for(me, linked.pk) is not None
        ],
    }
    return render(request, "inbox/question.html", context)


# ---- A contact request ----


@professional_required
@require_http_methods(["GET", "POST"])
def contact_request(request: HttpRequest, pk: int) -> HttpResponse:
    from perhekeskus.contacts import services as contacts

    me = _me(request)
    item = selectors.contact_request_for(me, pk)
    if item is None:
        raise Http404
    here = reverse("inbox:contact_request", args=[item.pk])
    forms: dict[str, Any] = {
        **_shared_forms(item),
        "contacted_form": ContactedForm(prefix="contacted"),
        "close_form": CloseForm(prefix="close"),
    }

    def contacted() -> HttpResponse | None:
        form = forms["contacted_form"] = ContactedForm(request.POST, prefix="contacted")
        if not form.is_valid():
            return None
        contacts.mark_contacted(item, me, form.cleaned_data["note"])
        messages.success(request, _("Recorded: the family was contacted."))
        return redirect(here)

    def close() -> HttpResponse | None:
        form = forms["close_form"] = CloseForm(request.POST, prefix="close")
        if not form.is_valid():
            return None
        contacts.close(item, me, form.cleaned_data["outcome"])
        messages.success(request, _("The request is closed."))
        return redirect(here)

    if request.method == "POST":
        actions = _shared_actions(request, item, forms, here)
        actions |= {"contacted": contacted, "close": close}
        response = _act(request, actions, here)
        if response is not None:
            return response
    else:
        inbox.viewed(item, me)
    context = _item_context(request, item, InboxEvent.Kind.CONTACT_REQUEST)
    context |= forms
    context["thread"] = selectors.thread_of(item.question) if item.question else []
    return render(request, "inbox/contact_request.html", context)


# ---- Answer templates ----


@professional_required
@require_http_methods(["GET", "POST"])
def templates(request: HttpRequest) -> HttpResponse:
    """The professional's own templates and their queues' shared ones; a new one."""
    me = _me(request)
    leads = selectors.lead_queues(me)
    form = TemplateForm(request.POST or None, lead_queues=leads)
    if request.method == "POST" and form.is_valid():
        inbox.template_save(
            professional=me,
            title=form.cleaned_data["title"],
            text=form.cleaned_data["text"],
            lang=form.cleaned_data["lang"],
            queue=form.chosen_queue(),
        )
        messages.success(request, _("Template saved."))
        return redirect("inbox:templates")
    all_templates = selectors.templates_for(me)
    return render(
        request,
        "inbox/templates.html",
        {
            "own": [t for t in all_templates if t.owner_id == me.pk],
            "shared": [
                (t, selectors.may_edit_template(me, t)) for t in all_templates if t.queue_id
            ],
            "form": form,
        },
    )


def _editable_template(me: Professional, pk: int) -> AnswerTemplate:
    template = selectors.template_for(me, pk)
    if template is None:
        raise Http404
    if not selectors.may_edit_template(me, template):
        raise PermissionDenied
    return template


@professional_required
@require_http_methods(["GET", "POST"])
def template_edit(request: HttpRequest, pk: int) -> HttpResponse:
    me = _me(request)
    template = _editable_template(me, pk)
    initial = {
        "title": template.title,
        "lang": template.lang,
        "text": template.text,
        "queue": template.queue_id,
    }
    leads = selectors.lead_queues(me)
    form = TemplateForm(request.POST or None, initial=initial, lead_queues=leads)
    if request.method == "POST" and form.is_valid():
        inbox.template_save(
            professional=me,
            template=template,
            title=form.cleaned_data["title"],
            text=form.cleaned_data["text"],
            lang=form.cleaned_data["lang"],
            queue=form.chosen_queue(),
        )
        messages.success(request, _("Template saved."))
        return redirect("inbox:templates")
    return render(request, "inbox/template_edit.html", {"template": template, "form": form})


@professional_required
@require_POST
def template_delete(request: HttpRequest, pk: int) -> HttpResponseRedirect:
    me = _me(request)
    template = _editable_template(me, pk)
    inbox.template_delete(professional=me, template=template)
    messages.success(request, _("Template “%(title)s” deleted.") % {"title": template.title})
    return redirect("inbox:templates")
