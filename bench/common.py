"""What the page benchmarks share: the regions they open, production settings, the data
and the users they sign in as."""

from __future__ import annotations

import io
import os
import secrets
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent

SMALL_REGION = "batang"
DEMO_REGION = "pekalongan"
LARGE_REGION = "kota-besar"
LOAD_USERS_PREFIX = "bench-load-"
DEFAULT_DATABASE_URL = "postgresql://postgres@127.0.0.1:5432/bench_pages"
FLOOR = "login page (floor)"


def production_env(database_url: str) -> dict[str, str]:
    """The environment of a production deployment behind a TLS proxy, for this run."""
    return {
        "DJANGO_SETTINGS_MODULE": "masterplan.settings",
        "DATABASE_URL": database_url,
        "DEBUG": "0",
        "SECRET_KEY": os.environ.get("BENCH_SECRET_KEY") or secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "0",
        "LOG_LEVEL": "WARNING",
    }


def ensure_database(database_url: str) -> None:
    """CREATE DATABASE if it does not exist (nothing else is created or dropped)."""
    import psycopg

    parts = urlsplit(database_url)
    name = parts.path.lstrip("/")
    admin_url = parts._replace(path="/postgres").geturl()
    with psycopg.connect(admin_url, autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if not exists:
            conn.execute(f'CREATE DATABASE "{name}"')


def prepare_data() -> None:
    from django.core.management import call_command

    from masterplan.models import Plan

    call_command("migrate", verbosity=0)
    regions = set(Plan.objects.values_list("region__slug", flat=True))
    if not {SMALL_REGION, DEMO_REGION, LARGE_REGION} <= regions:
        print("Seeding the demo and large plans (seed_demo --size large) …", flush=True)
        call_command("seed_demo", size="large", stdout=io.StringIO())


def bench_user(username: str, region_slug: str):
    """A coordinator of the region, created once."""
    from masterplan.models import Membership, Region, User

    user, _ = User.objects.get_or_create(
        username=username, defaults={"email": f"{username}@example.id"}
    )
    region = Region.objects.get(slug=region_slug)
    Membership.objects.update_or_create(
        user=user, region=region, defaults={"role": Membership.Role.COORDINATOR}
    )
    return user
