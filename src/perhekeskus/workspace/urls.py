from django.urls import path

from perhekeskus.workspace import views

app_name = "workspace"

urlpatterns = [
    path("", views.caseload, name="caseload"),
    path("intake/", views.intake, name="intake"),
    path("supervision/", views.supervision, name="supervision"),
    path(
        "supervision/<int:sequence>/review/",
        views.supervision_review,
        name="supervision_review",
    ),
    path("families/<int:family_id>/", views.family, name="family"),
    path("families/<int:family_id>/processes/new/", views.process_new, name="process_new"),
    path("families/<int:family_id>/consents/", views.consent_add, name="consent_add"),
    path(
        "families/<int:family_id>/consents/<int:consent_id>/revoke/",
        views.consent_withdraw,
        name="consent_revoke",
    ),
    path(
        "families/<int:family_id>/self-determination/",
        views.self_determination,
        name="self_determination",
    ),
    path("processes/<int:process_id>/", views.process, name="process"),
    path("processes/<int:process_id>/start/", views.process_start, name="process_start"),
    path("processes/<int:process_id>/plan/", views.process_plan, name="process_plan"),
    path("processes/<int:process_id>/actions/", views.action_add, name="action_add"),
    path(
        "processes/<int:process_id>/actions/<int:action_id>/done/",
        views.action_done,
        name="action_done",
    ),
    path("processes/<int:process_id>/own-worker/", views.own_worker, name="own_worker"),
    path("processes/<int:process_id>/close/", views.process_close, name="process_close"),
]
