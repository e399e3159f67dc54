"""The filters' reference lists kept in memory (ipec.reference_lists): read once, then renewed when a row changes,
in this process at once and in the others through the shared cache's version; and never older than MAX_AGE."""

from __future__ import annotations

import pytest
from django.core.cache import cache

from countries.models import Region
from ipec import reference_lists
from partners.models import Donor, Partner, PartnerType
from partners.services import donor_create, partner_create
from projects.models import Sector
from tests.portfolio.conftest import page_text

pytestmark = pytest.mark.django_db

URL = "/projects/"


def _options(client, name: str, query: str = "") -> dict[str, str]:
    """The <option>s of the filter `name` on the project list: value -> label."""
    import re

    page = client.get(f"{URL}?{query}").content.decode()
    select = re.search(rf'<select name="{name}".*?</select>', page, re.S).group(0)
    return dict(re.findall(r'<option value="([^"]*)"[^>]*>([^<]*)</option>', select))


def test_the_lists_are_read_by_the_first_request_only(client, viewer, portfolio, django_assert_num_queries):
    client.force_login(viewer)
    # session, user; regions, intervention types, worst forms, sectors, target groups, donors, countries;
    # the count, the page, its countries and funding
    with django_assert_num_queries(13):
        client.get(URL)
    with django_assert_num_queries(6):
        client.get(URL)


def test_a_new_donor_is_offered_at_once(client, viewer, portfolio):
    client.force_login(viewer)
    assert "ZZD" not in _options(client, "donor")
    partner = partner_create(name="Zed Foundation", type=PartnerType.objects.get(code="donor-agency"))
    donor_create(partner=partner, code="ZZD")
    assert _options(client, "donor")["ZZD"] == "ZZD – Zed Foundation"
    assert client.get(f"{URL}?donor=ZZD").context["errors"] == []


def test_a_renamed_partner_renames_its_donor_choice(client, viewer, portfolio):
    client.force_login(viewer)
    donor = Donor.objects.get(code="USA")
    assert _options(client, "donor")["USA"] == f"USA – {donor.partner.name}"
    partner = Partner.objects.get(pk=donor.partner_id)
    partner.name = "United States Department of Labor (renamed)"
    partner.save()
    assert _options(client, "donor")["USA"] == "USA – United States Department of Labor (renamed)"


def test_a_deleted_row_is_no_longer_a_choice(client, viewer, portfolio):
    client.force_login(viewer)
    sector = Sector.objects.create(code="zz-sector", name="Fishing at sea")
    assert _options(client, "sector")["zz-sector"] == "Fishing at sea"
    sector.delete()
    assert "zz-sector" not in _options(client, "sector")
    response = client.get(f"{URL}?sector=zz-sector")
    assert response.context["projects"] == [] and "Sector (?sector=)" in page_text(response)


def test_a_change_in_another_process_is_seen_through_the_shared_version(client, viewer, portfolio, monkeypatch):
    client.force_login(viewer)
    monkeypatch.setattr(reference_lists, "VERSION_CHECK_SECONDS", 0.0)
    assert _options(client, "region")["africa"] == "Africa"
    # Another process renames the region: this process gets no signal, only the shared cache's new version.
    Region.objects.filter(code="africa").update(name="Africa (all of it)")
    assert _options(client, "region")["africa"] == "Africa"  # still the list in memory
    cache.set(reference_lists.VERSION_KEY, "another process's change")
    assert _options(client, "region")["africa"] == "Africa (all of it)"


def test_the_version_is_read_at_most_once_a_check_interval(client, viewer, portfolio, monkeypatch):
    client.force_login(viewer)
    monkeypatch.setattr(reference_lists, "VERSION_CHECK_SECONDS", 3600.0)
    _options(client, "region")
    Region.objects.filter(code="africa").update(name="Africa (renamed)")
    cache.set(reference_lists.VERSION_KEY, "a change not yet looked for")
    assert _options(client, "region")["africa"] == "Africa"


def test_a_change_without_a_signal_is_seen_after_max_age(client, viewer, portfolio, monkeypatch):
    client.force_login(viewer)
    _options(client, "region")
    Region.objects.filter(code="africa").update(name="Africa (updated in bulk)")
    assert _options(client, "region")["africa"] == "Africa"
    monkeypatch.setattr(reference_lists, "MAX_AGE_SECONDS", 0.0)
    assert _options(client, "region")["africa"] == "Africa (updated in bulk)"


def test_a_change_bumps_the_shared_version_again_on_commit(portfolio, django_capture_on_commit_callbacks):
    cache.delete(reference_lists.VERSION_KEY)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        Sector.objects.create(code="zz-other", name="Other sector")
    first = cache.get(reference_lists.VERSION_KEY)
    assert first is not None and len(callbacks) >= 1
    for callback in callbacks:
        callback()
    assert cache.get(reference_lists.VERSION_KEY) != first


def test_lists_are_shared_not_copied_by_each_filter_set(rf, viewer):
    from projects.filters import ProjectFilter

    first, second = ProjectFilter({}), ProjectFilter({})
    assert first.form.fields["region"].reference is second.form.fields["region"].reference
