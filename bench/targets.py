"""The targets of issue 6, judged from the raw figures: each MET, NOT MET or NOT MEASURED, with the value.

Every target is a comparison inside one run (two sizes, or a page against the floor, or the
report against plain WeasyPrint), so it holds on a noisy machine. The sizes compared are 1,000
and 100,000 projects when both were measured, else the smallest and largest measured; with a
single size the scaling targets are NOT MEASURED.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

from bench.stats import ratio

MET, NOT_MET, NOT_MEASURED = "MET", "NOT MET", "NOT MEASURED"
P95_LIMITS = {"list": 1.5, "detail": 1.5, "search": 1.5, "admin": 1.5, "dashboard": 2.0}
EXPORT_MEMORY_LIMIT_MB = 50
LIST_THROUGHPUT_MIN = 1 / 5
REPORT_RENDER_LIMIT = 1.5
SMALL, LARGE = 1000, 100_000


@dataclass(frozen=True)
class Verdict:
    target: str
    limit: str
    measured: str
    status: str
    detail: str = ""


def compared_sizes(sizes: list[int]) -> tuple[int, int] | None:
    if len(sizes) < 2:
        return None
    small = SMALL if SMALL in sizes else min(sizes)
    large = LARGE if LARGE in sizes else max(sizes)
    return small, large


def page_ratios(data: dict) -> list[dict]:
    """Per page: query counts and p95 at the two compared sizes, the p95 ratio, its limit and status."""
    pair = compared_sizes(sorted(int(n) for n in data.get("sizes", {})))
    if pair is None:
        return []
    small, large = (data["sizes"][str(n)].get("pages") or [] for n in pair)
    large_by_name = {page["name"]: page for page in large}
    rows = []
    for page in small:
        other = large_by_name.get(page["name"])
        if other is None:
            continue
        value = ratio(other["p95_ms"], page["p95_ms"])
        limit = P95_LIMITS.get(page["kind"])
        rows.append(
            {
                "name": page["name"],
                "kind": page["kind"],
                "queries_small": page["queries"],
                "queries_large": other["queries"],
                "p95_small_ms": page["p95_ms"],
                "p95_large_ms": other["p95_ms"],
                "p95_ratio": None if value is None else round(value, 2),
                "limit": limit,
                "status": NOT_MEASURED if value is None or limit is None else (MET if value <= limit else NOT_MET),
            }
        )
    return rows


def _label(pair: tuple[int, int]) -> str:
    return f"{pair[0]:,} vs {pair[1]:,} projects"


def _query_counts(data: dict, pair, rows: list[dict]) -> Verdict:
    target = "SQL query count of every page the same at both sizes"
    if pair is None or not rows:
        return Verdict(target, "equal", "needs two sizes", NOT_MEASURED)
    differing = [
        f"{r['name']}: {r['queries_small']} → {r['queries_large']}"
        for r in rows
        if r["queries_small"] != r["queries_large"]
    ]
    measured = f"{len(rows) - len(differing)} of {len(rows)} pages equal ({_label(pair)})"
    return Verdict(target, "equal", measured, NOT_MET if differing else MET, "; ".join(differing))


def _p95(rows: list[dict], pair, kinds: set[str], target: str, limit: float) -> Verdict:
    chosen = [r for r in rows if r["kind"] in kinds and r["p95_ratio"] is not None]
    if pair is None or not chosen:
        return Verdict(target, f"≤ {limit}×", "needs two sizes", NOT_MEASURED)
    worst = max(chosen, key=lambda r: r["p95_ratio"])
    failing = [f"{r['name']} {r['p95_ratio']}×" for r in chosen if r["p95_ratio"] > limit]
    measured = f"worst {worst['p95_ratio']}× ({worst['name']}; {_label(pair)})"
    return Verdict(target, f"≤ {limit}×", measured, NOT_MET if failing else MET, "; ".join(failing))


def _export_memory(data: dict, pair) -> Verdict:
    target = "CSV export of the whole portfolio: peak memory flat"
    limit = f"peak within {EXPORT_MEMORY_LIMIT_MB} MB of the small export"
    exports = [data["sizes"][str(n)].get("export") or {} for n in pair] if pair else []
    if pair is None or not all("peak_rss_mb" in e for e in exports):
        return Verdict(target, limit, "needs two sizes", NOT_MEASURED)
    growth = exports[1]["peak_rss_mb"] - exports[0]["peak_rss_mb"]
    measured = (
        f"+{growth:.1f} MB ({exports[0]['peak_rss_mb']} → {exports[1]['peak_rss_mb']} MB peak RSS; {_label(pair)})"
    )
    return Verdict(target, limit, measured, MET if growth <= EXPORT_MEMORY_LIMIT_MB else NOT_MET)


def floor_rps(load: dict) -> float | None:
    floors = [s["rps"] for s in load.get("scenarios", []) if s["scenario"].startswith("floor")]
    return sum(floors) / len(floors) if floors else None


def _load_errors(load: dict) -> Verdict:
    target = "Load test without errors"
    scenarios = load.get("scenarios") or []
    if not scenarios:
        return Verdict(target, "0 errors", "not run", NOT_MEASURED)
    failures = sum(s["failures"] for s in scenarios)
    requests = sum(s["requests"] for s in scenarios)
    detail = "; ".join(f"{s['scenario']}: {s['failures']}" for s in scenarios if s["failures"])
    return Verdict(
        target, "0 errors", f"{failures} errors in {requests:,} requests", MET if failures == 0 else NOT_MET, detail
    )


def list_throughput(load: dict) -> list[tuple[str, float | None]]:
    floor = floor_rps(load)
    return [
        (s["scenario"], ratio(s["rps"], floor)) for s in load.get("scenarios", []) if s["scenario"].startswith("list:")
    ]


def _list_throughput(load: dict) -> Verdict:
    target = "Project list throughput against the trivial page's (all four variants)"
    limit = f"≥ 1/{round(1 / LIST_THROUGHPUT_MIN)} (0.20)"
    ratios = [(name, value) for name, value in list_throughput(load) if value is not None]
    if not ratios:
        return Verdict(target, limit, "not run", NOT_MEASURED)
    worst_name, worst = min(ratios, key=lambda item: item[1])
    failing = [f"{name} {value:.2f}" for name, value in ratios if value < LIST_THROUGHPUT_MIN]
    measured = f"worst {worst:.2f} = 1/{1 / worst:.1f} ({worst_name}, at {load.get('size', 0):,} projects)"
    return Verdict(target, limit, measured, NOT_MET if failing else MET, "; ".join(failing))


def _report_render(report: dict) -> Verdict:
    target = "Report rendering time per page against plain WeasyPrint"
    limit = f"≤ {REPORT_RENDER_LIMIT}×"
    if not report or "ratio" not in report:
        return Verdict(target, limit, "not run", NOT_MEASURED)
    measured = (
        f"{report['ratio']}× ({report['report_seconds_per_page'] * 1000:.0f} vs "
        f"{report['plain_seconds_per_page'] * 1000:.0f} ms per page, {report['report_pages']} pages)"
    )
    return Verdict(target, limit, measured, MET if report["ratio"] <= REPORT_RENDER_LIMIT else NOT_MET)


def evaluate(data: dict) -> list[dict]:
    pair = compared_sizes(sorted(int(n) for n in data.get("sizes", {})))
    rows = page_ratios(data)
    load = data.get("load_test") or {}
    verdicts = [
        _query_counts(data, pair, rows),
        _p95(rows, pair, {"list", "detail", "search", "admin"}, "p95 server time, list, detail and search pages", 1.5),
        _p95(rows, pair, {"dashboard"}, "p95 server time, dashboard", 2.0),
        _export_memory(data, pair),
        _load_errors(load),
        _list_throughput(load),
        _report_render(data.get("report_render") or {}),
    ]
    return [asdict(v) for v in verdicts]
