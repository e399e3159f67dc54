"""Twenty simultaneous writes to one evaluation: its texts, a first finding, a management response, a report.

Each time exactly one is saved and the others are shown the conflict (or, for the report, get
the one job already asked for); one row, one history record, one report version.
"""

from __future__ import annotations

import kombu.pools
import pytest

from evaluations.forms import stamp
from evaluations.models import Evaluation, EvaluationReport, Finding, Recommendation, ReportState
from evaluations.services import recommendation_add
from tests.concurrency.conftest import one_winner, people, send_all
from tests.factories import make_evaluation

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def evaluation(transactional_db, evaluator, hq_user) -> Evaluation:
    return make_evaluation(evaluators=[evaluator], evaluation_manager=hq_user, language="fr")


def test_twenty_edits_of_the_same_evaluation_texts_one_wins(live_server, evaluation, evaluator):
    before = Evaluation.objects.get(pk=evaluation.pk)
    history_before = before.history.count()
    path = f"/evaluations/{evaluation.pk}/texts/"
    browsers = people(live_server, evaluator, path)
    forms = [
        {"version": str(before.version), "executive_summary": f"Summary by attempt {number}.", "purpose": "",
         "scope_text": "", "methodology": "", "conclusions": f"Conclusions of attempt {number}.", "annexes": ""}
        for number in range(len(browsers))
    ]  # fmt: skip

    answers = send_all(browsers, path, forms)

    winner, _losers = one_winner(answers, "Someone else saved this evaluation while you were editing it")
    number = answers.index(winner)
    after = Evaluation.objects.get(pk=evaluation.pk)
    # Both texts are the winner's: no edit is half applied.
    assert (after.executive_summary, after.conclusions) == (f"Summary by attempt {number}.", f"Conclusions of attempt {number}.")  # fmt: skip
    assert after.version == before.version + 1 and after.history.count() == history_before + 1


def test_twenty_first_findings_on_one_criterion_make_one_finding(live_server, evaluation, evaluator):
    path = f"/evaluations/{evaluation.pk}/findings/relevance/"
    browsers = people(live_server, evaluator, path)
    forms = [{"based_on": "", "rating": "5", "text": f"Findings of attempt {number}."} for number in range(len(browsers))]  # fmt: skip

    answers = send_all(browsers, path, forms)

    winner, _losers = one_winner(answers, "Someone else saved the findings on relevance while you were editing.")
    finding = Finding.objects.get(evaluation=evaluation, criterion="relevance")
    assert finding.text == f"Findings of attempt {answers.index(winner)}." and finding.rating == 5
    assert Finding.objects.filter(evaluation=evaluation).count() == 1


def test_twenty_management_responses_to_one_recommendation_one_wins(live_server, evaluation, hq_user):
    recommendation = recommendation_add(
        evaluation=evaluation, text="Strengthen labour inspection.", addressee="Ministry of Labour",
        priority="high", timeframe="6 months",
    )  # fmt: skip
    path = f"/evaluations/{evaluation.pk}/recommendations/{recommendation.number}/response/"
    browsers = people(live_server, hq_user, path)
    responses = ["accepted", "partially", "rejected"]
    forms = [
        {"based_on": stamp(recommendation), "management_response": responses[number % 3],
         "response_comment": f"Response {number}.", "follow_up": "in_progress"}
        for number in range(len(browsers))
    ]  # fmt: skip

    answers = send_all(browsers, path, forms)

    winner, _losers = one_winner(answers, "Someone else saved recommendation 1 while you were editing.")
    number = answers.index(winner)
    saved = Recommendation.objects.get(pk=recommendation.pk)
    assert (saved.management_response, saved.response_comment) == (responses[number % 3], f"Response {number}.")
    assert Recommendation.objects.filter(evaluation=evaluation).count() == 1


@pytest.fixture
def broker_in_memory():
    """Messages stay in an in-memory queue: no render runs, so every request sees the job not yet started."""
    from ipec.celery import app

    saved = (app.conf.broker_url, app.conf.task_always_eager)

    def use(url: str, eager: bool) -> None:
        app.conf.broker_url, app.conf.task_always_eager = url, eager
        kombu.pools.reset()
        app._pool = None
        app.amqp._producer_pool = None

    use("memory://", False)
    yield
    use(*saved)


def test_twenty_requests_for_a_report_make_one_job(live_server, evaluation, hq_user, broker_in_memory):
    path = f"/evaluations/{evaluation.pk}/report/"
    browsers = people(live_server, hq_user, path)

    answers = send_all(browsers, path, {})

    # Everyone is told the report is on its way: it is the same one, version 1.
    assert [a.status for a in answers] == [302] * len(answers), [a.status for a in answers]
    jobs = list(EvaluationReport.objects.filter(evaluation=evaluation).values_list("version", "state"))
    assert jobs == [(1, ReportState.QUEUED)], jobs
    for browser in browsers[:3]:
        assert "Report version 1 is on its way" in browser.request(path).body
