"""The agreed parenting plan as a PDF (WeasyPrint), in the plan's language, dated and with both
parents' acceptance: what the parents take to the child welfare supervisor (lastenvalvoja) or
to family mediation.

The HTML carries its own styles and no images, so nothing is fetched: a document made from what
the parents wrote can never make the server request a URL.
"""

from typing import Any

from django.template.loader import render_to_string
from django.utils import timezone, translation

from perhekeskus.parenting import selectors
from perhekeskus.parenting.models import ParentingPlan


def _refuse(url: str, *args: Any, **kwargs: Any) -> dict[str, Any]:
    raise ValueError(f"the parenting plan fetches nothing ({url[:60]})")


def html_to_pdf(html: str) -> bytes:
    # Imported here: Pango is loaded on first use, so the rest of the app starts without it.
    from weasyprint import HTML

    document = HTML(string=html, url_fetcher=_refuse, base_url=None)
    return document.write_pdf() or b""


def plan_html(plan: ParentingPlan) -> str:
    """The plan's printable page, in the plan's language whatever the page's language."""
    with translation.override(plan.lang):
        state = selectors.plan_state(plan)
        names = selectors.parent_names(plan)
        context = {
            "plan": plan,
            "children": list(plan.children.all()),
            "sections": selectors.agreed_plan(plan),
            "parents": [
                {
                    "name": names[role],
                    "accepted_at": parent.accepted_at if state.accepted_by(role) else None,
                }
                for role, parent in sorted(state.parents.items())
            ],
            "accepted": state.accepted,
            "printed_at": timezone.localtime(),
        }
        return render_to_string("parenting/pdf.html", context)


def plan_pdf(plan: ParentingPlan) -> bytes:
    return html_to_pdf(plan_html(plan))
