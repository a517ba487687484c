"""XLSX and CSV downloads open, and their totals are the database's."""

from __future__ import annotations

import csv
import io

import pytest
from django.db.models import Sum
from django.urls import reverse
from django.utils.translation import gettext, override
from openpyxl import load_workbook

from checks.registry import run_checks
from programs.models import BudgetLine
from roadmap.models import Activity, RoadmapEntry
from tests import factories
from tests.checks.builders import APBD, APBN, YEARS, clean_plan

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(world):
    plan = clean_plan(cohort=world.plan_a.cohort)
    factories.member(world.viewer_a, plan.region, "viewer")
    # money that differs per programme and year, so a wrong sum shows
    for index, entry in enumerate(RoadmapEntry.objects.filter(programme__plan=plan)):
        RoadmapEntry.objects.filter(pk=entry.pk).update(budget=entry.budget + index * 1_000)
    return plan


def t(text: str) -> str:
    """A label as the download writes it: in Indonesian, the language of the request."""
    with override("id"):
        return gettext(text)


def download(client, user, url):
    client.force_login(user)
    response = client.get(url)
    assert response.status_code == 200
    return response


def sheet_of(response):
    assert response["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    return load_workbook(io.BytesIO(response.content)).active


def rows_of(sheet) -> list[tuple]:
    return list(sheet.iter_rows(values_only=True))


def total_row(rows: list[tuple]) -> tuple:
    (row,) = [row for row in rows if row[0] == t("Total")]
    return row


def db_sum(queryset, field: str) -> int:
    return queryset.aggregate(total=Sum(field))["total"]


def test_the_programme_list_adds_up_to_the_budget_lines(client, world, plan):
    url = reverse("checks:plan_table_download", args=[plan.pk, "program", "xlsx"])
    response = download(client, world.viewer_a, url)
    assert 'filename="program-' in response["Content-Disposition"]

    rows = rows_of(sheet_of(response))

    codes = [row[0] for row in rows if row[0] and "-" in str(row[0])]
    assert len(codes) == 18
    assert total_row(rows)[-1] == db_sum(BudgetLine.objects.filter(programme__plan=plan), "amount")
    assert total_row(rows)[-1] == 18 * len(YEARS) * (APBD + APBN)


def test_the_action_plan_adds_up_to_the_activities(client, world, plan):
    url = reverse("checks:plan_table_download", args=[plan.pk, "rencana-aksi", "xlsx"])
    rows = rows_of(sheet_of(download(client, world.viewer_a, url)))

    assert total_row(rows)[-1] == db_sum(Activity.objects.filter(programme__plan=plan), "budget")
    assert sum(1 for row in rows if row[3] in YEARS) == 18 * len(YEARS)


def test_the_roadmap_matrix_groups_rows_and_adds_up_per_year(client, world, plan):
    url = reverse("checks:plan_table_download", args=[plan.pk, "peta-jalan", "xlsx"])
    sheet = sheet_of(download(client, world.viewer_a, url))
    rows = rows_of(sheet)

    header_years = [value for value in rows[1] if value]
    assert header_years == [str(year) for year in plan.years]
    assert any(str(merged).startswith("E2:F2") for merged in sheet.merged_cells.ranges)
    first_codes = [row[0] for row in rows[3:]]
    assert first_codes[:3] == ["GOV", "GOV-SRV", "GOV-SRV-01"]
    assert first_codes[-1] == t("Total")
    assert rows[-1][-1] is None or rows[-1][-1] == ""  # lead agency column stays empty there

    entries = RoadmapEntry.objects.filter(programme__plan=plan)
    total = total_row(rows)
    assert total[-2] == db_sum(entries, "budget")
    for offset, year in enumerate(plan.years):
        amount = total[4 + 2 * offset + 1]
        assert amount == (db_sum(entries.filter(year=year), "budget") or 0), year
    dimension_rows = [
        row for row in rows[3:] if row[0] in {"GOV", "BRD", "ECO", "LIV", "SOC", "ENV"}
    ]
    assert sum(row[-2] for row in dimension_rows) == total[-2]
    gov = db_sum(entries.filter(programme__dimension__code="GOV"), "budget")
    assert dimension_rows[0][-2] == gov
    programme_row = next(row for row in rows if row[0] == "GOV-SRV-01")
    assert programme_row[4] == "Tahap"
    assert programme_row[-1]  # the lead agency


def test_csv_has_the_same_rows_and_totals(client, world, plan):
    xlsx_url = reverse("checks:plan_table_download", args=[plan.pk, "peta-jalan", "xlsx"])
    csv_url = reverse("checks:plan_table_download", args=[plan.pk, "peta-jalan", "csv"])
    xlsx_rows = rows_of(sheet_of(download(client, world.viewer_a, xlsx_url)))
    response = download(client, world.viewer_a, csv_url)

    assert response["Content-Type"].startswith("text/csv")
    assert response.content.startswith("\ufeff".encode())
    csv_rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert csv_rows[0][4] == f"2025 {t('Target')}"
    assert len(csv_rows) == len(xlsx_rows) - 2  # no title row, one header row
    assert int(total_row(csv_rows)[-2]) == db_sum(
        RoadmapEntry.objects.filter(programme__plan=plan), "budget"
    )


def test_the_cohort_download_has_every_region_with_its_findings(client, world, plan):
    url = reverse("checks:cohort_dashboard_download", args=[plan.cohort_id, "xlsx"])
    rows = rows_of(sheet_of(download(client, world.admin, url)))

    by_region = {row[0]: row for row in rows[3:]}
    assert set(by_region) == {"Kabupaten A", "Kabupaten B", plan.region.name}
    header = rows[2]
    errors, warnings = header.index(t("Errors")), header.index(t("Warnings"))
    for region_name, the_plan in [("Kabupaten A", world.plan_a), (plan.region.name, plan)]:
        findings = run_checks(the_plan)
        assert by_region[region_name][errors] == sum(f.is_error for f in findings)
        assert by_region[region_name][warnings] == sum(not f.is_error for f in findings)
    # the fixture unbalanced all but one roadmap cell of the full plan
    assert by_region[plan.region.name][errors] == 18 * len(YEARS) - 1
    assert by_region[plan.region.name][4] == 100  # Buku 1 complete

    response = download(
        client,
        world.admin,
        reverse("checks:cohort_dashboard_download", args=[plan.cohort_id, "csv"]),
    )
    csv_rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert len(csv_rows) == 4
    assert 'filename="kohort-2024.csv"' in response["Content-Disposition"]
