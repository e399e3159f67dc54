"""The Celery application: configured from Django settings (the CELERY_* names)."""

from __future__ import annotations

import logging
import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ipec.settings.base")

logger = logging.getLogger(__name__)

app = Celery("ipec")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@app.task(name="ipec.ping", ignore_result=False)
def ping() -> str:
    """A task that proves a worker is alive and answering on the broker."""
    return "pong"


class SafeTask(app.Task):
    """A task whose enqueueing never breaks the user's request when the broker is down."""

    abstract = True

    def delay_safely(self, *args, **kwargs) -> bool:
        try:
            self.delay(*args, **kwargs)
        except Exception:  # kombu raises several kinds when Redis is unreachable
            logger.exception("Could not queue %s%r; the periodic sweep will catch up.", self.name, args)
            return False
        return True
