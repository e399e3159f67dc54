"""The CSV export of the whole portfolio: time, queries and the process's peak memory.

Run in a fresh process per size (`python -m bench.export_memory OUT.json`, environment from
bench.config.django_env), so that the peak resident set size the kernel reports for it
(getrusage ru_maxrss) is this export's and nothing else's: Django loaded and signed in, one
small warm-up export, then `/projects/export.csv` with no filter, its body read chunk by chunk
and thrown away, as a client downloading it would. The target compares the peaks at two sizes,
so what Django itself costs is the same on both sides.
"""

from __future__ import annotations

import json
import resource
import sys
import time


def _current_rss_mb() -> float:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kilobytes on Linux


def measure_export() -> dict:
    from django.db import connection
    from django.test import Client

    from accounts.models import User

    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(User.objects.get(username="hq"))
    warm = client.get("/projects/export.csv?q=no-such-project-anywhere")
    b"".join(warm.streaming_content)
    baseline_rss, baseline_peak = _current_rss_mb(), _peak_rss_mb()

    queries = 0

    def count(execute, sql, params, many, context):
        nonlocal queries
        queries += 1
        return execute(sql, params, many, context)

    size = lines = 0
    with connection.execute_wrapper(count):
        started = time.perf_counter()
        response = client.get("/projects/export.csv")
        if response.status_code != 200:
            raise RuntimeError(f"export answered {response.status_code}")
        for chunk in response.streaming_content:
            size += len(chunk)
            lines += chunk.count(b"\n")
        seconds = time.perf_counter() - started
    return {
        "seconds": round(seconds, 2),
        "bytes": size,
        "rows": lines - 1,  # less the header; no field of the export holds a line break
        "queries": queries,
        "rss_before_mb": round(baseline_rss, 1),
        "peak_before_mb": round(baseline_peak, 1),
        "peak_rss_mb": round(_peak_rss_mb(), 1),
    }


def main(argv: list[str]) -> int:
    import django

    django.setup()
    with open(argv[1], "w") as out:
        json.dump(measure_export(), out, indent=1)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
