"""Finding a commented passage again: W3C Web Annotation's TextQuoteSelector.

A comment on selected text keeps the quote (``exact``) and a little text before and after
it (``prefix``/``suffix``). The passage is looked up in the current text of the record:
first an occurrence with its context (the right one when the words appear twice), then
the quote alone. When neither is there, the passage was edited away and the comment is
outdated. Whitespace is ignored when comparing: the browser's selection and the stored
HTML break lines and paragraphs differently.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from typing import Protocol

from django.utils.html import strip_tags

CONTEXT_CHARS = 32
_BLOCK_END = re.compile(
    r"<(?:br|/p|/h[1-6]|/li|/td|/th|/tr|/blockquote|/figcaption|/caption)\b[^>]*>", re.I
)
_SPACES = re.compile(r"\s+")


class Anchored(Protocol):
    quote: str
    quote_prefix: str
    quote_suffix: str


@dataclass(frozen=True)
class Match:
    start: int  # in the text without whitespace
    end: int
    with_context: bool  # prefix/suffix agreed, not just the quote


def text_of(value: str) -> str:
    """The readable text of stored HTML (or plain text), whitespace collapsed."""
    value = _BLOCK_END.sub(" ", value or "")
    return _SPACES.sub(" ", html.unescape(strip_tags(value))).strip()


def _squash(value: str) -> str:
    return _SPACES.sub("", value or "")


def find_quote(text: str, exact: str, prefix: str = "", suffix: str = "") -> Match | None:
    """Where the quote is in ``text`` (HTML or plain), or None when it is gone."""
    haystack = _squash(text_of(text))
    needle = _squash(text_of(exact))
    if not needle:
        return None
    before, after = _squash(prefix), _squash(suffix)
    first: Match | None = None
    start = haystack.find(needle)
    while start != -1:
        end = start + len(needle)
        prefix_ok = not before or haystack[:start].endswith(before)
        suffix_ok = not after or haystack[end:].startswith(after)
        if prefix_ok and suffix_ok:
            return Match(start, end, with_context=bool(before or after))
        if first is None:
            first = Match(start, end, with_context=False)
        start = haystack.find(needle, start + 1)
    return first


def quote_context(text: str, exact: str) -> tuple[str, str]:
    """``(prefix, suffix)`` around the first occurrence of ``exact`` in ``text``, for a
    quote that came without them (typed by hand, or through the API)."""
    plain = text_of(text)
    quote = text_of(exact)
    index = plain.find(quote) if quote else -1
    if index == -1:
        return "", ""
    end = index + len(quote)
    return plain[max(0, index - CONTEXT_CHARS) : index], plain[end : end + CONTEXT_CHARS]


def quote_is_gone(comment: Anchored, text: str) -> bool:
    return find_quote(text, comment.quote, comment.quote_prefix, comment.quote_suffix) is None
