"""Static files as production serves them: hashed names, compressed copies, cached for a year.

CTAs open the site on slow links: every page's CSS and JavaScript must come compressed and,
once fetched, never be asked for again until it changes. Production stores static files with
WhiteNoise's CompressedManifestStaticFilesStorage (ipec/settings/production.py); these tests run
`collectstatic` with that storage into a temporary folder and fetch the files through the
middleware stack as a browser would.
"""

from __future__ import annotations

import gzip
import re

import pytest
from django.core.management import call_command
from django.test import Client

from tests.ipec.processes import production_env, run

COMPRESSED = "whitenoise.storage.CompressedManifestStaticFilesStorage"
PAGES_WITH_ASSETS = ["/", "/projects/"]
# The whole first visit to the dashboard (page, stylesheet, scripts), compressed, stays below this.
FIRST_VISIT_BUDGET_BYTES = 50_000


@pytest.fixture
def collected(settings, tmp_path):
    settings.STATIC_ROOT = tmp_path / "static"
    settings.STORAGES = {**settings.STORAGES, "staticfiles": {"BACKEND": COMPRESSED}}
    settings.DEBUG = False
    call_command("collectstatic", "--no-input", verbosity=0)
    return settings.STATIC_ROOT


def asset_urls(html: str) -> list[str]:
    return re.findall(r'(?:href|src)="(/static/[^"]+\.(?:css|js))"', html)


def test_production_stores_static_files_compressed():
    shell = "from django.conf import settings; print(settings.STORAGES['staticfiles']['BACKEND'])"
    result = run("shell", "-c", shell, **production_env())
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == COMPRESSED


@pytest.mark.django_db
def test_collectstatic_writes_hashed_and_compressed_copies(collected):
    css = [p for p in (collected / "css").iterdir() if re.fullmatch(r"site\.[0-9a-f]{12}\.css", p.name)]
    assert len(css) == 1, sorted(p.name for p in (collected / "css").iterdir())
    original = css[0].read_bytes()
    compressed = css[0].with_name(css[0].name + ".gz").read_bytes()
    assert gzip.decompress(compressed) == original
    assert len(compressed) < len(original) / 2
    assert css[0].with_name(css[0].name + ".br").exists()


@pytest.mark.django_db
@pytest.mark.parametrize("path", PAGES_WITH_ASSETS)
def test_pages_link_hashed_assets_that_are_served_compressed_and_immutable(collected, hq_user, path):
    client = Client()  # a new client loads the middleware, so WhiteNoise sees the collected files
    client.force_login(hq_user)
    page = client.get(path)
    assert page.status_code == 200
    urls = asset_urls(page.content.decode())
    assert urls, "the page links no stylesheet or script"
    for url in urls:
        assert re.search(r"\.[0-9a-f]{12}\.(css|js)$", url), f"{url} has no content hash"
        response = client.get(url, HTTP_ACCEPT_ENCODING="gzip")
        assert response.status_code == 200, url
        assert response["Content-Encoding"] == "gzip", url
        cache = response["Cache-Control"]
        assert "immutable" in cache and "max-age=315360000" in cache, (url, cache)


@pytest.mark.django_db
def test_a_first_visit_to_the_dashboard_is_small(collected, hq_user, portfolio_for_size):
    client = Client()
    client.force_login(hq_user)
    page = client.get("/")
    total = len(gzip.compress(page.content))
    for url in asset_urls(page.content.decode()):
        response = client.get(url, HTTP_ACCEPT_ENCODING="gzip")
        total += len(b"".join(response.streaming_content))
    assert total < FIRST_VISIT_BUDGET_BYTES, f"{total} bytes compressed"


@pytest.fixture
def portfolio_for_size(db):
    """A few projects, so that the dashboard's charts and map have something to draw."""
    from tests.factories import make_project
    from tests.ipec.invariants import country

    for iso in ("IND", "BRA", "KEN", "PER"):
        make_project(countries=[country(iso)])
