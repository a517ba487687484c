"""Twenty people saving the same record from the same version at the same moment, on a real
PostgreSQL: exactly one wins, the others get a conflict, nothing is lost or written twice."""

from __future__ import annotations

import json
import threading
import urllib.error
import urllib.request
from collections import Counter
from collections.abc import Callable

import pytest
from django.db import connections
from rest_framework.authtoken.models import Token

from masterplan.models import AuditEvent, Membership, Revision, Section, VersionConflict
from masterplan.services import record_save
from programs.models import Programme
from tests import factories

pytestmark = [pytest.mark.slow, pytest.mark.usefixtures("postgresql")]

WRITERS = 20


def at_once(work: Callable[[int], str]) -> list[str]:
    """Run ``work(i)`` in WRITERS threads released together; each uses its own connection."""
    barrier = threading.Barrier(WRITERS, timeout=60)
    results: list[str] = [""] * WRITERS

    def run(index: int) -> None:
        try:
            barrier.wait()
            results[index] = work(index)
        except Exception as error:  # reported in the assertion, not lost in the thread
            results[index] = f"error: {error!r}"
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(WRITERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not any(thread.is_alive() for thread in threads), "a writer hung"
    return results


@pytest.fixture
def section(transactional_db):
    plan = factories.make_plan()
    return plan.books.get(number=2).sections.get(key="pendahuluan")


@pytest.fixture
def editor(section):
    user = factories.UserFactory(username="editor-concurrency")
    factories.member(user, section.book.plan.region, Membership.Role.EDITOR)
    return user


def section_rows(section: Section) -> int:
    return Section.objects.filter(book=section.book).count()


def assert_one_winner(section: Section, results: list[str], *, winner: str, loser: str, rows: int):
    counts = Counter(results)
    assert counts == {winner: 1, loser: WRITERS - 1}, counts
    after = Section.objects.get(pk=section.pk)
    assert after.version == section.version + 1
    # the text is the one of the writer who won, whole, and written once
    assert after.body in {f"<p>Versi {i}</p>" for i in range(WRITERS)}
    assert Revision.objects.for_object(after).count() == 1
    assert AuditEvent.objects.filter(target_uuid=after.uuid, action="section.update").count() == 1
    assert section_rows(section) == rows


def test_twenty_saves_from_the_same_version_one_wins(section, editor):
    def save(index: int) -> str:
        mine = Section.objects.get(pk=section.pk)
        mine.body = f"<p>Versi {index}</p>"
        try:
            record_save(mine, by=editor, based_on=section.version, update_fields=["body"])
        except VersionConflict:
            return "conflict"
        return "saved"

    rows = section_rows(section)
    results = at_once(save)

    assert_one_winner(section, results, winner="saved", loser="conflict", rows=rows)


def test_twenty_api_writes_with_the_same_etag_one_wins(section, editor, live_server):
    token = Token.objects.create(user=editor).key
    url = f"{live_server.url}/api/v1/sections/{section.pk}/"

    def patch(index: int) -> str:
        request = urllib.request.Request(
            url,
            method="PATCH",
            data=json.dumps({"body": f"<p>Versi {index}</p>"}).encode(),
            headers={
                "Authorization": f"Token {token}",
                "Content-Type": "application/json",
                "If-Match": f'"{section.version}"',
            },
        )
        try:
            with urllib.request.urlopen(request, timeout=60) as response:
                return str(response.status)
        except urllib.error.HTTPError as error:
            return str(error.code)

    rows = section_rows(section)
    results = at_once(patch)

    assert_one_winner(section, results, winner="200", loser="412", rows=rows)


def test_twenty_programmes_added_at_once_get_twenty_distinct_codes(section, editor):
    plan = section.book.plan
    element = factories.element("GOV", "SRV")

    def add(index: int) -> str:
        programme = Programme(plan=plan, element=element, name=f"Program {index}")
        record_save(programme, by=editor)
        return programme.code

    codes = at_once(add)

    assert not [code for code in codes if code.startswith("error")], codes
    assert sorted(codes) == [f"GOV-SRV-{n:02d}" for n in range(1, WRITERS + 1)]
    assert Programme.objects.filter(plan=plan).count() == WRITERS
