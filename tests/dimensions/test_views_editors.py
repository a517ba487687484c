"""The structured editors of Buku 1 and Buku 2: readiness, gaps, SWOT, issues,
innovations, goals, strategies, the region profile and the institutions."""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from dimensions.models import (
    ExistingInnovation,
    Framework,
    GapItem,
    Goal,
    Pillar,
    PillarAspect,
    ReadinessAssessment,
    RegionProfile,
    StrategicIssue,
    Strategy,
    SwotItem,
)
from masterplan.models import AuditEvent, DeletedRecord, Institution, InstitutionMember, Revision
from tests import factories

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}


def client_for(user) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def page(name: str, plan) -> str:
    return reverse(f"dimensions:{name}", args=[plan.pk])


def record_url(action: str, plan, kind: str, pk: int | None = None) -> str:
    args = [plan.pk, kind] + ([pk] if pk is not None else [])
    return reverse(f"dimensions:record_{action}", args=args)


def swot(plan, dimension="GOV", text="Jaringan fiber optik ke semua OPD", **fields):
    return SwotItem.objects.create(
        plan=plan, kind="S", text=text, dimension=factories.dimension(dimension), **fields
    )


# --- The permission ladder ---------------------------------------------------------------


def test_it_offers_no_edit_buttons_to_readers(world):
    item = swot(world.plan_a)
    edit = record_url("edit", world.plan_a, "swot", item.pk)
    response = client_for(world.viewer_a).get(page("swot_list", world.plan_a))
    assert item.text in response.content.decode()
    assert edit not in response.content.decode()
    response = client_for(world.editor_a).get(page("swot_list", world.plan_a))
    assert edit in response.content.decode()


def test_it_refuses_every_change_to_readers_and_outsiders(world):
    item = swot(world.plan_a)
    data = {"dimension": item.dimension_id, "kind": "W", "text": "X", "version": item.version}
    urls = [
        record_url("create", world.plan_a, "swot"),
        record_url("edit", world.plan_a, "swot", item.pk),
        record_url("delete", world.plan_a, "swot", item.pk),
        record_url("move", world.plan_a, "swot", item.pk),
    ]
    for url in urls:
        assert client_for(None).post(url, data).status_code == 302
        assert client_for(world.editor_b).post(url, data).status_code == 404
        assert client_for(world.viewer_a).post(url, data).status_code == 403
        assert client_for(world.mentor_a).post(url, data).status_code == 403
    assert client_for(world.viewer_a).get(urls[0]).status_code == 403
    assert client_for(world.viewer_a).get(urls[1]).status_code == 403
    item.refresh_from_db()
    assert item.text == "Jaringan fiber optik ke semua OPD"
    assert SwotItem.objects.count() == 1


def test_it_treats_another_plans_record_as_missing(world):
    other = swot(world.plan_b)
    url = record_url("edit", world.plan_a, "swot", other.pk)
    assert client_for(world.editor_a).get(url).status_code == 404


def test_it_answers_unknown_kinds_with_404(world):
    url = f"/masterplan/{world.plan_a.pk}/tidak-ada/baru/"
    assert client_for(world.editor_a).get(url).status_code == 404


# --- Adding ------------------------------------------------------------------------------


def test_it_adds_a_record_and_leaves_a_revision_and_an_audit_event(world):
    gov = factories.dimension("GOV")
    response = client_for(world.editor_a).post(
        record_url("create", world.plan_a, "swot"),
        {"dimension": gov.pk, "kind": "O", "text": "Kebijakan SPBE nasional"},
    )
    assert response.status_code == 302
    assert response["Location"] == page("swot_list", world.plan_a)
    item = SwotItem.objects.get()
    assert (item.plan, item.dimension, item.kind) == (world.plan_a, gov, "O")
    assert item.created_by == world.editor_a
    assert Revision.objects.for_object(item).count() == 1
    assert AuditEvent.objects.filter(action="swotitem.create", target_uuid=item.uuid).exists()


def test_it_returns_the_board_to_htmx_after_adding(world):
    response = client_for(world.editor_a).post(
        record_url("create", world.plan_a, "kesenjangan"),
        {"dimension": factories.dimension("GOV").pk, "current_condition": "Data tersebar"},
        **HTMX,
    )
    assert response.status_code == 200
    assert response["HX-Retarget"] == "#board-kesenjangan"
    assert response["HX-Reswap"] == "outerHTML"
    body = response.content.decode()
    assert "<html" not in body
    assert 'id="board-kesenjangan"' in body
    assert "Data tersebar" in body


def test_it_gives_htmx_the_add_form_as_a_fragment_and_others_a_page(world):
    url = record_url("create", world.plan_a, "swot") + "?kind=T"
    fragment = client_for(world.editor_a).get(url, **HTMX).content.decode()
    assert fragment.lstrip().startswith("<form")
    assert 'hx-post="' in fragment and 'action="' in fragment
    full = client_for(world.editor_a).get(url).content.decode()
    assert "<html" in full
    assert 'value="T" selected' in full


def test_it_saves_an_incomplete_draft(world):
    response = client_for(world.editor_a).post(
        record_url("create", world.plan_a, "kesenjangan"), {"current_condition": "Belum ada SOP"}
    )
    assert response.status_code == 302
    gap = GapItem.objects.get()
    assert (gap.dimension, gap.expected_condition, gap.gap) == (None, "", "")


def test_it_keeps_what_was_typed_when_the_form_is_invalid(world):
    response = client_for(world.editor_a).post(
        record_url("create", world.plan_a, "swot"), {"text": "Teks tanpa jenis"}, **HTMX
    )
    assert response.status_code == 200
    assert "Teks tanpa jenis" in response.content.decode()
    assert "is-invalid" in response.content.decode()
    assert not SwotItem.objects.exists()


def test_it_puts_new_records_at_the_end_of_their_group(world):
    first = swot(world.plan_a, order=5)
    client_for(world.editor_a).post(
        record_url("create", world.plan_a, "swot"),
        {"dimension": first.dimension_id, "kind": "S", "text": "Kedua"},
    )
    assert SwotItem.objects.get(text="Kedua").order == 6


# --- Editing and the stale save ----------------------------------------------------------


def test_it_saves_an_edit_and_returns_the_item_to_htmx(world):
    item = swot(world.plan_a)
    response = client_for(world.editor_a).post(
        record_url("edit", world.plan_a, "swot", item.pk),
        {"dimension": item.dimension_id, "kind": "S", "text": "Diperbarui", "version": 1},
        **HTMX,
    )
    assert response.status_code == 200
    assert response.content.decode().lstrip().startswith(f'<div id="swotitem-{item.pk}"')
    item.refresh_from_db()
    assert (item.text, item.version, item.updated_by) == ("Diperbarui", 2, world.editor_a)
    assert Revision.objects.for_object(item).get().snapshot["text"] == "Diperbarui"


def test_it_redraws_the_board_when_a_record_moves_to_another_group(world):
    item = swot(world.plan_a)
    response = client_for(world.editor_a).post(
        record_url("edit", world.plan_a, "swot", item.pk),
        {"dimension": item.dimension_id, "kind": "T", "text": item.text, "version": 1},
        **HTMX,
    )
    assert response["HX-Retarget"] == "#board-swot"


def test_it_refuses_a_stale_save_and_shows_both_versions(world):
    item = swot(world.plan_a, text="Teks awal")
    url = record_url("edit", world.plan_a, "swot", item.pk)
    base = {"dimension": item.dimension_id, "kind": "S", "version": 1}
    first = client_for(world.coordinator_a).post(url, {**base, "text": "Versi Bu Rina"}, **HTMX)
    assert first.status_code == 200

    stale = client_for(world.editor_a).post(url, {**base, "text": "Versi Pak Budi"}, **HTMX)

    assert stale.status_code == 409
    body = stale.content.decode()
    assert "Versi Bu Rina" in body and "Versi Pak Budi" in body
    assert 'name="version" value="2"' in body
    item.refresh_from_db()
    assert (item.text, item.version) == ("Versi Bu Rina", 2)
    # re-applying from the conflict form (now based on version 2) wins
    again = client_for(world.editor_a).post(url, {**base, "text": "Versi Pak Budi", "version": 2})
    assert again.status_code == 302
    item.refresh_from_db()
    assert item.text == "Versi Pak Budi"
    assert [r.snapshot["text"] for r in Revision.objects.for_object(item).order_by("pk")] == [
        "Versi Bu Rina",
        "Versi Pak Budi",
    ]


def test_it_refuses_an_edit_without_a_version(world):
    item = swot(world.plan_a)
    response = client_for(world.editor_a).post(
        record_url("edit", world.plan_a, "swot", item.pk),
        {"dimension": item.dimension_id, "kind": "S", "text": "Tanpa versi"},
    )
    assert response.status_code == 200
    item.refresh_from_db()
    assert item.text != "Tanpa versi"


# --- Deleting and reordering -------------------------------------------------------------


def test_it_asks_before_deleting_and_keeps_the_record_in_the_trash(world):
    item = swot(world.plan_a)
    url = record_url("delete", world.plan_a, "swot", item.pk)
    confirm = client_for(world.editor_a).get(url, **HTMX)
    assert confirm.status_code == 200
    assert 'method="post"' in confirm.content.decode()
    assert SwotItem.objects.filter(pk=item.pk).exists()

    response = client_for(world.editor_a).post(url, **HTMX)

    assert response.status_code == 200
    assert response["HX-Retarget"] == "#board-swot"
    assert not SwotItem.objects.filter(pk=item.pk).exists()
    deleted = DeletedRecord.objects.get()
    assert (deleted.target_uuid, deleted.deleted_by) == (item.uuid, world.editor_a)


def test_it_moves_a_record_up_and_down_within_its_group(world):
    a, b, c = (swot(world.plan_a, text=t, order=i) for i, t in enumerate("ABC", start=1))
    client = client_for(world.editor_a)
    response = client.post(record_url("move", world.plan_a, "swot", c.pk), {"direction": "up"})
    assert response.status_code == 302
    ordered = SwotItem.objects.filter(plan=world.plan_a).order_by("order")
    assert [item.text for item in ordered] == ["A", "C", "B"]
    client.post(record_url("move", world.plan_a, "swot", a.pk), {"direction": "up"}, **HTMX)
    assert [item.text for item in ordered.all()] == ["A", "C", "B"]
    b.refresh_from_db()
    assert b.version == 1  # moving does not make someone's open edit stale


def test_it_refuses_to_move_by_get(world):
    item = swot(world.plan_a)
    url = record_url("move", world.plan_a, "swot", item.pk)
    assert client_for(world.editor_a).get(url).status_code == 405


# --- Dimension-limited editors -----------------------------------------------------------


def test_a_limited_editor_changes_only_records_of_its_dimensions(world):
    eco = swot(world.plan_a, "ECO", text="Batik")
    gov = swot(world.plan_a, "GOV", text="Layanan")
    client = client_for(world.economy_editor_a)
    base = {"kind": "S", "text": "Baru"}

    ok = client.post(
        record_url("edit", world.plan_a, "swot", eco.pk),
        {**base, "dimension": eco.dimension_id, "version": 1},
    )
    assert ok.status_code == 302
    assert (
        client.post(
            record_url("edit", world.plan_a, "swot", gov.pk),
            {**base, "dimension": gov.dimension_id, "version": 1},
        ).status_code
        == 403
    )
    # nor move its own record into another dimension, nor add one there
    assert (
        client.post(
            record_url("edit", world.plan_a, "swot", eco.pk),
            {**base, "dimension": gov.dimension_id, "version": 2},
        ).status_code
        == 403
    )
    assert (
        client.post(
            record_url("create", world.plan_a, "swot"), {**base, "dimension": gov.dimension_id}
        ).status_code
        == 403
    )
    assert client.post(record_url("delete", world.plan_a, "swot", gov.pk)).status_code == 403
    eco.refresh_from_db()
    assert eco.dimension.code == "ECO"


def test_a_limited_editor_is_offered_only_its_dimensions(world):
    response = client_for(world.economy_editor_a).get(record_url("create", world.plan_a, "swot"))
    select = re.search(r'<select name="dimension".*?</select>', response.content.decode(), re.S)
    eco, gov = factories.dimension("ECO"), factories.dimension("GOV")
    assert f'<option value="{eco.pk}"' in select[0]
    assert f'<option value="{gov.pk}"' not in select[0]
    # and cannot add records of the whole plan
    response = client_for(world.economy_editor_a).post(
        record_url("create", world.plan_a, "swot"), {"kind": "S", "text": "Tanpa dimensi"}
    )
    assert response.status_code == 200
    assert not SwotItem.objects.exists()


def test_a_limited_editor_sees_add_buttons_only_in_its_dimensions(world):
    body = client_for(world.economy_editor_a).get(page("gap_list", world.plan_a)).content.decode()
    eco, gov = factories.dimension("ECO"), factories.dimension("GOV")
    assert f"dimension={eco.pk}" in body
    assert f"dimension={gov.pk}" not in body


def test_a_limited_editor_cannot_touch_records_without_a_dimension(world):
    url = record_url("create", world.plan_a, "kelembagaan")
    assert client_for(world.economy_editor_a).get(url).status_code == 403
    url = record_url("create", world.plan_a, "kesiapan")
    assert client_for(world.economy_editor_a).get(url).status_code == 403


# --- Choices limited to the plan, checked on the server ----------------------------------


def test_it_refuses_another_regions_agency(world):
    foreign = factories.AgencyFactory(region=world.region_b)
    response = client_for(world.editor_a).post(
        record_url("create", world.plan_a, "inovasi"), {"name": "SIPAKAR", "agency": foreign.pk}
    )
    assert response.status_code == 200
    assert "agency" in response.context["form"].errors
    assert not ExistingInnovation.objects.exists()


def test_it_refuses_reference_items_of_another_framework(world):
    other = Framework.objects.create(code="draft-2026", name="Draf 2026")
    pillar = Pillar.objects.create(framework=other, code="STR", name_id="Struktur", name_en="S")
    response = client_for(world.editor_a).post(
        record_url("create", world.plan_a, "kesenjangan"),
        {"current_condition": "X", "pillar": pillar.pk},
    )
    assert "pillar" in response.context["form"].errors


def test_it_refuses_an_element_of_another_dimension(world):
    response = client_for(world.editor_a).post(
        record_url("create", world.plan_a, "isu-strategis"),
        {
            "dimension": factories.dimension("GOV").pk,
            "element": factories.element("ECO", "IND").pk,
            "title": "Isu",
        },
    )
    assert "element" in response.context["form"].errors
    assert not StrategicIssue.objects.exists()


def test_it_links_strategies_only_to_issues_of_the_same_plan(world):
    gov = factories.dimension("GOV")
    own = StrategicIssue.objects.create(plan=world.plan_a, dimension=gov, title="Isu A")
    foreign = StrategicIssue.objects.create(plan=world.plan_b, dimension=gov, title="Isu B")
    url = record_url("create", world.plan_a, "strategi")
    data = {"dimension": gov.pk, "strategy": "Integrasi layanan"}
    refused = client_for(world.editor_a).post(url, {**data, "issues": [foreign.pk]})
    assert "issues" in refused.context["form"].errors

    client_for(world.editor_a).post(url, {**data, "issues": [own.pk]})

    strategy = Strategy.objects.get()
    assert list(strategy.issues.all()) == [own]
    assert Revision.objects.for_object(strategy).get().snapshot["issues"] == [own.pk]
    body = client_for(world.viewer_a).get(page("strategy_list", world.plan_a)).content.decode()
    assert "Isu A" in body


# --- The other editors -------------------------------------------------------------------


def test_it_assesses_each_aspect_once(world):
    aspect = PillarAspect.objects.get(pillar__framework__code="kominfo-2017", code="HR")
    url = record_url("create", world.plan_a, "kesiapan")
    data = {"aspect": aspect.pk, "rating": "cukup", "narrative": "SDM TIK terbatas"}
    assert client_for(world.editor_a).post(url, data).status_code == 302
    again = client_for(world.editor_a).post(url, data)
    assert "aspect" in again.context["form"].errors
    assert ReadinessAssessment.objects.get().narrative == "SDM TIK terbatas"
    body = client_for(world.viewer_a).get(page("readiness_list", world.plan_a)).content.decode()
    assert "SDM TIK terbatas" in body


def test_it_keeps_the_region_figures(world):
    url = record_url("create", world.plan_a, "profil")
    response = client_for(world.editor_a).post(url, {"population": "1000000", "hdi": "71.5"})
    assert response.status_code == 302
    profile = RegionProfile.objects.get(plan=world.plan_a)
    edit = record_url("edit", world.plan_a, "profil", profile.pk)
    client_for(world.editor_a).post(edit, {"population": "1010000", "version": 1})
    profile.refresh_from_db()
    assert profile.population == 1010000


def test_it_edits_institutions_and_their_members(world):
    client = client_for(world.coordinator_a)
    client.post(record_url("create", world.plan_a, "kelembagaan"), {"kind": "council"})
    duplicate = client.post(record_url("create", world.plan_a, "kelembagaan"), {"kind": "council"})
    assert "kind" in duplicate.context["form"].errors
    council = Institution.objects.get(plan=world.plan_a)
    for name in ("Bupati", "Sekda"):
        client.post(
            record_url("create", world.plan_a, "anggota"), {"institution": council.pk, "name": name}
        )
    sekda = InstitutionMember.objects.get(name="Sekda")
    client.post(record_url("move", world.plan_a, "anggota", sekda.pk), {"direction": "up"})
    assert [m.name for m in council.members.all()] == ["Sekda", "Bupati"]
    other_plan = Institution.objects.create(plan=world.plan_b, kind="team")
    refused = client.post(
        record_url("create", world.plan_a, "anggota"), {"institution": other_plan.pk, "name": "X"}
    )
    assert "institution" in refused.context["form"].errors
    body = client.get(page("institution_list", world.plan_a)).content.decode()
    assert "Sekda" in body and "Bupati" in body


def test_it_edits_goals_with_a_target_year_inside_the_plan(world):
    url = record_url("create", world.plan_a, "tujuan")
    outside = client_for(world.editor_a).post(url, {"statement": "X", "target_year": "2050"})
    assert "target_year" in outside.context["form"].errors
    client_for(world.editor_a).post(url, {"statement": "Layanan digital", "target_year": "2029"})
    assert Goal.objects.get().target_year == 2029


# --- htmx fragments and query counts -----------------------------------------------------


def test_it_gives_htmx_only_the_board(world):
    swot(world.plan_a)
    response = client_for(world.viewer_a).get(page("swot_list", world.plan_a), **HTMX)
    body = response.content.decode()
    assert "<html" not in body
    assert body.lstrip().startswith('<div id="board-swot"')


@pytest.mark.smoke
@pytest.mark.parametrize(
    ("name", "grow"),
    [
        ("swot_list", lambda plan, i: swot(plan, text=f"S{i}")),
        (
            "gap_list",
            lambda plan, i: GapItem.objects.create(
                plan=plan, dimension=factories.dimension(), current_condition=f"G{i}"
            ),
        ),
        (
            "readiness_list",
            lambda plan, i: ReadinessAssessment.objects.update_or_create(
                plan=plan,
                aspect=PillarAspect.objects.filter(pillar__framework=plan.framework).order_by("pk")[
                    i % 10
                ],
                defaults={"narrative": f"R{i}"},
            ),
        ),
        (
            "strategy_list",
            lambda plan, i: Strategy.objects.create(
                plan=plan, dimension=factories.dimension(), strategy=f"T{i}"
            ).issues.add(
                StrategicIssue.objects.create(
                    plan=plan, dimension=factories.dimension(), title=f"I{i}"
                )
            ),
        ),
    ],
)
def test_it_costs_the_same_queries_for_few_and_many_records(world, name, grow):
    client = client_for(world.editor_a)
    url = page(name, world.plan_a)
    grow(world.plan_a, 0)
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for i in range(1, 25):
        grow(world.plan_a, i)
    with CaptureQueriesContext(connection) as many:
        client.get(url)
    assert len(many) == len(few)


def test_a_stale_save_takes_over_their_changes_to_fields_it_did_not_touch(world):
    gov = factories.dimension("GOV")
    pillar = Pillar.objects.get(framework__code="kominfo-2017", code="INF")
    client_for(world.editor_a).post(
        record_url("create", world.plan_a, "swot"),
        {"dimension": gov.pk, "kind": "W", "text": "Aplikasi belum terintegrasi"},
    )
    item = SwotItem.objects.get()
    url = record_url("edit", world.plan_a, "swot", item.pk)
    base = {"dimension": gov.pk, "kind": "W", "version": 1}
    client_for(world.coordinator_a).post(url, {**base, "text": "Aplikasi OPD belum terintegrasi"})

    stale = client_for(world.editor_a).post(
        url, {**base, "text": "Aplikasi belum terintegrasi", "pillar": pillar.pk}
    )

    assert stale.status_code == 409
    changes = {row.name: row.change for row in stale.context["conflict"].rows}
    assert changes == {"text": "theirs", "pillar": "mine"}
    merged = stale.context["form"].data
    assert merged["text"] == "Aplikasi OPD belum terintegrasi"
    assert merged["pillar"] == str(pillar.pk)
    assert client_for(world.editor_a).post(url, merged).status_code == 302
    item.refresh_from_db()
    assert (item.text, item.pillar) == ("Aplikasi OPD belum terintegrasi", pillar)


def test_a_stale_save_keeps_both_texts_when_both_changed_a_field(world):
    client_for(world.editor_a).post(
        record_url("create", world.plan_a, "tujuan"), {"statement": "Layanan digital"}
    )
    goal = Goal.objects.get()
    url = record_url("edit", world.plan_a, "tujuan", goal.pk)
    client_for(world.coordinator_a).post(url, {"statement": "Versi Bu Rina", "version": 1})
    stale = client_for(world.editor_a).post(url, {"statement": "Versi Pak Budi", "version": 1})
    assert stale.status_code == 409
    [row] = stale.context["conflict"].rows
    assert (row.theirs, row.mine, row.change) == ("Versi Bu Rina", "Versi Pak Budi", "both")
    assert stale.context["form"].data["statement"] == "Versi Pak Budi"
