"""The partners' reference lists kept in memory (ipec.reference_lists): the donors, for filters and list rows."""

from __future__ import annotations

from ipec.reference_lists import ReferenceList, reference_list
from partners.models import Donor, Partner


def donor_list() -> ReferenceList:
    """Every donor with its partner, by code; a change to a donor or to any partner (a donor's name) renews it."""
    return reference_list(Donor, load=lambda: Donor.objects.select_related("partner"), related=(Partner,))
