"""Text of the print HTML as Word runs: bold, italic, line breaks, spaces as a reader sees them."""

from __future__ import annotations

import re

from docx.enum.text import WD_BREAK

_SPACES = re.compile(r"\s+")
_BOLD = {"strong", "b", "th"}
_ITALIC = {"em", "i", "cite"}
# Inline pieces the print CSS shows on a line of their own (roadmap cells, indicators).
LINE_CLASSES = {"indicator", "target", "money", "muted", "tag", "big", "label"}


def clean(value: str | None) -> str:
    return _SPACES.sub(" ", (value or "").replace("\u200b", "").replace("\u00ad", ""))


def text_of(element) -> str:
    return clean(element.text_content()).strip()


def _tag(element) -> str:
    return element.tag if isinstance(element.tag, str) else ""


def add_runs(paragraph, element, *, bold=False, italic=False) -> None:
    """The element's text and inline children as runs of ``paragraph`` (not its tail)."""
    _add_text(paragraph, element.text, bold, italic, first=not paragraph.runs)
    for child in element:
        tag = _tag(child)
        if tag == "br":
            paragraph.add_run().add_break(WD_BREAK.LINE)
        elif tag in {"script", "style"} or not tag:
            pass
        else:
            classes = set((child.get("class") or "").split())
            if classes & LINE_CLASSES and paragraph.runs and paragraph.text.strip():
                paragraph.add_run().add_break(WD_BREAK.LINE)
            add_runs(paragraph, child, bold=bold or tag in _BOLD, italic=italic or tag in _ITALIC)
        _add_text(paragraph, child.tail, bold, italic, first=False)


def _add_text(paragraph, value, bold, italic, *, first) -> None:
    text = clean(value)
    if first or not paragraph.text or paragraph.text.endswith((" ", "\n")):
        text = text.lstrip()
    if not text:
        return
    run = paragraph.add_run(text)
    run.bold = bold or None
    run.italic = italic or None


def finish(paragraph) -> None:
    """Trailing spaces of the last run go (Word would keep them)."""
    if paragraph.runs:
        last = paragraph.runs[-1]
        if last.text:
            last.text = last.text.rstrip()
