"""The portal side of monitoring: the programme's report form, evidence files, the
dashboards and the evaluation report PDF."""

from __future__ import annotations

import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from pypdf import PdfReader

from masterplan.models import AuditEvent
from monitoring.models import BudgetRealisation, IndicatorRealisation, ProgrammeReport
from programs.models import Indicator, IndicatorTarget
from tests import factories
from tests.monitoring.builders import YEAR, reported_programme

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _private_storage(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.EXPORT_ROOT = tmp_path / "exports"


def _report_url(programme) -> str:
    return reverse("monitoring:programme_report", args=[programme.plan_id, YEAR, programme.pk])


def test_an_editor_reports_a_programme_with_evidence(client, world):
    programme = factories.programme(world.plan_a, name="ALDINO")
    indicator = Indicator.objects.create(programme=programme, name="Layanan", unit="layanan")
    IndicatorTarget.objects.create(indicator=indicator, year=YEAR, value=Decimal(10))
    source = factories.funding_source()
    client.force_login(world.editor_a)
    page = client.get(_report_url(programme))
    assert page.status_code == 200
    assert f"anggaran-{source.pk}-allocated" in page.content.decode()
    response = client.post(
        _report_url(programme),
        {
            "status-status": "berjalan",
            "status-evaluation_level": "quick_win",
            f"indikator-{indicator.pk}-value": "8",
            f"indikator-{indicator.pk}-evidence_file": SimpleUploadedFile(
                "bukti.pdf", b"%PDF-1.4 bukti", content_type="application/pdf"
            ),
            f"anggaran-{source.pk}-allocated": "1000",
            f"anggaran-{source.pk}-spent": "400",
        },
    )
    assert response.status_code == 302
    realisation = IndicatorRealisation.objects.get(indicator=indicator, year=YEAR)
    assert realisation.value == 8 and realisation.evidence_file.name.endswith("bukti.pdf")
    assert realisation.evidence_file.name.startswith(f"regions/{world.region_a.slug}/")
    money = BudgetRealisation.objects.get(programme=programme, funding_source=source)
    assert (money.allocated, money.spent) == (1000, 400)
    assert ProgrammeReport.objects.get(programme=programme).evaluation_level == "quick_win"
    assert AuditEvent.objects.filter(action="programmereport.create").count() == 1
    # untouched funding sources leave no empty rows behind
    assert BudgetRealisation.objects.filter(programme=programme).count() == 1

    url = reverse("monitoring:evidence_file", args=[world.plan_a.pk, realisation.pk])
    client.force_login(world.viewer_a)
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.4 bukti"
    assert "attachment" in response["Content-Disposition"]
    client.force_login(world.editor_b)
    assert client.get(url).status_code == 404


def test_a_postponed_programme_needs_a_reason_and_nothing_is_saved_without(client, world):
    programme = factories.programme(world.plan_a)
    indicator = Indicator.objects.create(programme=programme, name="Layanan")
    client.force_login(world.editor_a)
    response = client.post(
        _report_url(programme),
        {"status-status": "tertunda", f"indikator-{indicator.pk}-value": "3"},
    )
    assert response.status_code == 400
    assert "Sebutkan alasan program tertunda." in response.content.decode()
    assert not ProgrammeReport.objects.exists() and not IndicatorRealisation.objects.exists()


def test_readers_see_the_dashboard_but_may_not_report(client, world):
    programme = reported_programme(world.plan_a, 1)
    dashboard = reverse("monitoring:monitoring_dashboard", args=[world.plan_a.pk])
    client.force_login(world.mentor_a)
    response = client.get(dashboard, {"tahun": YEAR})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Pemantauan pelaksanaan" in html and programme.code in html
    assert "62,5%" in html  # (50 + 75) / 2
    assert _report_url(programme) not in html
    assert client.get(_report_url(programme)).status_code == 403
    client.force_login(world.editor_b)
    assert client.get(dashboard).status_code == 404


def test_a_programme_behind_target_links_to_its_report_for_who_reports(client, world):
    programme = reported_programme(world.plan_a, 1)  # 62,5%: behind target
    dashboard = reverse("monitoring:monitoring_dashboard", args=[world.plan_a.pk])
    client.force_login(world.coordinator_a)
    html = client.get(dashboard, {"tahun": YEAR}).content.decode()
    behind = html[html.index('id="behind"') : html.index("</table>", html.index('id="behind"'))]
    assert programme.code in behind and _report_url(programme) in behind


def test_the_ministry_sees_the_cohort_by_progress(client, world):
    reported_programme(world.plan_a, 1)
    url = reverse("monitoring:cohort_monitoring", args=[world.plan_a.cohort_id])
    client.force_login(world.admin)
    response = client.get(url, {"tahun": YEAR})
    html = response.content.decode()
    assert response.status_code == 200
    # region A (62,5 %) before region B (nothing to measure)
    assert html.index("Kabupaten A") < html.index("Kabupaten B")
    assert "62,5%" in html
    client.force_login(world.mentor_a)
    assert client.get(url).status_code == 403


def test_the_evaluation_report_pdf(client, world, django_capture_on_commit_callbacks):
    """Made by an export job (tests/exports/test_job_kinds.py); the old URL waits for it."""
    programme = reported_programme(world.plan_a, 1)
    ProgrammeReport.objects.filter(programme=programme).update(
        status="tertunda", reason="Menunggu DAK"
    )
    client.force_login(world.viewer_a)
    url = reverse("monitoring:evaluation_report", args=[world.plan_a.pk, YEAR])
    with django_capture_on_commit_callbacks(execute=True):
        assert client.get(url).status_code == 202  # started; it runs after the commit
    ready = client.get(url)
    assert ready.status_code == 302
    response = client.get(ready["Location"])
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(b"".join(response.streaming_content)))
    text = " ".join(page.extract_text() for page in reader.pages)
    assert "Laporan Evaluasi Pelaksanaan Masterplan Tahun 2026" in text
    assert "Kabupaten A" in text and programme.code in text
    assert "Menunggu DAK" in text and "Tertunda" in text
    assert f"Halaman 1 dari {len(reader.pages)}" in text
    # each request is in the audit (the second reused the stored file)
    assert AuditEvent.objects.filter(action="monitoring.report_export").count() == 2
