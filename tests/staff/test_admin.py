"""Data maintainers keep the professional accounts in the admin: list them by organisation,
role and municipality, find one by username, and reset a lost second factor."""

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.professionals import Desk, totp_device

CHANGELIST = "/fi/admin/staff/professional/"

pytestmark = pytest.mark.django_db


def test_the_administrator_lists_professionals_with_role_and_place(client, desk: Desk, personas):
    totp_device(desk.aino)
    client.force_login(personas.olli)

    response = client.get(CHANGELIST)

    page = response.content.decode()
    assert response.status_code == 200
    for username in ("aino", "maija", "kalle"):
        assert username in page
    assert "Länsi-Uudenmaan hyvinvointialue" in page
    assert "Vantaa" in page


def test_professionals_are_found_by_username_and_filtered_by_role(client, desk: Desk, personas):
    client.force_login(personas.olli)

    found = client.get(CHANGELIST, {"q": "kalle"}).context["cl"].result_list
    nurses = client.get(CHANGELIST, {"role__exact": "public_health_nurse"}).context["cl"]
    in_vantaa = client.get(CHANGELIST, {"municipality__id__exact": desk.kalle.municipality_id})

    assert [p.user.username for p in found] == ["kalle"]
    assert [p.user.username for p in nurses.result_list] == ["aino"]
    assert [p.user.username for p in in_vantaa.context["cl"].result_list] == ["kalle"]


def test_a_lost_phone_is_reset_and_the_next_login_sets_up_the_app_again(
    client, desk: Desk, personas
):
    totp_device(desk.aino)
    client.force_login(personas.olli)

    response = client.post(
        CHANGELIST,
        {"action": "second_factor_reset", "_selected_action": [desk.aino.pk]},
        follow=True,
    )

    assert response.status_code == 200
    assert not TOTPDevice.objects.filter(user=desk.aino.user).exists()
    assert "nollattiin" in response.content.decode()


def test_a_network_maintainer_does_not_manage_professionals(client, desk: Desk, personas):
    client.force_login(personas.leena)

    assert client.get(CHANGELIST).status_code == 403
