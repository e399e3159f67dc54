"""Every registered model's add and change pages render, so a bad field option fails here, not in front of HQ."""

from __future__ import annotations

import pytest
from django.contrib import admin
from django.urls import reverse

from tests.admin.test_changelists import CASES, Case


@pytest.mark.parametrize("case", CASES, ids=str)
def test_add_and_change_pages_render(client, hq_user, case: Case):
    client.force_login(hq_user)
    case.build(1)
    model = case.model
    name = f"admin:{model._meta.app_label}_{model._meta.model_name}"
    model_admin = admin.site._registry[model]
    obj = model.objects.order_by("-pk").first()

    add = client.get(reverse(f"{name}_add"))
    assert add.status_code == (200 if model_admin.has_add_permission(add.wsgi_request) else 403)
    assert client.get(reverse(f"{name}_change", args=[obj.pk])).status_code == 200
