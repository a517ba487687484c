"""What a plan's checks, traceability, charts and downloads, and the cohort dashboard show.

Who may open them (anonymous, outsiders, readers, admins): tests/security/test_html_matrix.py.
"""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from programs.models import Programme
from tests import factories
from tests.checks.builders import clean_plan

pytestmark = pytest.mark.django_db


def test_the_admin_sees_every_region_of_the_cohort(client, world):
    client.force_login(world.admin)
    response = client.get(reverse("checks:cohort_list"))
    assert response.status_code == 302
    response = client.get(response.url)
    assert response.status_code == 200
    assert "Kabupaten A" in response.text and "Kabupaten B" in response.text
    assert reverse("plan_detail", args=[world.plan_a.pk]) in response.text
    assert reverse("checks:plan_checks", args=[world.plan_a.pk]) in response.text


@pytest.mark.smoke
def test_the_cohort_dashboard_sorts_by_a_column(client, world):
    client.force_login(world.admin)
    url = reverse("checks:cohort_dashboard", args=[world.plan_a.cohort_id])

    ascending = client.get(url, {"sort": "region"}).text
    descending = client.get(url, {"sort": "region", "order": "desc"}).text

    assert ascending.index("Kabupaten A") < ascending.index("Kabupaten B")
    assert descending.index("Kabupaten B") < descending.index("Kabupaten A")
    assert 'aria-sort="descending"' in descending
    for key in ["stage", "book1", "errors", "warnings", "activity", "nonsense"]:
        assert client.get(url, {"sort": key, "order": "desc"}).status_code == 200


def _rows(page: str) -> list[str]:
    return re.findall(r'<th scope="row"><a href="[^"]+">([^<]+)</a>', page)


def test_the_ministry_finds_regions_by_name_and_province_a_page_at_a_time(
    client, world, monkeypatch
):
    monkeypatch.setattr("checks.views.PER_PAGE", 2)
    cohort = factories.CohortFactory(year=2030)
    for name, province in [
        ("Kota Denpasar", "Bali"),
        ("Kabupaten Badung", "Bali"),
        ("Kabupaten Batang", "Jawa Tengah"),
        ("Kota Semarang", "Jawa Tengah"),
        ("Kabupaten Banyumas", "Jawa Tengah"),
    ]:
        factories.make_plan(factories.RegionFactory(name=name, province=province), cohort)
    client.force_login(world.admin)
    url = reverse("checks:cohort_dashboard", args=[cohort.pk])

    first = client.get(url).text
    assert _rows(first) == ["Kabupaten Badung", "Kabupaten Banyumas"]
    assert '<option value="Bali">' in first and '<option value="Jawa Tengah">' in first
    assert _rows(client.get(url, {"page": 3}).text) == ["Kota Semarang"]

    bali = client.get(url, {"province": "Bali", "sort": "region", "order": "desc"}).text
    assert _rows(bali) == ["Kota Denpasar", "Kabupaten Badung"]

    searched = client.get(url, {"q": "  ba ", "province": "Jawa Tengah"}).text
    assert _rows(searched) == ["Kabupaten Banyumas", "Kabupaten Batang"]
    # the navbar's search of the plans is not filled with the dashboard's search
    assert 'id="navbar-search" name="q" value=""' in searched
    # the next page and the sorting headers keep the filters
    assert "page=2" not in searched
    assert "q=ba&amp;province=Jawa+Tengah&amp;sort=region" in searched

    paged = client.get(url, {"q": "a", "sort": "region", "order": "desc"}).text
    assert "q=a&amp;sort=region&amp;order=desc&amp;page=2" in paged

    unknown = client.get(url, {"province": "Atlantis", "page": "99"}).text
    assert _rows(unknown) == ["Kota Semarang"]  # every province, the last page
    assert _rows(client.get(url, {"q": "zzz"}).text) == []


def test_a_region_row_is_drawn_again_when_what_it_shows_changes(client, world):
    from masterplan.models import Book

    client.force_login(world.admin)
    url = reverse("checks:cohort_dashboard", args=[world.plan_a.cohort_id])
    assert "Kabupaten A" in client.get(url).text

    region = world.plan_a.region
    region.name = "Kabupaten A Baru"
    region.save()
    Book.objects.filter(plan=world.plan_a, number=1).update(status=Book.Status.APPROVED)
    page = client.get(url).text

    assert "Kabupaten A Baru" in page
    label = str(Book.Status.APPROVED.label)
    row = next(line for line in page.split("</tr>") if "Kabupaten A Baru" in line)
    assert f"status-{Book.Status.APPROVED}" in row and label in row


def test_the_cohort_picker_opens_the_picked_cohort(client, world):
    other = factories.CohortFactory(year=2023)
    client.force_login(world.admin)
    response = client.get(reverse("checks:cohort_list"), {"cohort": other.pk})
    assert response.url == reverse("checks:cohort_dashboard", args=[other.pk])


def test_the_checks_page_lists_the_findings(client, world):
    factories.programme(world.plan_a, name="Program tanpa dinas")
    client.force_login(world.coordinator_a)

    response = client.get(reverse("checks:plan_checks", args=[world.plan_a.pk]))

    assert "GOV-SRV-01" in response.text
    assert "text-bg-danger" in response.text


def test_the_plan_navigation_links_to_the_checks(client, world):
    client.force_login(world.viewer_a)
    response = client.get(reverse("plan_detail", args=[world.plan_a.pk]))
    assert reverse("checks:plan_checks", args=[world.plan_a.pk]) in response.text
    assert reverse("checks:plan_charts", args=[world.plan_a.pk]) in response.text


def test_traceability_shows_the_chain_and_highlights_gaps(client, world):
    plan = clean_plan(region=factories.RegionFactory(), cohort=world.plan_a.cohort)
    factories.member(world.viewer_a, plan.region, "viewer")
    orphan = factories.programme(plan, factories.element("ECO", "IND"), name="Program yatim")
    client.force_login(world.viewer_a)

    response = client.get(reverse("checks:plan_traceability", args=[plan.pk]))

    text = response.text
    assert "Isu GOV" in text and "Strategi GOV" in text and "GOV-SRV-01" in text
    assert orphan.code in text
    assert text.count('class="trace-gap"') >= 2  # no strategy, and no schedule
    assert 'id="dimension-ENV"' in text


def test_the_charts_page_inlines_every_chart(client, world):
    client.force_login(world.viewer_a)
    programme = factories.programme(world.plan_a, name="Program grafik")

    response = client.get(reverse("checks:plan_charts", args=[world.plan_a.pk]))

    assert response.text.count("<svg") == 5
    assert programme.code in response.text
    assert "&lt;svg" not in response.text


def test_a_chart_downloads_as_svg_and_unknown_names_are_404(client, world):
    client.force_login(world.viewer_a)
    response = client.get(reverse("checks:plan_chart_svg", args=[world.plan_a.pk, "readiness"]))
    assert response["Content-Type"].startswith("image/svg+xml")
    assert response.content.startswith(b"<svg")
    assert "default-src 'none'" in response["Content-Security-Policy"]
    missing = reverse("checks:plan_chart_svg", args=[world.plan_a.pk, "pie"])
    assert client.get(missing).status_code == 404


def test_unknown_tables_and_formats_are_404(client, world):
    client.force_login(world.viewer_a)
    for table, fmt in [("program", "pdf"), ("rahasia", "csv")]:
        url = reverse("checks:plan_table_download", args=[world.plan_a.pk, table, fmt])
        assert client.get(url).status_code == 404
    url = reverse("checks:cohort_dashboard_download", args=[world.plan_a.cohort_id, "ods"])
    client.force_login(world.admin)
    assert client.get(url).status_code == 404


def test_a_programme_name_cannot_inject_markup_into_a_chart(client, world):
    factories.programme(world.plan_a, name='<script>alert(1)</script> " onload="x')
    client.force_login(world.viewer_a)

    response = client.get(reverse("checks:plan_charts", args=[world.plan_a.pk]))

    assert "<script>alert(1)" not in response.text
    assert response.text.count("<svg") == 5
    assert Programme.objects.filter(plan=world.plan_a).count() == 1
