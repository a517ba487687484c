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
    """The element's text and inline children as runs of ``paragraph`` (not its tail),
    spaces collapsed as a browser does, none at the start or the end."""
    pieces: list[tuple[str, bool, bool]] = []  # (text or "\n" for a line break, bold, italic)
    _collect(element, bold, italic, pieces)
    # Whitespace as rendered: one space between words, none around line breaks.
    out: list[tuple[str, bool, bool]] = []
    at_line_start = True
    for text, is_bold, is_italic in pieces:
        if text == "\n":
            if out and out[-1][0] != "\n":
                out[-1] = (out[-1][0].rstrip(), *out[-1][1:])
                out.append((text, is_bold, is_italic))
                at_line_start = True
            continue
        if at_line_start:
            text = text.lstrip()
        if not text:
            continue
        out.append((text, is_bold, is_italic))
        at_line_start = text.endswith(" ")
    while out and (out[-1][0] == "\n" or not out[-1][0].strip()):
        out.pop()
    if out:
        out[-1] = (out[-1][0].rstrip(), *out[-1][1:])
    for text, is_bold, is_italic in out:
        run = paragraph.add_run()
        if text == "\n":
            run.add_break(WD_BREAK.LINE)
            continue
        run._r.add_t(text)
        if is_bold:
            run.bold = True
        if is_italic:
            run.italic = True


def _collect(element, bold, italic, pieces) -> None:
    if element.text:
        pieces.append((clean(element.text), bold, italic))
    for child in element:
        tag = _tag(child)
        if tag == "br":
            pieces.append(("\n", bold, italic))
        elif tag and tag not in {"script", "style", "img"}:
            classes = set((child.get("class") or "").split())
            if classes & LINE_CLASSES and any(p[0].strip() for p in pieces):
                pieces.append(("\n", bold, italic))
            _collect(child, bold or tag in _BOLD, italic or tag in _ITALIC, pieces)
        if child.tail:
            pieces.append((clean(child.tail), bold, italic))
