"""Line diffs of stored values for the revision comparison and the conflict screen.

Rich text is compared as its readable text, one block (paragraph, heading, list
item, table row) per line. The result is plain data: templates escape it.
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


@dataclass(frozen=True)
class DiffLine:
    kind: str  # "same", "added" or "removed"
    text: str


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
