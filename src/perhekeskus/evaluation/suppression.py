"""Suppression of small numbers (pienten lukujen tietosuoja): no indicator may point at a family.

- A count about families, processes, referrals, questions, contact requests or feedback of 1–4
  is hidden; 0 and 5 or more are shown.
- A share, a rate or a median is hidden when its denominator (the n of a median) is under 5, or
  when its numerator or the rest (denominator − numerator) is 1–4: "4 of 5 got help" would say
  that the fifth did not.
- In a breakdown whose total is shown, a single hidden cell would be the total minus the others:
  the next smallest cell is hidden too (complementary suppression).

Network figures (services, sites, activities) are about organisations and are never suppressed;
the callers decide which rule a figure follows. Pure functions: nothing here reads the database.
"""

from collections.abc import Sequence
from dataclasses import dataclass

SMALLEST_SHOWN = 5


@dataclass(frozen=True)
class Shown:
    """A value as it may be shown: `value` is None whenever `suppressed`."""

    value: float | int | None
    suppressed: bool


HIDDEN = Shown(None, True)


def count_hidden(count: int) -> bool:
    return 0 < count < SMALLEST_SHOWN


def count_shown(count: int) -> Shown:
    """A count about families: 1–4 hidden."""
    return HIDDEN if count_hidden(count) else Shown(count, False)


def rate_hidden(numerator: int, denominator: int) -> bool:
    return (
        denominator < SMALLEST_SHOWN
        or count_hidden(numerator)
        or count_hidden(denominator - numerator)
    )


def rate_shown(numerator: int, denominator: int, *, digits: int = 1) -> Shown:
    """A share in percent (0–100), hidden by the rule above; an empty denominator is hidden too
    (there is nothing to show, and "0 %" would be false)."""
    if rate_hidden(numerator, denominator):
        return HIDDEN
    return Shown(round(100 * numerator / denominator, digits), False)


def median_of_counts(histogram: dict[float, int]) -> float | None:
    """The median of values given as {value: how many times}, without listing them one by one."""
    n = sum(histogram.values())
    if n == 0:
        return None
    ordered = sorted(histogram.items())

    def at(position: int) -> float:
        seen = 0
        for value, times in ordered:
            seen += times
            if position < seen:
                return value
        return ordered[-1][0]

    if n % 2:
        return at(n // 2)
    return (at(n // 2 - 1) + at(n // 2)) / 2


def median_shown(histogram: dict[float, int], *, digits: int = 1) -> Shown:
    """The median, hidden when fewer than 5 values make it."""
    n = sum(histogram.values())
    if n < SMALLEST_SHOWN:
        return HIDDEN
    median = median_of_counts(histogram)
    return Shown(None if median is None else round(median, digits), False)


def breakdown_shown(counts: Sequence[int]) -> list[Shown]:
    """Counts of a breakdown whose total is shown, in the same order: 1–4 hidden, and when only
    one cell is hidden, the next smallest cell (not 0: a zero gives nothing away and hides
    nothing) is hidden too. When no second cell can be hidden (one cell only, or the others
    all 0), the lone small cell is still the total: the caller hides the total (see
    `breakdown_total_shown`)."""
    hidden = [count_hidden(c) for c in counts]
    if sum(hidden) == 1:
        candidates = [(c, i) for i, c in enumerate(counts) if not hidden[i] and c > 0]
        if candidates:
            _count, index = min(candidates)
            hidden[index] = True
    return [HIDDEN if h else Shown(c, False) for c, h in zip(counts, hidden, strict=True)]


def breakdown_total_shown(counts: Sequence[int]) -> Shown:
    """The total of a breakdown: hidden as a count, and also when exactly one of its cells is
    hidden and nothing could be hidden with it (the total would then be that cell)."""
    total = sum(counts)
    shown = count_shown(total)
    if shown.suppressed:
        return shown
    cells = breakdown_shown(counts)
    hidden = [c for c, s in zip(counts, cells, strict=True) if s.suppressed]
    if len(hidden) == 1:
        return HIDDEN
    return shown
