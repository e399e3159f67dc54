from __future__ import annotations

import pytest

FAST_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def fast_password_hashing(settings) -> None:
    """The demo sets four passwords; the production hasher would spend a quarter second on each."""
    settings.PASSWORD_HASHERS = FAST_HASHERS
