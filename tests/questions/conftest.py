import pytest

from perhekeskus.questions import throttle


@pytest.fixture(autouse=True)
def _wrong_codes_wait_for_nothing(settings, monkeypatch):
    """Wrong codes are counted as in production but do not make the tests wait; the tests of
    the slowing itself record the waits instead."""
    settings.PERHEKESKUS_CODE_DELAY_BASE_SECONDS = 0.001
    settings.PERHEKESKUS_PUBLIC_FORM_LIMIT_PER_MINUTE = 10_000
    waits: list[float] = []
    monkeypatch.setattr(throttle, "sleep", waits.append)
    throttle.reset()
    yield waits
    throttle.reset()


@pytest.fixture
def waits(_wrong_codes_wait_for_nothing) -> list[float]:
    return _wrong_codes_wait_for_nothing
