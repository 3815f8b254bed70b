"""The Virtanen family around a team meeting: the fixtures of `tests.referrals.around`, and
`tests.meetings.team` for the meeting itself."""

from tests.clients.conftest import identity_keys, virtanen  # noqa: F401
from tests.meetings.team import team  # noqa: F401
from tests.referrals.around import around  # noqa: F401
