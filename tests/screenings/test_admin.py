"""A maintainer keeps the instruments in the admin: the seeded four are there with their
sources, a threshold is changed as data, and a sum score without its range or threshold is
refused. Screenings themselves are not in the admin."""

import pytest
from django.contrib import admin

from perhekeskus.screenings.models import Screening, ScreeningInstrument
from tests.network.test_admin import admin_url, client_for, form_data

pytestmark = pytest.mark.django_db


def test_the_seeded_instruments_are_listed_with_their_codes(personas):
    page = client_for(personas.olli).get(admin_url("screenings_screeninginstrument_changelist"))

    assert page.status_code == 200
    body = page.content.decode()
    for code in ("epds", "audit-c", "ipv-question", "lte-concerns"):
        assert code in body


def test_the_administrator_changes_the_epds_follow_up_time(personas):
    olli = client_for(personas.olli)
    epds = ScreeningInstrument.objects.get(code="epds")
    url = admin_url("screenings_screeninginstrument_change", epds.pk)
    data = form_data(olli.get(url)) | {"follow_up_days": "10"}

    response = olli.post(url, data)

    assert response.status_code == 302
    epds.refresh_from_db()
    # Only what was changed: the threshold and the source stay as seeded.
    assert (epds.follow_up_days, epds.threshold, epds.high_threshold) == (10, 10, 13)
    assert "Cox JL" in epds.source


def test_a_sum_score_without_a_threshold_is_refused(personas):
    olli = client_for(personas.olli)
    audit_c = ScreeningInstrument.objects.get(code="audit-c")
    url = admin_url("screenings_screeninginstrument_change", audit_c.pk)
    data = form_data(olli.get(url)) | {"threshold_men": ""}

    response = olli.post(url, data)

    assert response.status_code == 200
    audit_c.refresh_from_db()
    assert audit_c.threshold_men == 6


def test_screenings_are_not_in_the_admin():
    assert not admin.site.is_registered(Screening)
