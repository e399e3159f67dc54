"""What `make bench` reads from the environment."""

from __future__ import annotations

import pytest

from bench.config import DEFAULT_SERVER, from_environment, parse_sizes, server_url


def test_sizes_are_sorted_without_repeats():
    assert parse_sizes("10000, 1000,1_000") == (1000, 10000)


@pytest.mark.parametrize("text", ["", "ten", "1000,-5", "0"])
def test_bad_sizes_name_the_variable(text):
    with pytest.raises(ValueError, match="BENCH_SIZES"):
        parse_sizes(text)


def test_server_comes_from_a_postgres_database_url_without_its_name():
    assert server_url({"DATABASE_URL": "postgres://u:p@db:5433/ipec"}) == "postgres://u:p@db:5433"
    assert server_url({"BENCH_DATABASE_URL": "postgresql://x@h/y", "DATABASE_URL": "postgres://o@h/z"}) == (
        "postgresql://x@h"
    )
    assert server_url({"DATABASE_URL": "sqlite:///db.sqlite3"}) == DEFAULT_SERVER


def test_quick_mode_is_small_and_short():
    quick = from_environment({"BENCH_QUICK": "1"})
    full = from_environment({})
    assert quick.sizes == (1000,)
    assert full.sizes == (1000, 10000, 100000)
    assert quick.repetitions.runs < full.repetitions.runs
    assert quick.load_seconds < full.load_seconds
    assert full.database_url(1000).endswith("/ipec_bench_1000")
    assert full.redis_url.endswith("/3")
