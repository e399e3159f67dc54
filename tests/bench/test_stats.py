"""The benchmark's percentile maths: linear interpolation between ranks (NumPy's default)."""

from __future__ import annotations

import pytest

from bench.stats import median, percentile, ratio, summary_ms


def test_percentiles_interpolate_between_ranks():
    samples = [4.0, 1.0, 3.0, 2.0]  # unsorted on purpose
    assert percentile(samples, 0) == 1.0
    assert percentile(samples, 100) == 4.0
    assert median(samples) == 2.5
    # rank (4 - 1) * 0.95 = 2.85: between 3 and 4, 85 % of the way
    assert percentile(samples, 95) == pytest.approx(3.85)


def test_p95_of_thirty_samples_is_not_the_maximum():
    samples = [float(n) for n in range(1, 31)]  # 1..30
    assert percentile(samples, 95) == pytest.approx(28.55)  # rank 27.55
    assert median(samples) == 15.5


def test_one_sample_is_every_percentile():
    assert percentile([7.0], 50) == percentile([7.0], 95) == 7.0


@pytest.mark.parametrize("bad", [-1, 101])
def test_percentile_outside_0_to_100_is_refused(bad):
    with pytest.raises(ValueError):
        percentile([1.0, 2.0], bad)


def test_no_samples_is_refused():
    with pytest.raises(ValueError):
        median([])


def test_summary_is_in_milliseconds():
    figures = summary_ms([0.010, 0.020, 0.030])
    assert figures == {"n": 3, "median_ms": 20.0, "p95_ms": 29.0, "min_ms": 10.0, "max_ms": 30.0}


def test_ratio_without_a_usable_denominator_is_none():
    assert ratio(3, 2) == 1.5
    assert ratio(3, 0) is None
    assert ratio(None, 2) is None
