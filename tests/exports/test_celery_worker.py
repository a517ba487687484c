"""One export through a real Celery worker on Redis (CI starts Redis on 127.0.0.1:6379)."""

from __future__ import annotations

import os
import time
import uuid
from importlib import import_module

import pytest
from celery.contrib.testing.worker import start_worker
from kombu import Queue

from exports.models import ExportJob
from exports.services import export_request
from masterplan.celery import app
from tests.exports.conftest import Pdf

BROKER = (
    os.environ.get("CELERY_BROKER_URL")
    or os.environ.get("REDIS_URL")
    or ("redis://127.0.0.1:6379/0")
)


def reset_connections() -> None:
    """Forget pools and queues built for the previous broker (eager mode builds them too)."""
    if app._pool is not None:
        app._pool.force_close_all()
    app._pool = None
    amqp = app.__dict__.get("amqp")
    if amqp is not None:
        amqp._producer_pool = None
        amqp.__dict__.pop("queues", None)
        amqp.__dict__.pop("router", None)


@pytest.fixture
def redis_worker():
    """A worker thread consuming a queue of its own, so no other test run steals our task."""
    queue = f"exports-test-{uuid.uuid4().hex[:8]}"
    saved = {
        key: app.conf[key]
        for key in ("broker_url", "task_always_eager", "task_default_queue", "task_queues")
    }
    app.conf.update(
        broker_url=BROKER,
        task_always_eager=False,
        task_default_queue=queue,
        task_queues=[Queue(queue)],
    )
    reset_connections()
    try:
        with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=30):
            yield queue
    finally:
        app.conf.update(saved)
        reset_connections()


@pytest.fixture
def reference_data(transactional_db):
    """An earlier transactional test's flush drops the framework its migration loaded."""
    from django.apps import apps

    from dimensions.models import Framework

    if not Framework.objects.filter(code="kominfo-2017").exists():
        import_module("dimensions.migrations.0003_kominfo_2017_framework").load(apps, None)


@pytest.mark.django_db(transaction=True)
def test_it_exports_through_a_real_worker(redis_worker, reference_data, world):
    book = world.plan_a.books.get(number=3)
    job = export_request(book=book, by=world.editor_a)
    assert job.state == ExportJob.State.QUEUED
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        job.refresh_from_db()
        if not job.is_pending:
            break
        time.sleep(0.2)
    assert job.state == ExportJob.State.DONE, job.error
    assert job.task_id
    pdf = Pdf(job.file.open("rb").read())
    assert len(pdf.reader.pages) == job.pages > 3
    assert all("DRAF" in text for text in pdf.texts())
