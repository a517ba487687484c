"""Reliability tests (marked slow): they need a real PostgreSQL server, and say so."""

from __future__ import annotations

import pytest
from django.db import connection


@pytest.fixture
def postgresql() -> None:
    """Fail, never skip, when the tests run on another database: the property is PostgreSQL's."""
    if connection.vendor != "postgresql":
        pytest.fail(
            "This reliability test needs PostgreSQL: run it with "
            "DATABASE_URL=postgresql://user@host:5432/name (make test-slow does).",
            pytrace=False,
        )
