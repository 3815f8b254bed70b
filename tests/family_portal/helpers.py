"""What the family portal's tests share: the way in through the identification service."""

from django.test import Client

from tests.family_portal.provider import Provider, callback_path


def family_logs_in(client: Client, provider: Provider, sub: str, *, lang: str = "fi"):
    """The family member presses "log in", is identified as `sub` at the provider and comes
    back: returns the relying party's answer to the callback."""
    to_provider = client.get(f"/oidc/authenticate/?lang={lang}")
    assert to_provider.status_code == 302
    back = provider.identify(to_provider["Location"], sub)
    return client.get(callback_path(back))


def logged_in_as(client: Client, person, *, lang: str = "fi") -> Client:
    """A family member already logged in (the login itself has its own tests)."""
    from perhekeskus.family_portal.services import family_login_open

    client.force_login(
        family_login_open(person=person),
        backend="perhekeskus.family_portal.backends.FamilyLoginBackend",
    )
    return client
