"""The parents' pages of the parenting plan, and the page where a family law service's
professional opens a plan sent to them. Thin: `access` decides who may open what, `services`
write, `selectors` read.

A code never travels in an address: it is shown once in the answer to a POST, typed into a
form, or carried in the link's fragment (#…), which the browser keeps to itself and the page's
script posts. Every page that holds a code or a family's words is never cached (no-store) and
never sends its address onwards (see questions.views for why pages with forms send the origin).
A wrong code gets a clear error on the code field, slowed site-wide like the questions' codes.
"""

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.text import slugify
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from perhekeskus.errors import DomainError, InvalidInput, NotFound
from perhekeskus.family_portal.access import family_member_required
from perhekeskus.family_portal.selectors import family_member_of
from perhekeskus.inbox.services import NoQueue
from perhekeskus.parenting import access, selectors, services
from perhekeskus.parenting.forms import (
    AgreeForm,
    ChildrenForm,
    NameForm,
    OpenForm,
    SendForm,
    StartForm,
    TopicForm,
)
from perhekeskus.parenting.models import ParentingPlan, PlanParent, PlanSubmission, Role
from perhekeskus.parenting.pdf import plan_pdf
from perhekeskus.parenting.topics import TOPICS, topic_by_code
from perhekeskus.questions import throttle
from perhekeskus.staff.access import professional_required
from perhekeskus.staff.models import Professional

LANGUAGES = ("fi", "sv", "en")


def _lang() -> str:
    lang = (get_language() or "fi")[:2]
    return lang if lang in LANGUAGES else "fi"


def _private(response: HttpResponse, *, forms: bool = True) -> HttpResponse:
    response["Cache-Control"] = "no-store"
    response["Referrer-Policy"] = "strict-origin" if forms else "no-referrer"
    return response


def _page(
    request: HttpRequest, template: str, context: dict[str, Any], status: int = 200
) -> HttpResponse:
    facts = {
        "retention_days": getattr(settings, "PERHEKESKUS_PARENTING_RETENTION_DAYS", 90),
        "family_member": family_member_of(request.user),
    }
    return _private(render(request, template, {**facts, **context}, status=status))


def _plan_url(plan: ParentingPlan) -> str:
    return reverse("parenting:plan", args=[plan.public_id])


def _link(request: HttpRequest, plan: ParentingPlan, code: str) -> str:
    """The parent's link: the plan's address, and the code after "#", which browsers never
    send to a server."""
    return f"{request.build_absolute_uri(_plan_url(plan))}#{code}"


# --- Starting and opening ------------------------------------------------------------------


@require_http_methods(["GET", "HEAD", "POST"])
def start(request: HttpRequest) -> HttpResponse:
    lang = _lang()
    if request.method != "POST":
        return _page(
            request, "parenting/start.html", {"form": StartForm(), "open_form": OpenForm()}
        )
    form = StartForm(request.POST)
    if form.is_valid():
        rows = form.child_rows()
        try:
            started = services.plan_start(lang=lang, children=rows, name=form.cleaned_data["name"])
        except InvalidInput as error:
            details = dict(error.details or {})
            if "name" in details:
                form.add_error("name", details.pop("name"))
            form.add_problems(details, rows)
        else:
            access.grant(request.session, started.plan, Role.FIRST)
            context = {
                "plan": started.plan,
                "code": started.code,
                "link": _link(request, started.plan, started.code),
            }
            return _page(request, "parenting/started.html", context)
    context = {"form": form, "open_form": OpenForm()}
    return _page(request, "parenting/start.html", context, status=400)


def _open_page(
    request: HttpRequest, public_id: str, form: OpenForm | None = None, status: int = 200
) -> HttpResponse:
    """The way into a plan: the code. The same page for a plan that does not exist, so that
    an address tells nothing without its code."""
    context = {
        "public_id": public_id,
        "form": form or OpenForm(),
        "open_url": reverse("parenting:open", args=[public_id]),
    }
    return _page(request, "parenting/open.html", context, status=status)


@require_POST
def open_plan(request: HttpRequest, public_id: str) -> HttpResponse:
    form = OpenForm(request.POST)
    code = form.cleaned_code()
    plan = selectors.plan_by_public_id(public_id)
    parent = selectors.parent_by_code(plan, code) if plan is not None else None
    if plan is None or parent is None:
        throttle.wrong_code()
        form = OpenForm(request.POST)
        form.is_valid()
        form.add_error("code", _wrong_code_message(code))
        return _open_page(request, public_id, form, status=400)
    services.parent_join(parent=parent)
    access.grant(request.session, plan, parent.role)
    return _private(HttpResponseRedirect(_plan_url(plan), status=303))


@require_POST
def open_any(request: HttpRequest) -> HttpResponse:
    """Only the code at hand (written down without the link): it finds its plan."""
    form = OpenForm(request.POST)
    code = form.cleaned_code()
    parent = selectors.parent_by_code_alone(code)
    if parent is None:
        throttle.wrong_code()
        form = OpenForm(request.POST)
        form.is_valid()
        form.add_error("code", _wrong_code_message(code))
        context = {"form": StartForm(), "open_form": form}
        return _page(request, "parenting/start.html", context, status=400)
    services.parent_join(parent=parent)
    access.grant(request.session, parent.plan, parent.role)
    return _private(HttpResponseRedirect(_plan_url(parent.plan), status=303))


def _wrong_code_message(code: str) -> str:
    if not code:
        return _("Write your code.")
    return _(
        "This code does not open a plan. Check that you copied the whole code: it has 32 "
        "letters, digits, dashes and underscores."
    )


def _held(request: HttpRequest, public_id: str) -> tuple[ParentingPlan, PlanParent] | None:
    """The plan and the acting parent (?as= or the form's "as", when both are here)."""
    plan = selectors.plan_by_public_id(public_id)
    if plan is None:
        return None
    role = request.POST.get("as") or request.GET.get("as") or ""
    parent = access.acting_parent(request.session, plan, role)
    return (plan, parent) if parent is not None else None


def _require_held(request: HttpRequest, public_id: str) -> tuple[ParentingPlan, PlanParent]:
    held = _held(request, public_id)
    if held is None:
        raise _NeedCode
    return held


class _NeedCode(Exception):
    pass


def _plan_view(view: Any) -> Any:
    """A page of a plan: without the code held in this session, the code's page instead."""

    def wrapped(request: HttpRequest, public_id: str, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            return view(request, str(public_id), *args, **kwargs)  # type: ignore[no-any-return]
        except _NeedCode:
            # A POST without the code (an old tab after "close on this device") is refused.
            status = 403 if request.method == "POST" else 200
            return _open_page(request, str(public_id), status=status)

    wrapped.__name__ = view.__name__
    wrapped.__doc__ = view.__doc__
    return wrapped


# --- The plan's own page -------------------------------------------------------------------


@require_safe
@_plan_view
def plan(request: HttpRequest, public_id: str) -> HttpResponse:
    plan, me = _require_held(request, public_id)
    held = access.roles_held(request.session, plan)
    names = selectors.parent_names(plan)
    state = selectors.plan_state(plan)
    family_member = family_member_of(request.user)
    context = {
        "plan": plan,
        "me": me,
        "names": names,
        "held": held,
        "together": len(held) == 2,
        "state": state,
        "children": list(plan.children.all()),
        "progress": [(role, names[role], selectors.progress_for(plan, role)) for role in held],
        "drafts": sum(p.mine_drafts for p in selectors.progress_for(plan, me.role)),
        "open_form": OpenForm(),
        "name_form": NameForm(initial={"name": me.name}),
        "saved": (selectors.saved_plan(family_member, plan) if family_member is not None else None),
        "other": state.parents[Role.SECOND if me.role == Role.FIRST else Role.FIRST],
        "acceptances": [
            {
                "role": role,
                "name": names[role],
                "accepted_at": parent.accepted_at if state.accepted_by(role) else None,
                "may_accept": state.ready and role in held and not state.accepted_by(role),
            }
            for role, parent in sorted(state.parents.items())
        ],
    }
    return _page(request, "parenting/plan.html", context)


@require_POST
@_plan_view
def invite(request: HttpRequest, public_id: str) -> HttpResponse:
    plan, me = _require_held(request, public_id)
    try:
        code = services.plan_invite(by=me)
    except DomainError as error:
        messages.error(request, str(error.message))
        return redirect(_plan_url(plan))
    context = {"plan": plan, "code": code, "link": _link(request, plan, code)}
    return _page(request, "parenting/invited.html", context)


@require_POST
@_plan_view
def rename(request: HttpRequest, public_id: str) -> HttpResponse:
    plan, me = _require_held(request, public_id)
    form = NameForm(request.POST)
    if form.is_valid():
        try:
            services.parent_rename(by=me, name=form.cleaned_data["name"])
        except InvalidInput as error:
            messages.error(request, " ".join(str(m) for m in (error.details or {}).values()))
        else:
            messages.success(request, _("Saved."))
    else:
        messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
    return redirect(_plan_url(plan))


@require_POST
@_plan_view
def leave(request: HttpRequest, public_id: str) -> HttpResponse:
    """Close the plan on this device (a shared computer): the code is needed again."""
    plan, _me = _require_held(request, public_id)
    access.forget(request.session, plan)
    messages.info(request, _("The plan is closed on this device. Open it again with your code."))
    return redirect("parenting:start")


@require_http_methods(["GET", "HEAD", "POST"])
@_plan_view
def children(request: HttpRequest, public_id: str) -> HttpResponse:
    plan, me = _require_held(request, public_id)
    existing = list(plan.children.all())
    form = ChildrenForm(request.POST or None, children=existing)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            rows = form.child_rows()
            try:
                services.children_set(by=me, rows=rows)
            except InvalidInput as error:
                form.add_problems(dict(error.details or {}), rows)
            except NotFound:
                raise Http404 from None
            else:
                messages.success(request, _("The children are saved."))
                return redirect(_plan_url(plan))
        status = 400
    return _page(request, "parenting/children.html", {"plan": plan, "form": form}, status=status)


# --- A parent's view on a topic --------------------------------------------------------------


def _next_topic(code: str) -> str | None:
    codes = [topic.code for topic in TOPICS]
    index = codes.index(code)
    return codes[index + 1] if index + 1 < len(codes) else None


@require_http_methods(["GET", "HEAD", "POST"])
@_plan_view
def topic(request: HttpRequest, public_id: str, code: str) -> HttpResponse:
    plan, me = _require_held(request, public_id)
    topic_obj = topic_by_code(code)
    if topic_obj is None:
        raise Http404
    kids = list(plan.children.all())
    names = selectors.parent_names(plan)
    rows = [row for row in selectors.rows_for(plan, me.role) if row.item.topic.code == code]
    initial: dict[str, Any] = {}
    for row in rows:
        key = str(row.item.child.pk) if row.item.child else "family"
        if row.mine is not None:
            initial[f"{key}-choice"] = row.mine.choice
            initial[f"{key}-text"] = row.mine.text
    form = TopicForm(
        request.POST or None,
        initial=initial,
        topic=topic_obj,
        children=kids,
        names=names,
    )
    status = 200
    if request.method == "POST":
        share = request.POST.get("share") == "1"
        if form.is_valid():
            try:
                services.views_save(by=me, topic=code, answers=form.answers(), share=share)
            except InvalidInput as error:
                form.add_problems(dict(error.details or {}))
            else:
                messages.success(
                    request,
                    _("Saved and shared: the other parent sees your view.")
                    if share
                    else _("Saved as a draft: only you see it."),
                )
                following = _next_topic(code)
                if following is None:
                    return redirect(_with_role(_plan_url(plan), me, request))
                return redirect(
                    _with_role(
                        reverse("parenting:topic", args=[plan.public_id, following]), me, request
                    )
                )
        status = 400
    context = {
        "plan": plan,
        "me": me,
        "names": names,
        "topic": topic_obj,
        "form": form,
        "rows": rows,
        "together": len(access.roles_held(request.session, plan)) == 2,
        "position": [t.code for t in TOPICS].index(code) + 1,
        "topic_count": len(TOPICS),
    }
    return _page(request, "parenting/topic.html", context, status=status)


def _with_role(url: str, me: PlanParent, request: HttpRequest) -> str:
    """Filling in together, the page after this one is still the same parent's."""
    if request.POST.get("as") or request.GET.get("as"):
        return f"{url}?{urlencode({'as': me.role})}"
    return url


@require_POST
@_plan_view
def share(request: HttpRequest, public_id: str) -> HttpResponse:
    plan, me = _require_held(request, public_id)
    count = services.views_share(by=me)
    messages.success(
        request,
        _("Your views are shared: the other parent sees them.")
        if count
        else _("You had nothing unshared."),
    )
    return redirect(_with_role(_plan_url(plan), me, request))


# --- Side by side, and agreeing -------------------------------------------------------------


@require_http_methods(["GET", "HEAD", "POST"])
@_plan_view
def compare(request: HttpRequest, public_id: str) -> HttpResponse:
    """The two parents' views side by side, topic by topic, with what was agreed: either
    parent writes the agreed texts here."""
    plan, me = _require_held(request, public_id)
    kids = list(plan.children.all())
    names = selectors.parent_names(plan)
    rows = selectors.rows_for(plan, me.role)
    status = 200
    forms = {}
    for topic_obj in TOPICS:
        # What was agreed; where nothing is yet and both said the same, what they said.
        initial = {
            f"{row.item.child.pk if row.item.child else 'family'}-agreed": (
                row.agreed.text if row.agreed is not None else row.suggestion(names)
            )
            for row in rows
            if row.item.topic.code == topic_obj.code
        }
        forms[topic_obj.code] = AgreeForm(
            request.POST if request.method == "POST" else None,
            initial=initial,
            topic=topic_obj,
            children=kids,
            prefix=topic_obj.code,
        )
    if request.method == "POST":
        if all(form.is_valid() for form in forms.values()):
            try:
                for code, form in forms.items():
                    for child, text in form.texts():
                        services.agreed_save(by=me, topic=code, child=child, text=text)
            except InvalidInput as error:
                messages.error(request, " ".join(str(m) for m in (error.details or {}).values()))
            else:
                messages.success(request, _("The agreed texts are saved."))
                return redirect(reverse("parenting:compare", args=[plan.public_id]))
        status = 400
    sections = []
    for topic_obj in TOPICS:
        form = forms[topic_obj.code]
        topic_rows = [row for row in rows if row.item.topic.code == topic_obj.code]
        sections.append(
            {
                "topic": topic_obj,
                "form": form,
                "rows": [
                    {
                        "row": row,
                        "field": form[
                            f"{row.item.child.pk if row.item.child else 'family'}-agreed"
                        ],
                        "mine_choice": topic_obj.choice_label(row.mine.choice, names)
                        if row.mine
                        else "",
                        "theirs_choice": topic_obj.choice_label(row.theirs.choice, names)
                        if row.theirs
                        else "",
                        "suggestion": row.suggestion(names),
                    }
                    for row in topic_rows
                ],
            }
        )
    context = {
        "plan": plan,
        "me": me,
        "names": names,
        "other_role": Role.SECOND if me.role == Role.FIRST else Role.FIRST,
        "sections": sections,
        "state": selectors.plan_state(plan),
        "has_errors": any(form.errors for form in forms.values()),
    }
    return _page(request, "parenting/compare.html", context, status=status)


@require_POST
@_plan_view
def accept(request: HttpRequest, public_id: str) -> HttpResponse:
    plan, me = _require_held(request, public_id)
    try:
        services.plan_accept(by=me)
    except DomainError as error:
        messages.error(request, str(error.message))
    else:
        plan.refresh_from_db()
        if selectors.plan_state(plan).accepted:
            messages.success(request, _("Both of you have accepted the plan. It is agreed."))
        else:
            messages.success(
                request, _("You accepted the plan. It is agreed once the other parent accepts it.")
            )
    return redirect(_with_role(_plan_url(plan), me, request))


@require_safe
@_plan_view
def pdf(request: HttpRequest, public_id: str) -> HttpResponse:
    plan, _me = _require_held(request, public_id)
    if not selectors.plan_state(plan).accepted:
        messages.error(request, _("Both parents must accept the plan first."))
        return redirect(_plan_url(plan))
    return _pdf_response(plan_pdf(plan), plan.lang)


def _pdf_response(content: bytes, lang: str) -> HttpResponse:
    name = slugify(_("parenting plan")) or "parenting-plan"
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{name}-{lang}.pdf"'
    return _private(response, forms=False)


# --- Sending to the child welfare supervisor or family mediation ----------------------------


@require_http_methods(["GET", "HEAD", "POST"])
@_plan_view
def send(request: HttpRequest, public_id: str) -> HttpResponse:
    plan, me = _require_held(request, public_id)
    lang = _lang()
    if not selectors.plan_state(plan).accepted:
        messages.error(request, _("Both parents must accept the plan first."))
        return redirect(_plan_url(plan))
    form = SendForm(request.POST if request.method == "POST" else None, lang=lang)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            arguments = form.request_arguments(lang)
            try:
                submission = services.plan_send(
                    by=me,
                    service=form.cleaned_data["service"],
                    message=arguments["about"],
                    may_leave_message=arguments["may_leave_message"],
                    may_call_any_time=arguments["may_call_any_time"],
                    name=arguments["name"],
                    phone=arguments["phone"],
                    email=arguments["email"],
                    preferred_channel=arguments["preferred_channel"],
                    when_to_call=arguments["when_to_call"],
                    municipality=arguments["municipality"],
                    link_for=lambda sent: request.build_absolute_uri(
                        reverse("parenting:received", args=[sent.pk])
                    ),
                )
            except NoQueue:
                form.add_error(
                    None,
                    _(
                        "The service cannot receive plans here right now. Nothing was sent: "
                        "download the PDF and take it to the service, or try again later."
                    ),
                )
                status = 503
            except InvalidInput as error:
                for field, message in (error.details or {}).items():
                    form.add_error(field if field in form.fields else None, message)
                status = 400
            else:
                return _page(
                    request,
                    "parenting/sent.html",
                    {"plan": plan, "submission": submission, "contact": submission.contact_request},
                )
        else:
            status = 400
    return _page(request, "parenting/send.html", {"plan": plan, "form": form}, status=status)


# --- Keeping the plan in the family's own view -----------------------------------------------


@require_POST
@_plan_view
def save(request: HttpRequest, public_id: str) -> HttpResponse:
    plan, me = _require_held(request, public_id)
    person = family_member_of(request.user)
    if person is None:
        messages.info(
            request,
            _("Log in to your own view first, then come back to the plan with your link."),
        )
        return redirect("family_portal:login")
    services.plan_save_to_login(by=me, person=person)
    messages.success(
        request, _("The plan is saved in your own view. It is kept as long as you keep it.")
    )
    return redirect(_plan_url(plan))


@require_safe
@family_member_required
def mine(request: HttpRequest) -> HttpResponse:
    person = request.family_member  # type: ignore[attr-defined]
    return _page(
        request, "parenting/mine.html", {"me": person, "saved": selectors.saved_plans_of(person)}
    )


@require_POST
@family_member_required
def mine_open(request: HttpRequest, public_id: str) -> HttpResponse:
    person = request.family_member  # type: ignore[attr-defined]
    try:
        saved = access.saved_plan_for(person, public_id)
    except NotFound:
        raise Http404 from None
    access.grant(request.session, saved.plan, saved.role)
    return _private(HttpResponseRedirect(_plan_url(saved.plan), status=303))


@require_POST
@family_member_required
def mine_remove(request: HttpRequest, public_id: str) -> HttpResponse:
    person = request.family_member  # type: ignore[attr-defined]
    try:
        saved = access.saved_plan_for(person, public_id)
        services.saved_remove(person=person, saved=saved)
    except NotFound:
        raise Http404 from None
    messages.success(
        request,
        _(
            "The plan is no longer kept in your own view. It is deleted %(days)d days after "
            "its last change unless the other parent keeps it."
        )
        % {"days": getattr(settings, "PERHEKESKUS_PARENTING_RETENTION_DAYS", 90)},
    )
    return redirect("parenting:mine")


# --- A professional of the receiving service -------------------------------------------------


def _me(request: HttpRequest) -> Professional:
    return request.professional  # type: ignore[attr-defined, no-any-return]


def _received(request: HttpRequest, pk: int, action: str) -> PlanSubmission:
    try:
        return access.submission_for(_me(request), pk, action=action)
    except NotFound:
        raise Http404 from None


@require_safe
@professional_required
def received(request: HttpRequest, pk: int) -> HttpResponse:
    """The plan sent to the professional's service: what it is and the PDF."""
    submission = _received(request, pk, access.READ)
    response = render(
        request,
        "parenting/received.html",
        {"submission": submission, "contact": submission.contact_request},
    )
    return _private(response, forms=False)


@require_safe
@professional_required
def received_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    submission = _received(request, pk, access.READ_PDF)
    return _pdf_response(bytes(submission.pdf), submission.lang)
