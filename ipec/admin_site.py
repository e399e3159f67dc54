"""The admin site, open to HQ staff only (the policy decides, not Django's is_staff alone)."""

from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest

from accounts import policy


class IPECAdminSite(admin.AdminSite):
    site_header = "IPEC Portfolio administration"
    site_title = "IPEC Portfolio"
    index_title = "Portfolio, partners and evaluations"

    def has_permission(self, request: HttpRequest) -> bool:
        return policy.may_use_admin(request.user)
