"""The code digest in the keys of cached HTML and JSON (masterplan/release.py)."""

from pathlib import Path

import pytest
from django.conf import settings

from masterplan import release


@pytest.fixture
def fresh_digest():
    release.code_digest.cache_clear()
    yield
    release.code_digest.cache_clear()


def test_sources_are_the_projects_own_code_and_templates():
    root = Path(settings.BASE_DIR).resolve()
    sources = release._sources()
    parts = {path.relative_to(root).parts[0] for path in sources}
    assert {"masterplan", "programs", "api", "templates"} <= parts
    assert ".venv" not in parts
    assert Path(release.__file__).resolve() in sources
    assert root / "templates" / "base.html" in sources


def test_a_changed_template_changes_the_digest(tmp_path, monkeypatch, fresh_digest, settings):
    settings.BASE_DIR = tmp_path
    template = tmp_path / "templates" / "page.html"
    template.parent.mkdir()
    template.write_text("<p>{{ when|date:'j M Y' }}</p>")
    monkeypatch.setattr(release, "_sources", lambda: [template])
    before = release.code_digest()
    release.code_digest.cache_clear()
    assert release.code_digest() == before  # the same release: the same keys on every node
    template.write_text("<p>{{ when|date:'j F Y' }}</p>")
    release.code_digest.cache_clear()
    assert release.code_digest() != before
