"""One search over the plan records people look for, in the regions the user may see.

Six kinds (chapters, programmes, activities, SWOT items, strategic issues, strategies),
each read with one query: the best ``PER_KIND`` rows, their total (a window count) and,
on PostgreSQL, the rank and the highlighted headline computed by the database
(``kcs_simple``: ``simple`` with ``unaccent``, see the migration). SQLite has no full-text
search: every word must occur (``icontains``) and the highlight is made in Python.

Titles and snippets are HTML in which only ``<mark>`` counts: templates show them through
the ``highlight`` filter (``masterplan.lib.sanitize.clean_highlight``).
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import reduce
from operator import and_, or_
from typing import Any

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db.models import Count, F, Func, Model, Q, QuerySet, TextField, Value, Window
from django.db.models.functions import Concat, Replace
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.html import escape, strip_tags
from django.utils.translation import gettext_lazy as _

from dimensions.models import StrategicIssue, Strategy, SwotItem
from masterplan.models import Section
from masterplan.permissions import access_for, can_edit
from programs.models import Programme
from roadmap.models import Activity

CONFIG = "kcs_simple"
MIN_WORD = 2
MAX_QUERY = 200
MAX_WORDS = 8
PER_KIND = 20
SNIPPET_CHARS = 220
TITLE_CHARS = 160
MARK, UNMARK = "<mark>", "</mark>"
# Letters and digits only: the words go into a raw tsquery, where anything else is syntax.
WORD = re.compile(r"[^\W_]+")
TAG = re.compile(r"<[^>]*>")


@dataclass(frozen=True)
class Kind:
    key: str
    label: Promise
    model: type[Model]
    title: str
    texts: tuple[str, ...]
    related: str
    url: Callable[[Any, Any], str]
    html: bool = False  # the texts are rich text (section bodies)

    def queryset(self, user) -> QuerySet:
        return self.model.objects.visible_to(user).select_related(self.related)


def _section_url(user, section: Section) -> str:
    # Readers (viewers, mentors) open the chapter's review page, editors the editor.
    name = "section_edit" if can_edit(user, section) else "reviews:section_review"
    return reverse(name, args=[section.pk])


def _list_url(name: str) -> Callable[[Any, Any], str]:
    def url(user, record) -> str:
        return f"{reverse(name, args=[record.plan_id])}#{record._meta.model_name}-{record.pk}"

    return url


def _activity_url(user, activity: Activity) -> str:
    programme = activity.programme
    page = reverse("roadmap:programme_activities", args=[programme.plan_id, programme.pk])
    return f"{page}#activity-{activity.pk}"


def _programme_url(user, programme: Programme) -> str:
    return reverse("programs:programme_detail", args=[programme.plan_id, programme.pk])


KINDS: tuple[Kind, ...] = (
    Kind(
        "bagian",
        _("Chapters"),
        Section,
        "title",
        ("body",),
        "book__plan__region",
        _section_url,
        html=True,
    ),
    Kind(
        "program",
        _("Programmes"),
        Programme,
        "name",
        ("code", "description"),
        "plan__region",
        _programme_url,
    ),
    Kind(
        "kegiatan",
        _("Activities"),
        Activity,
        "name",
        ("output",),
        "programme__plan__region",
        _activity_url,
    ),
    Kind(
        "swot",
        _("SWOT items"),
        SwotItem,
        "text",
        (),
        "plan__region",
        _list_url("dimensions:swot_list"),
    ),
    Kind(
        "isu",
        _("Strategic issues"),
        StrategicIssue,
        "title",
        ("description",),
        "plan__region",
        _list_url("dimensions:issue_list"),
    ),
    Kind(
        "strategi",
        _("Strategies"),
        Strategy,
        "strategy",
        ("target", "policy_direction"),
        "plan__region",
        _list_url("dimensions:strategy_list"),
    ),
)


@dataclass
class Hit:
    title: str  # HTML: escaped text with <mark>
    snippet: str  # HTML: escaped text with <mark>
    url: str
    region: str


@dataclass
class Group:
    kind: Kind
    total: int
    hits: list[Hit] = field(default_factory=list)


@dataclass
class Result:
    query: str
    words: list[str]
    groups: list[Group] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(group.total for group in self.groups)


def query_words(query: str) -> list[str]:
    """The words searched for: letters and digits, at least MIN_WORD long, at most MAX_WORDS."""
    words = [word for word in WORD.findall(query[:MAX_QUERY]) if len(word) >= MIN_WORD]
    return list(dict.fromkeys(word.lower() for word in words))[:MAX_WORDS]


def search(user, query: str) -> Result:
    query = (query or "").strip()[:MAX_QUERY]
    result = Result(query=query, words=query_words(query))
    if not result.words:
        return result
    postgres = connection.vendor == "postgresql"
    access = access_for(user)
    several_regions = access.is_admin or len(access.visible_regions) > 1
    for kind in KINDS:
        rows = (_postgres if postgres else _fallback)(kind, kind.queryset(user), result.words)
        rows = list(rows.annotate(found=Window(Count("pk")))[:PER_KIND])
        if not rows:
            continue
        group = Group(kind, total=rows[0].found)
        for row in rows:
            if postgres:
                title, snippet = row.title_html, row.snippet_html
            else:
                title, snippet = _highlight_row(kind, row, result.words)
            group.hits.append(
                Hit(
                    title=title,
                    snippet=snippet,
                    url=kind.url(user, row),
                    region=row_region(kind, row) if several_regions else "",
                )
            )
        result.groups.append(group)
    return result


def row_region(kind: Kind, row: Model) -> str:
    region = reduce(getattr, kind.related.split("__"), row)
    return region.name


# --- PostgreSQL ---------------------------------------------------------------------------


def _shown(kind: Kind, name: str):
    """The text a headline is cut from: tags of rich text become spaces; plain text is
    escaped first, so that what someone typed as ``<b>`` is shown, not parsed."""
    if kind.html:
        return Func(
            F(name),
            Value("<[^>]*>"),
            Value(" "),
            Value("g"),
            function="regexp_replace",
            output_field=TextField(),
        )
    text = F(name)
    for character, entity in (("&", "&amp;"), ("<", "&lt;"), (">", "&gt;")):
        text = Replace(text, Value(character), Value(entity), output_field=TextField())
    return text


def _postgres(kind: Kind, rows: QuerySet, words: list[str]) -> QuerySet:
    query = SearchQuery(" & ".join(f"{word}:*" for word in words), config=CONFIG, search_type="raw")
    vector = SearchVector(kind.title, config=CONFIG, weight="A")
    if kind.texts:
        vector += SearchVector(*kind.texts, config=CONFIG, weight="B")
    texts = [_shown(kind, name) for name in kind.texts]
    snippet = (
        Concat(
            *[part for text in texts for part in (text, Value(" · "))][:-1],
            output_field=TextField(),
        )
        if len(texts) > 1
        else texts[0]
        if texts
        else Value("")
    )
    headline = {"config": CONFIG, "start_sel": MARK, "stop_sel": UNMARK}
    return (
        rows.annotate(document=vector)
        .filter(document=query)
        .annotate(
            rank=SearchRank(vector, query),
            title_html=SearchHeadline(
                _shown(kind, kind.title), query, highlight_all=True, **headline
            ),
            snippet_html=SearchHeadline(
                snippet,
                query,
                max_words=30,
                min_words=12,
                max_fragments=2,
                fragment_delimiter=" … ",
                **headline,
            ),
        )
        .order_by("-rank", "pk")
    )


# --- SQLite (development, tests) ------------------------------------------------------------


def _fallback(kind: Kind, rows: QuerySet, words: list[str]) -> QuerySet:
    fields = (kind.title, *kind.texts)
    each_word = [
        reduce(or_, [Q(**{f"{name}__icontains": word}) for name in fields]) for word in words
    ]
    return rows.filter(reduce(and_, each_word)).order_by("pk")


def _highlight_row(kind: Kind, row: Model, words: list[str]) -> tuple[str, str]:
    title = _plain(getattr(row, kind.title), rich=False)
    texts = [_plain(getattr(row, name), rich=kind.html) for name in kind.texts]
    text = " · ".join(part for part in texts if part)
    return (
        highlight_text(title, words, width=TITLE_CHARS),
        highlight_text(text, words, width=SNIPPET_CHARS),
    )


def _plain(value: Any, *, rich: bool) -> str:
    text = str(value or "")
    if rich:
        text = html.unescape(strip_tags(TAG.sub(" ", text)))
    return " ".join(text.split())


def highlight_text(text: str, words: list[str], *, width: int) -> str:
    """Escaped ``text`` (cut to ``width`` characters around the first match) with every
    occurrence of the words in ``<mark>``."""
    if not text or not words:
        return escape(text[:width])
    pattern = re.compile(
        "|".join(re.escape(word) for word in sorted(words, key=len, reverse=True)), re.IGNORECASE
    )
    start, end = 0, len(text)
    if len(text) > width:
        first = pattern.search(text)
        start = max(0, (first.start() if first else 0) - width // 3)
        end = min(len(text), start + width)
    piece = text[start:end]
    parts = ["…" if start else ""]
    position = 0
    for match in pattern.finditer(piece):
        parts += [escape(piece[position : match.start()]), MARK, escape(match[0]), UNMARK]
        position = match.end()
    parts += [escape(piece[position:]), "…" if end < len(text) else ""]
    return "".join(parts)
