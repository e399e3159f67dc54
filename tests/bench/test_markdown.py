"""docs/performance.md is generated from the JSON: its tables hold the figures and the verdicts."""

from __future__ import annotations

from bench.markdown import render, table
from bench.targets import evaluate
from tests.bench.sample import sample


def _rendered() -> str:
    data = sample()
    data["targets"] = evaluate(data)
    return render(data)


def test_table_aligns_numbers_right_and_escapes_pipes():
    lines = table(["Page", "p95 ms"], [["a|b", 12.345], ["c", None]])
    assert lines == ["| Page | p95 ms |", "| --- | ---: |", "| a\\|b | 12.3 |", "| c | — |"]


def test_targets_table_has_limit_measured_value_and_status():
    text = _rendered()
    assert "| Target | Limit | Measured | Status |" in text
    assert "| CSV export of the whole portfolio: peak memory flat | peak within 50 MB of the small export | " in text
    assert "+23.0 MB (107.0 → 130.0 MB peak RSS; 1,000 vs 100,000 projects) | **MET** |" in text


def test_not_met_targets_are_explained():
    data = sample()
    data["sizes"]["100000"]["pages"][1]["queries"] = 12
    data["targets"] = evaluate(data)
    text = render(data)
    assert "| **NOT MET** |" in text
    assert "- SQL query count of every page the same at both sizes: Projects: unfiltered: 10 → 12" in text


def test_one_table_per_size_and_the_scaling_table():
    text = _rendered()
    assert "## 1,000 projects" in text
    assert "## 100,000 projects" in text
    assert "| Projects: unfiltered | list | 50.0 | 100.0 | 10 | 30 | 2.00 |" in text
    assert "## Scaling: 1,000 to 100,000 projects" in text
    assert "| Projects: unfiltered | 10 | 10 | 100.0 | 140.0 | 1.40 | 1.50 | MET |" in text


def test_machine_and_load_test_are_described():
    text = _rendered()
    assert "Test CPU, 2 cores; memory 23.4 GiB" in text
    assert "git commit 0123456789ab" in text
    assert "| list: deep page | 30 | 30.0 | 0.27 | 20.0 | 50.0 | 80.0 | 0 | 900 |" in text
