"""A real OpenID provider for the family login's tests: oidc-provider-mock (Flask, werkzeug)
served on a free port in a thread, its endpoints given to the relying party's settings.

The provider's login form asks for a subject ("sub"); each subject's claims are set here,
among them the personal identity code as strong identification in Finland gives it."""

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import requests
from oidc_provider_mock import run_server_in_thread

CLIENT_ID = "perhekeskus-test"
CLIENT_SECRET = "perhekeskus-test-secret"


@dataclass
class Provider:
    url: str

    def person(self, sub: str, **claims: Any) -> str:
        """A subject the provider identifies, with these claims; returns the subject."""
        response = requests.put(f"{self.url}/users/{sub}", json=claims, timeout=10)
        response.raise_for_status()
        return sub

    def identify(self, authorize_url: str, sub: str) -> str:
        """What the provider's form does when the person is identified as `sub`: the address
        back to the relying party, with the code."""
        response = requests.post(
            authorize_url, data={"sub": sub}, allow_redirects=False, timeout=10
        )
        assert response.status_code == 302, response.text
        return response.headers["Location"]


@contextmanager
def provider_running(monkeypatch: Any, settings: Any) -> Iterator[Provider]:
    # The provider is served over plain http on localhost, as tests are.
    monkeypatch.setenv("AUTHLIB_INSECURE_TRANSPORT", "1")
    with run_server_in_thread(port=0) as server:
        url = f"http://localhost:{server.server_port}"
        settings.OIDC_RP_CLIENT_ID = CLIENT_ID
        settings.OIDC_RP_CLIENT_SECRET = CLIENT_SECRET
        settings.OIDC_OP_AUTHORIZATION_ENDPOINT = f"{url}/oauth2/authorize"
        settings.OIDC_OP_TOKEN_ENDPOINT = f"{url}/oauth2/token"
        settings.OIDC_OP_USER_ENDPOINT = f"{url}/userinfo"
        settings.OIDC_OP_JWKS_ENDPOINT = f"{url}/jwks"
        settings.OIDC_RP_SIGN_ALGO = "RS256"
        # The provider signs with its one key and does not name it.
        settings.OIDC_VERIFY_KID = False
        yield Provider(url)


def callback_path(location: str) -> str:
    """The relying party's callback as the test client asks for it (path and query)."""
    parts = urlsplit(location)
    return f"{parts.path}?{parts.query}"
