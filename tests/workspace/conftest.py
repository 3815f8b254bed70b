"""The Virtanen family around the workspace: Aino's county cares for it (see
`tests.referrals.around`), Kalle and Mikko work for Vantaa, Hanna for the NGO."""

from tests.clients.conftest import identity_keys, virtanen  # noqa: F401
from tests.referrals.around import around  # noqa: F401
