"""MET / NOT MET: the targets of issue 6 judged from the raw figures."""

from __future__ import annotations

from bench.targets import MET, NOT_MEASURED, NOT_MET, compared_sizes, evaluate, page_ratios
from tests.bench.sample import sample


def _by_target(data: dict) -> dict[str, dict]:
    return {v["target"]: v for v in evaluate(data)}


def _status(data: dict, words: str) -> str:
    return next(v["status"] for name, v in _by_target(data).items() if words in name)


def test_the_sample_meets_every_target():
    verdicts = evaluate(sample())
    assert [v["status"] for v in verdicts] == [MET] * 7


def test_sizes_compared_are_1000_and_100000_when_both_ran():
    assert compared_sizes([1000, 10000, 100000]) == (1000, 100000)
    assert compared_sizes([5000, 20000]) == (5000, 20000)
    assert compared_sizes([1000]) is None


def test_a_query_more_at_the_large_size_is_not_met_and_named():
    data = sample()
    data["sizes"]["100000"]["pages"][1]["queries"] = 11
    verdict = next(v for v in evaluate(data) if "query count" in v["target"])
    assert verdict["status"] == NOT_MET
    assert verdict["detail"] == "Projects: unfiltered: 10 → 11"
    assert verdict["measured"].startswith("2 of 3 pages equal")


def test_p95_limits_are_1_5_for_lists_and_2_for_the_dashboard():
    data = sample()
    data["sizes"]["100000"]["pages"][1]["p95_ms"] = 150.0  # exactly 1.5× the list's 100 ms: met
    data["sizes"]["100000"]["pages"][0]["p95_ms"] = 100.0  # exactly 2× the dashboard's 50 ms: met
    assert _status(data, "list, detail and search") == MET
    assert _status(data, "dashboard") == MET
    data["sizes"]["100000"]["pages"][1]["p95_ms"] = 151.0
    data["sizes"]["100000"]["pages"][0]["p95_ms"] = 101.0
    assert _status(data, "list, detail and search") == NOT_MET
    assert _status(data, "dashboard") == NOT_MET
    rows = {r["name"]: r for r in page_ratios(data)}
    assert rows["Projects: unfiltered"]["p95_ratio"] == 1.51
    assert rows["Projects: unfiltered"]["status"] == NOT_MET
    assert rows["Project page"]["status"] == MET


def test_export_memory_within_50_mb():
    data = sample()
    data["sizes"]["100000"]["export"]["peak_rss_mb"] = 157.0  # +50.0
    assert _status(data, "CSV export") == MET
    data["sizes"]["100000"]["export"]["peak_rss_mb"] = 157.1
    assert _status(data, "CSV export") == NOT_MET


def test_one_error_in_the_load_test_is_not_met():
    data = sample()
    data["load_test"]["scenarios"][4]["failures"] = 1
    verdict = next(v for v in evaluate(data) if "without errors" in v["target"])
    assert verdict["status"] == NOT_MET
    assert verdict["detail"] == "mix: HQ, CTA, viewers: 1"


def test_list_throughput_is_a_ratio_to_the_mean_floor():
    data = sample()  # floor (100 + 120) / 2 = 110; the deep page 30/110 = 0.27
    assert _status(data, "throughput") == MET
    data["load_test"]["scenarios"][2]["rps"] = 21.9  # 0.199 of 110
    assert _status(data, "throughput") == NOT_MET


def test_report_rendering_limit():
    data = sample()
    data["report_render"]["ratio"] = 1.51
    assert _status(data, "Report rendering") == NOT_MET


def test_with_one_size_or_no_load_test_targets_are_not_measured():
    data = sample()
    del data["sizes"]["100000"]
    data["load_test"] = {"error": "gunicorn did not start"}
    data["report_render"] = {"error": "no WeasyPrint"}
    statuses = [v["status"] for v in evaluate(data)]
    assert statuses == [NOT_MEASURED] * 7
