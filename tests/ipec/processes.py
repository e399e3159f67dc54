"""Run `manage.py` as a separate process, as a deployment would, with a chosen environment."""

from __future__ import annotations

import os
import re
import secrets
import string
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def settings_variables() -> set[str]:
    """Every variable the settings read (found in their source, so a new one is never missed)."""
    source = "\n".join(path.read_text() for path in (ROOT / "ipec" / "settings").glob("*.py"))
    return set(re.findall(r"\benv_[a-z]+\(\s*\"([A-Z0-9_]+)\"", source)) | {"DJANGO_SETTINGS_MODULE"}


def run(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    names = settings_variables()
    clean = {k: v for k, v in os.environ.items() if k not in names}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=60,
    )


def random_key(length: int = 60) -> str:
    alphabet = string.ascii_letters + string.digits + "!@#%^&*(-_=+)"
    return "".join(secrets.choice(alphabet) for _ in range(length))


def production_env(**overrides: str) -> dict[str, str]:
    env = {
        "DJANGO_SETTINGS_MODULE": "ipec.settings.production",
        "SECRET_KEY": random_key(),
        "DATABASE_URL": "postgres://ipec:secret@db.example.org:5432/ipec",
        "REDIS_URL": "redis://cache.example.org:6379/0",
        "ALLOWED_HOSTS": "ipec.example.org",
    }
    env.update(overrides)
    return {k: v for k, v in env.items() if v is not None}
