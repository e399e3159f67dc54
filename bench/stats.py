"""Summaries of repeated timings: median and percentiles, by linear interpolation between ranks.

The percentile is the one NumPy calls "linear" (and Excel PERCENTILE.INC): for n sorted samples
the p-th percentile sits at rank (n - 1) * p / 100, interpolated between the two samples around it.
With 30 samples the 95th percentile is therefore between the 28th and 29th slowest, not the max.
"""

from __future__ import annotations

import math
from collections.abc import Sequence


def percentile(samples: Sequence[float], p: float) -> float:
    if not samples:
        raise ValueError("percentile of no samples")
    if not 0 <= p <= 100:
        raise ValueError(f"percentile {p} is not between 0 and 100")
    ordered = sorted(samples)
    rank = (len(ordered) - 1) * p / 100
    low = math.floor(rank)
    high = math.ceil(rank)
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)


def median(samples: Sequence[float]) -> float:
    return percentile(samples, 50)


def summary_ms(seconds: Sequence[float]) -> dict[str, float | int]:
    """Timings in seconds summarised in milliseconds: n, median, p95, min and max (rounded to 0.01 ms)."""
    ms = [s * 1000 for s in seconds]
    return {
        "n": len(ms),
        "median_ms": round(median(ms), 2),
        "p95_ms": round(percentile(ms, 95), 2),
        "min_ms": round(min(ms), 2),
        "max_ms": round(max(ms), 2),
    }


def ratio(numerator: float | None, denominator: float | None) -> float | None:
    """numerator / denominator, or None when either is missing or the denominator is not positive."""
    if numerator is None or denominator is None or denominator <= 0:
        return None
    return numerator / denominator
