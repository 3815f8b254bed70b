"""The Virtanen family around a referral: the fixtures of `tests.referrals.around`."""

from tests.clients.conftest import identity_keys, virtanen  # noqa: F401
from tests.referrals.around import around  # noqa: F401
