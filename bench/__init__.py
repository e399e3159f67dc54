"""`make bench`: the performance benchmark of issue 6 (see bench/run.py for the phases, docs/performance.md for results).

Modules: config (what the environment says), databases (ipec_bench_<N>, built once and reused),
pages and timing (in-process page measurements), links (following a list's "next" links),
export_memory, report_render, worker_memory, loadtest and locustfile (gunicorn + locust),
stats (percentiles), targets (MET / NOT MET), markdown (docs/performance.md from the JSON),
machine (what it ran on).
"""
