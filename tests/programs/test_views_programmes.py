"""The programme list, page and form, and the records edited on the programme page."""

from __future__ import annotations

import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from PIL import Image

from dimensions.models import Horizon, StrategicIssue
from masterplan.models import DeletedRecord, Revision
from programs.models import (
    BudgetLine,
    Indicator,
    IndicatorTarget,
    Partner,
    Programme,
    ProgrammePhoto,
    Risk,
)
from tests import factories

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}


def client_for(user) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def url(name: str, plan, *args) -> str:
    return reverse(f"programs:{name}", args=[plan.pk, *args])


def record_url(action: str, programme, kind: str, pk: int | None = None) -> str:
    args = [programme.plan_id, programme.pk, kind] + ([pk] if pk is not None else [])
    return reverse(f"programs:record_{action}", args=args)


def programme_data(element, **fields) -> dict:
    return {"name": "Satu Data", "element": element.pk, "priority": 2, **fields}


def picture(kind: str = "PNG", size=(40, 30)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, "teal").save(buffer, kind)
    return buffer.getvalue()


# --- The list ------------------------------------------------------------------------------


def test_it_lists_programmes_to_readers_only(world):
    factories.programme(world.plan_a, name="ALDINO")
    list_url = url("programme_list", world.plan_a)
    assert client_for(None).get(list_url).status_code == 302
    assert client_for(world.editor_b).get(list_url).status_code == 404
    assert client_for(world.outsider).get(list_url).status_code == 404
    for reader in (world.viewer_a, world.mentor_a, world.editor_a):
        response = client_for(reader).get(list_url)
        assert response.status_code == 200
        assert "ALDINO" in response.content.decode()
    create = url("programme_create", world.plan_a)
    assert create not in client_for(world.viewer_a).get(list_url).content.decode()
    assert create in client_for(world.editor_a).get(list_url).content.decode()


@pytest.mark.smoke
def test_it_filters_the_list(world):
    plan = world.plan_a
    dinkes = factories.AgencyFactory(region=plan.region, name="Dinas Kesehatan", acronym="DK")
    disdik = factories.AgencyFactory(region=plan.region, name="Dinas Pendidikan", acronym="DP")
    short = Horizon.objects.get(framework=plan.framework, code="SHORT")
    aldino = factories.programme(
        plan, factories.element("GOV", "SRV"), name="ALDINO", lead_agency=dinkes, horizon=short
    )
    sekolah = factories.programme(
        plan, factories.element("SOC", "LEA"), name="KUDU SEKOLAH", is_quick_win=True
    )
    sekolah.supporting_agencies.add(disdik)
    batik = factories.programme(
        plan, factories.element("ECO", "IND"), name="Etalase Batik", is_flagship=True
    )
    client = client_for(world.viewer_a)

    def names(**query) -> set[str]:
        response = client.get(url("programme_list", plan), query)
        return {p.name for p in response.context["page"].object_list}

    assert names() == {"ALDINO", "KUDU SEKOLAH", "Etalase Batik"}
    assert names(dimension=factories.dimension("SOC").pk) == {"KUDU SEKOLAH"}
    assert names(element=factories.element("ECO", "IND").pk) == {"Etalase Batik"}
    assert names(agency=dinkes.pk) == {"ALDINO"}
    assert names(agency=disdik.pk) == {"KUDU SEKOLAH"}
    assert names(horizon=short.pk) == {"ALDINO"}
    assert names(kind="flagship") == {"Etalase Batik"}
    assert names(kind="quick_win") == {"KUDU SEKOLAH"}
    assert names(q="batik") == {"Etalase Batik"}
    assert names(q=aldino.code) == {"ALDINO"}
    assert names(q="tidak-ada") == set()
    assert batik.pk


def test_it_pages_the_list_and_gives_htmx_the_results_only(world):
    for i in range(55):
        factories.programme(world.plan_a, name=f"Program {i:02d}")
    client = client_for(world.viewer_a)
    first = client.get(url("programme_list", world.plan_a))
    assert len(first.context["page"].object_list) == 50
    second = client.get(url("programme_list", world.plan_a), {"page": 2}, **HTMX)
    body = second.content.decode()
    assert "<html" not in body
    assert body.lstrip().startswith('<div id="programme-results"')
    assert "Program 54" in body
    assert "Program 10" not in body


def test_it_shows_the_budget_total_in_the_list(world):
    programme = factories.programme(world.plan_a)
    source = factories.funding_source()
    BudgetLine.objects.create(programme=programme, year=2025, funding_source=source, amount=10**9)
    BudgetLine.objects.create(
        programme=programme, year=2026, funding_source=source, amount=25 * 10**7
    )
    body = client_for(world.viewer_a).get(url("programme_list", world.plan_a)).content.decode()
    assert "Rp 1.250.000.000" in body


# --- Creating, editing, deleting a programme -------------------------------------------------


def test_it_creates_a_programme_from_a_draft(world):
    element = factories.element("GOV", "SRV")
    create = url("programme_create", world.plan_a)
    assert client_for(world.viewer_a).get(create).status_code == 403
    assert client_for(world.editor_b).get(create).status_code == 404

    response = client_for(world.editor_a).post(create, programme_data(element))

    programme = Programme.objects.get()
    assert response.status_code == 302
    assert response["Location"] == url("programme_detail", world.plan_a, programme.pk)
    assert (programme.code, programme.dimension.code, programme.created_by) == (
        "GOV-SRV-01",
        "GOV",
        world.editor_a,
    )
    assert Revision.objects.for_object(programme).count() == 1


def test_it_refuses_choices_from_outside_the_plan(world):
    foreign_agency = factories.AgencyFactory(region=world.region_b)
    foreign_issue = StrategicIssue.objects.create(
        plan=world.plan_b, dimension=factories.dimension(), title="Isu B"
    )
    response = client_for(world.editor_a).post(
        url("programme_create", world.plan_a),
        programme_data(
            factories.element(), lead_agency=foreign_agency.pk, issues=[foreign_issue.pk]
        ),
    )
    assert response.status_code == 200
    assert {"lead_agency", "issues"} <= set(response.context["form"].errors)
    assert not Programme.objects.exists()


def test_a_limited_editor_creates_and_edits_only_in_its_dimensions(world):
    client = client_for(world.economy_editor_a)
    create = url("programme_create", world.plan_a)
    form = client.get(create).content.decode()
    select = re.search(r'<select name="element".*?</select>', form, re.S)[0]
    assert "ECO-IND" in select and "GOV-SRV" not in select

    refused = client.post(create, programme_data(factories.element("GOV", "SRV")))
    assert refused.status_code == 403
    assert client.post(create, programme_data(factories.element("ECO", "IND"))).status_code == 302

    gov = factories.programme(world.plan_a, factories.element("GOV", "SRV"), name="Layanan")
    assert client.get(url("programme_edit", world.plan_a, gov.pk)).status_code == 403
    assert client.get(url("programme_delete", world.plan_a, gov.pk)).status_code == 403
    eco = Programme.objects.get(dimension__code="ECO")
    moved = client.post(
        url("programme_edit", world.plan_a, eco.pk),
        programme_data(factories.element("GOV", "BUR"), version=eco.version),
    )
    assert moved.status_code == 403


def test_it_saves_links_and_refuses_a_stale_save(world):
    programme = factories.programme(world.plan_a, name="Awal")
    issue = StrategicIssue.objects.create(
        plan=world.plan_a, dimension=factories.dimension(), title="Layanan lambat"
    )
    edit = url("programme_edit", world.plan_a, programme.pk)
    data = programme_data(programme.element, version=1)
    response = client_for(world.coordinator_a).post(
        edit, {**data, "name": "Versi Bu Rina", "issues": [issue.pk]}
    )
    assert response.status_code == 302
    programme.refresh_from_db()
    assert list(programme.issues.all()) == [issue]
    assert Revision.objects.for_object(programme).latest("pk").snapshot["issues"] == [issue.pk]

    stale = client_for(world.editor_a).post(edit, {**data, "name": "Versi Pak Budi"})

    assert stale.status_code == 409
    body = stale.content.decode()
    assert "Versi Bu Rina" in body and "Versi Pak Budi" in body
    assert "Layanan lambat" in body  # their link, beside "—" of the stale form
    programme.refresh_from_db()
    assert programme.name == "Versi Bu Rina"
    version = re.search(r'name="version" value="(\d+)"', body)[1]
    again = client_for(world.editor_a).post(
        edit, {**data, "name": "Versi Pak Budi", "version": version}
    )
    assert again.status_code == 302
    programme.refresh_from_db()
    assert programme.name == "Versi Pak Budi"


def test_it_asks_before_deleting_a_programme_and_keeps_it_in_the_trash(world):
    programme = factories.programme(world.plan_a, name="ALDINO")
    Indicator.objects.create(programme=programme, name="Bayi dengan akta")
    delete = url("programme_delete", world.plan_a, programme.pk)
    assert client_for(world.viewer_a).post(delete).status_code == 403
    assert client_for(world.editor_b).post(delete).status_code == 404
    confirm = client_for(world.editor_a).get(delete)
    assert confirm.status_code == 200
    assert Programme.objects.exists()

    response = client_for(world.editor_a).post(delete)

    assert response.status_code == 302
    assert not Programme.objects.exists()
    deleted = DeletedRecord.objects.get()
    assert deleted.target_uuid == programme.uuid
    assert len(deleted.payload) == 2  # the programme and its indicator


# --- The programme page and its records ------------------------------------------------------


def test_it_shows_the_programme_page_to_readers(world):
    programme = factories.programme(world.plan_a, name="ALDINO")
    indicator = Indicator.objects.create(programme=programme, name="Bayi dengan akta", unit="%")
    IndicatorTarget.objects.create(indicator=indicator, year=2026, value=80)
    Partner.objects.create(programme=programme, name="UNICEF", kind="other")
    detail = url("programme_detail", world.plan_a, programme.pk)
    assert client_for(world.editor_b).get(detail).status_code == 404
    response = client_for(world.viewer_a).get(detail)
    body = response.content.decode()
    assert response.status_code == 200
    assert "Bayi dengan akta" in body and "UNICEF" in body
    assert re.search(rf'id="target-{indicator.pk}-2026">\s*80\s*<', body)
    assert url("programme_edit", world.plan_a, programme.pk) not in body
    editor_body = client_for(world.editor_a).get(detail).content.decode()
    assert url("programme_edit", world.plan_a, programme.pk) in editor_body


def test_it_links_the_programme_history(world):
    programme = factories.programme(world.plan_a)
    history = reverse("record_history", args=["programs.programme", programme.uuid])
    body = client_for(world.viewer_a).get(url("programme_detail", world.plan_a, programme.pk))
    assert history in body.content.decode()


def test_it_adds_records_to_a_programme_inline(world):
    programme = factories.programme(world.plan_a)
    client = client_for(world.editor_a)
    owner = factories.AgencyFactory(region=world.region_a)

    response = client.post(
        record_url("create", programme, "indikator"),
        {"name": "Waktu layanan", "unit": "hari"},
        **HTMX,
    )
    assert response.status_code == 200
    assert response["HX-Retarget"] == f"#board-indikator-{programme.pk}"
    assert "Waktu layanan" in response.content.decode()

    client.post(
        record_url("create", programme, "anggaran"),
        {
            "year": 2026,
            "funding_source": factories.funding_source().pk,
            "amount": "Rp 1.250.000",
            "status": "indicative",
        },
    )
    assert BudgetLine.objects.get().amount == 1_250_000
    client.post(record_url("create", programme, "mitra"), {"name": "UNDIP", "kind": "academia"})
    client.post(
        record_url("create", programme, "risiko"),
        {"description": "Data tidak mutakhir", "likelihood": 2, "impact": 3, "owner": owner.pk},
    )
    client.post(
        record_url("create", programme, "sebelum-sesudah"),
        {"name": "Waktu urus akta", "before": "14 hari", "after": "1 hari"},
    )
    risk = Risk.objects.get()
    assert (risk.plan, risk.programme, risk.owner) == (world.plan_a, programme, owner)
    assert programme.partners.get().name == "UNDIP"
    assert programme.before_after.get().after == "1 hari"


def test_it_checks_budget_lines(world):
    programme = factories.programme(world.plan_a)
    create = record_url("create", programme, "anggaran")
    data = {
        "year": 2026,
        "funding_source": factories.funding_source().pk,
        "amount": "100",
        "status": "indicative",
    }
    client = client_for(world.editor_a)
    client.post(create, data)
    duplicate = client.post(create, data)
    assert duplicate.context["form"].non_field_errors()
    outside = client.post(create, {**data, "year": 2040})
    assert "year" in outside.context["form"].errors
    negative = client.post(create, {**data, "amount": "-5", "status": "budgeted"})
    assert "amount" in negative.context["form"].errors
    assert BudgetLine.objects.count() == 1


def test_it_refuses_a_stale_save_of_a_programme_record(world):
    programme = factories.programme(world.plan_a)
    partner = Partner.objects.create(programme=programme, name="UNDIP", kind="academia")
    edit = record_url("edit", programme, "mitra", partner.pk)
    base = {"kind": "academia", "version": 1}
    client_for(world.coordinator_a).post(edit, {**base, "name": "Universitas Diponegoro"})
    stale = client_for(world.editor_a).post(edit, {**base, "name": "UNDIP Semarang"}, **HTMX)
    assert stale.status_code == 409
    assert "Universitas Diponegoro" in stale.content.decode()
    assert "UNDIP Semarang" in stale.content.decode()


# --- Yearly targets, edited in their cell -------------------------------------------------------


def test_it_edits_a_yearly_target_in_its_cell(world):
    programme = factories.programme(world.plan_a)
    indicator = Indicator.objects.create(programme=programme, name="Cakupan")
    cell = url("indicator_target", world.plan_a, programme.pk, indicator.pk, 2027)
    client = client_for(world.editor_a)
    form = client.get(cell, **HTMX)
    assert form.content.decode().lstrip().startswith(f'<td id="target-{indicator.pk}-2027"')

    created = client.post(cell, {"value": "75"}, **HTMX)

    assert created.status_code == 200
    target = IndicatorTarget.objects.get(indicator=indicator, year=2027)
    assert target.value == 75
    assert "75" in created.content.decode()
    client.post(cell, {"value": "80", "version": 1})
    target.refresh_from_db()
    assert target.value == 80
    stale = client.post(cell, {"value": "90", "version": 1}, **HTMX)
    assert stale.status_code == 409
    assert "80" in stale.content.decode() and "90" in stale.content.decode()
    shown = client.get(cell + "?show=1", **HTMX)
    assert "80" in shown.content.decode()


def test_a_target_someone_else_created_meanwhile_is_a_conflict(world):
    programme = factories.programme(world.plan_a)
    indicator = Indicator.objects.create(programme=programme, name="Cakupan")
    IndicatorTarget.objects.create(indicator=indicator, year=2026, value=50)
    cell = url("indicator_target", world.plan_a, programme.pk, indicator.pk, 2026)
    stale = client_for(world.editor_a).post(cell, {"value": "60", "version": ""}, **HTMX)
    assert stale.status_code == 409
    assert IndicatorTarget.objects.get().value == 50


def test_targets_are_refused_to_readers_and_outside_the_plan_period(world):
    programme = factories.programme(world.plan_a)
    indicator = Indicator.objects.create(programme=programme, name="Cakupan")
    cell = url("indicator_target", world.plan_a, programme.pk, indicator.pk, 2026)
    assert client_for(world.viewer_a).post(cell, {"value": "1"}).status_code == 403
    assert client_for(world.editor_b).post(cell, {"value": "1"}).status_code == 404
    outside = url("indicator_target", world.plan_a, programme.pk, indicator.pk, 2040)
    assert client_for(world.editor_a).get(outside).status_code == 404


# --- Photos -----------------------------------------------------------------------------------


def test_it_uploads_a_photo_per_region_and_serves_it_to_readers_only(world, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    programme = factories.programme(world.plan_a)
    upload = SimpleUploadedFile("peluncuran.php.png", picture(), content_type="image/png")

    response = client_for(world.editor_a).post(
        record_url("create", programme, "foto"), {"image": upload, "caption": "Peluncuran"}
    )

    assert response.status_code == 302
    photo = ProgrammePhoto.objects.get()
    assert photo.image.name.startswith("regions/region-a/programmephoto/")
    assert photo.image.name.endswith("/foto.png")
    served = url("programme_photo", world.plan_a, programme.pk, photo.pk)
    shown = client_for(world.viewer_a).get(served)
    assert shown.status_code == 200
    assert shown["Content-Type"] == "image/png"
    assert b"".join(shown.streaming_content) == picture()
    assert client_for(world.editor_b).get(served).status_code == 404
    assert client_for(None).get(served).status_code == 302


@pytest.mark.parametrize(
    ("name", "content", "content_type"),
    [
        ("skrip.png", b"<svg onload=alert(1)></svg>", "image/png"),
        ("gambar.svg", b'<svg xmlns="http://www.w3.org/2000/svg"></svg>', "image/svg+xml"),
        ("animasi.gif", picture("GIF"), "image/gif"),
        ("dokumen.pdf", b"%PDF-1.4", "application/pdf"),
    ],
)
def test_it_refuses_files_that_are_not_photos(
    world, settings, tmp_path, name, content, content_type
):
    settings.MEDIA_ROOT = tmp_path
    programme = factories.programme(world.plan_a)
    response = client_for(world.editor_a).post(
        record_url("create", programme, "foto"),
        {"image": SimpleUploadedFile(name, content, content_type=content_type)},
    )
    assert "image" in response.context["form"].errors
    assert not ProgrammePhoto.objects.exists()


def test_it_refuses_photos_over_five_megabytes(world, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 20 * 1024 * 1024
    programme = factories.programme(world.plan_a)
    big = picture("PNG") + b"\0" * (5 * 1024 * 1024)
    response = client_for(world.editor_a).post(
        record_url("create", programme, "foto"),
        {"image": SimpleUploadedFile("besar.png", big, content_type="image/png")},
    )
    assert response.context["form"].errors.as_data()["image"][0].code == "too_large"


# --- The plan's risks and financing ------------------------------------------------------


def test_it_edits_the_risks_of_the_whole_plan(world):
    programme = factories.programme(world.plan_a, name="ALDINO")
    Risk.objects.create(plan=world.plan_a, programme=programme, description="Jaringan putus")
    page = url("risk_list", world.plan_a)
    create = reverse("programs:record_create", args=[world.plan_a.pk, "risiko-rencana"])
    assert client_for(world.editor_b).get(page).status_code == 404
    assert client_for(world.viewer_a).post(create, {"description": "X"}).status_code == 403
    assert client_for(world.economy_editor_a).get(create).status_code == 403

    response = client_for(world.editor_a).post(
        create, {"description": "Pergantian kepala daerah", "likelihood": 2, "impact": 3}, **HTMX
    )

    assert response["HX-Retarget"] == "#board-risiko-rencana"
    risk = Risk.objects.get(programme=None)
    assert (risk.plan, risk.description) == (world.plan_a, "Pergantian kepala daerah")
    edit = reverse("programs:record_edit", args=[world.plan_a.pk, "risiko-rencana", risk.pk])
    client_for(world.editor_a).post(
        edit,
        {
            "description": "Pergantian kepala daerah 2029",
            "likelihood": 2,
            "impact": 3,
            "version": 1,
        },
    )
    body = client_for(world.viewer_a).get(page).content.decode()
    assert "Pergantian kepala daerah 2029" in body and "Jaringan putus" in body


def test_it_sums_the_budget_lines_by_source_and_dimension(world):
    apbd, apbn = factories.funding_source("APBD-KAB"), factories.funding_source("APBN")
    gov = factories.programme(world.plan_a, factories.element("GOV", "SRV"))
    eco = factories.programme(world.plan_a, factories.element("ECO", "IND"))
    BudgetLine.objects.create(programme=gov, year=2025, funding_source=apbd, amount=100)
    BudgetLine.objects.create(programme=eco, year=2025, funding_source=apbn, amount=200)
    BudgetLine.objects.create(programme=eco, year=2026, funding_source=apbd, amount=50)
    page = url("financing", world.plan_a)
    assert client_for(world.editor_b).get(page).status_code == 404
    response = client_for(world.mentor_a).get(page)
    assert response.context["total"] == 350
    assert [(s.code, amounts[:2]) for s, amounts, _ in response.context["sources"]] == [
        ("APBD-KAB", [100, 50]),
        ("APBN", [200, 0]),
    ]
    assert [(d.code, total) for d, _, total in response.context["dimensions"]] == [
        ("GOV", 100),
        ("ECO", 250),
    ]
    assert "Rp 350" in response.content.decode()
