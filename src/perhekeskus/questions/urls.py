"""The asker's pages, inside the language prefixes (/fi/, /sv/, /en/)."""

from django.urls import path

from perhekeskus.questions import views

app_name = "questions"

urlpatterns = [
    path("ask/", views.ask, name="ask"),
    path("ask/open/", views.open_question, name="open"),
    # Every address under ask/q/ answers: with no code, a malformed one (slashes included) or a
    # wrong one, the same page.
    path("ask/q/", views.read, name="read_missing"),
    path("ask/q/<path:code>/", views.read, name="read"),
]
