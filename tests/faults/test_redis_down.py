"""Redis stops while people use the site: their requests succeed, report jobs wait, and run when it returns.

Redis is the Celery broker and the cache. A private Redis is stopped for real (the port then
refuses connections) while HQ asks for reports, logs in, edits a project and reads the
dashboard; a real Celery worker is running throughout. When Redis is started again the worker
reconnects by itself and the periodic sweep (what Celery beat sends every two minutes) sends the
waiting jobs: each renders once.
"""

from __future__ import annotations

import json
import time

import pytest
from django.test import Client

from evaluations.models import EvaluationReport, ReportState
from evaluations.report_jobs import FINAL_STATES
from tests.factories import PASSWORD, UserFactory, make_evaluation
from tests.faults.conftest import CACHE_BACKEND, stored_files
from tests.faults.servers import wait_until
from tests.ipec.processes import run

pytestmark = pytest.mark.faults

# A request may be slower while Redis is away (each send to it is tried, and fails), never much slower.
SLOWEST_ANSWER = 5.0


def timed(call, *args, **kwargs):
    started = time.monotonic()
    response = call(*args, **kwargs)
    seconds = time.monotonic() - started
    assert seconds < SLOWEST_ANSWER, f"{args[0]} took {seconds:.1f} s"
    return response


# serialized_rollback: a transactional test before this one may have flushed the reference data.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_reports_asked_for_while_redis_is_down_are_made_when_it_returns(
    app_on_private_redis, workers, media_root, hq_user
):
    from evaluations.tasks import sweep_reports

    redis = app_on_private_redis
    worker = workers(redis_url=redis.url, media_root=media_root)
    evaluations = [make_evaluation(language=language) for language in ("en", "fr")]
    hq = Client()
    hq.force_login(hq_user)
    wait_until(lambda: "ready." in worker.log(), timeout=60, what="the worker ready")

    redis.stop()

    for evaluation in evaluations:
        page = f"/evaluations/{evaluation.pk}/report/"
        assert timed(hq.post, page).status_code == 302
        assert timed(hq.post, page).status_code == 302  # asked twice: still one job
        assert "Waiting for the queue" in timed(hq.get, page).content.decode()
        status = json.loads(timed(hq.get, f"{page}status.json").content)
        assert (status["state"], status["version"], status["final"]) == ("waiting", 1, False)
    assert list(EvaluationReport.objects.values_list("state", flat=True)) == ["waiting", "waiting"]

    # The rest of the site works without its cache: the dashboard, an edit (which clears the
    # dashboard's cache), a failed and a good login (counted in the cache for the lockout).
    assert timed(hq.get, "/").status_code == 200
    project = evaluations[0].projects.get()
    narrative = f"/projects/{project.slug}/narrative/"
    edited = timed(hq.post, narrative, {"version": project.version, "summary": "Edited while Redis was down."})
    assert edited.status_code == 302, edited.content.decode()[:2000]
    project.refresh_from_db()
    assert project.summary == "Edited while Redis was down."
    UserFactory(username="viewer-during-outage")
    visitor = Client()
    refused = timed(visitor.post, "/accounts/login/", {"username": "viewer-during-outage", "password": "wrong"})
    assert refused.status_code == 200 and refused.context["form"].errors
    assert timed(visitor.post, "/accounts/login/", {"username": "viewer-during-outage", "password": PASSWORD}).status_code == 302  # fmt: skip
    assert timed(visitor.get, "/projects/").status_code == 200
    # The health check says what is wrong.
    health = timed(hq.get, "/healthz")
    assert health.status_code == 503 and health.json()["checks"] == {"database": "ok", "redis": "down"}
    assert worker.alive(), worker.log()

    redis.start()
    # What Celery beat does every two minutes, sent now: the worker runs the sweep, which sends the jobs.
    wait_until(lambda: sweep_reports.delay_safely(), timeout=20, interval=0.5, what="the sweep sent")
    reports = EvaluationReport.objects.order_by("pk")
    wait_until(
        lambda: all(state in FINAL_STATES for state in reports.values_list("state", flat=True)),
        timeout=90,
        interval=0.25,
        what=lambda: "both reports rendered after Redis came back\n" + worker.log(),
    )
    assert [(r.evaluation_id, r.version, r.state) for r in reports] == [
        (evaluations[0].pk, 1, ReportState.READY),
        (evaluations[1].pk, 1, ReportState.READY),
    ], [r.error for r in reports]
    assert len(stored_files(media_root)) == 2 and all(r.file.size == r.size_bytes for r in reports)
    assert timed(hq.get, "/healthz").status_code == 200
    log = worker.log()
    assert "Connection to broker lost" in log, log  # it really lost Redis, and came back by itself


def test_the_cache_is_the_degrading_one_when_redis_is_configured():
    """The fixture above stands for the real configuration: check that it is the real one."""
    shown = run("shell", "-c", "from django.conf import settings; print(settings.CACHES['default'])",
                REDIS_URL="redis://127.0.0.1:6390/3")  # fmt: skip
    assert shown.returncode == 0, shown.stderr
    assert f"'BACKEND': '{CACHE_BACKEND}', 'LOCATION': 'redis://127.0.0.1:6390/3'" in shown.stdout
