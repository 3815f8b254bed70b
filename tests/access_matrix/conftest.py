"""The Virtanen family and the fourteen professionals of `tests.access_matrix.personas`."""

import pytest

from tests.access_matrix.personas import World, world_build
from tests.clients.conftest import identity_keys, virtanen  # noqa: F401


@pytest.fixture
def world(virtanen, desk, network, personas) -> World:  # noqa: F811
    return world_build(virtanen, desk, network, personas)
