"""The cache on Redis, degrading to "nothing is cached" while Redis is unreachable.

Nothing the site keeps in its cache is the only copy of anything: the dashboard's figures are
read again from the database, and the login lockout's count of failures starts again. So when
Redis is down (or slow past its timeouts) a page is served without the cache rather than
answering 500 — and every write that clears the dashboard's cache still commits. Each miss of
Redis is logged; /healthz reports it.

While Redis is away the lockout cannot count failed logins: logins are checked by password
alone until it is back. The alternative — refusing every login — would lock everyone out.
"""

from __future__ import annotations

import logging

import redis
from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache

logger = logging.getLogger(__name__)

# Seconds to wait for Redis before doing without it: a frozen Redis must not hang the page.
TIMEOUT_SECONDS = 1.0


def _unavailable(operation: str, error: Exception) -> None:
    logger.warning("Cache unavailable (%s: %s); serving without it.", operation, error)


class DegradingRedisCache(RedisCache):
    """Django's Redis cache whose reads miss and whose writes are skipped while Redis cannot be reached."""

    def __init__(self, server, params) -> None:
        options = params.setdefault("OPTIONS", {})
        options.setdefault("socket_connect_timeout", TIMEOUT_SECONDS)
        options.setdefault("socket_timeout", TIMEOUT_SECONDS)
        super().__init__(server, params)

    def get(self, key, default=None, version=None):
        try:
            return super().get(key, default, version)
        except redis.RedisError as error:
            _unavailable("get", error)
            return default

    def get_many(self, keys, version=None):
        try:
            return super().get_many(keys, version)
        except redis.RedisError as error:
            _unavailable("get_many", error)
            return {}

    def has_key(self, key, version=None):
        try:
            return super().has_key(key, version)
        except redis.RedisError as error:
            _unavailable("has_key", error)
            return False

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        try:
            return super().add(key, value, timeout, version)
        except redis.RedisError as error:
            _unavailable("add", error)
            return False

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        try:
            super().set(key, value, timeout, version)
        except redis.RedisError as error:
            _unavailable("set", error)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        try:
            return super().set_many(data, timeout, version)
        except redis.RedisError as error:
            _unavailable("set_many", error)
            return list(data)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        try:
            return super().touch(key, timeout, version)
        except redis.RedisError as error:
            _unavailable("touch", error)
            return False

    def delete(self, key, version=None):
        try:
            return super().delete(key, version)
        except redis.RedisError as error:
            _unavailable("delete", error)
            return False

    def delete_many(self, keys, version=None):
        try:
            super().delete_many(keys, version)
        except redis.RedisError as error:
            _unavailable("delete_many", error)

    def incr(self, key, delta=1, version=None):
        try:
            return super().incr(key, delta, version)
        except redis.RedisError as error:
            _unavailable("incr", error)
            # What a cache says of a key it does not hold: the caller starts the count again.
            raise ValueError(f"Key '{key}' not found: the cache is unavailable.") from error

    def clear(self):
        try:
            return super().clear()
        except redis.RedisError as error:
            _unavailable("clear", error)
            return False
