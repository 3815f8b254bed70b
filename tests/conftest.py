import pytest

from tests.personas import Network, Personas, network_build, personas_build


@pytest.fixture
def network(db) -> Network:
    return network_build()


@pytest.fixture
def personas(network) -> Personas:
    return personas_build(network)
