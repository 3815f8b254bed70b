from django.urls import path

from perhekeskus.inbox import views

app_name = "inbox"

urlpatterns = [
    path("", views.home, name="home"),
    path("questions/<int:pk>/", views.question, name="question"),
    path("requests/<int:pk>/", views.contact_request, name="contact_request"),
    path("templates/", views.templates, name="templates"),
    path("templates/<int:pk>/", views.template_edit, name="template_edit"),
    path("templates/<int:pk>/delete/", views.template_delete, name="template_delete"),
]
