"""``export_book <region> <book> --redline-from N [--redline-to M] --out FILE``."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from masterplan.editing import record_save
from tests.editions.conftest import finalise, reopen

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_editions(world, fake_render, django_capture_on_commit_callbacks):
    book = world.plan_a.books.get(number=2)
    finalise(book, world.admin, django_capture_on_commit_callbacks)
    reopen(book, world.admin)
    section = book.sections.get(key="pendahuluan")
    section.body = "<p>Teks revisi.</p>"
    record_save(section, by=world.editor_a)
    finalise(book, world.admin, django_capture_on_commit_callbacks)
    fake_render.clear()
    return book


def test_it_writes_the_redline_of_two_editions(world, two_editions, fake_render, tmp_path):
    out = tmp_path / "redline.pdf"
    call_command(
        "export_book", "region-a", "2", "--redline-from", "1", "--redline-to", "2",
        "--out", str(out), stdout=StringIO(),
    )  # fmt: skip
    assert out.read_bytes().startswith(b"%PDF")
    assert fake_render == ["Edisi 1"]


def test_without_redline_to_it_compares_with_the_book_as_it_is(
    world, two_editions, fake_render, tmp_path
):
    out = tmp_path / "redline.pdf"
    call_command(
        "export_book", "region-a", "2", "--redline-from", "2", "--out", str(out),
        stdout=StringIO(),
    )  # fmt: skip
    assert fake_render == ["Edisi 2"]


def test_an_unknown_edition_is_an_error(world, two_editions, tmp_path):
    with pytest.raises(CommandError, match="editions: 1, 2"):
        call_command(
            "export_book", "region-a", "2", "--redline-from", "5",
            "--out", str(tmp_path / "x.pdf"), stdout=StringIO(),
        )  # fmt: skip
    with pytest.raises(CommandError, match="--redline-from"):
        call_command(
            "export_book", "region-a", "2", "--redline-to", "2",
            "--out", str(tmp_path / "x.pdf"), stdout=StringIO(),
        )  # fmt: skip
