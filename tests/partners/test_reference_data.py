"""The partner types loaded by migration."""

from __future__ import annotations

import pytest

from partners.models import TRIPARTITE_CONSTITUENTS, PartnerType

pytestmark = pytest.mark.django_db


def test_all_fourteen_partner_types_in_order():
    assert list(PartnerType.objects.values_list("name", flat=True)) == [
        "Government ministry or agency",
        "Employers' organisation",
        "Workers' organisation",
        "International or UN agency",
        "Donor agency",
        "Private business",
        "Non-governmental organisation",
        "Community-based organisation",
        "Media",
        "Parliament",
        "Judiciary",
        "University or research institution",
        "Religious group",
        "Other",
    ]


def test_the_tripartite_constituents_are_partner_types():
    assert set(TRIPARTITE_CONSTITUENTS) <= set(PartnerType.objects.values_list("code", flat=True))
    assert set(TRIPARTITE_CONSTITUENTS) == {"government", "employers", "workers"}
