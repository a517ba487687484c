"""The redline between any two versions of a book: edition 1 → 3 of a seeded trio, in the
browser (with the form to pick the pair), as a PDF and from ``export_book``."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from editions.models import Edition
from exports.models import ExportJob
from exports.render import RenderResult
from masterplan.editing import record_save
from masterplan.models import AuditEvent
from tests.editions.conftest import finalise, reopen

pytestmark = pytest.mark.django_db

TEXTS = (
    "<p>Buku ini disusun oleh Diskominfo pada tahun 2025.</p>",
    "<p>Buku ini disusun oleh Diskominfo bersama OPD pada tahun 2025.</p>",
    "<p>Buku ini disusun oleh Bappeda bersama OPD pada tahun 2026.</p>",
)


@pytest.fixture
def rendered(monkeypatch):
    """The redline PDFs asked for: their two labels (the renderer has its own tests)."""
    calls = []

    def render(book, **kwargs):
        calls.append((kwargs["older_label"], kwargs.get("newer_label", "")))
        return RenderResult(pdf=b"%PDF-1.7\n% redline\n", pages=1)

    monkeypatch.setattr("editions.redline.render_redline_pdf", render)
    return calls


@pytest.fixture
def trio(world, fake_render, rendered, django_capture_on_commit_callbacks):
    """Buku 2 of region A frozen three times, its introduction rewritten in between."""
    book = world.plan_a.books.get(number=2)
    section = book.sections.get(key="pendahuluan")
    for number, text in enumerate(TEXTS, start=1):
        if number > 1:
            reopen(book, world.admin)
        section.refresh_from_db()
        section.body = text
        record_save(section, by=world.editor_a)
        finalise(book, world.admin, django_capture_on_commit_callbacks)
    assert list(Edition.objects.filter(book=book).values_list("number", flat=True)) == [1, 2, 3]
    rendered.clear()
    return book


def _page(client, book, **query):
    return client.get(reverse("editions:book_redline", args=[book.pk]), query)


def test_edition_1_against_3_marks_what_changed_over_both_revisions(world, trio, client):
    client.force_login(world.viewer_a)
    page = _page(client, trio, dari=1, ke=3)
    assert page.status_code == 200
    result = page.context["redline"]
    assert " ".join(result.words_deleted) == "Diskominfo 2025."
    assert " ".join(result.words_inserted) == "Bappeda bersama OPD 2026."
    assert "Edisi 1 → Edisi 3" in page.text
    # the form shows the pair, the PDF link follows it
    assert page.context["form"]["dari"].value() == "1"
    assert page.context["form"]["ke"].value() == "3"
    # no PDF is stored for 1 → 3: the button starts its export job
    assert f'hx-post="{reverse("editions:redline_pdf_start", args=[trio.pk])}"' in page.text
    assert '<input type="hidden" name="dari" value="1">' in page.text
    assert '<input type="hidden" name="ke" value="3">' in page.text


def test_the_pair_may_be_picked_either_way_round_but_not_twice_the_same(world, trio, client):
    client.force_login(world.viewer_a)
    swapped = _page(client, trio, dari=3, ke=1)
    assert swapped.context["older"].number == 1 and swapped.context["newer"].number == 3
    same = _page(client, trio, dari=2, ke=2)
    assert same.status_code == 200 and "redline" not in same.context
    assert "Pilih dua edisi yang berbeda" in same.text
    unknown = _page(client, trio, dari=1, ke=7)
    assert "redline" not in unknown.context


def test_without_a_choice_it_shows_the_newest_two_and_their_stored_pdf(world, trio, client):
    client.force_login(world.viewer_a)
    page = _page(client, trio)
    assert page.context["older"].number == 2 and page.context["newer"].number == 3
    edition = Edition.objects.get(book=trio, number=3)
    assert reverse("editions:edition_redline_pdf", args=[edition.uuid]) in page.text
    assert " ".join(page.context["redline"].words_inserted) == "Bappeda 2026."


def test_an_edition_against_the_current_draft(world, trio, client):
    reopen(trio, world.admin)
    section = trio.sections.get(key="pendahuluan")
    section.body = "<p>Buku ini disusun oleh Bappeda bersama OPD pada tahun 2027.</p>"
    record_save(section, by=world.editor_a)
    client.force_login(world.viewer_a)
    page = _page(client, trio, dari=1, ke="draf")
    assert page.context["newer"] is None
    assert " ".join(page.context["redline"].words_inserted) == "Bappeda bersama OPD 2027."
    assert "Draf saat ini" in page.text
    editions = client.get(reverse("editions:book_editions", args=[trio.pk]))
    assert f"{reverse('editions:book_redline', args=[trio.pk])}?dari=3&amp;ke=draf" in editions.text


def _download(client, job):
    return client.get(reverse("exports:export_download", args=[job.uuid]))


def test_the_old_pdf_url_of_edition_1_against_3_never_renders_in_the_request(
    world, trio, client, rendered, django_capture_on_commit_callbacks
):
    url = reverse("editions:redline_pdf", args=[trio.pk])
    client.force_login(world.viewer_a)
    waiting = client.get(url, {"dari": 1, "ke": 3})  # the job runs after the commit
    assert waiting.status_code == 202 and waiting["Retry-After"] == "5"
    assert rendered == []
    job = ExportJob.objects.get(kind=ExportJob.Kind.REDLINE)
    assert (job.state, job.book, job.from_edition, job.to_edition) == ("queued", trio, 1, 3)
    assert waiting["Location"].endswith(reverse("exports:export_progress", args=[job.uuid]))
    ExportJob.objects.all().delete()

    with django_capture_on_commit_callbacks(execute=True):
        client.get(url, {"dari": 1, "ke": 3})
    assert rendered == [("Edisi 1", "Edisi 3")]
    ready = client.get(url, {"dari": 1, "ke": 3})  # the same pair: the stored file
    assert ready.status_code == 302 and "/unduh/" in ready["Location"]
    assert rendered == [("Edisi 1", "Edisi 3")]  # not rendered again
    latest = ExportJob.objects.filter(kind=ExportJob.Kind.REDLINE).first()
    assert latest.reused_from is not None and latest.file.name == latest.reused_from.file.name
    got = client.get(ready["Location"])
    assert got["Content-Type"] == "application/pdf"
    assert b"".join(got.streaming_content)[:4] == b"%PDF"
    assert 'filename="Redline-Buku-2-' in got["Content-Disposition"]
    assert got["Content-Disposition"].endswith('-Edisi-1-3.pdf"')

    # a consecutive pair has its PDF stored with the edition: no job
    stored = client.get(url, {"dari": 2, "ke": 3})
    edition = Edition.objects.get(book=trio, number=3)
    assert stored.status_code == 302
    assert stored["Location"] == reverse("editions:edition_redline_pdf", args=[edition.uuid])
    assert client.get(url, {"dari": 2, "ke": 2}).status_code == 404  # no pair

    client.force_login(world.editor_b)  # another region's people see nothing of it
    assert client.get(url, {"dari": 1, "ke": 3}).status_code == 404
    assert _download(client, latest).status_code == 404
    start = reverse("editions:redline_pdf_start", args=[trio.pk])
    assert client.post(start, {"dari": 1, "ke": 3}).status_code == 404


def test_the_redline_of_an_edition_against_the_draft_is_made_on_its_card(
    world, trio, client, rendered, django_capture_on_commit_callbacks
):
    reopen(trio, world.admin)
    trio.refresh_from_db()
    client.force_login(world.viewer_a)
    start = reverse("editions:redline_pdf_start", args=[trio.pk])
    with django_capture_on_commit_callbacks(execute=True):
        card = client.post(start, {"dari": 1, "ke": "draf"}, HTTP_HX_REQUEST="true")
    assert card.status_code == 200
    job = ExportJob.objects.get(kind=ExportJob.Kind.REDLINE)
    assert (job.state, job.from_edition, job.to_edition) == ("done", 1, None)
    progress = reverse("exports:export_progress", args=[job.uuid])
    assert f'hx-get="{progress}"' in card.text  # answered before the job ran
    assert rendered == [("Edisi 1", f"Teks saat ini (versi {trio.version})")]
    assert AuditEvent.objects.filter(action="book.redline_export").count() == 1
    # the redline page of the pair shows the finished job and its download
    page = _page(client, trio, dari=1, ke="draf")
    download = reverse("exports:export_download", args=[job.uuid])
    assert download in page.text
    assert _download(client, job)["Content-Disposition"].endswith('-Edisi-1-draf.pdf"')
    # without htmx: back to the redline page of the pair
    again = client.post(start, {"dari": 1, "ke": "draf"})
    assert again.status_code == 302 and again["Location"].endswith("?dari=1&ke=draf")
    assert len(rendered) == 1  # unchanged: reused

    # the draft changes: a new PDF
    section = trio.sections.get(key="pendahuluan")
    section.body = "<p>Buku ini disusun oleh Bappeda pada tahun 2027.</p>"
    record_save(section, by=world.editor_a)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(start, {"dari": 1, "ke": "draf"}, HTTP_HX_REQUEST="true")
    assert len(rendered) == 2
    newest = ExportJob.objects.filter(kind=ExportJob.Kind.REDLINE).first()
    assert newest.state == "done" and newest.reused_from is None and newest.pk != job.pk


def test_export_book_writes_the_redline_of_edition_1_against_3(world, trio, rendered, tmp_path):
    out = tmp_path / "redline.pdf"
    call_command(
        "export_book", "region-a", "2", "--redline-from", "1", "--redline-to", "3",
        "--out", str(out), stdout=StringIO(),
    )  # fmt: skip
    assert out.read_bytes().startswith(b"%PDF")
    assert rendered == [("Edisi 1", "Edisi 3")]
