"""The Celery application: configured from Django settings (the CELERY_* names)."""

from __future__ import annotations

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ipec.settings.base")

app = Celery("ipec")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@app.task(name="ipec.ping", ignore_result=False)
def ping() -> str:
    """A task that proves a worker is alive and answering on the broker."""
    return "pong"
