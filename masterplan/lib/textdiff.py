"""Diffs of stored values for the revision comparison and the conflict screen.

Rich text is compared as its readable text, one block (paragraph, heading, list
item, table row) per line; a changed block is compared word by word, so one edited
word shows as one inserted and one deleted word, not a paragraph struck out.
The result is plain data: templates escape it.
"""

from __future__ import annotations

import difflib
import html as html_lib
import re
from dataclasses import dataclass

import nh3

_BLOCK_END = re.compile(r"</(p|h[1-6]|li|tr|blockquote|figcaption|caption)>|<br\s*/?>", re.I)
_CELL_END = re.compile(r"</t[dh]>", re.I)
_LOOKS_LIKE_HTML = re.compile(r"<(p|h[1-6]|ul|ol|table|blockquote|br)[\s>/]", re.I)


_WORDS = re.compile(r"\s+|[^\s]+")
SIMILAR_ENOUGH = 0.4  # below this, a changed block reads better as removed + added


@dataclass(frozen=True)
class DiffLine:
    kind: str  # "same", "added", "removed" or "changed" (then ``parts`` say which words)
    text: str
    parts: tuple[tuple[str, str], ...] = ()  # ("same" | "added" | "removed", words)


def text_lines(value: object) -> list[str]:
    """The readable lines of a stored value (rich text or plain)."""
    if value is None:
        return []
    text = str(value)
    if _LOOKS_LIKE_HTML.search(text):
        text = _BLOCK_END.sub("\n", text)
        text = _CELL_END.sub(" | ", text)
        text = html_lib.unescape(nh3.clean(text, tags=set()))
    return [line.strip() for line in text.splitlines() if line.strip()]


def line_diff(before: object, after: object) -> list[DiffLine]:
    old, new = text_lines(before), text_lines(after)
    result: list[DiffLine] = []
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            result.extend(DiffLine("same", line) for line in old[i1:i2])
            continue
        result.extend(DiffLine("removed", line) for line in old[i1:i2])
        result.extend(DiffLine("added", line) for line in new[j1:j2])
    return result


def is_long_text(value: object) -> bool:
    """Values shown as a line diff rather than side by side."""
    return isinstance(value, str) and (len(value) > 120 or "\n" in value or "<" in value)


def _word_parts(old: str, new: str) -> tuple[float, tuple[tuple[str, str], ...]]:
    a, b = _WORDS.findall(old), _WORDS.findall(new)
    matcher = difflib.SequenceMatcher(a=a, b=b, autojunk=False)
    parts: list[tuple[str, str]] = []

    def add(kind: str, words: list[str]) -> None:
        text = "".join(words)
        if not text:
            return
        if parts and parts[-1][0] == kind:
            parts[-1] = (kind, parts[-1][1] + text)
        else:
            parts.append((kind, text))

    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            add("same", a[i1:i2])
        else:
            add("removed", a[i1:i2])
            add("added", b[j1:j2])
    return matcher.ratio(), tuple(parts)


def word_diff(before: object, after: object) -> list[DiffLine]:
    """Blocks that stayed, went or came; a block that changed shows its words inline."""
    old, new = text_lines(before), text_lines(after)
    result: list[DiffLine] = []
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            result.extend(DiffLine("same", line) for line in old[i1:i2])
            continue
        removed, added = old[i1:i2], new[j1:j2]
        paired = min(len(removed), len(added)) if tag == "replace" else 0
        for before_line, after_line in zip(removed[:paired], added[:paired], strict=True):
            ratio, parts = _word_parts(before_line, after_line)
            if ratio >= SIMILAR_ENOUGH:
                result.append(DiffLine("changed", after_line, parts))
            else:
                result.append(DiffLine("removed", before_line))
                result.append(DiffLine("added", after_line))
        result.extend(DiffLine("removed", line) for line in removed[paired:])
        result.extend(DiffLine("added", line) for line in added[paired:])
    return result
