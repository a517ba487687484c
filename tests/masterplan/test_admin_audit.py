"""Writes through the admin leave the portal's trace: revision, trash, audit with before/after.

Every change goes through the admin client as an administrator does it: the record's own
form, its inline rows, the delete page and the bulk delete action. A save that fails
half-way, or that was built on a version someone else replaced, leaves nothing behind.
"""

from __future__ import annotations

import pytest
from django.contrib import admin
from django.contrib.admin import helpers
from django.contrib.auth.models import Group, Permission
from django.forms import ModelForm
from django.urls import reverse
from django.utils import timezone

from masterplan import services
from masterplan.admin_base import AuditedAdminMixin, VersionedAdminForm
from masterplan.models import (
    AuditEvent,
    DeletedRecord,
    Membership,
    MentorAssignment,
    Plan,
    Revision,
    Section,
    SectionPresence,
)
from programs.models import BudgetLine, Indicator, Partner, Programme
from tests import factories
from tests.masterplan.test_admin import admin_url, page_data

pytestmark = pytest.mark.django_db

IP = "203.0.113.7"


class NewRows:
    """The audit events and revisions written inside the ``with`` block."""

    def __enter__(self):
        self.last_event = AuditEvent.objects.order_by("-pk").values_list("pk", flat=True).first()
        self.last_revision = Revision.objects.order_by("-pk").values_list("pk", flat=True).first()
        return self

    def __exit__(self, *exc):
        self.events = list(AuditEvent.objects.filter(pk__gt=self.last_event or 0).order_by("pk"))
        self.revisions = list(
            Revision.objects.filter(pk__gt=self.last_revision or 0).order_by("pk")
        )

    def event(self, action: str) -> AuditEvent:
        found = [event for event in self.events if event.action == action]
        assert len(found) == 1, [event.action for event in self.events]
        return found[0]

    def revision(self, obj) -> Revision:
        found = [r for r in self.revisions if r.target_uuid == obj.uuid]
        assert len(found) == 1, [(r.target_type, r.version) for r in self.revisions]
        return found[0]


def assert_by(event: AuditEvent, actor, region, target) -> None:
    assert (event.actor, event.region, event.ip) == (actor, region, IP)
    assert event.target_type == target._meta.label_lower
    assert event.target_uuid == getattr(target, "uuid", None)


def row_of(data: dict, prefix: str, obj) -> int:
    rows = range(data[f"{prefix}-TOTAL_FORMS"])
    return next(row for row in rows if data.get(f"{prefix}-{row}-id") == obj.pk)


def delete_selected(client, model, *objs):
    return client.post(
        admin_url(model, "changelist"),
        {
            "action": "delete_selected",
            "post": "yes",
            helpers.ACTION_CHECKBOX_NAME: [obj.pk for obj in objs],
        },
        REMOTE_ADDR=IP,
    )


@pytest.fixture
def programme(world):
    programme = factories.programme(world.plan_a, name="Layanan Satu Pintu")
    services.record_save(
        Indicator(programme=programme, name="Pengguna aktif", unit="orang"), by=world.editor_a
    )
    services.record_save(
        Indicator(programme=programme, name="Aduan selesai", unit="%"), by=world.editor_a
    )
    services.record_save(
        Partner(programme=programme, name="Universitas", kind=Partner.Kind.ACADEMIA),
        by=world.editor_a,
    )
    return programme


@pytest.fixture
def programme_page(client, world, programme):
    client.force_login(world.admin)
    url = admin_url(Programme, "change", programme.pk)
    return url, page_data(client.get(url))


# --- The record's own page --------------------------------------------------------------


def test_changing_a_section_leaves_a_revision_and_an_event(client, world):
    section = world.plan_a.books.get(number=1).sections.first()
    client.force_login(world.admin)
    url = admin_url(Section, "change", section.pk)
    data = page_data(client.get(url))
    old_title, version = section.title, section.version
    with NewRows() as new:
        response = client.post(url, {**data, "title": "Gambaran Umum"}, REMOTE_ADDR=IP)
    assert response.status_code == 302
    section.refresh_from_db()
    assert (section.title, section.version) == ("Gambaran Umum", version + 1)
    assert section.updated_by == world.admin
    revision = new.revision(section)
    assert (revision.actor, revision.version) == (world.admin, section.version)
    assert revision.snapshot["title"] == "Gambaran Umum"
    event = new.event("section.update")  # the action the portal's editor writes
    assert_by(event, world.admin, world.region_a, section)
    assert event.changes["before"] == {"title": old_title}
    assert event.changes["after"] == {"title": "Gambaran Umum"}
    assert event.changes["revision"] == revision.pk


def test_many_to_many_changes_are_in_the_revision_and_the_event(
    client, world, programme, programme_page
):
    url, data = programme_page
    agency = factories.AgencyFactory(region=world.region_a)
    with NewRows() as new:
        response = client.post(url, {**data, "supporting_agencies": [agency.pk]}, REMOTE_ADDR=IP)
    assert response.status_code == 302
    assert list(programme.supporting_agencies.all()) == [agency]
    assert new.revision(programme).snapshot["supporting_agencies"] == [agency.pk]
    event = new.event("programme.update")
    assert event.changes["before"] == {"supporting_agencies": []}
    assert event.changes["after"] == {"supporting_agencies": [agency.pk]}


# --- Inline rows ------------------------------------------------------------------------


def test_every_inline_row_changed_added_or_deleted_leaves_its_trace(
    client, world, programme, programme_page
):
    url, data = programme_page
    changed, deleted = programme.indicators.order_by("pk")
    partner = programme.partners.get()
    version = programme.version
    changed_row = row_of(data, "indicators", changed)
    data[f"indicators-{changed_row}-name"] = "Pengguna aktif bulanan"
    data[f"indicators-{row_of(data, 'indicators', deleted)}-DELETE"] = "on"
    data[f"partners-{row_of(data, 'partners', partner)}-DELETE"] = "on"
    new_row = data["budget_lines-TOTAL_FORMS"]
    data |= {
        "budget_lines-TOTAL_FORMS": new_row + 1,
        f"budget_lines-{new_row}-year": 2026,
        f"budget_lines-{new_row}-funding_source": factories.funding_source().pk,
        f"budget_lines-{new_row}-amount": 250_000_000,
        f"budget_lines-{new_row}-status": BudgetLine.Status.INDICATIVE,
    }
    with NewRows() as new:
        response = client.post(url, data, REMOTE_ADDR=IP)
    assert response.status_code == 302

    changed.refresh_from_db()
    assert changed.name == "Pengguna aktif bulanan"
    assert new.revision(changed).snapshot["name"] == "Pengguna aktif bulanan"
    event = new.event("indicator.update")
    assert_by(event, world.admin, world.region_a, changed)
    assert event.changes["before"] == {"name": "Pengguna aktif"}
    assert event.changes["after"] == {"name": "Pengguna aktif bulanan"}

    line = programme.budget_lines.get()
    assert line.created_by == world.admin
    assert new.revision(line).snapshot["amount"] == 250_000_000
    event = new.event("budgetline.create")
    assert_by(event, world.admin, world.region_a, line)
    assert event.changes["before"] == {}
    assert event.changes["after"]["amount"] == 250_000_000

    removed = [
        (deleted, "indicator.delete", "Aduan selesai"),
        (partner, "partner.delete", "Universitas"),
    ]
    for gone, action, name in removed:
        assert not type(gone).objects.filter(pk=gone.pk).exists()
        event = new.event(action)
        assert_by(event, world.admin, world.region_a, gone)
        assert event.changes["before"]["name"] == name
        assert event.changes["after"] == {}
        trash = DeletedRecord.objects.get(pk=event.changes["deleted_record"])
        assert (trash.deleted_by, trash.target_uuid) == (world.admin, gone.uuid)

    # The programme's own fields did not change: no new version, no revision, no event.
    programme.refresh_from_db()
    assert programme.version == version
    assert {e.action for e in new.events} == {
        "indicator.update",
        "indicator.delete",
        "partner.delete",
        "budgetline.create",
    }


def test_an_admin_save_that_fails_half_way_leaves_no_trace(
    client, world, programme, programme_page, monkeypatch
):
    url, data = programme_page
    changed = programme.indicators.order_by("pk").first()
    data["name"] = "Tidak tersimpan"
    data[f"indicators-{row_of(data, 'indicators', changed)}-name"] = "Tidak tersimpan"
    row = data["partners-TOTAL_FORMS"]
    data |= {
        "partners-TOTAL_FORMS": row + 1,
        f"partners-{row}-name": "Mitra baru",
        f"partners-{row}-kind": Partner.Kind.ACADEMIA,
    }

    def broken(self, *args, **kwargs):
        raise RuntimeError("disk full")

    # The programme and its indicator are written before the new partner fails.
    monkeypatch.setattr(Partner, "save", broken)
    with NewRows() as new, pytest.raises(RuntimeError):
        client.post(url, data, REMOTE_ADDR=IP)
    assert (new.events, new.revisions) == ([], [])
    programme.refresh_from_db()
    changed.refresh_from_db()
    assert (programme.name, changed.name) == ("Layanan Satu Pintu", "Pengguna aktif")


# --- Versions ---------------------------------------------------------------------------


def test_a_save_over_someone_elses_change_is_refused(client, world, programme, programme_page):
    url, data = programme_page
    programme.name = "Diubah di portal"
    services.record_save(programme, by=world.editor_a, based_on=programme.version)
    with NewRows() as new:
        response = client.post(url, {**data, "name": "Diubah di admin"}, REMOTE_ADDR=IP)
    assert response.status_code == 200
    assert "Pengguna lain mengubah data ini setelah Anda membukanya" in response.content.decode()
    assert (new.events, new.revisions) == ([], [])
    programme.refresh_from_db()
    assert programme.name == "Diubah di portal"


def test_an_inline_row_changed_meanwhile_is_refused_with_the_whole_page(
    client, world, programme, programme_page
):
    url, data = programme_page
    indicator = programme.indicators.order_by("pk").first()
    indicator.unit = "jiwa"
    services.record_save(indicator, by=world.editor_a, based_on=indicator.version)
    data["name"] = "Diubah di admin"
    data[f"indicators-{row_of(data, 'indicators', indicator)}-name"] = "Diubah di admin"
    with NewRows() as new:
        response = client.post(url, data, REMOTE_ADDR=IP)
    assert response.status_code == 200
    assert "Pengguna lain mengubah data ini setelah Anda membukanya" in response.content.decode()
    assert (new.events, new.revisions) == ([], [])
    programme.refresh_from_db()
    indicator.refresh_from_db()
    assert (programme.name, indicator.name) == ("Layanan Satu Pintu", "Pengguna aktif")


def test_a_conflict_past_the_form_check_rolls_everything_back(
    client, world, programme, programme_page, monkeypatch
):
    url, data = programme_page
    # As if the portal saved between the form's check and the locked save.
    monkeypatch.setattr(VersionedAdminForm, "clean", ModelForm.clean)
    indicator = programme.indicators.order_by("pk").first()
    indicator.unit = "jiwa"
    services.record_save(indicator, by=world.editor_a, based_on=indicator.version)
    data["name"] = "Diubah di admin"
    data[f"indicators-{row_of(data, 'indicators', indicator)}-name"] = "Diubah di admin"
    with NewRows() as new:
        response = client.post(url, data, REMOTE_ADDR=IP)
    assert response.status_code == 302
    assert response.url == url
    assert (
        "Pengguna lain mengubah data ini setelah Anda membukanya"
        in client.get(url).content.decode()
    )
    assert (new.events, new.revisions) == ([], [])
    programme.refresh_from_db()
    assert programme.name == "Layanan Satu Pintu"


# --- Deleting -----------------------------------------------------------------------------


def test_the_bulk_delete_action_puts_each_record_in_the_trash(client, world, programme):
    first, second = programme.indicators.order_by("pk")
    client.force_login(world.admin)
    with NewRows() as new:
        response = delete_selected(client, Indicator, first, second)
    assert response.status_code == 302
    assert not programme.indicators.exists()
    deletions = [event for event in new.events if event.action == "indicator.delete"]
    assert [event.target_uuid for event in deletions] == [first.uuid, second.uuid]
    for event, indicator in zip(deletions, (first, second), strict=True):
        assert_by(event, world.admin, world.region_a, indicator)
        assert event.changes["before"]["name"] == indicator.name
        assert event.changes["after"] == {}
    # As from the portal, an admin can undo each one.
    services.record_restore(DeletedRecord.objects.get(target_uuid=first.uuid), by=world.admin)
    assert list(programme.indicators.all()) == [first]


def test_deleting_a_programme_on_its_page_keeps_what_cascaded(client, world, programme):
    client.force_login(world.admin)
    url = admin_url(Programme, "delete", programme.pk)
    with NewRows() as new:
        response = client.post(url, {"post": "yes"}, REMOTE_ADDR=IP)
    assert response.status_code == 302
    event = new.event("programme.delete")
    assert_by(event, world.admin, world.region_a, programme)
    assert event.changes["before"]["name"] == "Layanan Satu Pintu"
    assert event.changes["rows"] == 4  # the programme, two indicators, one partner
    trash = DeletedRecord.objects.get(pk=event.changes["deleted_record"])
    assert trash.region == world.region_a


def test_a_bulk_delete_is_all_or_nothing(client, world, programme, monkeypatch):
    first, second = programme.indicators.order_by("pk")
    calls = []

    def fails_second(obj, *, by):
        calls.append(obj)
        if len(calls) == 2:
            raise RuntimeError("disk full")
        return record_delete(obj, by=by)

    record_delete = services.record_delete
    monkeypatch.setattr("masterplan.admin_base.record_delete", fails_second)
    client.force_login(world.admin)
    with NewRows() as new, pytest.raises(RuntimeError):
        delete_selected(client, Indicator, first, second)
    assert programme.indicators.count() == 2
    assert new.events == []
    assert not DeletedRecord.objects.exists()


def test_the_add_books_action_leaves_an_event_per_plan(client, world):
    world.plan_a.books.get(number=4).delete()
    client.force_login(world.admin)
    with NewRows() as new:
        response = client.post(
            admin_url(Plan, "changelist"),
            {
                "action": "add_missing_books",
                helpers.ACTION_CHECKBOX_NAME: [world.plan_a.pk, world.plan_b.pk],
            },
            REMOTE_ADDR=IP,
        )
    assert response.status_code == 302
    assert world.plan_a.books.filter(number=4).exists()
    event = new.event("plan.add_books")  # plan B lacked nothing: no event for it
    assert_by(event, world.admin, world.region_a, world.plan_a)
    assert event.changes == {"books": [4]}


# --- Records without revisions ------------------------------------------------------------


def test_memberships_and_mentors_get_events_with_before_and_after(client, world):
    membership = Membership.objects.get(user=world.viewer_a)
    economy = factories.dimension("ECO")
    client.force_login(world.admin)
    url = admin_url(type(world.region_a), "change", world.region_a.pk)
    data = page_data(client.get(url))
    data[f"memberships-{row_of(data, 'memberships', membership)}-role"] = "editor"
    data[f"memberships-{row_of(data, 'memberships', membership)}-dimensions"] = [economy.pk]
    row = data["mentor_assignments-TOTAL_FORMS"]
    data["mentor_assignments-TOTAL_FORMS"] = row + 1
    data[f"mentor_assignments-{row}-user"] = world.outsider.pk
    with NewRows() as new:
        response = client.post(url, data, REMOTE_ADDR=IP)
    assert response.status_code == 302

    event = new.event("membership.update")
    assert_by(event, world.admin, world.region_a, membership)
    assert event.changes == {
        "before": {"role": "viewer", "dimensions": []},
        "after": {"role": "editor", "dimensions": [economy.pk]},
    }
    assignment = MentorAssignment.objects.get(user=world.outsider)
    event = new.event("mentorassignment.create")
    assert_by(event, world.admin, world.region_a, assignment)
    assert event.changes["after"]["user"] == world.outsider.pk
    assert new.revisions == []  # these records keep no revisions; the event is their history

    with NewRows() as new:
        response = delete_selected(client, Membership, membership)
    assert response.status_code == 302
    event = new.event("membership.delete")
    assert_by(event, world.admin, world.region_a, membership)
    assert event.changes["before"]["role"] == "editor"
    assert event.changes["after"] == {}


def test_user_changes_are_audited_without_the_password(client, world):
    group = Group.objects.create(name="Pendamping")
    # The admin's date and time widgets drop microseconds; start from a whole second.
    joined = world.viewer_a.date_joined.replace(microsecond=0)
    type(world.viewer_a).objects.filter(pk=world.viewer_a.pk).update(date_joined=joined)
    client.force_login(world.admin)
    url = admin_url(type(world.viewer_a), "change", world.viewer_a.pk)
    data = {**page_data(client.get(url)), "position": "Kepala Bidang", "groups": [group.pk]}
    del data["date_joined"]  # a split date and time widget, in local time
    local = timezone.localtime(joined)
    data |= {"date_joined_0": local.date(), "date_joined_1": local.time()}
    with NewRows() as new:
        response = client.post(url, data, REMOTE_ADDR=IP)
    assert response.status_code == 302
    event = new.event("user.update")
    assert_by(event, world.admin, None, world.viewer_a)
    assert event.changes["before"] == {"position": "", "groups": []}
    assert event.changes["after"] == {"position": "Kepala Bidang", "groups": [group.pk]}

    password_url = reverse("admin:auth_user_password_change", args=[world.viewer_a.pk])
    secret = "Sandi-Baru-2026!"
    with NewRows() as new:
        response = client.post(
            password_url,
            {"password1": secret, "password2": secret, "usable_password": "true"},
            REMOTE_ADDR=IP,
        )
    assert response.status_code == 302
    world.viewer_a.refresh_from_db()
    assert world.viewer_a.check_password(secret)
    event = new.event("user.password_set")
    assert event.changes == {"usable": True}
    assert world.viewer_a.password not in str(event.changes) + event.target_repr


def test_reference_data_and_groups_are_audited_too(client, world):
    source = factories.funding_source()
    client.force_login(world.admin)
    url = admin_url(type(source), "change", source.pk)
    with NewRows() as new:
        response = client.post(
            url, {**page_data(client.get(url)), "name_en": "Regency budget"}, REMOTE_ADDR=IP
        )
    assert response.status_code == 302
    event = new.event("fundingsource.update")
    assert_by(event, world.admin, None, source)
    assert event.changes["after"] == {"name_en": "Regency budget"}

    permission = Permission.objects.get(codename="view_programme")
    with NewRows() as new:
        response = client.post(
            admin_url(Group, "add"),
            {"name": "Pembaca", "permissions": [permission.pk]},
            REMOTE_ADDR=IP,
        )
    assert response.status_code == 302
    event = new.event("group.create")
    assert event.changes["after"] == {"name": "Pembaca", "permissions": [permission.pk]}


def test_every_admin_that_writes_goes_through_the_audit():
    # Outside the audit on purpose: presence rows expire by themselves and are not
    # content; the API token's key is its primary key and must never reach a log;
    # axes' rows are the lockout's own log; a plan's content version is shown read-only
    # (no add, change or delete) and moved only by the writes it counts.
    exempt = {SectionPresence, "authtoken.tokenproxy", "axes", "masterplan.planversion"}
    unaudited = [
        model._meta.label_lower
        for model, model_admin in admin.site._registry.items()
        if not isinstance(model_admin, AuditedAdminMixin)
        and model not in exempt
        and model._meta.label_lower not in exempt
        and model._meta.app_label not in exempt
    ]
    assert unaudited == []
