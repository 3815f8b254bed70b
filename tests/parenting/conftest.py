"""A family law service with its queue, and the Virtanen family for logging in to the family's
own view."""

import pytest

from tests.clients.conftest import identity_keys, virtanen  # noqa: F401
from tests.parenting.helpers import FamilyLaw, family_law_build


@pytest.fixture
def family_law(network, desk) -> FamilyLaw:
    return family_law_build(network, desk)
