"""The Virtanen family and the desk's professionals at work on the family's client processes.

Aino (public health nurse) and Maija (coordinator) work for the West Uusimaa county, which
cares for the family once Aino has taken it on at the child health clinic; Kalle (social
worker) works for Vantaa, which does not, unless a test says so."""

import pytest

from perhekeskus.consent.services import care_relationship_start
from tests.clients import conftest as clients

identity_keys = clients.identity_keys
virtanen = clients.virtanen


@pytest.fixture
def county_cares(virtanen, desk):
    """Aino has taken the family on at the child health clinic."""
    care_relationship_start(family=virtanen.family, by=desk.aino, basis="client_process")
    return virtanen
