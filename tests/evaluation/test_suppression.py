"""The rules that keep small numbers from pointing at a family, as pure functions."""

import pytest

from perhekeskus.evaluation import suppression as sup


@pytest.mark.parametrize("count", [1, 2, 3, 4])
def test_a_count_of_one_to_four_is_hidden(count):
    assert sup.count_shown(count) == sup.Shown(None, True)


@pytest.mark.parametrize("count", [0, 5, 6, 1234])
def test_zero_and_five_or_more_are_shown(count):
    assert sup.count_shown(count) == sup.Shown(count, False)


def test_a_rate_of_four_of_five_is_hidden_because_the_fifth_is_known():
    assert sup.rate_shown(4, 5).suppressed
    assert sup.rate_shown(4, 5).value is None


@pytest.mark.parametrize(
    ("numerator", "denominator"),
    [(0, 4), (2, 4), (1, 10), (4, 20), (16, 20), (19, 20), (3, 3), (0, 0)],
)
def test_a_rate_resting_on_few_families_is_hidden(numerator, denominator):
    assert sup.rate_shown(numerator, denominator) == sup.HIDDEN


@pytest.mark.parametrize(
    ("numerator", "denominator", "percent"),
    [(5, 10, 50.0), (0, 5, 0.0), (5, 5, 100.0), (10, 15, 66.7), (0, 12, 0.0), (12, 12, 100.0)],
)
def test_a_rate_with_enough_on_both_sides_is_shown_in_percent(numerator, denominator, percent):
    assert sup.rate_shown(numerator, denominator) == sup.Shown(percent, False)


def test_a_median_of_fewer_than_five_is_hidden():
    assert sup.median_shown({3.0: 2, 10.0: 2}) == sup.HIDDEN


def test_a_median_is_computed_from_a_histogram_of_days():
    assert sup.median_shown({1.0: 1, 2.0: 1, 3.0: 1, 4.0: 1, 10.0: 1}) == sup.Shown(3.0, False)
    assert sup.median_of_counts({2.0: 3, 8.0: 3}) == 5.0
    assert sup.median_of_counts({}) is None


def test_a_breakdown_with_one_small_cell_hides_the_next_smallest_too():
    cells = sup.breakdown_shown([30, 2, 7, 0, 12])
    assert [c.value for c in cells] == [30, None, None, 0, 12]
    assert [c.suppressed for c in cells] == [False, True, True, False, False]


def test_a_breakdown_with_two_small_cells_needs_no_more_hiding():
    cells = sup.breakdown_shown([30, 2, 3, 12])
    assert [c.value for c in cells] == [30, None, None, 12]


def test_zeros_are_never_used_to_cover_a_small_cell():
    cells = sup.breakdown_shown([0, 3, 0, 8])
    assert [c.value for c in cells] == [0, None, 0, None]


def test_a_total_that_would_equal_its_only_small_cell_is_hidden():
    assert sup.breakdown_total_shown([3, 0, 0]) == sup.HIDDEN
    assert sup.breakdown_total_shown([3]) == sup.HIDDEN


def test_a_breakdown_total_is_shown_when_the_cells_protect_each_other():
    assert sup.breakdown_total_shown([30, 2, 7]) == sup.Shown(39, False)
    assert sup.breakdown_total_shown([0, 0]) == sup.Shown(0, False)


def test_no_hidden_cell_can_be_worked_out_by_subtraction():
    """Whatever the counts, a shown total minus the shown cells never leaves one hidden cell."""
    import itertools

    for counts in itertools.product([0, 1, 2, 4, 5, 9], repeat=3):
        total = sup.breakdown_total_shown(counts)
        cells = sup.breakdown_shown(counts)
        hidden = [c for c in cells if c.suppressed]
        if not total.suppressed:
            assert len(hidden) != 1, counts
        for count, cell in zip(counts, cells, strict=True):
            if cell.suppressed:
                assert cell.value is None
            else:
                assert not 0 < count < 5
