"""Reading locust's statistics file."""

from __future__ import annotations

from bench.loadtest import parse_locust_failures, parse_locust_stats, server_env

HEADER = (
    "Type,Name,Request Count,Failure Count,Median Response Time,Average Response Time,Min Response Time,"
    "Max Response Time,Average Content Size,Requests/s,Failures/s,50%,66%,75%,80%,90%,95%,98%,99%,99.9%,99.99%,100%"
)


def test_aggregated_and_per_request_figures(tmp_path):
    path = tmp_path / "run_stats.csv"
    path.write_text(
        "\n".join(
            [
                HEADER,
                "GET,project page,300,2,40,45.5,10,400,9000,10.04,0.07,40,45,50,55,70,90,120,150,390,400,400",
                "GET,dashboard,0,0,0,0,0,0,0,0,0,N/A,N/A,N/A,N/A,N/A,N/A,N/A,N/A,N/A,N/A,N/A",
                ",Aggregated,300,2,40,45.5,10,400,9000,10.04,0.07,40,45,50,55,70,90,120,150,390,400,400",
            ]
        )
    )
    stats = parse_locust_stats(path)
    assert stats["requests"] == 300
    assert stats["failures"] == 2
    assert stats["rps"] == 10.0
    assert (stats["p50_ms"], stats["p95_ms"], stats["p99_ms"]) == (40.0, 90.0, 150.0)
    assert stats["by_request"]["dashboard"]["p95_ms"] is None
    assert stats["by_request"]["project page"]["failures"] == 2


def test_server_runs_production_settings_on_loopback_without_ssl_redirect():
    env = server_env({"DATABASE_URL": "postgres://x/ipec_bench_1000"}, 5555)
    assert env["DJANGO_SETTINGS_MODULE"] == "ipec.settings.production"
    assert env["GUNICORN_BIND"] == "127.0.0.1:5555"
    assert env["SECURE_SSL_REDIRECT"] == "false"
    assert env["DATABASE_URL"] == "postgres://x/ipec_bench_1000"


def test_most_frequent_errors_first(tmp_path):
    path = tmp_path / "run_failures.csv"
    path.write_text(
        "Method,Name,Error,Occurrences\n"
        "GET,list: search,CatchResponseError('500 for /projects/?q=x'),12\n"
        "GET,project page,ConnectionTimeout(),3\n"
    )
    errors = parse_locust_failures(path, keep=1)
    assert errors == [
        {"name": "list: search", "error": "CatchResponseError('500 for /projects/?q=x')", "occurrences": 12}
    ]
