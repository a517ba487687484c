"""Through the export view: a finding refuses the final export of the books that print what
it is about (a Buku 3 finding: Buku 3; a programme finding: Buku 2, 3 and 4), not Buku 1's."""

from __future__ import annotations

import pytest
from django.urls import reverse

from exports.render import RenderResult
from masterplan.models import Book
from programs.models import FlagshipIndicator, Programme
from tests import factories
from tests.checks.builders import clean_plan

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fake_render(monkeypatch):
    def render(book, *, final=False, progress=None, time_limit=None):
        return RenderResult(pdf=b"%PDF-1.7\nFINAL", pages=2)

    monkeypatch.setattr("exports.render.render_book", render)


def test_a_buku_3_finding_refuses_buku_3_and_lets_buku_1_go_final(
    client, django_capture_on_commit_callbacks
):
    plan = clean_plan()
    quick_win = Programme.objects.filter(plan=plan, is_quick_win=True).order_by("code").first()
    FlagshipIndicator.objects.filter(programme=quick_win).delete()
    plan.books.update(status=Book.Status.APPROVED)
    books = {book.number: book for book in plan.books.all()}
    client.force_login(factories.UserFactory(is_staff=True, is_superuser=True))

    with django_capture_on_commit_callbacks(execute=True):
        refused = client.post(reverse("exports:export_finalise", args=[books[3].pk]), follow=True)
    books[3].refresh_from_db()
    assert books[3].status == Book.Status.APPROVED
    assert quick_win.code in refused.text  # the refusal names the flagship

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("exports:export_finalise", args=[books[1].pk]))
    assert response.status_code == 302
    books[1].refresh_from_db()
    assert books[1].status == Book.Status.FINAL


def test_a_programme_finding_refuses_buku_2_3_and_4_and_lets_buku_1_go_final(
    client, django_capture_on_commit_callbacks
):
    plan = clean_plan()
    programme = Programme.objects.filter(plan=plan, is_quick_win=False).order_by("code").first()
    Programme.objects.filter(pk=programme.pk).update(lead_agency=None)
    plan.books.update(status=Book.Status.APPROVED)
    books = {book.number: book for book in plan.books.all()}
    client.force_login(factories.UserFactory(is_staff=True, is_superuser=True))

    for number in (2, 3, 4):
        with django_capture_on_commit_callbacks(execute=True):
            refused = client.post(
                reverse("exports:export_finalise", args=[books[number].pk]), follow=True
            )
        books[number].refresh_from_db()
        assert books[number].status == Book.Status.APPROVED, number
        assert programme.code in refused.text, number

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("exports:export_finalise", args=[books[1].pk]))
    assert response.status_code == 302
    books[1].refresh_from_db()
    assert books[1].status == Book.Status.FINAL
