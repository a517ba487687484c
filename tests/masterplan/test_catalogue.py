"""The Indonesian catalogue has no untranslated and no fuzzy entry: the interface speaks
Indonesian first, and a fuzzy entry is not used by gettext at all."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

CATALOGUE = Path(settings.BASE_DIR) / "locale" / "id" / "LC_MESSAGES" / "django.po"


def _msgattrib(*options: str) -> list[str]:
    """The msgids msgattrib selects (the header, msgid "", left out)."""
    output = subprocess.run(
        ["msgattrib", "--no-obsolete", "--no-wrap", *options, str(CATALOGUE)],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    found = [e["msgid"] for e in _entries(output) if e.get("msgid")]
    return found


def _entries(text: str) -> list[dict]:
    """A small reader for what msgattrib would tell, when gettext is not installed."""
    entries = []
    for block in re.split(r"\n\s*\n", text):
        lines = [line for line in block.splitlines() if not line.startswith("#~")]
        if not any(line.startswith("msgid ") for line in lines):
            continue
        entry: dict = {"fuzzy": any(line.startswith("#,") and "fuzzy" in line for line in lines)}
        key = None
        for line in lines:
            match = re.match(r'^(msgid|msgid_plural|msgstr(?:\[\d+\])?) "(.*)"$', line)
            if match:
                key = match.group(1)
                entry[key] = match.group(2)
            elif line.startswith('"') and key:
                entry[key] += line[1:-1]
        entries.append(entry)
    return entries


def _untranslated_and_fuzzy() -> tuple[list[str], list[str]]:
    if shutil.which("msgattrib"):
        return _msgattrib("--untranslated"), _msgattrib("--only-fuzzy")
    entries = [e for e in _entries(CATALOGUE.read_text(encoding="utf-8")) if e.get("msgid")]
    untranslated = [
        e["msgid"]
        for e in entries
        if not all(value for key, value in e.items() if key.startswith("msgstr"))
    ]
    return untranslated, [e["msgid"] for e in entries if e["fuzzy"]]


def test_it_has_no_untranslated_or_fuzzy_entry():
    untranslated, fuzzy = _untranslated_and_fuzzy()
    assert untranslated == [], f"untranslated in {CATALOGUE.name}: {untranslated[:20]}"
    assert fuzzy == [], f"fuzzy in {CATALOGUE.name}: {fuzzy[:20]}"


def test_the_reader_finds_what_it_must(tmp_path):
    sample = (
        'msgid ""\nmsgstr "Language: id\\n"\n\n'
        'msgid "Save"\nmsgstr "Simpan"\n\n'
        'msgid "Cancel"\nmsgstr ""\n\n'
        '#, fuzzy\nmsgid "Delete"\nmsgstr "Hapus"\n\n'
        '#~ msgid "Old"\n#~ msgstr ""\n'
    )
    entries = [e for e in _entries(sample) if e.get("msgid")]
    assert [e["msgid"] for e in entries if not e["msgstr"]] == ["Cancel"]
    assert [e["msgid"] for e in entries if e["fuzzy"]] == ["Delete"]


@pytest.mark.skipif(not shutil.which("msgattrib"), reason="gettext is not installed")
def test_msgattrib_and_the_reader_agree():
    entries = [e for e in _entries(CATALOGUE.read_text(encoding="utf-8")) if e.get("msgid")]
    assert len(entries) > 500
    assert not [e["msgid"] for e in entries if e["fuzzy"]]


SKIPPED_DIRS = {".git", ".venv", "node_modules", "staticfiles", "media", "build", "tests", "bench"}


def _extracted(tmp_path: Path, domain: str) -> list[dict]:
    """What makemessages extracts from the sources, merged into a copy of the catalogue."""
    base = Path(settings.BASE_DIR)
    copy = tmp_path / "src"
    shutil.copytree(
        base,
        copy,
        ignore=lambda folder, names: [
            n for n in names if n in SKIPPED_DIRS or n.endswith((".mo", ".sqlite3", ".pyc"))
        ],
    )
    subprocess.run(
        [
            sys.executable,
            "manage.py",
            "makemessages",
            "--locale",
            "id",
            "--domain",
            domain,
            "--no-obsolete",
            *("--ignore", "node_modules/*", "--ignore", "staticfiles/*"),
        ],
        cwd=copy,
        check=True,
        capture_output=True,
    )
    text = (copy / "locale" / "id" / "LC_MESSAGES" / f"{domain}.po").read_text(encoding="utf-8")
    entries = []
    for block in re.split(r"\n\s*\n", text):
        for entry in _entries(block):
            # a fuzzy entry whose previous msgid (#|) is its own msgid only gained a format flag
            entry["new"] = entry["fuzzy"] and f'#| msgid "{entry.get("msgid")}"' not in block
            entries.append(entry)
    return [e for e in entries if e.get("msgid")]


@pytest.mark.parametrize("domain", ["django", "djangojs"])
def test_every_string_of_the_sources_is_in_the_catalogue(tmp_path, domain):
    """Strings are appended to the catalogue by hand; makemessages on a copy of the sources
    finds none missing (an empty msgstr) and none matched only approximately (fuzzy). It also
    catches a template literal with "%", which Django looks up as "%%"."""
    entries = _extracted(tmp_path, domain)
    missing = [e["msgid"] for e in entries if not e.get("msgstr") and "msgstr[0]" not in e]
    approximate = [e["msgid"] for e in entries if e["new"]]
    assert missing == [], f"not in {domain}.po: {missing[:20]}"
    assert approximate == [], f"only a fuzzy match in {domain}.po: {approximate[:20]}"
