"""The one allowlist for rich text (section bodies). Sanitise on the way in.

Everything that stores HTML (the chapter editor, autosave, .docx import, the API)
passes it through ``clean_html``; templates render it through the ``rich_text``
filter, the only place that marks it safe.
"""

from __future__ import annotations

import re
import uuid
from functools import lru_cache

import nh3
from django.urls import reverse

ALLOWED_TAGS = frozenset(
    {
        "p",
        "br",
        "h2",
        "h3",
        "h4",
        "ul",
        "ol",
        "li",
        "strong",
        "em",
        "u",
        "s",
        "sub",
        "sup",
        "a",
        "blockquote",
        "hr",
        "img",
        "figure",
        "figcaption",
        "table",
        "caption",
        "colgroup",
        "col",
        "thead",
        "tbody",
        "tfoot",
        "tr",
        "th",
        "td",
    }
)
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "title", "width", "height"},
    "ol": {"start"},
    "th": {"colspan", "rowspan", "scope"},
    "td": {"colspan", "rowspan"},
    "col": {"span"},
}
ALLOWED_URL_SCHEMES = frozenset({"http", "https", "mailto"})
# Removed together with their content, not just unwrapped.
DROPPED_WITH_CONTENT = frozenset(
    {"script", "style", "svg", "math", "iframe", "object", "template", "noscript", "title"}
)
LINK_SCHEMES = ("http://", "https://", "mailto:")
_NUMBER = re.compile(r"^\d{1,4}$")

# Word and the editor may produce levels the section layout does not use: the
# section title is the page's h1, so body headings start at h2 and stop at h4.
_HEADING_MAP = {"h1": "h2", "h5": "h4", "h6": "h4"}
_HEADING_TAG = re.compile(r"<(/?)(h1|h5|h6)(?=[\s>/])", re.IGNORECASE)


@lru_cache(maxsize=1)
def _image_url_pattern() -> re.Pattern[str]:
    sample_uuid = uuid.UUID(int=0)
    sample = reverse("section_image", kwargs={"region_slug": "REGION", "image_uuid": sample_uuid})
    before, _, after = sample.partition("REGION")
    middle, _, tail = after.partition(str(sample_uuid))
    return re.compile(
        rf"^{re.escape(before)}(?P<region>[-a-zA-Z0-9_]+){re.escape(middle)}"
        rf"(?P<uuid>[0-9a-f]{{8}}-[0-9a-f]{{4}}-[0-9a-f]{{4}}-[0-9a-f]{{4}}-[0-9a-f]{{12}})"
        rf"{re.escape(tail)}$"
    )


def our_image(src: str) -> tuple[str, str] | None:
    """(region slug, image uuid) when ``src`` is exactly the URL of our image view."""
    match = _image_url_pattern().match(src or "")
    return (match["region"], match["uuid"]) if match else None


def is_our_image_url(src: str, region_slug: str | None = None) -> bool:
    """An image served by our permission-checked view (of this region, when given)."""
    found = our_image(src)
    if found is None:
        return False
    return region_slug is None or found[0] == region_slug


def _attribute_filter(region_slug: str | None):
    def keep(tag: str, attribute: str, value: str) -> str | None:
        # nh3 has dropped absolute URLs with other schemes before this runs; what is
        # left to refuse are relative URLs, except the ones of our own images.
        if tag == "img" and attribute == "src":
            return value if is_our_image_url(value, region_slug) else None
        if tag == "a" and attribute == "href":
            return value if value.strip().lower().startswith(LINK_SCHEMES) else None
        if attribute in {"width", "height", "colspan", "rowspan", "span", "start"}:
            return value if _NUMBER.match(value.strip()) else None
        return value

    return keep


def clean_html(html: str, *, region_slug: str | None = None) -> str:
    """Keep the allowed tags and attributes; drop everything else.

    Links keep http, https and mailto URLs only; images keep a ``src`` only when
    it points at our image view (of ``region_slug`` when given). Headings are
    mapped into h2–h4.
    """
    if not html:
        return ""
    html = _HEADING_TAG.sub(lambda m: f"<{m[1]}{_HEADING_MAP[m[2].lower()]}", html)
    cleaned = nh3.clean(
        html,
        tags=set(ALLOWED_TAGS),
        clean_content_tags=set(DROPPED_WITH_CONTENT),
        attributes={tag: set(attrs) for tag, attrs in ALLOWED_ATTRIBUTES.items()},
        attribute_filter=_attribute_filter(region_slug),
        url_schemes=set(ALLOWED_URL_SCHEMES),
        url_relative="pass_through",
        link_rel="noopener noreferrer nofollow",
        strip_comments=True,
    ).strip()
    return _drop_empty_images(cleaned)


def clean_comment_html(html: str) -> str:
    """A comment: the rich-text allowlist plus the mention marks the comment service wrote
    (``<span class="mention" data-user="12">@Name</span>``), nothing else."""
    if not html:
        return ""
    attributes = {tag: set(attrs) for tag, attrs in ALLOWED_ATTRIBUTES.items()}
    attributes["span"] = {"data-user"}
    return nh3.clean(
        html,
        tags=(set(ALLOWED_TAGS) - {"img"}) | {"span"},
        clean_content_tags=set(DROPPED_WITH_CONTENT),
        attributes=attributes,
        allowed_classes={"span": {"mention"}},
        attribute_filter=_comment_attribute_filter,
        url_schemes=set(ALLOWED_URL_SCHEMES),
        url_relative="pass_through",
        link_rel="noopener noreferrer nofollow",
        strip_comments=True,
    ).strip()


def _comment_attribute_filter(tag: str, attribute: str, value: str) -> str | None:
    if tag == "span" and attribute == "data-user":
        return value if value.isdigit() and len(value) <= 12 else None
    return _attribute_filter(None)(tag, attribute, value)


_EMPTY_IMAGE = re.compile(r"<img(?![^>]*\ssrc=)[^>]*>")
_EMPTY_PARAGRAPH = re.compile(r"^(<p>(\s|<br>)*</p>)+$")


def clean_highlight(html: str) -> str:
    """A search snippet: escaped text with the matched words in ``<mark>``, nothing else."""
    if not html:
        return ""
    return nh3.clean(
        html,
        tags={"mark"},
        clean_content_tags=set(DROPPED_WITH_CONTENT),
        attributes={},
        strip_comments=True,
    )


def _drop_empty_images(html: str) -> str:
    html = _EMPTY_IMAGE.sub("", html)
    # The editor's empty document is "<p></p>": store it as empty so progress counts it so.
    return "" if _EMPTY_PARAGRAPH.match(html) else html
