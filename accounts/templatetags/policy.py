"""`{% load policy %}`: templates ask accounts.policy, never a role.

{% may "review_progress_report" as can_review %}
{% may "update_project_status" project as can_update %}
"""

from __future__ import annotations

from django import template

from accounts import policy

register = template.Library()


@register.simple_tag(takes_context=True)
def may(context: template.Context, action: str, obj: object = None) -> bool:
    """The answer of `accounts.policy.may_<action>(user, obj)` for the user of the request."""
    predicate = getattr(policy, f"may_{action}", None)
    if predicate is None:
        raise template.TemplateSyntaxError(f"accounts.policy has no predicate may_{action}.")
    user = context.get("user")
    return predicate(user) if obj is None else predicate(user, obj)
