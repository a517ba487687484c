"""PostgreSQL only: ``unaccent`` and the ``kcs_simple`` text search configuration.

``kcs_simple`` is ``simple`` (no stemming: the plans are Indonesian and English) with
``unaccent`` before it, so that the document, the query and the headline all fold accents
the same way. On SQLite both operations do nothing (the search falls back to icontains).
"""

from django.contrib.postgres.operations import UnaccentExtension
from django.db import migrations

CONFIG = "kcs_simple"


def create_configuration(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        f"""
        DO $$ BEGIN
            IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = '{CONFIG}') THEN
                CREATE TEXT SEARCH CONFIGURATION {CONFIG} (COPY = simple);
                ALTER TEXT SEARCH CONFIGURATION {CONFIG}
                    ALTER MAPPING FOR hword, hword_part, word WITH unaccent, simple;
            END IF;
        END $$;
        """
    )


def drop_configuration(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"DROP TEXT SEARCH CONFIGURATION IF EXISTS {CONFIG}")


class Migration(migrations.Migration):
    initial = True
    dependencies = []

    operations = [
        UnaccentExtension(),
        migrations.RunPython(create_configuration, drop_configuration, elidable=False),
    ]
