"""What the renderer may load: the site's own static files, and nothing else."""

from __future__ import annotations

import http.server
import logging
import threading
from pathlib import Path

import pytest
from django.conf import settings

from evaluations.reports import STATIC_PREFIX, RefusedFetch, fetch_static, html_to_pdf, static_only_fetcher
from tests.evaluations_reports.conftest import pdf_text

REFUSED = [
    "http://127.0.0.1:1/x.png",
    "http://example.org/",
    "https://example.org/static/reports/report.css",
    "https://report.invalid.example.org/static/reports/report.css",
    "file:///etc/passwd",
    "FILE:///etc/passwd",
    "data:text/css,body{color:red}",
    "ftp://example.org/x.css",
    STATIC_PREFIX + "../../etc/passwd",
    STATIC_PREFIX + "reports/../../../etc/passwd",
    STATIC_PREFIX + "%2e%2e/%2e%2e/etc/passwd",
    STATIC_PREFIX + "reports/%2e%2e%2f%2e%2e%2fetc/passwd",
    STATIC_PREFIX + "/etc/passwd",
    STATIC_PREFIX + "..%5c..%5cetc%5cpasswd",
    STATIC_PREFIX + "reports/report.css?v=1",
    STATIC_PREFIX + "reports/report-status.js",  # not a stylesheet, image or font
    STATIC_PREFIX + "reports/missing.css",
    "https://report.invalid/media/evaluation-reports/1/v1-report.pdf",
    "https://report.invalid/etc/passwd",
]


@pytest.mark.parametrize("url", REFUSED)
def test_the_fetcher_refuses_everything_but_static_files(url):
    with pytest.raises(RefusedFetch):
        fetch_static(url)
    fetcher = static_only_fetcher()
    with pytest.raises(RefusedFetch):
        fetcher.fetch(url)
    assert fetcher.refused == [url]


def test_the_fetcher_serves_the_report_stylesheet_from_the_static_folder():
    body, content_type = fetch_static(STATIC_PREFIX + "reports/report.css")
    assert body == (Path(settings.BASE_DIR) / "static/reports/report.css").read_bytes()
    assert content_type == "text/css"
    response = static_only_fetcher().fetch(STATIC_PREFIX + "reports/report.css")
    assert response.content_type == "text/css" and response.read() == body


def test_the_weasyprint_fetcher_has_no_way_out():
    fetcher = static_only_fetcher()
    assert fetcher.handlers == [] and fetcher.handle_open == {}
    with pytest.raises(RefusedFetch):
        fetcher.open("file:///etc/passwd")  # urllib's entry point leads to the same check


class _Recorder(http.server.BaseHTTPRequestHandler):
    hits: list[str] = []

    def do_GET(self) -> None:
        self.hits.append(self.path)
        self.send_response(200)
        self.send_header("Content-Type", "text/css")
        self.end_headers()
        self.wfile.write(b"body { color: red }")

    def log_message(self, *args) -> None:
        pass


@pytest.fixture
def local_server():
    """A web server on a loopback port that records every request it gets."""
    _Recorder.hits = []
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Recorder)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}", _Recorder.hits
    server.shutdown()
    server.server_close()


def test_a_render_with_outside_references_completes_without_fetching_them(local_server, caplog, tmp_path):
    base, hits = local_server
    html = f"""<!doctype html><html><head>
      <link rel="stylesheet" href="{STATIC_PREFIX}reports/report.css">
      <link rel="stylesheet" href="{base}/style.css">
      <link rel="stylesheet" href="/static/../../etc/passwd">
      <link rel="stylesheet" href="file:///etc/passwd">
      <style>@import url("http://example.org/x.css"); body {{ background: url({base}/bg.png) }}
             h1 {{ background: url(file:///etc/passwd) }}</style>
    </head><body>
      <h1>Outside references</h1>
      <img src="http://127.0.0.1:1/x.png"><img src="{base}/x.png"><img src="http://example.org/">
      <img src="file:///etc/passwd"><img src="/static/../../etc/passwd"><img src="../../../../etc/passwd">
      <img src="data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg'/%3E">
      <svg width="10" height="10"><image href="file:///etc/passwd" width="10" height="10"/></svg>
    </body></html>"""
    fetcher = static_only_fetcher()
    with caplog.at_level(logging.WARNING):
        rendered = html_to_pdf(html, fetcher=fetcher)

    assert rendered.pdf.startswith(b"%PDF") and rendered.page_count == 1
    assert hits == [], "the renderer reached the network"
    assert f"{base}/style.css" in fetcher.requested and "file:///etc/passwd" in fetcher.requested
    assert "https://report.invalid/etc/passwd" in fetcher.requested  # /static/../../etc/passwd, resolved
    # Everything but the report's own stylesheet was refused.
    assert set(fetcher.requested) - set(fetcher.refused) == {STATIC_PREFIX + "reports/report.css"}
    assert "http://127.0.0.1:1/x.png" in fetcher.refused and "http://example.org/x.css" in fetcher.refused
    assert "root:" not in pdf_text(rendered.pdf, tmp_path)
