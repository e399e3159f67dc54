"""The project classifications loaded by migration: IPEC's intervention types, worst forms, sectors, target groups."""

from __future__ import annotations

import pytest

from projects.models import InterventionType, Sector, TargetGroup, WorstForm

pytestmark = pytest.mark.django_db


def names(model) -> list[str]:
    return list(model.objects.values_list("name", flat=True))


def test_the_five_intervention_types_in_order():
    assert names(InterventionType) == [
        "Direct Action",
        "Legislation & Policy Development (including statistical surveys, rapid assessments, baselines)",
        "Advocacy & Awareness Raising",
        "Institutional Development",
        "Social Services, Livelihood Schemes and Poverty Alleviation",
    ]


def test_worst_forms_cover_c182_article_3_and_adult_forced_labour():
    articles = {}
    for form in WorstForm.objects.all():
        articles.setdefault(form.article, set()).add(form.code)
    assert articles == {
        "C182 Art. 3(a)": {"trafficking", "debt-bondage", "forced-labour-children", "armed-conflict"},
        "C182 Art. 3(b)": {"commercial-sexual-exploitation"},
        "C182 Art. 3(c)": {"illicit-activities"},
        "C182 Art. 3(d)": {"hazardous-work"},
        "C29 / P29": {"adult-forced-labour"},
    }
    assert WorstForm.objects.get(code="hazardous-work").name == "Hazardous work"
    assert WorstForm.objects.get(code="adult-forced-labour").name == "Forced labour of adults"
    assert "drug" in WorstForm.objects.get(code="illicit-activities").name


def test_sectors_include_those_named_in_the_design():
    assert {
        "agriculture", "domestic-work", "mining-quarrying", "fishing", "manufacturing", "construction",
        "street-work", "scavenging", "portering", "services",
    } <= set(Sector.objects.values_list("code", flat=True))  # fmt: skip
    assert Sector.objects.get(code="domestic-work").name == "Domestic work"


def test_the_five_target_groups():
    assert names(TargetGroup) == [
        "Very young children (under 12)",
        "Girls",
        "Children in hidden work",
        "Children with special needs",
        "Families of working children",
    ]


@pytest.mark.parametrize("model", [InterventionType, WorstForm, Sector, TargetGroup])
def test_reference_codes_are_slugs_and_orders_distinct(model):
    rows = list(model.objects.values_list("code", "sort_order"))
    assert rows
    assert all(code == code.lower() and " " not in code for code, _ in rows)
    assert len({order for _, order in rows}) == len(rows)
