"""The Virtanen family around a screening: the fixtures of `tests.referrals.around` (Aino, a
public health nurse of the West Uusimaa county, cares for the family; Vantaa's Kalle and
Mikko and the NGO's Hanna do not), and `tests.screenings.helpers` for the screenings."""

from tests.clients.conftest import identity_keys, virtanen  # noqa: F401
from tests.referrals.around import around  # noqa: F401
