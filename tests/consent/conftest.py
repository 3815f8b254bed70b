"""The Virtanen family and the desk's professionals, for the access rules."""

from tests.clients.conftest import identity_keys, virtanen  # noqa: F401
