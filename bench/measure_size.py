"""One size's page measurements, in a process of its own: `python -m bench.measure_size OUT.json`.

Started by bench.run with the environment of bench.config.django_env (the database of one size,
DEBUG off, the benchmark's Redis). It signs in as the demo HQ user (`hq`, who may see every page,
the admin included), chooses the objects (bench.pages), finds the deep page, measures every page
(bench.timing) and writes the figures, with the URLs the load test will use, as JSON.
"""

from __future__ import annotations

import json
import sys
import time


def measure_all(repetitions, *, deep_fraction: float, deep_cap: int | None, log=print) -> dict:
    from django.test import Client

    from accounts.models import User
    from bench import pages
    from bench.timing import measure

    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(User.objects.get(username="hq"))
    chosen = pages.choose_objects()
    started = time.monotonic()
    depth = pages.deep_page_depth(client, deep_fraction, deep_cap)
    deep = pages.find_deep_page(client, "/projects/", depth)
    deep["seconds_to_find"] = round(time.monotonic() - started, 1)
    log(f"    deep page: {deep['url']} ({deep['depth']} next links, {deep['how']})")
    results = []
    for page in pages.main_pages(chosen, deep["url"]):
        figures = measure(client, page, repetitions)
        log(
            f"    {page.name:<32} {figures['median_ms']:>9.1f} ms median {figures['p95_ms']:>9.1f} ms p95 "
            f"{figures['queries']:>4} queries  (n={figures['n']})"
        )
        results.append(figures)
    return {
        "objects": chosen.describe(),
        "deep_page": deep,
        "pages": results,
        "load_test_urls": pages.load_test_urls(chosen, deep["url"]),
    }


def main(argv: list[str]) -> int:
    import django

    django.setup()
    from bench.config import from_environment

    config = from_environment()
    result = measure_all(config.repetitions, deep_fraction=config.deep_page_fraction, deep_cap=config.max_deep_page)
    with open(argv[1], "w") as out:
        json.dump(result, out, indent=1)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
