"""The method catalogue's pages for professionals at work (logged in with the second factor):
search, one method with who in the area is trained in it, a referral of a family to someone
trained, and the training records. Thin: `selectors` read, `services` write and ask `access`.
A method or record the professional may not reach is the site's normal 404."""

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from perhekeskus.errors import InvalidInput, NotFound
from perhekeskus.methods import selectors, services
from perhekeskus.methods.forms import SearchForm, TrainingForm
from perhekeskus.methods.models import Method
from perhekeskus.processes.selectors import caseload_overview
from perhekeskus.staff.access import professional_required
from perhekeskus.staff.models import Professional


def _me(request: HttpRequest) -> Professional:
    return request.professional  # type: ignore[attr-defined]


def _lang() -> str:
    return (translation.get_language() or "fi")[:2]


@require_safe
@professional_required
def catalogue(request: HttpRequest) -> HttpResponse:
    """The catalogue: every method, or those the words and filters find, best first."""
    form = SearchForm(request.GET or None)
    results = None
    status = 200
    if form.is_bound and not form.is_valid():
        status = 400
    else:
        query = form.query(_lang()) if form.is_bound else selectors.MethodQuery(lang=_lang())
        try:
            results = selectors.methods_find(professional=_me(request), query=query)
        except InvalidInput as refusal:
            details = refusal.details if isinstance(refusal.details, dict) else {}
            for name, message in details.items():
                form.add_error(name if name in form.fields else None, message)
            status = 400
    return render(
        request,
        "methods/catalogue.html",
        {"form": form, "results": results, "me": _me(request)},
        status=status,
    )


@require_safe
@professional_required
def detail(request: HttpRequest, code: str) -> HttpResponse:
    """One method: what it is, its evidence and source, and who in the area is trained."""
    everywhere = request.GET.get("everywhere") == "1"
    try:
        page = selectors.method_page(professional=_me(request), code=code, everywhere=everywhere)
    except NotFound:
        raise Http404 from None
    return render(request, "methods/detail.html", {"page": page, "me": _me(request)})


@require_safe
@professional_required
def refer(request: HttpRequest, code: str) -> HttpResponse:
    """Refer a family to someone trained in the method: choose the family from the caseload,
    then write the referral with the method filled in."""
    try:
        method = selectors.method_by_code(code)
    except NotFound:
        raise Http404 from None
    families = caseload_overview(professional=_me(request))
    return render(
        request,
        "methods/refer.html",
        {"method": method, "families": families, "me": _me(request)},
    )


@require_http_methods(["GET", "HEAD", "POST"])
@professional_required
def training(request: HttpRequest) -> HttpResponse:
    """The training records the professional keeps, and a form to record one."""
    me = _me(request)
    initial = {}
    wanted = request.GET.get("method")
    if wanted:
        method = Method.objects.filter(code=wanted).first()
        initial = {"method": method.pk} if method else {}
    form = TrainingForm(request.POST or None, by=me, initial=initial)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            professional, organisation = form.chosen_holder()
            method = Method.objects.get(pk=form.cleaned_data["method"])
            try:
                services.training_record(
                    by=me,
                    method=method,
                    professional=professional,
                    organisation=organisation,
                    trained_on=form.cleaned_data["trained_on"],
                    valid_until=form.cleaned_data["valid_until"],
                    certificate=form.cleaned_data["certificate"],
                )
            except NotFound:
                raise Http404 from None
            except InvalidInput as refusal:
                form.refused(refusal)
                status = 400
            else:
                messages.success(request, _("The training was recorded."))
                return redirect("methods:training")
        else:
            status = 400
    lines = selectors.trainings_recordable(professional=me)
    return render(
        request,
        "methods/training.html",
        {"form": form, "lines": lines, "me": me},
        status=status,
    )


@require_POST
@professional_required
def training_remove(request: HttpRequest, training_id: int) -> HttpResponse:
    try:
        services.training_remove(by=_me(request), training_id=training_id)
    except NotFound:
        raise Http404 from None
    messages.success(request, _("The training record was removed."))
    return redirect("methods:training")
