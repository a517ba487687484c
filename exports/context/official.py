"""The official front matter of every book: the approval page (lembar pengesahan), the
foreword taken out of the numbered chapters, and the daftar singkatan.

The glossary is the list shipped here (``singkatan.csv``) with the plan's own entries on
top; a book prints only the abbreviations its text uses. Which ones are used is known only
once the document is written, so the templates leave a marker that ``complete_document``
replaces with the list (and its line in the table of contents).
"""

from __future__ import annotations

import csv
import html as html_lib
import re
from functools import cache
from pathlib import Path

from django.template.loader import render_to_string

from exports.context.shared import PrintNode

GLOSSARY_FILE = Path(__file__).with_name("singkatan.csv")
# Outline keys of chapters that print as unnumbered front matter.
FRONT_MATTER_KEYS = {"kata-pengantar"}
GLOSSARY_MARK = "<!--daftar-singkatan-->"
GLOSSARY_TOC_MARK = "<!--daftar-singkatan-toc-->"
_TEXT_SKIP = re.compile(
    r"<(script|style|title)\b.*?</\1\s*>|<!--.*?-->|<[^>]+>", re.DOTALL | re.IGNORECASE
)


@cache
def shipped_glossary() -> dict[str, str]:
    with GLOSSARY_FILE.open(encoding="utf-8", newline="") as handle:
        return {row["term"]: row["meaning"] for row in csv.DictReader(handle)}


def glossary_for(plan) -> dict[str, str]:
    """The shipped list with the plan's own entries (which win on the same term)."""
    from exports.models import Abbreviation

    entries = dict(shipped_glossary())
    for term, meaning in Abbreviation.objects.filter(plan=plan).values_list("term", "meaning"):
        entries[term.strip()] = meaning.strip()
    return entries


def document_text(html: str) -> str:
    """What a reader sees of a print document (tags, styles and comments left out)."""
    return html_lib.unescape(_TEXT_SKIP.sub(" ", html))


def used_abbreviations(text: str, glossary: dict[str, str]) -> list[tuple[str, str]]:
    """The glossary entries whose term appears in the text as a word of its own, by term."""
    if not glossary:
        return []
    terms = sorted(glossary, key=len, reverse=True)
    pattern = re.compile(
        r"(?<![\w-])(" + "|".join(re.escape(term) for term in terms) + r")(?![\w-])"
    )
    found = set(pattern.findall(text))
    return sorted(((term, glossary[term]) for term in found), key=lambda e: e[0].casefold())


def split_front_matter(chapters: list[PrintNode]) -> tuple[list[PrintNode], list[PrintNode]]:
    """(front matter chapters, numbered chapters renumbered from 1)."""
    front = [chapter for chapter in chapters if chapter.key in FRONT_MATTER_KEYS]
    body = [chapter for chapter in chapters if chapter.key not in FRONT_MATTER_KEYS]
    if front:
        for index, chapter in enumerate(body, start=1):
            old = chapter.number
            for node in chapter.walk():
                node.number = str(index) + node.number[len(old) :]
    return front, body


def approval_page(plan):
    """The plan's approval page, or an unsaved empty one (the page prints with blanks)."""
    from exports.models import ApprovalPage

    return ApprovalPage.objects.filter(plan=plan).first() or ApprovalPage(plan=plan)


def complete_document(html: str, plan) -> str:
    """The document with its daftar singkatan (only the terms it uses) in place."""
    if GLOSSARY_MARK not in html:
        return html
    entries = used_abbreviations(document_text(html), glossary_for(plan))
    listing = render_to_string("exports/_abbreviations.html", {"abbreviations": entries})
    toc_line = render_to_string("exports/_abbreviations_toc.html", {"abbreviations": entries})
    return html.replace(GLOSSARY_MARK, listing, 1).replace(GLOSSARY_TOC_MARK, toc_line, 1)
