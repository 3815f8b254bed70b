"""The project's URLs plus one page that only a professional at work may open, to test the
login against `professional_required` without depending on the inbox's pages."""

from django.conf.urls.i18n import i18n_patterns
from django.http import HttpRequest, HttpResponse
from django.template import engines
from django.urls import path

from perhekeskus.staff.access import professional_required
from perhekeskus.urls import urlpatterns as project_urlpatterns

DESK = engines["django"].from_string(
    '{% extends "staff/base.html" %}{% block content %}<h1>Desk</h1>{% endblock %}'
)


@professional_required
def desk(request: HttpRequest) -> HttpResponse:
    return HttpResponse(DESK.render({}, request))


urlpatterns = [
    *project_urlpatterns,
    *i18n_patterns(path("staff-test/desk/", desk, name="desk"), prefix_default_language=True),
]
