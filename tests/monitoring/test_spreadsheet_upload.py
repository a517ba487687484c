"""Agencies report a year by spreadsheet: the template, the checked upload, the preview,
and all-or-nothing saving."""

from __future__ import annotations

import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from masterplan.models import AuditEvent, Revision
from monitoring.models import BudgetRealisation, IndicatorRealisation, ProgrammeReport
from monitoring.workbook import parse_number
from programs.models import BudgetLine, Indicator, IndicatorTarget
from tests import factories
from tests.monitoring.builders import YEAR

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup(world):
    plan = world.plan_a
    agency = factories.AgencyFactory(region=plan.region, name="Dinas Kominfo")
    other_agency = factories.AgencyFactory(region=plan.region, name="Dinas Pendidikan")
    gov = factories.programme(
        plan, factories.element("GOV", "SRV"), name="ALDINO", lead_agency=agency
    )
    eco = factories.programme(
        plan, factories.element("ECO", "IND"), name="UMKM", lead_agency=agency
    )
    other = factories.programme(plan, name="KUDU SEKOLAH", lead_agency=other_agency)
    indicator = Indicator.objects.create(programme=gov, name="Layanan terpadu", unit="layanan")
    IndicatorTarget.objects.create(indicator=indicator, year=YEAR, value=Decimal(12))
    eco_indicator = Indicator.objects.create(programme=eco, name="UMKM digital", unit="unit")
    BudgetLine.objects.create(
        programme=gov, year=YEAR, funding_source=factories.funding_source(), amount=500_000_000
    )
    return {
        "plan": plan,
        "agency": agency,
        "gov": gov,
        "eco": eco,
        "other": other,
        "indicator": indicator,
        "eco_indicator": eco_indicator,
    }


def _template(client, setup, agency=True):
    url = reverse("monitoring:report_template", args=[setup["plan"].pk, YEAR])
    query = {"opd": setup["agency"].pk} if agency else {}
    response = client.get(url, query)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    return load_workbook(io.BytesIO(response.content))


def _rows(sheet):
    return [list(row) for row in sheet.iter_rows(min_row=2, values_only=True)]


def _upload(client, setup, workbook, confirm=False):
    url = reverse("monitoring:report_upload", args=[setup["plan"].pk, YEAR])
    stream = io.BytesIO()
    workbook.save(stream)
    upload = SimpleUploadedFile("laporan.xlsx", stream.getvalue())
    return client.post(url, {"file": upload})


def _confirm(client, setup):
    url = reverse("monitoring:report_upload", args=[setup["plan"].pk, YEAR])
    return client.post(url, {"confirm": "1"})


def row_of(sheet, column: int, text: str) -> int:
    """The row whose cell in ``column`` says ``text`` (rows are in programme-code order)."""
    for row in range(2, sheet.max_row + 1):
        if sheet.cell(row, column).value == text:
            return row
    raise LookupError(text)


def _fill(workbook, setup):
    indicators = workbook["Indikator"]
    row = row_of(indicators, 4, "Layanan terpadu")
    indicators.cell(row, 8).value = "9,5"
    indicators.cell(row, 9).value = "https://data.example.id/aldino"
    budget = workbook["Anggaran"]
    budget.cell(2, 7).value = "450.000.000"
    budget.cell(2, 8).value = 300_000_000
    status = workbook["Status"]
    row = row_of(status, 3, "ALDINO")
    status.cell(row, 4).value = "Berjalan"
    status.cell(row, 6).value = "Output"
    return workbook


def test_the_template_lists_the_agencys_programmes_with_targets_and_plan(client, world, setup):
    client.force_login(world.viewer_a)
    workbook = _template(client, setup)
    assert workbook.sheetnames == ["Petunjuk", "Indikator", "Anggaran", "Status"]
    assert workbook["Indikator"].column_dimensions["A"].hidden
    indicators = _rows(workbook["Indikator"])
    # in programme-code order: ECO-IND-01 before GOV-SRV-01
    assert [row[3] for row in indicators] == ["UMKM digital", "Layanan terpadu"]
    assert indicators[1][0] == str(setup["indicator"].uuid)
    assert indicators[1][6] == 12 and indicators[0][6] is None
    assert [row[2] for row in _rows(workbook["Status"])] == ["UMKM", "ALDINO"]
    budget = _rows(workbook["Anggaran"])
    assert [(row[1], row[3], row[5]) for row in budget] == [
        (setup["gov"].code, "APBD-KAB", 500_000_000)
    ]
    everyone = _template(client, setup, agency=False)
    assert len(_rows(everyone["Status"])) == 3


def test_an_upload_is_previewed_and_saved_only_when_confirmed(client, world, setup):
    client.force_login(world.editor_a)
    workbook = _fill(_template(client, setup), setup)
    response = _upload(client, setup, workbook)
    assert response.status_code == 200
    assert b"siap disimpan" in response.content or b"ready to be saved" in response.content
    assert not IndicatorRealisation.objects.exists()
    assert not BudgetRealisation.objects.exists() and not ProgrammeReport.objects.exists()

    response = _confirm(client, setup)
    assert response.status_code == 302
    realisation = IndicatorRealisation.objects.get(indicator=setup["indicator"], year=YEAR)
    assert realisation.value == Decimal("9.5")
    assert realisation.evidence_link == "https://data.example.id/aldino"
    money = BudgetRealisation.objects.get(programme=setup["gov"], year=YEAR)
    assert (money.allocated, money.spent) == (450_000_000, 300_000_000)
    report = ProgrammeReport.objects.get(programme=setup["gov"], year=YEAR)
    assert (report.status, report.evaluation_level) == ("berjalan", "output")
    assert Revision.objects.filter(target_uuid=realisation.uuid).count() == 1
    assert AuditEvent.objects.filter(
        action="indicatorrealisation.create", actor=world.editor_a
    ).exists()
    # the preview is used up: confirming again saves nothing more
    assert _confirm(client, setup).status_code == 400


def test_one_wrong_row_and_nothing_is_saved_with_every_error_named(client, world, setup):
    client.force_login(world.editor_a)
    workbook = _fill(_template(client, setup), setup)
    indicators = workbook["Indikator"]
    umkm = row_of(indicators, 4, "UMKM digital")
    indicators.cell(umkm, 8).value = "banyak"  # not a number
    status = workbook["Status"]
    umkm_status = row_of(status, 3, "UMKM")
    status.cell(umkm_status, 4).value = "Tertunda"  # postponed without a reason
    workbook["Anggaran"].cell(2, 8).value = -5
    response = _upload(client, setup, workbook)
    assert response.status_code == 400
    html = response.content.decode()
    assert "3 baris berisi kesalahan; tidak ada yang disimpan." in html
    assert f"Indikator, baris {umkm}: Realisasi “banyak” bukan angka." in html
    assert f"Status, baris {umkm_status}: Sebutkan alasan program tertunda." in html
    assert "Anggaran, baris 2: Jumlah tidak boleh negatif (0 atau lebih)." in html
    assert _confirm(client, setup).status_code == 400
    assert not IndicatorRealisation.objects.exists()
    assert not BudgetRealisation.objects.exists() and not ProgrammeReport.objects.exists()


def test_rows_of_programmes_the_user_may_not_edit_are_refused(client, world, setup):
    client.force_login(world.economy_editor_a)  # limited to Smart Economy
    workbook = _fill(_template(client, setup), setup)
    indicators = workbook["Indikator"]
    indicators.cell(row_of(indicators, 4, "UMKM digital"), 8).value = 4  # ECO: allowed
    response = _upload(client, setup, workbook)
    assert response.status_code == 400
    assert f"Anda tidak berhak melaporkan program {setup['gov'].code}." in response.content.decode()
    assert not IndicatorRealisation.objects.exists()


def test_a_changed_key_or_a_file_that_is_no_workbook_is_refused(client, world, setup):
    client.force_login(world.editor_a)
    workbook = _fill(_template(client, setup), setup)
    indicators = workbook["Indikator"]
    indicators.cell(row_of(indicators, 4, "Layanan terpadu"), 1).value = "bukan-id"
    response = _upload(client, setup, workbook)
    assert "Indikator tidak dikenal: jangan ubah atau hapus kolom A." in response.content.decode()
    url = reverse("monitoring:report_upload", args=[setup["plan"].pk, YEAR])
    response = client.post(url, {"file": SimpleUploadedFile("x.xlsx", b"not a zip")})
    assert response.status_code == 400
    assert "rusak" in response.content.decode()
    assert not IndicatorRealisation.objects.exists()


def test_viewers_and_mentors_may_download_but_not_upload(client, world, setup):
    url = reverse("monitoring:report_upload", args=[setup["plan"].pk, YEAR])
    for persona in (world.viewer_a, world.mentor_a):
        client.force_login(persona)
        assert client.get(url).status_code == 403
    client.force_login(world.editor_b)
    assert client.get(url).status_code == 404


def test_numbers_are_read_the_indonesian_way():
    assert parse_number("1.500.000") == 1_500_000
    assert parse_number("Rp 2.000") == 2000
    assert parse_number("12,5") == Decimal("12.5")
    assert parse_number("12.5") == Decimal("12.5")
    assert parse_number(7) == 7
    assert parse_number("") is None
    with pytest.raises(ValueError):
        parse_number("dua")
