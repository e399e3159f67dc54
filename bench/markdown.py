"""docs/performance.md, written from the raw figures of docs/performance.json (never edited by hand)."""

from __future__ import annotations

from bench.targets import floor_rps, page_ratios

TITLE = "# Performance"


def _cell(value) -> str:
    if value is None:
        return "—"
    if isinstance(value, float):
        return f"{value:,.1f}" if abs(value) >= 10 else f"{value:,.2f}"
    if isinstance(value, int):
        return f"{value:,}"
    return str(value).replace("|", "\\|").replace("\n", " ")


def table(headers: list[str], rows: list[list]) -> list[str]:
    """A GitHub markdown table; numbers are right-aligned."""
    align = [
        "---:" if rows and all(isinstance(r[i], int | float) or r[i] is None for r in rows) else "---"
        for i in range(len(headers))
    ]
    lines = ["| " + " | ".join(headers) + " |", "| " + " | ".join(align) + " |"]
    lines += ["| " + " | ".join(_cell(v) for v in row) + " |" for row in rows]
    return lines


def _machine(data: dict) -> list[str]:
    m = data.get("machine", {})
    commit = m.get("git_commit", "")[:12] + (" (with uncommitted changes)" if m.get("git_uncommitted_changes") else "")
    load = ", ".join(str(x) for x in m.get("load_average_at_start", []))
    return [
        "## Machine and run",
        "",
        f"- Date: {m.get('date', '?')}; git commit {commit or '?'}",
        f"- CPU: {m.get('cpu', '?')}, {m.get('cores', '?')} cores; memory {m.get('memory_gib', '?')} GiB; "
        f"load average at start {load} (the machine is shared: compare ratios, not absolute times)",
        f"- PostgreSQL: {m.get('postgresql', '?')}",
        f"- Redis {m.get('redis', '?')}; Python {m.get('python', '?')}; Django {m.get('django', '?')}; "
        f"kernel {m.get('kernel', '?')}",
        f"- Run: sizes {', '.join(f'{int(n):,}' for n in data.get('sizes', {}))}"
        + (
            "; QUICK mode (smoke test: few repetitions, not figures to quote)"
            if data.get("config", {}).get("quick")
            else ""
        )
        + f"; {data.get('config', {}).get('total_seconds', '?')} s in all",
        "- Seconds per phase: "
        + ", ".join(f"{name} {seconds}" for name, seconds in data.get("phase_seconds", {}).items()),
        "",
    ]


def _targets(data: dict) -> list[str]:
    rows = [[t["target"], t["limit"], t["measured"], f"**{t['status']}**"] for t in data.get("targets", [])]
    lines = ["## Targets", "", *table(["Target", "Limit", "Measured", "Status"], rows), ""]
    details = [f"- {t['target']}: {t['detail']}" for t in data.get("targets", []) if t.get("detail")]
    if details:
        lines += ["Not met, in detail:", "", *details, ""]
    return lines


def _method(data: dict) -> list[str]:
    return ["## How it was measured", "", *[f"- {line}" for line in data.get("method", [])], ""]


def _size(size: str, result: dict) -> list[str]:
    lines = [f"## {int(size):,} projects", ""]
    if result.get("error"):
        return [*lines, f"Not measured: {result['error']}", ""]
    db = result.get("database", {})
    how = "reused" if db.get("reused") else "built by this run"
    lines.append(
        f"Database `{db.get('name')}` {how} (built on {db.get('built_on')}; seed_demo took "
        f"{_cell(db.get('build_seconds'))} s)."
    )
    objects = result.get("objects", {})
    deep = result.get("deep_page", {})
    if objects:
        lines.append(
            f"Objects: project {objects.get('project')}, country {objects.get('country')}, partner "
            f"{objects.get('partner')}, evaluation {objects.get('evaluation')}."
        )
    if deep:
        lines.append(f"Deep page: `{deep.get('url')}`, {deep.get('depth')} “next” links down ({deep.get('how')}).")
    lines.append("")
    rows = [
        [p["name"], p["kind"], p["median_ms"], p["p95_ms"], p["queries"], p["n"], round(p["bytes"] / 1024, 1)]
        for p in result.get("pages", [])
    ]
    lines += table(["Page", "Kind", "Median ms", "p95 ms", "Queries", "Runs", "kB"], rows)
    export = result.get("export")
    if export:
        lines += [
            "",
            f"CSV export of the whole portfolio: {export['rows']:,} rows, {export['bytes'] / 1e6:.1f} MB in "
            f"{export['seconds']} s, {export['queries']:,} queries; process peak RSS {export['peak_rss_mb']} MB "
            f"(before the export {export['peak_before_mb']} MB).",
        ]
    return [*lines, ""]


def _scaling(data: dict) -> list[str]:
    rows = page_ratios(data)
    if not rows:
        return []
    sizes = sorted(int(n) for n in data["sizes"])
    header = [
        "Page",
        "Queries (small)",
        "Queries (large)",
        "p95 ms (small)",
        "p95 ms (large)",
        "p95 ratio",
        "Limit",
        "Status",
    ]
    body = [
        [
            r["name"],
            r["queries_small"],
            r["queries_large"],
            r["p95_small_ms"],
            r["p95_large_ms"],
            r["p95_ratio"],
            r["limit"],
            r["status"],
        ]
        for r in rows
    ]
    return [f"## Scaling: {sizes[0]:,} to {sizes[-1]:,} projects", "", *table(header, body), ""]


def _reports(data: dict) -> list[str]:
    report = data.get("report_render") or {}
    worker = data.get("worker") or {}
    lines = ["## Evaluation reports", ""]
    if report.get("error"):
        lines.append(f"Rendering not measured: {report['error']}")
    elif report:
        lines += table(
            ["What", "Pages", "Median s", "s per page"],
            [
                [
                    f"Report of evaluation {report['evaluation']} (presenter + template + WeasyPrint)",
                    report["report_pages"],
                    report["report_seconds_median"],
                    report["report_seconds_per_page"],
                ],
                [
                    f"Plain HTML, {report['plain_paragraphs']} paragraphs (WeasyPrint alone)",
                    report["plain_pages"],
                    report["plain_seconds_median"],
                    report["plain_seconds_per_page"],
                ],
            ],
        )
        lines += ["", f"Ratio per page: {report['ratio']}× ({report['runs']} alternating runs each, after a warm-up)."]
    if worker.get("error"):
        lines += ["", f"Worker not measured: {worker['error']}"]
    elif worker:
        lines += [
            "",
            f"Celery worker (`--pool=solo`): {worker['jobs']} report job(s) ({', '.join(worker['states'])}; pages "
            f"{', '.join(str(p) for p in worker['pages'])}) in {worker['seconds']} s; worker peak RSS "
            f"**{worker['worker_peak_rss_mb']} MB**.",
        ]
    return [*lines, ""]


def _load(data: dict) -> list[str]:
    load = data.get("load_test") or {}
    if not load:
        return []
    lines = [f"## Load test at {load.get('size', 0):,} projects", ""]
    if load.get("error"):
        return [*lines, f"Not run: {load['error']}", ""]
    floor = floor_rps(load)
    lines.append(
        f"{load['server']}; {load['closed_loop_users']} closed-loop users per single-page scenario, "
        f"{load['mix_users']} browsing users in the mix; the floor is `{load['floor_url']}`."
    )
    lines.append("")
    rows = []
    for s in load["scenarios"]:
        share = s["rps"] / floor if floor and s["scenario"].startswith(("list", "floor")) else None
        rows.append(
            [
                s["scenario"],
                s["seconds"],
                s["rps"],
                None if share is None else round(share, 2),
                s["p50_ms"],
                s["p95_ms"],
                s["p99_ms"],
                s["failures"],
                s["requests"],
            ]
        )
    lines += table(
        ["Scenario", "Seconds", "Requests/s", "÷ floor", "p50 ms", "p95 ms", "p99 ms", "Errors", "Requests"], rows
    )
    errors = [(s["scenario"], e) for s in load["scenarios"] for e in s.get("errors", [])]
    if errors:
        lines += ["", "Errors (the most frequent of each scenario):", ""]
        lines += table(
            ["Scenario", "Request", "Error", "Times"],
            [[name, e["name"], e["error"], e["occurrences"]] for name, e in errors],
        )
    mix = next((s for s in load["scenarios"] if s["scenario"].startswith("mix")), None)
    if mix:
        rows = [
            [name, f["requests"], f["p50_ms"], f["p95_ms"], f["p99_ms"], f["failures"]]
            for name, f in sorted(mix["by_request"].items())
        ]
        lines += [
            "",
            "The mix, by page:",
            "",
            *table(["Page", "Requests", "p50 ms", "p95 ms", "p99 ms", "Errors"], rows),
        ]
    return [*lines, ""]


def render(data: dict) -> str:
    lines = [
        TITLE,
        "",
        "Written by `make bench` (the `bench/` package) from the raw figures in `docs/performance.json`; do not edit "
        "by hand. Targets are those of issue 6, each a ratio measured within one run.",
        "",
        *_machine(data),
        *_targets(data),
        *_method(data),
        *_scaling(data),
    ]
    for size, result in data.get("sizes", {}).items():
        lines += _size(size, result)
    lines += _reports(data)
    lines += _load(data)
    return "\n".join(lines).rstrip() + "\n"
