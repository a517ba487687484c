"""A member whose membership names an agency (OPD) reports on that agency's programmes
only: the portal form, the template, the upload (the API: tests/api). The others are
read-only for them; coordinators and members without an agency keep their rights."""

from __future__ import annotations

import io
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from openpyxl import load_workbook

from masterplan.models import AuditEvent, Membership, User
from monitoring.models import IndicatorRealisation, ProgrammeReport
from monitoring.reporting import may_report, reportable_programmes
from programs.models import Indicator
from tests import factories
from tests.monitoring.builders import YEAR
from tests.monitoring.test_spreadsheet_upload import _confirm, _rows, _upload, row_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup(world):
    plan = world.plan_a
    kominfo = factories.AgencyFactory(region=plan.region, name="Dinas Kominfo")
    pendidikan = factories.AgencyFactory(region=plan.region, name="Dinas Pendidikan")
    own = factories.programme(plan, name="ALDINO", lead_agency=kominfo)
    other = factories.programme(plan, name="KUDU SEKOLAH", lead_agency=pendidikan)
    other.supporting_agencies.add(kominfo)  # supporting is not leading
    for programme in (own, other):
        Indicator.objects.create(programme=programme, name=f"Indikator {programme.name}")
    member = factories.UserFactory(username="staf-kominfo")
    membership = factories.member(member, plan.region, Membership.Role.EDITOR)
    membership.agency = kominfo
    membership.save()
    return {"plan": plan, "own": own, "other": other, "member": member, "agency": kominfo}


def _report_url(programme) -> str:
    return reverse("monitoring:programme_report", args=[programme.plan_id, YEAR, programme.pk])


def test_the_rule_in_one_place(world, setup):
    member, own, other = setup["member"], setup["own"], setup["other"]
    assert may_report(member, own) and not may_report(member, other)
    report = ProgrammeReport(programme=other, year=YEAR)
    assert not may_report(member, report)
    realisation = IndicatorRealisation(indicator=own.indicators.get(), year=YEAR)
    assert may_report(member, realisation)
    assert list(reportable_programmes(member, setup["plan"])) == [own]
    # no agency: the editor's rights; coordinators report on everything, with an agency too
    coordinator = Membership.objects.get(user=world.coordinator_a)
    coordinator.agency = setup["agency"]
    coordinator.save()
    for user in (world.editor_a, world.coordinator_a, world.admin):
        assert may_report(user, own) and may_report(user, other)
    assert not may_report(world.viewer_a, own) and not may_report(world.editor_b, own)


def test_the_portal_form_is_theirs_for_their_agencys_programme_only(client, setup):
    client.force_login(setup["member"])
    assert client.get(_report_url(setup["own"])).status_code == 200
    assert client.get(_report_url(setup["other"])).status_code == 403
    response = client.post(_report_url(setup["other"]), {"status-status": "berjalan"})
    assert response.status_code == 403
    assert not ProgrammeReport.objects.exists()
    response = client.post(_report_url(setup["own"]), {"status-status": "berjalan"})
    assert response.status_code == 302
    assert ProgrammeReport.objects.get().programme == setup["own"]

    # the dashboard shows every programme, with a report link on their own only
    page = client.get(reverse("monitoring:monitoring_dashboard", args=[setup["plan"].pk]))
    html = page.content.decode()
    assert "KUDU SEKOLAH" in html and "ALDINO" in html
    assert _report_url(setup["own"]) in html and _report_url(setup["other"]) not in html
    assert "Anda melapor untuk Dinas Kominfo: hanya program yang dipimpinnya" in html


def test_their_template_holds_their_agencys_programmes_whatever_they_ask(client, setup):
    client.force_login(setup["member"])
    url = reverse("monitoring:report_template", args=[setup["plan"].pk, YEAR])
    other_agency = setup["other"].lead_agency
    for query in ({}, {"opd": other_agency.pk}):
        response = client.get(url, query)
        assert response.status_code == 200
        assert f"-{setup['agency'].acronym.lower()}.xlsx" in response["Content-Disposition"]
        workbook = load_workbook(io.BytesIO(response.content))
        assert [row[2] for row in _rows(workbook["Status"])] == ["ALDINO"]


def test_an_upload_row_of_another_agency_is_refused_and_nothing_saved(client, world, setup):
    client.force_login(world.coordinator_a)  # everyone's template
    url = reverse("monitoring:report_template", args=[setup["plan"].pk, YEAR])
    workbook = load_workbook(io.BytesIO(client.get(url).content))
    indicators, status = workbook["Indikator"], workbook["Status"]
    for name in ("ALDINO", "KUDU SEKOLAH"):
        indicators.cell(row_of(indicators, 4, f"Indikator {name}"), 8).value = 5
        status.cell(row_of(status, 3, name), 4).value = "Berjalan"
    client.force_login(setup["member"])
    response = _upload(client, setup, workbook)
    assert response.status_code == 400
    html = response.content.decode()
    message = f"Program {setup['other'].code} bukan tanggung jawab Dinas Kominfo."
    assert html.count(message) == 2  # its indicator row and its status row
    assert "2 baris berisi kesalahan; tidak ada yang disimpan." in html
    assert _confirm(client, setup).status_code == 400
    assert not IndicatorRealisation.objects.exists() and not ProgrammeReport.objects.exists()

    # their own rows alone go through
    indicators.cell(row_of(indicators, 4, "Indikator KUDU SEKOLAH"), 8).value = None
    status.cell(row_of(status, 3, "KUDU SEKOLAH"), 4).value = None
    assert _upload(client, setup, workbook).status_code == 200
    assert _confirm(client, setup).status_code == 302
    assert IndicatorRealisation.objects.get().value == Decimal(5)
    assert ProgrammeReport.objects.get().programme == setup["own"]


def test_a_membership_names_an_agency_of_its_own_region(world, setup):
    membership = Membership.objects.get(user=setup["member"])
    membership.agency = factories.AgencyFactory(region=world.region_b)
    with pytest.raises(ValidationError) as refused:
        membership.full_clean()
    assert "agency" in refused.value.message_dict


def test_members_see_the_agency_they_report_for_on_their_profile(client, setup):
    client.force_login(setup["member"])
    html = client.get(reverse("profile")).content.decode()
    assert f"Penyusun · {setup['plan'].region.name} · Dinas Kominfo" in html


def test_the_coordinator_sets_the_agency_a_member_reports_for(client, world, setup):
    url = reverse("member_agencies", args=[setup["plan"].pk])
    membership = Membership.objects.get(user=world.editor_a)
    client.force_login(world.editor_a)
    assert client.get(url).status_code == 403
    client.force_login(world.coordinator_a)
    page = client.get(url)
    assert page.status_code == 200
    assert "Anggota dan perangkat daerahnya" in page.content.decode()
    kominfo = setup["agency"]
    response = client.post(url, {"membership": membership.pk, "agency": kominfo.pk})
    assert response.status_code == 302
    membership.refresh_from_db()
    assert membership.agency == kominfo
    assert AuditEvent.objects.filter(action="membership.agency", actor=world.coordinator_a)
    assert not may_report(User.objects.get(pk=world.editor_a.pk), setup["other"])
    # another region's agency is no choice; clearing gives the editor's rights back
    foreign = factories.AgencyFactory(region=world.region_b)
    assert client.post(url, {"membership": membership.pk, "agency": foreign.pk}).status_code == 400
    assert client.post(url, {"membership": membership.pk, "agency": ""}).status_code == 302
    membership.refresh_from_db()
    assert membership.agency is None
    # region B's memberships are not this page's
    other = Membership.objects.get(user=world.editor_b)
    assert client.post(url, {"membership": other.pk, "agency": ""}).status_code == 404
