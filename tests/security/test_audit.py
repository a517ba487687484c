"""The audit log: one event per action, with actor, region, record, before/after, time and IP.

Each action goes through the portal as a user does it, from a known address, and must
leave exactly one event; the event is written in the transaction of the change.
"""

from __future__ import annotations

import datetime

import pytest
from django.contrib.admin import helpers
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone

from masterplan import services
from masterplan.middleware import client_ip
from masterplan.models import Agency, AuditEvent, Book, DeletedRecord, Revision
from tests import factories

pytestmark = pytest.mark.django_db

IP = "203.0.113.45"


class NewEvents:
    """The audit events written inside the ``with`` block."""

    def __enter__(self):
        self.last = AuditEvent.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
        return self

    def __exit__(self, *exc):
        self.events = list(AuditEvent.objects.filter(pk__gt=self.last).order_by("pk"))

    @property
    def one(self) -> AuditEvent:
        assert len(self.events) == 1, [e.action for e in self.events]
        return self.events[0]


def assert_event(event: AuditEvent, *, action, actor, region, target, ip=IP):
    assert event.action == action
    assert event.actor == actor
    assert event.region == region
    assert event.target_type == target._meta.label_lower
    assert event.target_uuid == getattr(target, "uuid", None)
    assert event.target_repr == str(target)
    assert event.ip == ip
    assert abs(timezone.now() - event.at) < datetime.timedelta(minutes=1)


@pytest.fixture
def agency(world) -> Agency:
    agency = Agency(region=world.region_a, name="Dinas Komunikasi", acronym="Diskominfo")
    services.record_save(agency, by=world.coordinator_a)
    return agency


def agency_data(agency: Agency, **changes) -> dict:
    data = {"name": agency.name, "acronym": agency.acronym, "kind": agency.kind}
    return {**data, "version": agency.version, **changes}


# --- The client's address ------------------------------------------------------------


def request_from(remote: str, forwarded: str | None = None) -> HttpRequest:
    request = HttpRequest()
    request.META["REMOTE_ADDR"] = remote
    if forwarded is not None:
        request.META["HTTP_X_FORWARDED_FOR"] = forwarded
    return request


def test_the_address_is_remote_addr_and_a_forwarded_header_is_ignored(settings):
    settings.TRUSTED_PROXY_COUNT = 0
    assert client_ip(request_from(IP, forwarded="1.2.3.4")) == IP


def test_behind_a_trusted_proxy_the_address_the_proxy_saw_counts(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    # The client wrote "1.2.3.4" itself; the proxy appended the address it saw.
    assert client_ip(request_from("10.0.0.2", forwarded=f"1.2.3.4, {IP}")) == IP
    assert client_ip(request_from("10.0.0.2")) == "10.0.0.2"
    settings.TRUSTED_PROXY_COUNT = 2
    assert client_ip(request_from("10.0.0.2", forwarded=f"1.2.3.4, {IP}, 10.0.0.3")) == IP


def test_an_address_that_is_not_one_is_not_stored(settings):
    assert client_ip(request_from("not-an-ip")) is None
    settings.TRUSTED_PROXY_COUNT = 1
    assert client_ip(request_from("10.0.0.2", forwarded="<script>")) is None


def test_the_audit_takes_the_address_behind_a_trusted_proxy(client, world, agency, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    client.force_login(world.coordinator_a)
    with NewEvents() as new:
        client.post(
            reverse("agency_edit", args=[world.plan_a.pk, agency.pk]),
            agency_data(agency, acronym="Kominfo"),
            REMOTE_ADDR="10.0.0.2",
            HTTP_X_FORWARDED_FOR=f"1.2.3.4, {IP}",
        )
    assert new.one.ip == IP


# --- One event per action --------------------------------------------------------------


def test_creating_a_record(client, world):
    client.force_login(world.coordinator_a)
    with NewEvents() as new:
        response = client.post(
            reverse("agency_add", args=[world.plan_a.pk]),
            {"name": "Bappeda", "acronym": "Bappeda", "kind": "dinas", "version": ""},
            REMOTE_ADDR=IP,
        )
    assert response.status_code == 302, response.context["form"].errors
    agency = Agency.objects.get(name="Bappeda")
    event = new.one
    assert_event(
        event,
        action="agency.create",
        actor=world.coordinator_a,
        region=world.region_a,
        target=agency,
    )
    assert event.changes["before"] == {}
    assert event.changes["after"]["name"] == "Bappeda"
    assert event.changes["version"] == agency.version


def test_updating_a_record_keeps_what_changed_before_and_after(client, world, agency):
    client.force_login(world.coordinator_a)
    with NewEvents() as new:
        response = client.post(
            reverse("agency_edit", args=[world.plan_a.pk, agency.pk]),
            agency_data(agency, name="Dinas Kominfo dan Statistik"),
            REMOTE_ADDR=IP,
        )
    assert response.status_code == 302
    agency.refresh_from_db()
    event = new.one
    assert_event(
        event,
        action="agency.update",
        actor=world.coordinator_a,
        region=world.region_a,
        target=agency,
    )
    assert event.changes["before"] == {"name": "Dinas Komunikasi"}
    assert event.changes["after"] == {"name": "Dinas Kominfo dan Statistik"}


def test_deleting_a_record(client, world, agency):
    client.force_login(world.coordinator_a)
    with NewEvents() as new:
        response = client.post(
            reverse("agency_delete", args=[world.plan_a.pk, agency.pk]), REMOTE_ADDR=IP
        )
    assert response.status_code == 302
    event = new.one
    assert_event(
        event,
        action="agency.delete",
        actor=world.coordinator_a,
        region=world.region_a,
        target=agency,
    )
    assert event.changes["before"]["name"] == "Dinas Komunikasi"
    assert event.changes["after"] == {}
    assert event.changes["deleted_record"] == DeletedRecord.objects.get().pk


def test_restoring_an_earlier_version(client, world, agency):
    first = Revision.objects.for_object(agency).get()
    agency.name = "Nama Baru"
    services.record_save(agency, by=world.coordinator_a, based_on=agency.version)
    client.force_login(world.coordinator_a)
    with NewEvents() as new:
        response = client.post(reverse("revision_restore", args=[first.pk]), REMOTE_ADDR=IP)
    assert response.status_code == 302
    agency.refresh_from_db()
    assert agency.name == "Dinas Komunikasi"
    event = new.one
    assert_event(
        event,
        action="agency.restore",
        actor=world.coordinator_a,
        region=world.region_a,
        target=agency,
    )
    assert event.changes["before"] == {"name": "Nama Baru"}
    assert event.changes["after"] == {"name": "Dinas Komunikasi"}
    assert event.changes["restored_version"] == first.version


def test_undeleting_a_record_from_the_trash(client, world, agency):
    services.record_delete(agency, by=world.coordinator_a)
    deleted = DeletedRecord.objects.get()
    client.force_login(world.admin)
    with NewEvents() as new:
        response = client.post(
            reverse("admin:masterplan_deletedrecord_changelist"),
            {"action": "restore", helpers.ACTION_CHECKBOX_NAME: [deleted.pk]},
            REMOTE_ADDR=IP,
        )
    assert response.status_code == 302
    agency = Agency.objects.get(uuid=agency.uuid)
    event = new.one
    assert_event(
        event, action="agency.undelete", actor=world.admin, region=world.region_a, target=agency
    )
    assert event.changes["before"] == {}
    assert event.changes["after"]["name"] == "Dinas Komunikasi"


def test_a_workflow_transition(client, world):
    book = world.plan_a.books.get(number=1)
    book.sections.filter(required=True).update(body="<p>Isi bab.</p>")
    client.force_login(world.coordinator_a)
    with NewEvents() as new:
        response = client.post(
            reverse("reviews:book_transition", args=[book.plan_id, book.number, "submit"]),
            REMOTE_ADDR=IP,
        )
    assert response.status_code == 302
    book.refresh_from_db()
    assert book.status == Book.Status.SUBMITTED
    event = new.one
    assert_event(
        event,
        action="book.submit",
        actor=world.coordinator_a,
        region=world.region_a,
        target=book,
    )
    assert event.changes["status"] == ["draft", "submitted"]


def test_an_export(client, world, settings, tmp_path):
    settings.EXPORT_ROOT = tmp_path
    book = world.plan_a.books.get(number=1)
    client.force_login(world.editor_a)
    with NewEvents() as new:
        response = client.post(reverse("exports:export_start", args=[book.pk]), REMOTE_ADDR=IP)
    assert response.status_code == 302
    event = new.one
    assert_event(
        event, action="book.export", actor=world.editor_a, region=world.region_a, target=book
    )
    assert event.changes == {"final": False}


def test_a_login(client, world):
    with NewEvents() as new:
        response = client.post(
            reverse("login"),
            {"username": "editor-a", "password": factories.DEMO_PASSWORD},
            REMOTE_ADDR=IP,
        )
    assert response.status_code == 302
    assert_event(
        new.one,
        action="user.login",
        actor=world.editor_a,
        region=world.region_a,
        target=world.editor_a,
    )


def test_a_failed_login_keeps_the_username_but_not_the_password(client, world):
    with NewEvents() as new:
        client.post(
            reverse("login"),
            {"username": "editor-a", "password": "salah-sandi-99"},
            REMOTE_ADDR=IP,
        )
    event = new.one
    assert (event.action, event.actor, event.ip) == ("user.login_failed", None, IP)
    assert event.target_repr == "editor-a"
    assert event.changes == {"username": "editor-a", "locked_out": False}
    assert "salah-sandi-99" not in str(event.changes)


def test_a_logout(client, world):
    client.force_login(world.mentor_a)
    with NewEvents() as new:
        client.post(reverse("logout"), REMOTE_ADDR=IP)
    assert_event(
        new.one, action="user.logout", actor=world.mentor_a, region=None, target=world.mentor_a
    )


def test_work_outside_a_request_has_no_address(world, agency):
    event = AuditEvent.objects.get(action="agency.create")
    assert event.ip is None


# --- Same transaction --------------------------------------------------------------------


def test_a_change_whose_audit_row_fails_is_not_saved(client, world, agency, monkeypatch):
    def broken(**kwargs):
        raise RuntimeError("audit table unavailable")

    client.force_login(world.coordinator_a)
    monkeypatch.setattr(AuditEvent.objects, "create", broken)
    revisions = Revision.objects.count()
    with pytest.raises(RuntimeError):
        client.post(
            reverse("agency_edit", args=[world.plan_a.pk, agency.pk]),
            agency_data(agency, name="Tidak tersimpan"),
            REMOTE_ADDR=IP,
        )
    agency.refresh_from_db()
    assert agency.name == "Dinas Komunikasi"
    assert Revision.objects.count() == revisions


# --- Browsing it in the admin ------------------------------------------------------------


@pytest.fixture
def events(world, agency):
    book = world.plan_b.books.get(number=1)
    services.audit_record(actor=world.editor_b, action="book.export", target=book)
    old = services.audit_record(actor=world.editor_b, action="book.export", target=book)
    AuditEvent.objects.filter(pk=old.pk).update(at=timezone.now() - datetime.timedelta(days=40))
    return AuditEvent.objects.all()


def listed(client, **query) -> list[AuditEvent]:
    response = client.get(reverse("admin:masterplan_auditevent_changelist"), query)
    assert response.status_code == 200
    return list(response.context["cl"].result_list)


@pytest.mark.smoke
def test_admins_browse_and_filter_the_audit_log(client, world, events):
    client.force_login(world.admin)
    everything = listed(client)
    assert len(everything) == events.count()
    assert {e.region for e in listed(client, region__id__exact=world.region_b.pk)} == {
        world.region_b
    }
    assert {e.action for e in listed(client, action="agency.create")} == {"agency.create"}
    assert {e.target_type for e in listed(client, target_type="masterplan.book")} == {
        "masterplan.book"
    }
    # The date filter's own "past 7 days" link (any date, today, past 7 days, …).
    changelist = client.get(reverse("admin:masterplan_auditevent_changelist")).context["cl"]
    dates = next(spec for spec in changelist.filter_specs if spec.field_path == "at")
    past_week = list(dates.choices(changelist))[2]["query_string"]
    response = client.get(reverse("admin:masterplan_auditevent_changelist") + past_week)
    assert len(response.context["cl"].result_list) == len(everything) - 1
    assert {e.actor for e in listed(client, q="editor-b")} == {world.editor_b}
    assert {e.target_repr for e in listed(client, q="diskominfo")} == {"Diskominfo"}
    page = client.get(reverse("admin:masterplan_auditevent_changelist")).content.decode()
    assert "Diskominfo" in page and "203.0.113" not in page  # made outside requests


def test_the_audit_log_cannot_be_written_in_the_admin(client, world, events):
    client.force_login(world.admin)
    event = AuditEvent.objects.get(action="agency.create")
    assert client.get(reverse("admin:masterplan_auditevent_add")).status_code == 403
    change = reverse("admin:masterplan_auditevent_change", args=[event.pk])
    page = client.get(change)
    assert page.status_code == 200  # read-only view
    assert 'name="_save"' not in page.content.decode()
    client.post(change, {"action": "forged"})
    delete = reverse("admin:masterplan_auditevent_delete", args=[event.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 403
    event.refresh_from_db()
    assert event.action == "agency.create"


def test_others_do_not_browse_the_audit_log(client, world, events):
    client.force_login(world.editor_a)
    response = client.get(reverse("admin:masterplan_auditevent_changelist"))
    assert response.status_code == 302  # to the admin login: not staff
