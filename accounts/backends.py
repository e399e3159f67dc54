"""Authentication backend in which the role decides: HQ staff hold every model permission."""

from __future__ import annotations

from django.contrib.auth.backends import ModelBackend

from accounts import policy


class RoleBackend(ModelBackend):
    def has_perm(self, user_obj, perm, obj=None) -> bool:
        return policy.is_hq(user_obj) or super().has_perm(user_obj, perm, obj)

    def has_module_perms(self, user_obj, app_label) -> bool:
        return policy.is_hq(user_obj) or super().has_module_perms(user_obj, app_label)
