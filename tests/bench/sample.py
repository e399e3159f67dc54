"""A small sample of docs/performance.json, as bench.run writes it, for the pure parts' tests."""

from __future__ import annotations

import copy


def _page(name: str, kind: str, p95: float, queries: int) -> dict:
    return {
        "name": name,
        "url": "/",
        "kind": kind,
        "note": "",
        "queries": queries,
        "bytes": 2048,
        "n": 30,
        "median_ms": p95 / 2,
        "p95_ms": p95,
        "min_ms": 1.0,
        "max_ms": p95 * 2,
    }


def _size(list_p95: float, dashboard_p95: float, list_queries: int, peak: float) -> dict:
    return {
        "database": {"name": "ipec_bench_x", "reused": True, "built_on": "2026-11-23", "build_seconds": 6.1},
        "objects": {"project": "MMR/14/50/USA", "country": "MMR", "partner": 1, "evaluation": 4},
        "deep_page": {"url": "/projects/?page=15", "depth": 14, "how": "page number ?page="},
        "pages": [
            _page("Dashboard (cold cache)", "dashboard", dashboard_p95, 14),
            _page("Projects: unfiltered", "list", list_p95, list_queries),
            _page("Project page", "detail", 40.0, 20),
        ],
        "export": {
            "seconds": 1.5,
            "bytes": 500_000,
            "rows": 1000,
            "queries": 15,
            "rss_before_mb": 80.0,
            "peak_before_mb": 80.0,
            "peak_rss_mb": peak,
        },
    }


def _scenario(name: str, rps: float, failures: int = 0) -> dict:
    return {
        "scenario": name,
        "requests": int(rps * 30),
        "failures": failures,
        "rps": rps,
        "p50_ms": 20.0,
        "p95_ms": 50.0,
        "p99_ms": 80.0,
        "seconds": 30,
        "users": 8,
        "classes": ["X"],
        "by_request": {
            name: {
                "requests": int(rps * 30),
                "failures": failures,
                "rps": rps,
                "p50_ms": 20.0,
                "p95_ms": 50.0,
                "p99_ms": 80.0,
            }
        },
    }


SAMPLE = {
    "machine": {
        "date": "2026-11-23 02:00 UTC",
        "git_commit": "0123456789abcdef",
        "cpu": "Test CPU",
        "cores": 2,
        "memory_gib": 23.4,
        "postgresql": "PostgreSQL 15.20",
        "load_average_at_start": [1.0, 1.0, 1.0],
    },
    "config": {"sizes": [1000, 100000], "quick": False, "total_seconds": 1000},
    "method": ["Server time: in-process."],
    "sizes": {
        "1000": _size(list_p95=100.0, dashboard_p95=50.0, list_queries=10, peak=107.0),
        "100000": _size(list_p95=140.0, dashboard_p95=90.0, list_queries=10, peak=130.0),
    },
    "report_render": {
        "evaluation": 4,
        "runs": 5,
        "report_pages": 7,
        "plain_pages": 7,
        "plain_paragraphs": 29,
        "report_seconds_median": 0.7,
        "plain_seconds_median": 0.56,
        "report_seconds_per_page": 0.1,
        "plain_seconds_per_page": 0.08,
        "ratio": 1.25,
    },
    "worker": {
        "jobs": 3,
        "seconds": 5.0,
        "states": ["ready"] * 3,
        "pages": [7, 6, 6],
        "errors": [],
        "worker_peak_rss_mb": 150.0,
    },
    "load_test": {
        "size": 100000,
        "server": "gunicorn",
        "closed_loop_users": 8,
        "mix_users": 24,
        "floor_url": "/accounts/password_change/done/",
        "scenarios": [
            _scenario("floor (before)", 100.0),
            _scenario("list: unfiltered", 40.0),
            _scenario("list: deep page", 30.0),
            _scenario("floor (after)", 120.0),
            _scenario("mix: HQ, CTA, viewers", 20.0),
        ],
    },
}


def sample() -> dict:
    return copy.deepcopy(SAMPLE)
