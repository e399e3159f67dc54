"""The production settings, as the real process reads them, applied to the test process.

`manage.py shell` runs once under ipec.settings.production (as tests/ipec/test_settings.py runs
`check`) and prints every security setting it ends up with; the header tests then override the
test settings with exactly those values and send real requests through the whole middleware
stack. So a setting changed in production.py or base.py is what the tests see, with no copy of
it written here. STORAGES is left out: the manifest storage needs `collectstatic` first.
"""

from __future__ import annotations

import json

import pytest

from tests.ipec.processes import production_env, run

# The permission matrix's world (users of every role, projects, reports, evidence, evaluations), shared here.
from tests.permissions.conftest import world  # noqa: F401

HOST = "ipec.example.org"  # ALLOWED_HOSTS of production_env()

DUMP = (
    "import json; from django.conf import settings as s; "
    "names = [n for n in dir(s) if n.startswith(('SECURE_', 'SESSION_', 'CSRF_', 'X_FRAME', 'LANGUAGE_COOKIE_'))"
    " or n in ('CONTENT_SECURITY_POLICY', 'PERMISSIONS_POLICY', 'MIDDLEWARE', 'DEBUG', 'ALLOWED_HOSTS')]; "
    "print(json.dumps({n: getattr(s, n) for n in names}))"
)


@pytest.fixture(scope="session")
def production_security() -> dict:
    """The security settings of ipec.settings.production, read from a process started with them."""
    result = run("shell", "--no-imports", "-c", DUMP, **production_env())
    assert result.returncode == 0, result.stderr[-2000:]
    values = json.loads(result.stdout.strip().splitlines()[-1])
    values["SECURE_PROXY_SSL_HEADER"] = tuple(values["SECURE_PROXY_SSL_HEADER"])
    return values


@pytest.fixture
def production(settings, production_security) -> dict:
    """The test settings overridden with production's security settings; returns them."""
    for name, value in production_security.items():
        setattr(settings, name, value)
    return production_security
