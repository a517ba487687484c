"""No text typed into the portal becomes a formula in a downloaded spreadsheet.

Every text field of every editable record (and the names of the reference data the
tables show) is filled with a formula-like payload; then every download is fetched
through the client and the files themselves are inspected.
"""

from __future__ import annotations

import ast
import csv
import io
import re
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.db import models
from django.urls import reverse
from openpyxl import load_workbook

from checks.tables import PLAN_TABLES
from dimensions.models import Dimension, Element, FundingSource, Horizon
from masterplan.lib.spreadsheet import FORMULA_PREFIXES, csv_cell
from masterplan.models import Agency, Book, Cohort, Region, Section, TrackedModel
from programs.models import Programme
from roadmap.models import Activity, RoadmapEntry
from tests.checks.builders import clean_plan

pytestmark = pytest.mark.django_db

PAYLOADS = [
    '=HYPERLINK("http://x","x")',
    "=cmd|' /C calc'!A0",
    "+1+1",
    "-1+1",
    "@SUM(1)",
    "\t=1",
    "\r=1",
]
# Structure, not text a reader sees: chapter outlines stay as they are.
UNTOUCHED = {Book, Section}


def _text_fields(model: type[models.Model]) -> list[models.Field]:
    return [
        field
        for field in model._meta.concrete_fields
        if isinstance(field, (models.CharField, models.TextField))
        and not isinstance(field, models.SlugField)
        and not field.choices
    ]


def _poison(queryset, counter) -> list[str]:
    """Give every text field of every row a payload; returns the values written."""
    written = []
    for pk in queryset.values_list("pk", flat=True):
        values = {}
        for field in _text_fields(queryset.model):
            tag = f"#{next(counter)}"
            payload = PAYLOADS[len(written) % len(PAYLOADS)]
            if field.max_length:
                payload = payload[: field.max_length - len(tag)]
            values[field.attname] = payload + tag
            written.append(payload + tag)
        if values:
            queryset.model._base_manager.filter(pk=pk).update(**values)
    return written


@pytest.fixture
def poisoned(world):
    plan = clean_plan(cohort=world.plan_a.cohort)
    counter = iter(range(1, 1_000_000))
    written: list[str] = []
    tracked = [
        model
        for model in apps.get_models()
        if issubclass(model, TrackedModel) and model not in UNTOUCHED
    ]
    for model in tracked:
        path = getattr(model, "region_path", None)
        if path is None:
            continue
        lookup = {path: plan.region} if path else {"pk": plan.region.pk}
        written += _poison(model._base_manager.filter(**lookup), counter)
    written += _poison(Region.objects.filter(pk=plan.region.pk), counter)
    written += _poison(Cohort.objects.filter(pk=plan.cohort_id), counter)
    for model in (Dimension, Element, Horizon, FundingSource):
        written += _poison(model.objects.all(), counter)
    plan.refresh_from_db()
    return plan, written


def _downloads(client, world, plan) -> dict[str, bytes]:
    client.force_login(world.admin)
    files = {}
    for fmt in ("xlsx", "csv"):
        for name in PLAN_TABLES:
            url = reverse("checks:plan_table_download", args=[plan.pk, name, fmt])
            files[f"{name}.{fmt}"] = client.get(url)
        url = reverse("checks:cohort_dashboard_download", args=[plan.cohort_id, fmt])
        files[f"kohort.{fmt}"] = client.get(url)
    for name, response in files.items():
        assert response.status_code == 200, name
    return {name: response.content for name, response in files.items()}


def _is_number(text: str) -> bool:
    try:
        Decimal(text)
    except ArithmeticError:
        return False
    return True


def test_no_download_holds_a_formula(client, world, poisoned):
    plan, written = poisoned
    files = _downloads(client, world, plan)

    region = Region.objects.get(pk=plan.region_id)
    shown = {
        region.name,
        region.province,
        *Programme.objects.filter(plan=plan).values_list("code", "name", named=False)[0],
        *Programme.objects.filter(plan=plan).values_list("name", flat=True),
        *Activity.objects.filter(programme__plan=plan).values_list("name", flat=True),
        *RoadmapEntry.objects.filter(programme__plan=plan).values_list("target", flat=True),
        *Agency.objects.filter(region=region).values_list("name", flat=True),
        *Activity.objects.filter(programme__plan=plan).values_list(
            "funding_source__name_id", flat=True
        ),
        *Programme.objects.filter(plan=plan).values_list("dimension__name_id", flat=True),
        *Programme.objects.filter(plan=plan).values_list("element__name_id", flat=True),
    }
    assert shown <= set(written)
    seen_text: set[str] = set()
    for name, content in files.items():
        if not name.endswith(".xlsx"):
            continue
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            sheets = [n for n in archive.namelist() if n.startswith("xl/worksheets/")]
            assert sheets
            for sheet in sheets:
                xml = archive.read(sheet).decode()
                assert not re.search(r"<(\w+:)?f[\s>/]", xml), f"a formula in {name}"
        workbook = load_workbook(io.BytesIO(content))
        numbers = 0
        for row in workbook.active.iter_rows():
            for cell in row:
                if isinstance(cell.value, str):
                    assert cell.data_type == "s", (name, cell.coordinate, cell.value)
                    seen_text.add(cell.value.replace("\n", "\r"))
                    if cell.value.startswith(FORMULA_PREFIXES):
                        assert cell.quotePrefix, (name, cell.coordinate)
                elif isinstance(cell.value, (int, float)):
                    assert cell.data_type == "n"
                    numbers += 1
        assert numbers, f"no number left in {name}"
    assert shown - seen_text == set()  # every payload is there, as text

    for name, content in files.items():
        if not name.endswith(".csv"):
            continue
        rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig"), newline="")))
        fields = [field for row in rows for field in row]
        for field in fields:
            assert not field.startswith(FORMULA_PREFIXES) or _is_number(field), (name, field)
        assert any(field.startswith("'") for field in fields), name
        assert any(_is_number(field) and int(Decimal(field)) > 0 for field in fields), name
    programme_csv = files["program.csv"].decode("utf-8-sig")
    for payload in PAYLOADS:
        assert any(
            f"'{value}" in programme_csv or f"'{value}".replace('"', '""') in programme_csv
            for value in written
            if value.startswith(payload[:4])
        ), payload


@pytest.mark.parametrize("payload", PAYLOADS)
def test_csv_cells_are_neutralised_and_numbers_stay_numbers(payload):
    assert csv_cell(payload) == "'" + payload
    assert csv_cell("Program " + payload) == "Program " + payload
    assert csv_cell(-5) == -5
    assert csv_cell(Decimal("-1.5")) == Decimal("-1.5")
    assert csv_cell(2.5) == 2.5
    assert csv_cell(None) == ""


def _project_modules() -> list[Path]:
    root = Path(settings.BASE_DIR)
    skip = {"tests", "bench", "node_modules", "locale", "static", "templates"}
    folders = [p for p in root.iterdir() if p.is_dir() and p.name not in skip]
    return [
        path
        for folder in folders
        if not folder.name.startswith(".")
        for path in folder.rglob("*.py")
        if "migrations" not in path.parts
    ] + list(root.glob("*.py"))


def test_only_the_spreadsheet_module_writes_cells():
    """A new download must use ``masterplan.lib.spreadsheet``: writing cells or CSV rows
    anywhere else would bypass the guard."""
    core = Path(settings.BASE_DIR) / "masterplan" / "lib" / "spreadsheet.py"
    offenders = []
    for path in _project_modules():
        if path == core:
            continue
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
                name = node.func.attr
                keywords = {keyword.arg for keyword in node.keywords}
                if name in {"writer", "DictWriter"} and getattr(node.func.value, "id", "") == "csv":
                    offenders.append(f"{path}:{node.lineno} csv.{name}")
                if name == "cell" and ("value" in keywords or len(node.args) > 2):
                    offenders.append(f"{path}:{node.lineno} .cell(value=…)")
                if name == "append" and "sheet" in ast.unparse(node.func.value):
                    offenders.append(f"{path}:{node.lineno} sheet.append")
            if isinstance(node, ast.Assign):
                for target in node.targets:
                    if isinstance(target, ast.Attribute) and target.attr == "value":
                        offenders.append(f"{path}:{node.lineno} .value =")
    assert offenders == []


def test_the_poisoning_reaches_every_table(poisoned):
    """The payload test is only as good as its coverage: the tables' text columns all
    come from fields it poisoned."""
    plan, written = poisoned
    for builder in PLAN_TABLES.values():
        table = builder(plan)
        texts = [v for row in table.rows for v in row.values if isinstance(v, str) and v]
        assert any(text in written for text in texts), builder.__name__
