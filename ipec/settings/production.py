"""Production settings: the base settings plus HTTPS hardening.

Refuses to start without a real SECRET_KEY, a PostgreSQL DATABASE_URL, REDIS_URL and
ALLOWED_HOSTS, so a half-configured deployment fails at once with a clear message.
"""

from __future__ import annotations

from django.core.exceptions import ImproperlyConfigured

from ipec.env import env_bool, env_int, env_list, env_str
from ipec.settings.base import *  # noqa: F403
from ipec.settings.base import DATABASES, SECRET_KEY

for _name in ("SECRET_KEY", "DATABASE_URL", "REDIS_URL"):
    if not env_str(_name):
        raise ImproperlyConfigured(f"{_name} must be set under production settings.")
if not env_list("ALLOWED_HOSTS"):  # "," alone is no host at all: every request would get a 400
    raise ImproperlyConfigured("ALLOWED_HOSTS must be set under production settings.")
if SECRET_KEY.startswith(("django-insecure", "change-me")) or len(SECRET_KEY) < 50 or len(set(SECRET_KEY)) < 5:
    raise ImproperlyConfigured("SECRET_KEY must be a random string of at least 50 characters.")
if DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
    raise ImproperlyConfigured("DATABASE_URL must point to PostgreSQL under production settings.")

DEBUG = False
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# Behind a TLS-terminating proxy that sets X-Forwarded-Proto.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31_536_000, minimum=0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
# Cookies only over HTTPS; CSP, COOP, nosniff, Referrer-Policy, X-Frame-Options and HttpOnly/SameSite
# cookies come from the base settings.
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
