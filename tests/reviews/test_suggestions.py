"""Mentors' suggestions: proposed by the mentor, accepted or rejected by the owners."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from masterplan.models import AuditEvent, Revision
from masterplan.services import record_save
from programs.models import BudgetLine, Indicator, IndicatorTarget
from reviews.models import Notification
from reviews.suggestions import (
    Suggestion,
    SuggestionRefused,
    suggestion_accept,
    suggestion_create,
    suggestion_reject,
)
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def records(world):
    programme = factories.programme(world.plan_a, name="ALDINO")
    record_save(programme, by=world.editor_a, based_on=programme.version)  # editor_a owns it
    indicator = Indicator.objects.create(programme=programme, name="Layanan", unit="layanan")
    target = IndicatorTarget.objects.create(indicator=indicator, year=2027, value=Decimal("50"))
    line = BudgetLine.objects.create(
        programme=programme, year=2027, funding_source=factories.funding_source(), amount=850
    )
    section = world.plan_a.books.get(number=2).sections.get(key="pendahuluan")
    section.body = "<p>Kalimat lama yang perlu diganti. Kalimat lain tetap.</p>"
    section.save()
    return {"programme": programme, "target": target, "line": line, "section": section}


def test_a_mentor_suggests_and_the_owner_accepts_with_revision_and_audit(world, records):
    target = records["target"]
    suggestion = suggestion_create(target=target, by=world.mentor_a, field_name="value", value="60")
    assert suggestion.old_value == "50.00" and suggestion.new_value == "60.00"
    notified = {note.user for note in Notification.objects.filter(verb="suggestion")}
    assert world.editor_a in notified and world.mentor_a not in notified
    assert world.viewer_a not in notified
    suggestion_accept(suggestion=suggestion, by=world.editor_a)
    target.refresh_from_db()
    suggestion.refresh_from_db()
    assert target.value == Decimal("60") and suggestion.status == "accepted"
    assert suggestion.decided_by == world.editor_a
    revision = Revision.objects.for_object(target).order_by("-pk").first()
    assert revision.actor == world.editor_a
    assert world.mentor_a.display_name in revision.note
    assert AuditEvent.objects.filter(action="suggestion.accept").exists()
    assert AuditEvent.objects.filter(action="indicatortarget.update").exists()


def test_a_rejection_needs_a_reply_and_changes_nothing(world, records):
    line = records["line"]
    suggestion = suggestion_create(target=line, by=world.mentor_a, field_name="amount", value="900")
    with pytest.raises(SuggestionRefused):
        suggestion_reject(suggestion=suggestion, by=world.editor_a, reply=" ")
    suggestion_reject(suggestion=suggestion, by=world.editor_a, reply="Pagu sudah final")
    suggestion.refresh_from_db()
    line.refresh_from_db()
    assert suggestion.status == "rejected" and suggestion.reply == "Pagu sudah final"
    assert line.amount == 850
    assert AuditEvent.objects.get(action="suggestion.reject").actor == world.editor_a


def test_a_suggestion_whose_field_changed_since_is_outdated(world, records):
    programme = records["programme"]
    suggestion = suggestion_create(
        target=programme, by=world.mentor_a, field_name="name", value="ALDINO Terpadu"
    )
    other = suggestion_create(
        target=programme, by=world.mentor_a, field_name="description", value="Layanan terpadu"
    )
    programme.name = "ALDINO 2.0"
    record_save(programme, by=world.editor_a, based_on=programme.version)
    suggestion.refresh_from_db()
    other.refresh_from_db()
    assert suggestion.status == "outdated" and other.status == "pending"
    with pytest.raises(SuggestionRefused):
        suggestion_accept(suggestion=suggestion, by=world.editor_a)
    programme.refresh_from_db()
    assert programme.name == "ALDINO 2.0"


def test_a_passage_of_a_chapter_is_replaced(world, records):
    section = records["section"]
    suggestion = suggestion_create(
        target=section,
        by=world.mentor_a,
        field_name="body",
        quote="Kalimat lama yang perlu diganti.",
        value="Kalimat baru & lebih jelas.",
    )
    suggestion_accept(suggestion=suggestion, by=world.editor_a)
    section.refresh_from_db()
    assert "Kalimat baru &amp; lebih jelas." in section.body
    assert "Kalimat lain tetap." in section.body and "lama" not in section.body
    with pytest.raises(ValidationError):
        suggestion_create(
            target=section, by=world.mentor_a, field_name="body", quote="tidak ada", value="x"
        )


def test_only_mentors_suggest_and_only_editors_decide(world, records):
    programme = records["programme"]
    with pytest.raises(PermissionDenied):
        suggestion_create(target=programme, by=world.editor_a, field_name="name", value="X")
    suggestion = suggestion_create(
        target=programme, by=world.mentor_a, field_name="name", value="X"
    )
    for person in (world.mentor_a, world.viewer_a, world.economy_editor_a):
        with pytest.raises(PermissionDenied):
            suggestion_accept(suggestion=suggestion, by=person)
    with pytest.raises(ValidationError):
        suggestion_create(target=programme, by=world.mentor_a, field_name="version", value="9")


def test_the_owner_sees_it_inline_and_accepts_through_the_page(world, records, client):
    line = records["line"]
    suggestion = suggestion_create(target=line, by=world.mentor_a, field_name="amount", value="990")
    page_url = reverse("programs:programme_detail", args=[world.plan_a.pk, records["programme"].pk])
    client.force_login(world.editor_a)
    page = client.get(page_url)
    assert f'id="saran-{suggestion.uuid}"' in page.text and "suggestion-accept" in page.text
    response = client.post(
        reverse("reviews:suggestion_accept", args=[suggestion.uuid]), {"next": page_url}
    )
    assert response.status_code == 302 and response["Location"].startswith(page_url)
    line.refresh_from_db()
    assert line.amount == 990


def test_the_mentor_suggests_through_the_page(world, records, client):
    programme = records["programme"]
    client.force_login(world.mentor_a)
    url = reverse("reviews:suggestion_list", args=["programs.programme", programme.uuid])
    assert 'name="field_name"' in client.get(url).text
    response = client.post(
        url, {"field_name": "name", "value": "ALDINO Plus", "note": "Lebih jelas"}
    )
    assert response.status_code == 302
    suggestion = Suggestion.objects.get()
    assert suggestion.new_value == "ALDINO Plus" and suggestion.author == world.mentor_a
    programme.refresh_from_db()
    assert programme.name == "ALDINO"  # the mentor still cannot edit


def test_the_programme_page_reads_suggestions_in_one_query(
    world, records, client, django_assert_max_num_queries
):
    page_url = reverse("programs:programme_detail", args=[world.plan_a.pk, records["programme"].pk])
    client.force_login(world.editor_a)
    suggestion_create(target=records["line"], by=world.mentor_a, field_name="amount", value="1")
    with django_assert_max_num_queries(200) as first:
        client.get(page_url)
    for value in ("61", "62"):
        suggestion_create(
            target=records["target"], by=world.mentor_a, field_name="value", value=value
        )
    suggestion_create(target=records["programme"], by=world.mentor_a, field_name="name", value="Z")
    with django_assert_max_num_queries(len(first.captured_queries)):
        client.get(page_url)


def test_the_mentor_is_told_the_outcome_and_values_read_as_the_cell_shows_them(world, records):
    target, section = records["target"], records["section"]
    accepted = suggestion_create(target=target, by=world.mentor_a, field_name="value", value="60")
    assert (accepted.old_shown, accepted.new_shown) == ("50", "60")
    rejected = suggestion_create(
        target=section,
        by=world.mentor_a,
        field_name="body",
        quote="Kalimat lama yang perlu diganti.",
        value="Kalimat baru.",
    )
    suggestion_accept(suggestion=accepted, by=world.editor_a)
    suggestion_reject(suggestion=rejected, by=world.coordinator_a, reply="Tetap seperti ini.")
    told = Notification.objects.filter(user=world.mentor_a, verb="decided").order_by("pk")
    assert [(note.actor, note.target_uuid) for note in told] == [
        (world.editor_a, target.uuid),
        (world.coordinator_a, section.uuid),
    ]
    assert "menerima" in told[0].text and "menolak" in told[1].text
    url = reverse("reviews:suggestion_list", args=["masterplan.section", section.uuid])
    assert told[1].url == f"{url}#saran-{rejected.uuid}"
