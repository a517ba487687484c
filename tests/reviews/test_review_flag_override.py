"""An admin's override of open re-review flags names the book whose flags it clears."""

from __future__ import annotations

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from checks.registry import run_checks
from exports.services import book_checks
from masterplan.models import AuditEvent, Membership, Section
from masterplan.permissions import forget_access
from reviews.impact import OverrideRefused, ReviewFlag, flags_override
from tests import factories

pytestmark = pytest.mark.django_db


def _flag(plan, number: int, key: str | None = None) -> ReviewFlag:
    sections = Section.objects.filter(book__plan=plan, book__number=number)
    section = sections.get(key=key) if key else sections.order_by("order").first()
    return ReviewFlag.objects.create(
        section=section, source_type="programs.programme", cause=f"Program berubah (Buku {number})"
    )


@pytest.fixture
def flags(world):
    """Two open flags in Buku 2, one in Buku 3, one in another plan's Buku 2."""
    plan = world.plan_a
    return {
        2: [_flag(plan, 2, "rencana-aksi"), _flag(plan, 2, "peta-jalan")],
        3: [_flag(plan, 3, "rincian-program")],
        "b": [_flag(world.plan_b, 2, "rencana-aksi")],
    }


def _open_books(plan) -> set[int]:
    return set(
        ReviewFlag.objects.of_plan(plan).open().values_list("section__book__number", flat=True)
    )


def _url(plan) -> str:
    return reverse("reviews:review_flags", args=[plan.pk])


def test_it_clears_the_chosen_books_flags_only(world, flags):
    books = {book.number: book for book in world.plan_a.books.all()}
    count = flags_override(plan=world.plan_a, book=books[2], by=world.admin, reason=" Minor ")
    assert count == 2
    assert _open_books(world.plan_a) == {3}
    assert _open_books(world.plan_b) == {2}
    cleared = ReviewFlag.objects.get(pk=flags[2][0].pk)
    assert (cleared.clearance, cleared.cleared_by, cleared.reason) == (
        "override",
        world.admin,
        "Minor",
    )
    event = AuditEvent.objects.get(action="plan.review_flags_override")
    assert event.changes["book"] == 2 and event.changes["reason"] == "Minor"
    assert sorted(event.changes["flags"]) == sorted(flag.pk for flag in flags[2])
    assert "review_flag_open" not in {f.code for f in book_checks(books[2])}
    assert "review_flag_open" in {f.code for f in book_checks(books[3])}


def test_it_refuses_without_a_reason_or_with_another_plans_book(world, flags):
    book_a = world.plan_a.books.get(number=2)
    book_b = world.plan_b.books.get(number=2)
    with pytest.raises(OverrideRefused):
        flags_override(plan=world.plan_a, book=book_a, by=world.admin, reason="  ")
    with pytest.raises(OverrideRefused):
        flags_override(plan=world.plan_a, book=book_b, by=world.admin, reason="Salah buku")
    assert _open_books(world.plan_a) == {2, 3} and _open_books(world.plan_b) == {2}
    assert not AuditEvent.objects.filter(action="plan.review_flags_override").exists()


def _messages(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def test_the_page_groups_flags_per_book_with_an_override_each(world, flags, client):
    client.force_login(world.admin)
    page = client.get(_url(world.plan_a)).text
    assert 'id="buku-2"' in page and 'id="buku-3"' in page and 'id="buku-1"' not in page
    assert 'name="book" value="2"' in page and 'name="book" value="3"' in page
    assert 'name="book" value="semua"' in page  # the plan-wide option, in its own box
    assert "review-flag-override-all" in page


def test_an_admin_overrides_one_book_from_its_row(world, flags, client):
    client.force_login(world.admin)
    response = client.post(_url(world.plan_a), {"book": "3", "reason": "Disetujui rapat"})
    assert response.status_code == 302
    assert _open_books(world.plan_a) == {2}
    assert any("Buku 3" in text for text in _messages(response))
    page = client.get(_url(world.plan_a)).text
    assert 'id="buku-3"' not in page and "Disetujui rapat" in page  # listed as cleared


def test_the_override_needs_a_book_and_a_reason(world, flags, client):
    client.force_login(world.admin)
    for data in (
        {"reason": "Tanpa buku"},
        {"book": "2", "reason": " "},
        {"book": "9", "reason": "x"},
    ):
        response = client.post(_url(world.plan_a), data)
        assert response.status_code == 302, data
        assert _messages(response), data
    assert _open_books(world.plan_a) == {2, 3}


def test_the_plan_wide_override_clears_every_book_when_chosen(world, flags, client):
    client.force_login(world.admin)
    client.post(_url(world.plan_a), {"book": "semua", "reason": "Rapat pleno"})
    assert _open_books(world.plan_a) == set()
    assert _open_books(world.plan_b) == {2}
    assert AuditEvent.objects.get(action="plan.review_flags_override").changes["book"] is None


@pytest.fixture
def others(world):
    """A coordinator and a mentor of region B, next to the world's personas."""
    coordinator_b = factories.UserFactory(username="coordinator-b")
    factories.member(coordinator_b, world.region_b, Membership.Role.COORDINATOR)
    mentor_b = factories.UserFactory(username="mentor-b")
    factories.mentor(mentor_b, world.region_b)
    for user in (coordinator_b, mentor_b):
        forget_access(user)
    return {"coordinator_b": coordinator_b, "mentor_b": mentor_b}


# persona -> (status of GET, status of POST) on region A's page; only who may finalise
# (the admins) overrides; insiders without the right get 403, other regions 404
MATRIX = {
    "admin": (200, 302),
    "coordinator_a": (200, 403),
    "coordinator_b": (404, 404),
    "editor_a": (200, 403),
    "editor_b": (404, 404),
    "mentor_a": (200, 403),
    "mentor_b": (404, 404),
}


@pytest.mark.parametrize("persona", MATRIX)
def test_the_override_permission_matrix(world, flags, others, client, persona):
    user = others.get(persona) or getattr(world, persona)
    client.force_login(user)
    get_status, post_status = MATRIX[persona]
    page = client.get(_url(world.plan_a))
    assert page.status_code == get_status
    if get_status == 200:
        assert ("review-flag-override" in page.text) == (persona == "admin")
    response = client.post(_url(world.plan_a), {"book": "2", "reason": "Coba"})
    assert response.status_code == post_status
    expected = {3} if persona == "admin" else {2, 3}
    assert _open_books(world.plan_a) == expected


def test_anonymous_users_are_sent_to_log_in(world, flags, client):
    response = client.post(_url(world.plan_a), {"book": "2", "reason": "x"})
    assert response.status_code == 302 and "login" in response["Location"]
    assert _open_books(world.plan_a) == {2, 3}


def test_a_books_export_page_names_its_own_open_flags(world, flags, client):
    client.force_login(world.coordinator_a)
    books = {book.number: book for book in world.plan_a.books.all()}
    page = client.get(reverse("exports:book_exports", args=[books[2].pk])).text
    assert "book-open-flags" in page
    assert f"{_url(world.plan_a)}#buku-2" in page
    page = client.get(reverse("exports:book_exports", args=[books[1].pk])).text
    assert "book-open-flags" not in page


def test_a_flags_finding_links_to_its_book_on_the_re_review_page(world, flags):
    urls = {
        f.book_number: f.get_url() for f in run_checks(world.plan_a) if f.code == "review_flag_open"
    }
    assert urls == {2: f"{_url(world.plan_a)}#buku-2", 3: f"{_url(world.plan_a)}#buku-3"}
