"""The response headers Django's SecurityMiddleware does not set: Content-Security-Policy and Permissions-Policy.

Both are read from settings (CONTENT_SECURITY_POLICY and PERMISSIONS_POLICY, dicts of directive →
value) and put on every response: pages, the admin, error pages, file downloads and static files.
A view that needs another policy sets the header itself; it is then left alone.

The policy allows no inline script or style, so templates and the HTML our Python writes (charts,
the world map) carry neither `<script>` bodies, `style="…"` attributes nor `on…=` handlers: styling
lives in static CSS, SVG colours in presentation attributes (`fill="…"`), behaviour in static JS.
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse


def header_value(directives: dict[str, str]) -> str:
    """`{"default-src": "'self'", "object-src": "'none'"}` → `default-src 'self'; object-src 'none'`."""
    return "; ".join(f"{name} {value}".strip() for name, value in directives.items())


def permissions_value(features: dict[str, str]) -> str:
    """`{"camera": "()", "microphone": "()"}` → `camera=(), microphone=()`."""
    return ", ".join(f"{feature}={allowlist}" for feature, allowlist in features.items())


class SecurityHeadersMiddleware:
    """Adds the CSP and Permissions-Policy headers; first in MIDDLEWARE so that it sees every response."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.csp = header_value(settings.CONTENT_SECURITY_POLICY)
        self.permissions = permissions_value(settings.PERMISSIONS_POLICY)

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        # With DEBUG, Django's technical error pages style and script themselves inline; they stay
        # readable for the developer. Production never has DEBUG (production.py sets it off).
        if not (settings.DEBUG and response.status_code >= 400):
            response.headers.setdefault("Content-Security-Policy", self.csp)
        response.headers.setdefault("Permissions-Policy", self.permissions)
        return response
