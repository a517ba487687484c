"""The export page agrees with itself: the history follows the job, one date format, the
content hash only for administrators."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from django.utils import timezone

from exports.models import ExportJob
from exports.render import RenderResult

pytestmark = pytest.mark.django_db


@pytest.fixture
def fake_render(monkeypatch):
    def render(book, *, final=False, progress=None, time_limit=None):
        return RenderResult(pdf=b"%PDF-1.7\n%%EOF", pages=2)

    monkeypatch.setattr("exports.render.render_book", render)


def test_it_sends_the_history_row_of_a_finished_job_with_its_progress(
    client, world, fake_render, django_capture_on_commit_callbacks
):
    book = world.plan_a.books.get(number=2)
    client.force_login(world.editor_a)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("exports:export_start", args=[book.pk]), HTTP_HX_REQUEST="true")
    job = ExportJob.objects.get(book=book)
    assert job.state == ExportJob.State.DONE

    response = client.get(
        reverse("exports:export_progress", args=[job.uuid]), HTTP_HX_REQUEST="true"
    )

    html = response.content.decode()
    # Inside a <template>: htmx swaps table parts out of band only from there.
    assert re.search(r'<template>\s*<tbody id="export-history" hx-swap-oob="true">', html)
    row = re.search(rf'<tr id="export-row-{job.uuid}" data-state="(\w+)">', html)
    assert row and row.group(1) == ExportJob.State.DONE
    assert reverse("exports:export_download", args=[job.uuid]) in html


def test_it_writes_every_date_of_the_page_the_same_way(client, world):
    book = world.plan_a.books.get(number=2)
    job = ExportJob.objects.create(book=book, requested_by=world.editor_a)
    client.force_login(world.editor_a)

    html = client.get(reverse("exports:book_exports", args=[book.pk])).content.decode()

    shown = re.findall(r"<time datetime=\"[^\"]+\">([^<]+)</time>", html)
    expected = timezone.localtime(job.created_at).strftime("%H:%M")
    assert len(shown) == 2  # the card of the running job and its history row
    assert len(set(shown)) == 1 and shown[0].endswith(expected)
    assert re.fullmatch(r"\d{1,2} \w+ \d{4} \d{2}:\d{2}", shown[0])


def test_it_shows_the_content_hash_to_administrators_only(client, world):
    book = world.plan_a.books.get(number=2)
    ExportJob.objects.create(book=book, requested_by=world.admin, content_hash="ab" * 32)
    url = reverse("exports:book_exports", args=[book.pk])

    client.force_login(world.coordinator_a)
    member_page = client.get(url).content.decode()
    client.force_login(world.admin)
    admin_page = client.get(url).content.decode()

    assert "abababababab" not in member_page
    assert "abababababab" in admin_page
