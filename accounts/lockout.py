"""Lock a user name out after repeated failed logins.

Failures are counted in the cache (Redis in production, so every web process sees the
same count) per user name, whether or not such a user exists, so the answer never tells
an attacker which names are real. A success clears the count.
"""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.core.cache import cache


def _key(username: str) -> str:
    digest = hashlib.sha256(username.strip().lower().encode()).hexdigest()
    return f"login-failures:{digest}"


def is_locked(username: str) -> bool:
    return cache.get(_key(username), 0) >= settings.LOGIN_FAILURE_LIMIT


def record_failure(username: str) -> int:
    key = _key(username)
    # add() sets the expiry only on the first failure: the lock lasts a fixed time from it.
    cache.add(key, 0, timeout=settings.LOGIN_LOCKOUT_SECONDS)
    try:
        return cache.incr(key)
    except ValueError:  # expired between add() and incr()
        cache.set(key, 1, timeout=settings.LOGIN_LOCKOUT_SECONDS)
        return 1


def clear(username: str) -> None:
    cache.delete(_key(username))
