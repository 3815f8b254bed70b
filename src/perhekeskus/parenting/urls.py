"""The parenting plan's pages, under /<lang>/parenting-plan/. A plan's address holds its random
id, never a code."""

from django.urls import path

from perhekeskus.parenting import views

app_name = "parenting"

urlpatterns = [
    path("", views.start, name="start"),
    path("open/", views.open_any, name="open_any"),
    path("mine/", views.mine, name="mine"),
    path("mine/<uuid:public_id>/open/", views.mine_open, name="mine_open"),
    path("mine/<uuid:public_id>/remove/", views.mine_remove, name="mine_remove"),
    path("received/<int:pk>/", views.received, name="received"),
    path("received/<int:pk>/pdf/", views.received_pdf, name="received_pdf"),
    path("<uuid:public_id>/", views.plan, name="plan"),
    path("<uuid:public_id>/open/", views.open_plan, name="open"),
    path("<uuid:public_id>/invite/", views.invite, name="invite"),
    path("<uuid:public_id>/name/", views.rename, name="rename"),
    path("<uuid:public_id>/leave/", views.leave, name="leave"),
    path("<uuid:public_id>/children/", views.children, name="children"),
    path("<uuid:public_id>/topics/<slug:code>/", views.topic, name="topic"),
    path("<uuid:public_id>/share/", views.share, name="share"),
    path("<uuid:public_id>/together/", views.compare, name="compare"),
    path("<uuid:public_id>/accept/", views.accept, name="accept"),
    path("<uuid:public_id>/plan.pdf", views.pdf, name="pdf"),
    path("<uuid:public_id>/send/", views.send, name="send"),
    path("<uuid:public_id>/save/", views.save, name="save"),
]
