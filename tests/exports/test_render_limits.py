"""Every render is bounded: long words stay fast, a render past its time or memory limit
is killed and its job fails in Indonesian, and the portal answers meanwhile."""

from __future__ import annotations

import html as html_lib
import json
import os
import re
import threading
import time
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from dimensions.models import RegionProfile
from exports.assets import media_url, print_asset_dir
from exports.fetcher import PrintURLFetcher
from exports.models import ExportJob
from exports.render import LONG_WORD, ZWSP, break_long_words, build_html, render_html
from exports.services import export_request
from tests.exports.conftest import Pdf
from tests.exports.test_fetcher import add_photo

SLOW = "tests.exports.slow_renders."
TOKEN = "kotacerdas" * 1000  # 10,000 characters without a space


def export(book, user, capture) -> ExportJob:
    with capture(execute=True):
        job = export_request(book=book, by=user)
    job.refresh_from_db()
    return job


def fill_book_1(plan, word: str) -> None:
    """The first section's body and the region profile carry ``word`` amid normal text."""
    book = plan.books.get(number=1)
    section = book.sections.order_by("order").first()
    section.body = f"<p>Wilayah ini menyiapkan {word} layanan digital bagi warganya.</p>"
    section.save()
    profile, _ = RegionProfile.objects.get_or_create(plan=plan)
    profile.summary = f"Ringkasan profil {word} daerah."
    profile.save()


def open_css() -> str:
    return (print_asset_dir() / "book.css").read_text()


def render_children() -> list[int]:
    """Render processes still alive among this process's children (Linux)."""
    pids = []
    for task in os.listdir("/proc/self/task"):
        try:
            with open(f"/proc/self/task/{task}/children") as handle:
                pids += [int(pid) for pid in handle.read().split()]
        except OSError:
            continue
    found = []
    for pid in pids:
        try:
            with open(f"/proc/{pid}/cmdline", "rb") as handle:
                if b"exports.pdf_child" in handle.read():
                    found.append(pid)
        except OSError:
            continue
    return found


def test_long_words_get_break_opportunities_and_markup_stays_intact():
    long_url = "https://contoh.go.id/" + "a" * 80
    document = (
        f'<html><head><title>{"J" * 60}</title><style>.x{{content:"{"s" * 60}"}}</style></head>'
        f'<body><p title="{"t" * 60}">{TOKEN[:95]} biasa</p>'
        f'<img src="data:image/png;base64,{"Q" * 200}">'
        f"<p>{'&amp;' * 50}</p><p>{'e' + chr(0x301)}{'é' * 60}</p>"
        f"<p><a href='{long_url}'>{long_url}</a></p><!-- {'c' * 60} -->"
        f"<p>{'a' + chr(0xA0)}{'b' * 30}{chr(0xA0)}{'c' * 30}</p></body></html>"
    )
    result = break_long_words(document)
    # Outside markup, no run of text is longer than LONG_WORD characters...
    text = re.sub(r"<!--.*?-->|<(title|style)>.*?</\1>|<[^>]*>", " ", result)
    runs = re.split(rf"[ \t\n\r\f{ZWSP}]+", html_lib.unescape(text))
    assert max(len(run) for run in runs) <= LONG_WORD
    # ...the text is the same once the zero-width spaces are taken out...
    assert result.replace(ZWSP, "") == document
    # ...and attributes, the title, styles, comments, entities and accents are untouched.
    for kept in (f'title="{"t" * 60}"', "J" * 60, "s" * 60, "Q" * 200, "c" * 60, long_url + "'"):
        assert kept in result
    assert not re.search(rf"&#?\w*{ZWSP}", result) and ZWSP + chr(0x301) not in result
    assert break_long_words("<p>Teks biasa tanpa kata panjang.</p>") == (
        "<p>Teks biasa tanpa kata panjang.</p>"
    )


@pytest.mark.django_db
def test_a_10000_character_word_exports_in_normal_time(
    world, settings, django_capture_on_commit_callbacks
):
    plan = world.plan_a
    book = plan.books.get(number=1)
    fill_book_1(plan, "kota cerdas " * 20)
    build_html(book)  # warm up: templates compiled, the fetcher (WeasyPrint) imported
    PrintURLFetcher.for_plan(plan)
    started = time.perf_counter()
    normal = export(book, world.editor_a, django_capture_on_commit_callbacks)
    normal_seconds = time.perf_counter() - started
    assert normal.state == ExportJob.State.DONE, normal.error

    # Without break opportunities this render takes minutes: stop it early if so.
    settings.EXPORT_RENDER_TIME_LIMIT = max(30, round(5 * normal_seconds))
    fill_book_1(plan, TOKEN)
    started = time.perf_counter()
    long = export(book, world.editor_a, django_capture_on_commit_callbacks)
    long_seconds = time.perf_counter() - started
    assert long.state == ExportJob.State.DONE, long.error
    assert long_seconds < 3 * normal_seconds, (long_seconds, normal_seconds)
    text = "".join(Pdf(long.file.open("rb").read()).texts()).replace(ZWSP, "")
    assert text.count("kotacerdaskotacerdas") > 100


def test_a_render_past_its_time_limit_is_killed_while_the_portal_answers(
    transactional_db, client, world, settings
):
    # transactional_db: the rows are committed, so the job's own thread sees them.
    settings.EXPORT_SYNCHRONOUS = False  # no broker: the job runs in a background thread
    settings.EXPORT_RENDER_TIME_LIMIT = 4
    settings.EXPORT_RENDER_FUNCTION = SLOW + "sleep_forever"
    book = world.plan_a.books.get(number=2)
    client.force_login(world.mentor_a)
    started = time.monotonic()
    response = client.post(reverse("exports:export_start", args=[book.pk]), HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert 'hx-trigger="every 1s"' in response.content.decode()
    job = ExportJob.objects.get(book=book)
    assert job.is_pending

    # The portal serves other requests while the render runs.
    page = client.get(reverse("exports:book_exports", args=[book.pk]))
    assert page.status_code == 200
    progress = client.get(
        reverse("exports:export_progress", args=[job.uuid]), HTTP_HX_REQUEST="true"
    )
    assert progress.status_code == 200 and "progressbar" in progress.content.decode()
    job.refresh_from_db()
    assert job.is_pending

    while job.is_pending and time.monotonic() - started < 60:
        time.sleep(0.2)
        job.refresh_from_db()
    elapsed = time.monotonic() - started
    for thread in threading.enumerate():
        if thread.name == f"export-job-{job.pk}":
            thread.join(10)
    assert job.state == ExportJob.State.FAILED
    assert job.error == (
        "Ekspor berjalan lebih dari 4 detik dan dihentikan. Periksa apakah buku memuat kata "
        "atau tabel yang sangat panjang, lalu coba lagi."
    )
    assert 4 <= elapsed < 20
    assert not job.file
    assert render_children() == []
    html = client.get(
        reverse("exports:export_progress", args=[job.uuid]), HTTP_HX_REQUEST="true"
    ).content.decode()
    assert "Ekspor berjalan lebih dari 4 detik" in html and "hx-trigger" not in html


@pytest.mark.django_db
def test_the_render_process_gets_resources_through_our_fetcher_and_no_secrets(
    world, settings, monkeypatch
):
    monkeypatch.setenv("SECRET_KEY", "rahasia-kunci")
    monkeypatch.setenv("DATABASE_URL", "postgresql://rahasia@db/masterplan")
    settings.EXPORT_RENDER_FUNCTION = SLOW + "report"
    settings.EXPORT_RENDER_MEMORY_LIMIT_MB = 1536
    photo = add_photo(world.plan_a)
    other = add_photo(world.plan_b)
    urls = [
        "kcs://print/book.css",
        media_url(photo.image.name),
        media_url(other.image.name),
        "file:///etc/passwd",
        "data:text/html,<h1>x</h1>",
    ]
    stages = []
    report, pages, refused = render_html(" ".join(urls), plan=world.plan_a, progress=stages.append)
    assert pages == 1
    seen = json.loads(report)
    assert "PATH" in seen["environment"]
    assert not {"SECRET_KEY", "DATABASE_URL"} & set(seen["environment"])
    assert seen["memory_limit"] == 1536 * 1024 * 1024
    fetched = seen["fetched"]
    assert fetched[urls[0]] == ["text/css", open_css()[:100]]
    assert fetched[urls[1]][0] == "image/png" and fetched[urls[1]][1].startswith("\x89PNG")
    assert [fetched[url][0] for url in urls[2:]] == ["refused"] * 3
    assert refused == urls[2:]
    assert stages == ["writing"]


@pytest.mark.django_db
def test_a_render_past_its_memory_limit_is_killed(
    world, settings, django_capture_on_commit_callbacks
):
    settings.EXPORT_RENDER_MEMORY_LIMIT_MB = 1024
    settings.EXPORT_RENDER_FUNCTION = SLOW + "eat_memory"
    book = world.plan_a.books.get(number=3)
    job = export(book, world.editor_a, django_capture_on_commit_callbacks)
    assert job.state == ExportJob.State.FAILED
    assert job.error == "Ekspor membutuhkan memori lebih dari 1024 MB dan dihentikan."
    assert render_children() == []


@pytest.mark.django_db
def test_a_crashed_renderer_fails_the_job(world, settings, django_capture_on_commit_callbacks):
    settings.EXPORT_RENDER_FUNCTION = SLOW + "crash"
    book = world.plan_a.books.get(number=3)
    job = export(book, world.editor_a, django_capture_on_commit_callbacks)
    assert job.state == ExportJob.State.FAILED
    assert job.error.startswith("Pembuat PDF berhenti secara tak terduga (kode -11).")


@pytest.mark.django_db
def test_a_job_abandoned_by_a_restart_no_longer_blocks_new_exports(
    world, monkeypatch, django_capture_on_commit_callbacks
):
    monkeypatch.setattr("exports.services._enqueue", lambda job: None)
    book = world.plan_a.books.get(number=4)
    stuck = export_request(book=book, by=world.editor_a)
    long_ago = timezone.now() - timedelta(hours=1)
    ExportJob.objects.filter(pk=stuck.pk).update(state=ExportJob.State.RUNNING, started_at=long_ago)
    again = export_request(book=book, by=world.editor_a)
    assert again.pk != stuck.pk and again.state == ExportJob.State.QUEUED
    stuck.refresh_from_db()
    assert stuck.state == ExportJob.State.FAILED
    assert stuck.error == "Ekspor terputus (server dimulai ulang?). Mulai ekspor lagi."
    # A job that is merely running is joined, as before.
    ExportJob.objects.filter(pk=again.pk).update(
        state=ExportJob.State.RUNNING, started_at=timezone.now()
    )
    assert export_request(book=book, by=world.viewer_a).pk == again.pk
