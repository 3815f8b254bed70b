from django.urls import path

from perhekeskus.referrals import views

app_name = "referrals"

urlpatterns = [
    path("", views.inbox, name="inbox"),
    path("sent/", views.sent, name="sent"),
    path("<int:referral_id>/", views.detail, name="detail"),
    path("new/<int:family_id>/", views.new, name="new"),
]
