"""The Virtanen family around a referral, and the identification service (a real OpenID
provider) the family logs in through."""

from collections.abc import Iterator

import pytest

from tests.clients.conftest import identity_keys, virtanen  # noqa: F401
from tests.family_portal.provider import Provider, provider_running
from tests.referrals.around import around  # noqa: F401


@pytest.fixture
def provider(monkeypatch, settings) -> Iterator[Provider]:
    with provider_running(monkeypatch, settings) as running:
        yield running
