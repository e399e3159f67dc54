"""The demo plan, without a database: deterministic, realistic, and consistent with the product's rules."""

from __future__ import annotations

import datetime
import re
from collections import Counter

import pytest

from countries.reference import CONVENTIONS, iso_countries
from evaluations.models import EVALUATION_STEPS
from ipec.demo import data
from ipec.demo.plan import PROJECT_STATUSES, Planner, _serial
from partners.reference import PARTNER_TYPES
from projects.models import PROJECT_CODE_PATTERN, STATUS_TRANSITIONS
from projects.reference import INTERVENTION_TYPES, SECTORS, TARGET_GROUPS, WORST_FORMS

# The reports are planned as at the day the demo is built; the tests of the plan fix that day.
BUILT_ON = datetime.date(2026, 11, 23)


@pytest.fixture(scope="module")
def bundles():
    planner = Planner(data.DEFAULT_PROJECTS, today=BUILT_ON)
    return planner, list(planner.iter_projects())


def fingerprint(n: int) -> list[tuple]:
    planner = Planner(n, today=BUILT_ON)
    rows = []
    for bundle in planner.iter_projects():
        p = bundle.project
        rows.append((p.code, p.title, p.status, p.budget, tuple(p.moves), tuple(p.targets), tuple(p.expenditures)))
        rows += [(r.period_start, r.status, r.narrative, tuple(r.figures), tuple(r.steps)) for r in p.reports]
        rows += [(e.title, e.status, tuple(e.steps), tuple(e.findings)) for e in bundle.evaluations]
    return rows + [(u.username, u.role) for u in planner.users] + [p.key for p in planner.partners]


def test_the_plan_is_the_same_on_every_run():
    assert fingerprint(data.DEFAULT_PROJECTS) == fingerprint(data.DEFAULT_PROJECTS)


def test_a_larger_plan_starts_with_the_same_projects():
    small, large = Planner(60), Planner(90)
    assert [b.project.code for b in small.iter_projects()] == [b.project.code for b in large.iter_projects()][:60]


def test_ipec_operates_in_at_least_88_countries_in_all_five_regions():
    assert len(data.COUNTRIES) >= 88
    assert set(data.REGION_OF.values()) == {"africa", "americas", "arab-states", "asia-pacific", "europe-central-asia"}


def test_the_plans_regions_agree_with_the_reference_data():
    region_by_iso3 = {iso3: region for _iso2, iso3, _name, region in iso_countries()}
    assert {iso3: region_by_iso3[iso3] for iso3 in data.REGION_OF} == data.REGION_OF


def test_india_signed_the_first_memorandum_of_understanding_in_1992():
    first = min(data.COUNTRIES.values(), key=lambda c: c.mou_signed_on)
    assert first.iso3 == "IND" and first.mou_signed_on.year == 1992
    assert all(c.mou_valid_until is None or c.mou_valid_until >= c.mou_signed_on for c in data.COUNTRIES.values())


def test_ratifications_are_plausible():
    adopted = {code: year for code, _name, year in CONVENTIONS}
    ratifications = [r for c in data.COUNTRIES.values() for r in c.ratifications]
    assert len({c.iso3 for c in data.COUNTRIES.values() if c.ratifications}) >= 80
    for r in ratifications:
        assert r.ratified_on.year >= adopted[r.convention]
        assert r.ratified_on <= data.REFERENCE_DATE
        assert (r.minimum_age in (14, 15, 16)) if r.convention == "C138" else r.minimum_age is None
    assert {r.minimum_age for r in ratifications if r.convention == "C138"} == {14, 15, 16}
    assert {r.convention for r in ratifications} == set(adopted)


def test_codes_are_valid_unique_and_say_scope_year_and_donor(bundles):
    _planner, plan = bundles
    donor_codes = {code for code, *_ in data.DONORS}
    codes = [b.project.code for b in plan]
    assert len(codes) == len(set(codes))
    for bundle in plan:
        p = bundle.project
        assert re.match(PROJECT_CODE_PATTERN, p.code), p.code
        scope, year, _serial_part, donor = p.code.split("/")
        assert year == f"{p.planned_start.year % 100:02d}"
        assert donor in donor_codes and donor == p.fundings[0][0]
        assert (
            scope == p.countries[0]
            if p.kind == "national"
            else scope in {"GLO", "INT", "RAF", "RLA", "RAS", "RAB", "RER"}
        )
        assert p.planned_start.year >= 1992 and p.planned_end >= p.planned_start
    assert {"GLO/13/22/USA", "INT/10/07/NET", "IND/05/50/USA"} <= set(codes)


def test_codes_stay_unique_in_a_large_portfolio():
    codes = [b.project.code for b in Planner(6000).iter_projects()]
    assert len(codes) == len(set(codes)) == 6000
    assert all(re.match(PROJECT_CODE_PATTERN, c) for c in codes)


def test_serials_never_repeat_within_a_scope_and_year():
    serials = [_serial(i) for i in range(99 + 36**3)]
    assert len(set(serials)) == len(serials)
    assert all(re.fullmatch(r"[A-Z0-9]{2,3}", s) for s in serials)
    assert serials[:2] == ["01", "02"] and serials[49] == "50"


def test_every_status_appears_and_every_history_is_legal_and_dated_in_order(bundles):
    _planner, plan = bundles
    assert Counter(b.project.status for b in plan).keys() == set(PROJECT_STATUSES)
    for bundle in plan:
        p = bundle.project
        status, last = "pipeline", p.created_on
        for to_status, effective_on, _note in p.moves:
            assert to_status in STATUS_TRANSITIONS[status], (p.code, p.moves)
            assert last <= effective_on <= data.REFERENCE_DATE, (p.code, p.moves)
            status, last = to_status, effective_on


def test_every_evaluation_status_appears_with_its_content(bundles):
    _planner, plan = bundles
    evaluations = [e for b in plan for e in b.evaluations]
    assert {e.status for e in evaluations} == set(EVALUATION_STEPS)
    assert {e.scope for e in evaluations} == {"project", "cluster", "thematic"}
    assert {e.language for e in evaluations} == {"en", "fr", "es"}
    for e in evaluations:
        assert [s for s, _d in e.steps] == EVALUATION_STEPS[: len(e.steps)]
        if e.status in ("draft_report", "final_report", "published"):
            assert {c for c, _t, r in e.findings if r} == {
                "relevance", "coherence", "effectiveness", "efficiency", "impact", "sustainability"
            }  # fmt: skip
            assert e.recommendations and e.lessons
        if e.status in ("final_report", "published"):
            assert all(r.management_response for r in e.recommendations)


def test_partners_of_every_type_and_the_largest_donor(bundles):
    planner, plan = bundles
    assert {p.type for p in planner.partners} == {code for code, _name in PARTNER_TYPES}
    budgets = Counter()
    for bundle in plan:
        for donor, amount in bundle.project.fundings:
            budgets[donor] += amount
    assert budgets.most_common(1)[0][0] == data.LARGEST_DONOR
    assert plan[0].project.code.endswith("/" + data.FOUNDING_DONOR)


def test_classifications_use_the_reference_codes(bundles):
    _planner, plan = bundles
    known = {
        "interventions": {c for c, _ in INTERVENTION_TYPES},
        "worst_forms": {c for c, *_ in WORST_FORMS},
        "sectors": {c for c, _ in SECTORS},
        "target_groups": {c for c, _ in TARGET_GROUPS},
    }
    for bundle in plan:
        for attribute, codes in known.items():
            assert set(getattr(bundle.project, attribute)) <= codes


def test_the_sign_in_accounts_and_their_work(bundles):
    planner, plan = bundles
    assert [(u.username, u.role) for u in planner.users if u.login] == [
        ("hq", "hq"), ("cta", "cta"), ("evaluator", "evaluator"), ("viewer", "viewer"),
    ]  # fmt: skip
    cta_projects = [b.project for b in plan if b.project.cta == "cta"]
    assert len(cta_projects) >= 3 and all(p.kind == "national" for p in cta_projects)
    assert any(p.status == "active" for p in cta_projects)
    evaluator_evaluations = [e for b in plan for e in b.evaluations if "evaluator" in e.evaluators]
    assert len(evaluator_evaluations) >= 3
    assert {"fieldwork", "published"} <= {e.status for e in evaluator_evaluations}


def test_one_national_steering_committee_lacks_a_constituent():
    planner = Planner(10)
    lacking = []
    for committee in planner.national_committees:
        types = {next(p.type for p in planner.partners if p.key == key) for key, _person, _role in committee.members}
        if not {"government", "employers", "workers"} <= types:
            lacking.append(committee.country)
    assert lacking == ["GAB"]


def test_only_the_reports_change_with_the_day_the_demo_is_built():
    def projects(today: datetime.date) -> list[tuple]:
        return [
            (b.project.code, b.project.status, tuple(b.project.moves)) for b in Planner(80, today=today).iter_projects()
        ]

    assert projects(data.REFERENCE_DATE) == projects(BUILT_ON)


@pytest.mark.parametrize("day", ["2025-12-31", "2026-06-30", "2026-11-23", "2027-06-30", "2028-06-30"])
def test_the_cta_has_a_report_in_every_state_whenever_the_demo_is_built(day):
    """Until the `cta` account's last project ends (2028): its reports cover every state of the workflow."""
    today = datetime.date.fromisoformat(day)
    states = set()
    for bundle in Planner(data.DEFAULT_PROJECTS, today=today).iter_projects():
        if bundle.project.cta == "cta":
            for r in bundle.project.reports:
                states.add(r.status if r.status != "draft" else "overdue" if r.due_on < today else "not yet due")
    assert states == {"not yet due", "overdue", "submitted", "returned", "resubmitted", "accepted"}


def test_reports_add_up_to_a_plausible_share_of_the_targets(bundles):
    planner, plan = bundles
    for bundle in plan:
        p = bundle.project
        targets = Counter()
        for measure, _sex, _band, value in p.targets:
            targets[measure] += value
        reported = Counter()
        for r in p.reports:
            assert r.due_on > r.period_end and all(c in p.countries for c, *_ in r.figures), p.code
            assert all(value > 0 for *_, value in r.figures), p.code
            for _country, measure, _sex, _band, value in r.figures:
                reported[measure] += value
        if not p.targets:
            assert not reported, p.code
        for measure, total in reported.items():
            assert total <= 1.1 * targets[measure], (p.code, measure)
        if p.status == "closed" and p.targets:
            assert reported["withdrawn"] >= 0.6 * targets["withdrawn"], p.code
        if p.status in ("completed", "closed", "cancelled"):
            assert {r.status for r in p.reports} <= {"accepted"}, p.code
        else:
            assert all(r.steps[-1][3].date() < planner.today for r in p.reports if r.steps), p.code
