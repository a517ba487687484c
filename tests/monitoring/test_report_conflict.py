"""No lost update on the programme's report: two people saving the same programme-year,
the second gets the conflict screen with their values kept; nothing is overwritten."""

from __future__ import annotations

import re
from decimal import Decimal
from html import unescape

import pytest
from django.urls import reverse

from masterplan.services import record_save
from monitoring.models import IndicatorRealisation, ProgrammeReport
from programs.models import Indicator
from tests import factories
from tests.monitoring.builders import YEAR

pytestmark = pytest.mark.django_db


@pytest.fixture
def programme(world):
    programme = factories.programme(world.plan_a, name="ALDINO")
    Indicator.objects.create(programme=programme, name="Layanan", unit="layanan")
    Indicator.objects.create(programme=programme, name="Desa", unit="desa")
    return programme


def _url(programme) -> str:
    return reverse("monitoring:programme_report", args=[programme.plan_id, YEAR, programme.pk])


def _form_data(html: str) -> dict[str, str]:
    """What the browser would post back untouched: inputs (hidden versions included),
    text areas and the selected options."""
    data = {}
    for tag in re.findall(r"<input[^>]*>", html):
        name = re.search(r'name="([^"]+)"', tag)
        value = re.search(r'value="([^"]*)"', tag)
        if name and 'type="file"' not in tag and name.group(1) != "csrfmiddlewaretoken":
            data[name.group(1)] = unescape(value.group(1)) if value else ""
    for name, text in re.findall(r'<textarea[^>]*name="([^"]+)"[^>]*>(.*?)</textarea>', html, re.S):
        data[name] = unescape(text.strip())
    for name, options in re.findall(r'<select[^>]*name="([^"]+)"[^>]*>(.*?)</select>', html, re.S):
        chosen = re.search(r'<option value="([^"]*)"[^>]*selected', options)
        data[name] = chosen.group(1) if chosen else ""
    return data


def test_the_second_save_gets_the_conflict_screen_with_its_values_kept(client, world, programme):
    layanan = programme.indicators.get(name="Layanan")
    first = ProgrammeReport(programme=programme, year=YEAR, status="berjalan")
    record_save(first, by=world.editor_a)  # version 1, with its revision
    # both open the form at version 1
    client.force_login(world.editor_a)
    opened = _form_data(client.get(_url(programme)).content.decode())
    assert opened["status-version"] == "1"
    assert opened[f"indikator-{layanan.pk}-version"] == ""  # nothing recorded yet

    client.force_login(world.coordinator_a)
    theirs = {**opened, "status-status": "selesai", "status-note": "Sudah diresmikan"}
    theirs[f"indikator-{layanan.pk}-value"] = "12"
    assert client.post(_url(programme), theirs).status_code == 302

    client.force_login(world.editor_a)
    mine = {**opened, "status-status": "tertunda", "status-reason": "Anggaran dipotong"}
    mine[f"indikator-{layanan.pk}-value"] = "7"
    response = client.post(_url(programme), mine)
    assert response.status_code == 409
    html = response.content.decode()
    assert "Tidak ada yang disimpan: orang lain menyimpan laporan ini" in html
    assert html.count("data-conflict") == 2  # the status and the indicator they recorded
    # nothing of mine was saved; theirs stands
    report = ProgrammeReport.objects.get(programme=programme, year=YEAR)
    assert (report.status, report.note, report.version) == ("selesai", "Sudah diresmikan", 2)
    assert IndicatorRealisation.objects.get(indicator=layanan).value == Decimal(12)

    # the form holds my values, their untouched note taken over, now based on their versions
    merged = _form_data(html)
    assert merged["status-reason"] == "Anggaran dipotong"
    assert merged[f"indikator-{layanan.pk}-value"] == "7"
    assert merged["status-version"] == "2" and merged[f"indikator-{layanan.pk}-version"] == "1"
    assert merged["status-status"] == "tertunda"
    assert merged["status-note"] == "Sudah diresmikan"  # only they changed it: taken over

    # saving again applies my version on top of theirs
    assert client.post(_url(programme), merged).status_code == 302
    report.refresh_from_db()
    assert (report.status, report.reason, report.note) == (
        "tertunda",
        "Anggaran dipotong",
        "Sudah diresmikan",
    )
    assert IndicatorRealisation.objects.get(indicator=layanan).value == Decimal(7)


def test_a_report_created_meanwhile_is_a_conflict_not_an_error(client, world, programme):
    client.force_login(world.editor_a)
    opened = _form_data(client.get(_url(programme)).content.decode())
    assert opened["status-version"] == ""
    ProgrammeReport.objects.create(programme=programme, year=YEAR, status="selesai")
    response = client.post(_url(programme), {**opened, "status-status": "berjalan"})
    assert response.status_code == 409
    assert ProgrammeReport.objects.get(programme=programme).status == "selesai"


def test_rows_left_blank_do_not_conflict_with_what_others_recorded(client, world, programme):
    desa = programme.indicators.get(name="Desa")
    client.force_login(world.editor_a)
    opened = _form_data(client.get(_url(programme)).content.decode())
    IndicatorRealisation.objects.create(indicator=desa, year=YEAR, value=Decimal(3))
    response = client.post(_url(programme), {**opened, "status-status": "berjalan"})
    assert response.status_code == 302
    assert IndicatorRealisation.objects.get(indicator=desa).value == Decimal(3)
    assert ProgrammeReport.objects.get(programme=programme).status == "berjalan"
