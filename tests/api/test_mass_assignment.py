"""Mass assignment and foreign-key injection: nothing of another region (or plan, or
framework) gets in, and server-owned fields cannot be set."""

from __future__ import annotations

import pytest

from dimensions.models import Framework, FundingSource, StrategicIssue
from masterplan.models import Agency, AuditEvent, Book, DeletedRecord, InstitutionMember, Revision
from programs.models import Programme, Risk
from roadmap.models import Activity
from tests import factories
from tests.api.conftest import client_for, create_payload, if_match, url

pytestmark = pytest.mark.django_db


def _counts():
    return (
        Programme.objects.count(),
        Activity.objects.count(),
        Risk.objects.count(),
        InstitutionMember.objects.count(),
    )


@pytest.mark.parametrize(
    ("field", "other"),
    [
        ("plan", lambda b: b["plan"].pk),
        ("lead_agency", lambda b: b["agency"].pk),
        ("supporting_agencies", lambda b: [b["agency"].pk]),
        ("strategies", lambda b: [b["strategy"].pk]),
        ("issues", lambda b: [b["strategic-issue"].pk]),
        ("swot_items", lambda b: [b["swot-item"].pk]),
        ("gap_items", lambda b: [b["gap"].pk]),
    ],
)
def test_it_refuses_a_programme_pointing_into_another_region(world, records, field, other):
    before = _counts()
    payload = create_payload("programme", records["A"]) | {field: other(records["B"])}
    response = client_for(world.editor_a).post(url("programmes"), payload, format="json")
    assert response.status_code == 400
    assert field in response.data
    assert _counts() == before


@pytest.mark.parametrize(
    ("prefix", "basename", "field", "other"),
    [
        ("activities", "activity", "programme", lambda b: b["programme"].pk),
        ("risks", "risk", "plan", lambda b: b["plan"].pk),
        ("institution-members", "institution-member", "institution", lambda b: b["institution"].pk),
        ("indicator-targets", "indicator-target", "indicator", lambda b: b["indicator"].pk),
        ("agencies", "agency", "region", lambda b: b["region"].pk),
    ],
)
def test_it_refuses_an_owner_in_another_region(world, records, prefix, basename, field, other):
    before = _counts()
    payload = create_payload(basename, records["A"]) | {field: other(records["B"])}
    response = client_for(world.coordinator_a).post(url(prefix), payload, format="json")
    assert response.status_code == 400, response.data
    assert field in response.data
    assert _counts() == before


@pytest.mark.parametrize(
    ("prefix", "basename", "field", "other"),
    [
        ("activities", "activity", "agency", lambda b: b["agency"].pk),
        ("risks", "risk", "programme", lambda b: b["programme"].pk),
        ("risks", "risk", "owner", lambda b: b["agency"].pk),
        ("institution-members", "institution-member", "agency", lambda b: b["agency"].pk),
        ("strategies", "strategy", "issues", lambda b: [b["strategic-issue"].pk]),
        ("existing-innovations", "existing-innovation", "agency", lambda b: b["agency"].pk),
    ],
)
@pytest.mark.parametrize("persona", ["editor_a", "admin"])
def test_it_refuses_links_that_mix_regions(world, records, persona, prefix, basename, field, other):
    """Even the admin, who sees both regions, cannot tie region A's record to region B's."""
    before = _counts()
    payload = create_payload(basename, records["A"]) | {field: other(records["B"])}
    response = client_for(getattr(world, persona)).post(url(prefix), payload, format="json")
    assert response.status_code == 400, response.data
    assert field in response.data
    assert _counts() == before


def test_it_refuses_a_funding_source_of_another_framework(world, records):
    other = Framework.objects.create(code="draft-2026", name="Draft 2026")
    source = FundingSource.objects.create(framework=other, code="APBN", name_id="A", name_en="A")
    payload = create_payload("activity", records["A"]) | {"funding_source": source.pk}
    response = client_for(world.admin).post(url("activities"), payload, format="json")
    assert response.status_code == 400
    assert "funding_source" in response.data
    assert not Activity.objects.filter(funding_source=source).exists()


def test_a_patch_cannot_move_links_into_another_region(world, records):
    programme = records["A"]["programme"]
    response = client_for(world.admin).patch(
        url("programmes", programme.pk),
        {"lead_agency": records["B"]["agency"].pk, "issues": [records["B"]["strategic-issue"].pk]},
        format="json",
        **if_match(programme),
    )
    assert response.status_code == 400
    assert set(response.data) == {"lead_agency", "issues"}
    programme.refresh_from_db()
    assert programme.lead_agency == records["A"]["lead-agency"]
    assert list(programme.issues.all()) == [records["A"]["strategic-issue"]]
    assert programme.version == 1


def test_server_owned_fields_are_ignored(world, records):
    programme = records["A"]["programme"]
    original = (programme.code, programme.uuid, programme.plan_id, programme.dimension_id)
    response = client_for(world.editor_a).patch(
        url("programmes", programme.pk),
        {
            "name": "ALDINO 2",
            "plan": world.plan_b.pk,
            "code": "HACK-01",
            "uuid": "00000000-0000-0000-0000-000000000000",
            "version": 99,
            "dimension": factories.dimension("ECO").pk,
            "created_by": world.admin.pk,
            "created_at": "2000-01-01T00:00:00Z",
        },
        format="json",
        **if_match(programme),
    )
    assert response.status_code == 200
    programme.refresh_from_db()
    assert (programme.code, programme.uuid, programme.plan_id, programme.dimension_id) == original
    assert (programme.name, programme.version, programme.created_by) == ("ALDINO 2", 2, None)
    assert programme.updated_by == world.editor_a


def test_the_plan_period_and_owner_are_not_writable(world):
    plan = world.plan_a
    response = client_for(world.editor_a).patch(
        url("plans", plan.pk),
        {"vision": "Cerdas", "start_year": 2030, "end_year": 2031, "region": world.region_b.pk},
        format="json",
        **if_match(plan),
    )
    assert response.status_code == 200
    plan.refresh_from_db()
    assert (plan.vision, plan.start_year, plan.end_year, plan.region) == (
        "Cerdas",
        2025,
        2034,
        world.region_a,
    )


def test_a_book_status_cannot_be_written(world):
    book = world.plan_a.books.get(number=1)
    response = client_for(world.admin).patch(
        url("books", book.pk), {"status": "final"}, format="json", **if_match(book)
    )
    assert response.status_code == 405
    book.refresh_from_db()
    assert book.status == "draft"


def test_a_dimension_editor_adds_in_their_dimension_but_cannot_move_out_of_it(world, records):
    client = client_for(world.economy_editor_a)
    payload = create_payload("programme", records["A"]) | {
        "element": factories.element("ECO", "TRX").pk,
        "strategies": [],
        "issues": [],
    }
    created = client.post(url("programmes"), payload, format="json")
    assert created.status_code == 201, created.data
    assert created.data["code"] == "ECO-TRX-01"
    programme = Programme.objects.get(pk=created.data["id"])

    moved = client.patch(
        url("programmes", programme.pk),
        {"element": factories.element("GOV", "POL").pk},
        format="json",
        **if_match(programme),
    )
    assert moved.status_code == 403
    programme.refresh_from_db()
    assert (programme.code, programme.version) == ("ECO-TRX-01", 1)


def test_a_limited_editor_cannot_add_to_another_dimension(world, records):
    before = StrategicIssue.objects.count()
    payload = create_payload("strategic-issue", records["A"])
    response = client_for(world.economy_editor_a).post(
        url("strategic-issues"), payload, format="json"
    )
    assert response.status_code == 403
    assert StrategicIssue.objects.count() == before


def test_section_text_is_sanitised(world):
    section = world.plan_a.books.get(number=2).sections.get(key="pendahuluan")
    response = client_for(world.editor_a).patch(
        url("sections", section.pk),
        {
            "body": '<p onclick="steal()">Latar <script>alert(1)</script>'
            '<a href="javascript:alert(1)">x</a> <a href="https://pekalongankab.go.id">web</a>'
            "</p><svg><script>1</script></svg><iframe src=//evil></iframe>"
        },
        format="json",
        **if_match(section),
    )
    assert response.status_code == 200
    section.refresh_from_db()
    body = section.body
    for forbidden in ("script", "onclick", "javascript:", "svg", "iframe", "alert"):
        assert forbidden not in body
    assert '<a href="https://pekalongankab.go.id"' in body


def test_model_validation_comes_back_as_field_errors_in_the_request_language(world, records):
    client = client_for(world.editor_a)
    payload = create_payload("activity", records["A"]) | {"year": 2040}
    english = client.post(url("activities"), payload, format="json", HTTP_ACCEPT_LANGUAGE="en")
    indonesian = client.post(url("activities"), payload, format="json", HTTP_ACCEPT_LANGUAGE="id")
    assert english.status_code == indonesian.status_code == 400
    assert english.json() == {"year": ["Year 2040 is outside the plan period 2025–2034."]}
    assert "2040" in indonesian.json()["year"][0]
    assert indonesian.json() != english.json()

    missing = client.post(url("activities"), {}, format="json", HTTP_ACCEPT_LANGUAGE="id")
    assert missing.json()["name"] == ["Bidang ini harus diisi."]
    missing = client.post(url("activities"), {}, format="json", HTTP_ACCEPT_LANGUAGE="en")
    assert missing.json()["name"] == ["This field is required."]


def test_constraint_violations_are_400_not_500(world, records):
    client = client_for(world.editor_a)
    duplicate_profile = client.post(
        url("region-profiles"), {"plan": world.plan_a.pk}, format="json"
    )
    assert duplicate_profile.status_code == 400
    assert "plan" in duplicate_profile.data
    entry = records["A"]["roadmap-entry"]
    duplicate_year = client.post(
        url("roadmap-entries"), {"programme": entry.programme_id, "year": entry.year}, format="json"
    )
    assert duplicate_year.status_code == 400
    negative = client.post(
        url("budget-lines"),
        create_payload("budget-line", records["A"]) | {"amount": -5},
        format="json",
    )
    assert negative.status_code == 400


def test_writes_leave_a_revision_an_audit_event_and_a_trash_entry(world, records):
    programme = records["A"]["programme"]
    client = client_for(world.editor_a)
    response = client.patch(
        url("programmes", programme.pk), {"name": "ALDINO+"}, format="json", **if_match(programme)
    )
    assert response.status_code == 200
    event = AuditEvent.objects.get(action="programme.update")
    assert (event.actor, event.region, event.target_uuid) == (
        world.editor_a,
        world.region_a,
        programme.uuid,
    )
    revision = Revision.objects.get(pk=event.changes["revision"])
    assert (revision.version, revision.snapshot["name"]) == (2, "ALDINO+")

    created = client.post(
        url("strategies"), create_payload("strategy", records["A"]), format="json"
    )
    assert created.status_code == 201
    revision = Revision.objects.filter(target_uuid=created.data["uuid"]).get()
    assert revision.snapshot["issues"] == [records["A"]["strategic-issue"].pk]

    partner = records["A"]["partner"]
    deleted = client.delete(url("partners", partner.pk), **if_match(partner))
    assert deleted.status_code == 204
    trash = DeletedRecord.objects.get(target_uuid=partner.uuid)
    assert trash.deleted_by == world.editor_a


def test_an_agency_that_records_name_is_not_deleted(world, records):
    agency = records["A"]["lead-agency"]
    response = client_for(world.coordinator_a).delete(
        url("agencies", agency.pk), **if_match(agency)
    )
    assert response.status_code == 409
    assert Agency.objects.filter(pk=agency.pk).exists()


def test_editing_a_section_of_an_approved_book_returns_it_to_draft(world):
    book = world.plan_a.books.get(number=2)
    Book.objects.filter(pk=book.pk).update(status=Book.Status.APPROVED)
    section = book.sections.get(key="pendahuluan")
    response = client_for(world.editor_a).patch(
        url("sections", section.pk), {"body": "<p>Baru</p>"}, format="json", **if_match(section)
    )
    assert response.status_code == 200
    book.refresh_from_db()
    assert book.status == Book.Status.DRAFT
