"""The professionals' workspace (työpöytä): the caseload and one family's page. Thin: the
selectors ask the one road to client data and write the audit events; a family the
professional may not see is the site's normal 404, exactly as one that does not exist."""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_safe

from perhekeskus.errors import NotFound
from perhekeskus.staff.access import professional_required
from perhekeskus.staff.models import Professional
from perhekeskus.workspace import selectors


def _me(request: HttpRequest) -> Professional:
    return request.professional  # type: ignore[attr-defined]


@require_safe
@professional_required
def caseload(request: HttpRequest) -> HttpResponse:
    """The families in the organisation's care, the overdue processes and the referrals."""
    today = timezone.localdate()
    workspace = selectors.workspace_for(professional=_me(request), today=today)
    return render(
        request,
        "workspace/caseload.html",
        {"workspace": workspace, "today": today, "me": _me(request)},
    )


@require_safe
@professional_required
def family(request: HttpRequest, family_id: int) -> HttpResponse:
    """One family: the safety instruction first, then members, processes and referrals."""
    today = timezone.localdate()
    try:
        page = selectors.family_page(professional=_me(request), family_id=family_id, today=today)
    except NotFound:
        raise Http404 from None
    return render(
        request, "workspace/family.html", {"page": page, "today": today, "me": _me(request)}
    )
