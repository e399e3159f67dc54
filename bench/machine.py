"""What the figures were measured on: processor, memory, PostgreSQL and Redis versions, date and commit."""

from __future__ import annotations

import datetime
import os
import platform
import subprocess
import sys

from bench.config import ROOT


def _cpuinfo() -> tuple[str, int]:
    model, count = "unknown", 0
    try:
        with open("/proc/cpuinfo") as info:
            for line in info:
                if line.startswith("model name") and model == "unknown":
                    model = line.split(":", 1)[1].strip()
                if line.startswith("processor"):
                    count += 1
    except OSError:
        pass
    return model, count or (os.cpu_count() or 0)


def _memory_gib() -> float | None:
    try:
        with open("/proc/meminfo") as info:
            for line in info:
                if line.startswith("MemTotal:"):
                    return round(int(line.split()[1]) / 1024 / 1024, 1)
    except OSError:
        pass
    return None


def _git(*args: str) -> str:
    try:
        return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True, timeout=10).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return ""


def _postgres_version(url: str) -> str:
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        return conn.execute("SELECT version()").fetchone()[0]


def _redis_version(url: str) -> str:
    import redis

    return redis.Redis.from_url(url, socket_connect_timeout=2).info("server").get("redis_version", "")


def describe(maintenance_url: str, redis_url: str) -> dict:
    from importlib import metadata

    model, cores = _cpuinfo()
    return {
        "date": datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "git_commit": _git("rev-parse", "HEAD"),
        "git_uncommitted_changes": bool(_git("status", "--porcelain", "--untracked-files=no")),
        "cpu": model,
        "cores": cores,
        "memory_gib": _memory_gib(),
        "load_average_at_start": [round(x, 2) for x in os.getloadavg()],
        "kernel": platform.release(),
        "python": sys.version.split()[0],
        "django": metadata.version("Django"),
        "postgresql": _postgres_version(maintenance_url),
        "redis": _redis_version(redis_url),
    }
