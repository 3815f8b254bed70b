from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from django.views.i18n import JavaScriptCatalog

from perhekeskus import views
from perhekeskus.api import api
from perhekeskus.network.hsds.api import hsds_api

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/v1/", api.urls),
    path("api/hsds/", hsds_api.urls),
    # The family login's return address from the identification service: registered with the
    # provider, so the same in every language (the language travels in the session).
    path("oidc/", include("mozilla_django_oidc.urls")),
]
urlpatterns += i18n_patterns(
    path("", include("perhekeskus.families.urls")),
    path("", include("perhekeskus.programme.urls")),
    path("", include("perhekeskus.guidance.urls")),
    path("", include("perhekeskus.questions.urls")),
    path("", include("perhekeskus.contacts.urls")),
    path("", include("perhekeskus.feedback.urls")),
    path("staff/", include("perhekeskus.staff.urls")),
    path("staff/webauthn/", include("perhekeskus.staff.passkey_urls")),
    path("staff/inbox/", include("perhekeskus.inbox.urls")),
    path("workspace/", include("perhekeskus.workspace.urls")),
    path("workspace/referrals/", include("perhekeskus.referrals.urls")),
    path("workspace/meetings/", include("perhekeskus.meetings.urls")),
    path("my/", include("perhekeskus.family_portal.urls")),
    path("leading/", include("perhekeskus.evaluation.urls")),
    path("leading/planning/", include("perhekeskus.planning.urls")),
    path("leading/cooperation/", include("perhekeskus.cooperation.urls")),
    path("workspace/screenings/", include("perhekeskus.screenings.urls")),
    path("workspace/methods/", include("perhekeskus.methods.urls")),
    path("parenting-plan/", include("perhekeskus.parenting.urls")),
    path("staff/ptv/", include("perhekeskus.ptv.urls")),
    # The admin's script strings, with ours filling what Django's own catalogue lacks.
    path(
        "admin/jsi18n/",
        JavaScriptCatalog.as_view(packages=["django.contrib.admin", "perhekeskus.network"]),
    ),
    path("admin/", admin.site.urls),
    prefix_default_language=True,
)
