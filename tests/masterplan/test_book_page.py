from __future__ import annotations

import pytest
from django.urls import reverse

from masterplan.models import Book, DeletedRecord, Section
from masterplan.services import record_save

pytestmark = pytest.mark.django_db


def book_url(plan, number=1) -> str:
    return reverse("book_detail", args=[plan.pk, number])


def test_a_book_number_the_plan_does_not_have_is_404(client, world):
    client.force_login(world.editor_a)
    assert client.get(reverse("book_detail", args=[world.plan_a.pk, 9])).status_code == 404


def test_the_outline_is_numbered_and_links_to_the_sections(client, world):
    client.force_login(world.viewer_a)
    response = client.get(book_url(world.plan_a))
    numbers = [node.number for node in response.context["nodes"]]
    assert numbers[:2] == ["1", "1.1"]
    assert any(number.count(".") == 2 for number in numbers) or "2" in numbers
    first = response.context["nodes"][0].section
    assert f'href="#bagian-{first.pk}"' in response.text
    # Readers get no edit links.
    assert reverse("section_edit", args=[first.pk]) not in response.text


def test_editors_get_edit_links_limited_editors_only_in_their_dimension(client, world):
    book = world.plan_a.books.get(number=2)
    general = book.sections.get(key="pendahuluan")
    economy = book.sections.filter(dimension__code="ECO").first()
    client.force_login(world.economy_editor_a)
    response = client.get(book_url(world.plan_a, 2))
    assert reverse("section_edit", args=[economy.pk]) in response.text
    assert reverse("section_edit", args=[general.pk]) not in response.text


def test_written_text_is_rendered_sanitised(client, world):
    section = world.plan_a.books.get(number=1).sections.get(key="pendahuluan")
    Section.objects.filter(pk=section.pk).update(body="<p>Isi bab<script>x</script></p>")
    client.force_login(world.viewer_a)
    response = client.get(book_url(world.plan_a))
    assert "<p>Isi bab</p>" in response.text
    assert "<script>x" not in response.text


def test_sections_show_their_linked_records(client, world):
    client.force_login(world.viewer_a)
    response = client.get(book_url(world.plan_a, 2))
    records = {
        node.section.records: node.record for node in response.context["nodes"] if node.record
    }
    assert "programmes" in records
    assert records["programmes"].count == 0
    assert "linked-records" in response.text


def test_a_final_book_is_read_only(client, world):
    Book.objects.filter(plan=world.plan_a, number=1).update(status=Book.Status.FINAL)
    client.force_login(world.editor_a)
    response = client.get(book_url(world.plan_a))
    nodes = response.context["nodes"]
    assert nodes and not any(node.editable for node in nodes)
    assert reverse("section_add", args=[world.plan_a.pk, 1]) not in response.text


def test_htmx_gets_the_book_body_partial(client, world):
    client.force_login(world.viewer_a)
    response = client.get(book_url(world.plan_a), headers={"HX-Request": "true"})
    assert 'id="book-body"' in response.text
    assert "<html" not in response.text


def test_the_plan_navigation_links_the_books_and_agencies(client, world):
    client.force_login(world.viewer_a)
    response = client.get(reverse("plan_detail", args=[world.plan_a.pk]))
    for number in (1, 2, 3, 4):
        assert book_url(world.plan_a, number) in response.text
    assert reverse("agency_list", args=[world.plan_a.pk]) in response.text


# --- adding, moving, deleting sections -------------------------------------------------


def test_adding_a_section(client, world):
    url = reverse("section_add", args=[world.plan_a.pk, 1])
    client.force_login(world.viewer_a)
    assert client.get(url).status_code == 403
    client.force_login(world.editor_b)
    assert client.get(url).status_code == 404
    client.force_login(world.editor_a)
    parent = world.plan_a.books.get(number=1).sections.get(key="pendahuluan")
    response = client.post(url, {"title": "Sejarah singkat", "parent": parent.pk})
    section = Section.objects.get(title="Sejarah singkat")
    assert response.url == reverse("section_edit", args=[section.pk])
    assert section.parent == parent and not section.required
    assert section.order == parent.children.count()
    assert section.created_by == world.editor_a


def test_a_limited_editor_adds_only_inside_its_dimension(client, world):
    book = world.plan_a.books.get(number=2)
    economy = book.sections.filter(dimension__code="ECO").first()
    general = book.sections.get(key="pendahuluan")
    url = reverse("section_add", args=[world.plan_a.pk, 2])
    client.force_login(world.economy_editor_a)
    assert client.get(url).status_code == 200
    response = client.post(url, {"title": "Di luar", "parent": general.pk})
    assert response.status_code == 200 and response.context["form"].errors
    response = client.post(url, {"title": "Bab baru"})
    assert response.status_code == 200 and response.context["form"].errors
    response = client.post(url, {"title": "UMKM digital", "parent": economy.pk})
    assert response.status_code == 302
    assert Section.objects.get(title="UMKM digital").dimension == economy.dimension


def test_moving_a_section_up_with_htmx(client, world):
    book = world.plan_a.books.get(number=1)
    first, second = book.sections.filter(parent=None).order_by("order", "pk")[:2]
    client.force_login(world.viewer_a)
    url = reverse("section_move", args=[second.pk, "up"])
    assert client.post(url).status_code == 403
    client.force_login(world.editor_a)
    response = client.post(url, {"version": second.version}, headers={"HX-Request": "true"})
    assert response.status_code == 200
    assert 'id="book-body"' in response.text and "<html" not in response.text
    second.refresh_from_db()
    first.refresh_from_db()
    assert second.order < first.order
    assert second.version == 2


def test_a_stale_move_is_refused(client, world):
    book = world.plan_a.books.get(number=1)
    second = book.sections.filter(parent=None).order_by("order", "pk")[1]
    second.title = "Diubah orang lain"
    record_save(second, by=world.coordinator_a, based_on=1)
    client.force_login(world.editor_a)
    url = reverse("section_move", args=[second.pk, "up"])
    response = client.post(url, {"version": 1}, headers={"HX-Request": "true"})
    assert response.status_code == 409
    response = client.post(url, {"version": 1})
    assert response.status_code == 302
    second.refresh_from_db()
    assert second.order == 2


def test_deleting_a_section_asks_first_and_goes_to_the_trash(client, world):
    book = world.plan_a.books.get(number=1)
    section = book.sections.get(key="pendahuluan")
    children = section.children.count()
    url = reverse("section_delete", args=[section.pk])
    client.force_login(world.viewer_a)
    assert client.get(url).status_code == 403
    assert client.post(url).status_code == 403
    client.force_login(world.editor_b)
    assert client.post(url).status_code == 404
    client.force_login(world.editor_a)
    confirm = client.get(url)
    assert confirm.status_code == 200
    assert len(confirm.context["children"]) == children
    assert Section.objects.filter(pk=section.pk).exists()
    response = client.post(url)
    assert response.url == book_url(world.plan_a)
    assert not Section.objects.filter(pk=section.pk).exists()
    trash = DeletedRecord.objects.get(target_uuid=section.uuid)
    assert trash.deleted_by == world.editor_a
    assert len(trash.payload) == 1 + children
