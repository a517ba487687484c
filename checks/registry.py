"""The plan checks: one registry, one small function per check.

A check reads the facts of one plan (``checks.facts.PlanFacts``, loaded for many
plans at once with a fixed number of queries) and yields what it found with
``found(message, record, **params)``. The registry turns that into ``Finding``
objects with the check's code and severity. An ``error`` blocks the final export;
a ``warning`` does not.

Adding a check: write a function in ``checks/rules.py`` decorated with
``@check("code", severity=ERROR, title=_("…"))`` and a test in tests/checks/.
If it needs data the facts do not hold yet, add one query to ``load_facts``.

The review-dependent checks (``section_without_signoff``, ``unresolved_comments``)
read the review sub-app's SectionApproval and Comment models.

A finding names the books it concerns (``found(..., books={2, 3, 4})``): it then blocks
the final export of those books and not of the plan's other books (``concerns_book``).
A finding without books concerns the whole plan and blocks every book. The checks read
which books print what from the plan's own outline (``PlanFacts.books_printing``).
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db import models
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _

from checks.facts import PlanFacts, load_facts
from masterplan.models import Plan

ERROR = "error"
WARNING = "warning"
SEVERITIES = (ERROR, WARNING)


@dataclass(frozen=True)
class Target:
    """The record a finding points at: enough to link to it without loading it again."""

    model: str  # app_label.model_name, e.g. "programs.programme"
    pk: int
    uuid: uuid.UUID | None
    label: str

    @classmethod
    def of(cls, obj: models.Model, label: str | None = None) -> Target:
        return cls(
            model=obj._meta.label_lower,
            pk=obj.pk,
            uuid=getattr(obj, "uuid", None),
            label=str(obj) if label is None else label,
        )

    def get_url(self, plan_id: int | None = None) -> str | None:
        """The portal page where the record is fixed, else its admin change page."""
        page = PORTAL_PAGES.get(self.model)
        if page is not None:
            name, arguments = page
            values = {"plan_id": plan_id, "pk": self.pk}
            url = portal_url(name, *(values[argument] for argument in arguments))
            if url:
                return url
        app_label, model_name = self.model.split(".")
        return portal_url(f"admin:{app_label}_{model_name}_change", self.pk)


def portal_url(name: str, *args: Any) -> str | None:
    """The URL, or None while the page does not exist (yet)."""
    if any(arg is None for arg in args):
        return None
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return None


# model label -> (URL name, its arguments) of the portal page where that record is
# edited. A record whose page is missing links to its admin change page instead.
PORTAL_PAGES: dict[str, tuple[str, tuple[str, ...]]] = {
    "masterplan.section": ("section_edit", ("pk",)),
    "masterplan.institution": ("dimensions:institution_list", ("plan_id",)),
    "dimensions.strategicissue": ("dimensions:issue_list", ("plan_id",)),
    "dimensions.strategy": ("dimensions:strategy_list", ("plan_id",)),
    "programs.programme": ("programs:programme_detail", ("plan_id", "pk")),
    "roadmap.activity": ("roadmap:action_plan", ("plan_id",)),
    "roadmap.roadmapentry": ("roadmap:roadmap_grid", ("plan_id",)),
}


@dataclass(frozen=True)
class Finding:
    code: str
    severity: str
    template: Any  # a lazy translatable string with %(name)s placeholders
    params: dict[str, Any] = field(default_factory=dict)
    plan_id: int | None = None
    target: Target | None = None
    url: str | None = None  # set when the fix is not on one record's page
    books: frozenset[int] = frozenset()  # the books it concerns; empty: the whole plan

    def concerns_book(self, number: int) -> bool:
        """Does it hold up the final export of Buku ``number``?"""
        return not self.books or number in self.books

    @property
    def book_number(self) -> int | None:
        """The one book it concerns, else None (several books, or the whole plan)."""
        return next(iter(self.books)) if len(self.books) == 1 else None

    @property
    def books_label(self) -> str:
        """ "2", "2 and 4", "2, 3 and 4": the books it holds up, for "Buku …"."""
        numbers = [str(number) for number in sorted(self.books)]
        if len(numbers) < 2:
            return "".join(numbers)
        return _("%(numbers)s and %(last)s") % {
            "numbers": ", ".join(numbers[:-1]),
            "last": numbers[-1],
        }

    @property
    def message(self) -> str:
        """In the language active when shown, not when checked."""
        return str(self.template) % self.params if self.params else str(self.template)

    def __str__(self) -> str:
        return self.message

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR

    @property
    def title(self) -> Any:
        """What the check looks for, to head a group of its findings."""
        return CHECKS[self.code].title

    @property
    def model(self) -> str | None:
        return self.target.model if self.target else None

    @property
    def uuid(self) -> uuid.UUID | None:
        return self.target.uuid if self.target else None

    def get_url(self) -> str | None:
        if self.url:
            return self.url
        return self.target.get_url(self.plan_id) if self.target else None


@dataclass(frozen=True)
class Found:
    """What a check function yields; the registry adds code, severity and plan."""

    template: Any
    record: models.Model | None = None
    url: str | None = None
    label: str | None = None  # when str(record) would need another query
    params: dict[str, Any] = field(default_factory=dict)
    books: frozenset[int] = frozenset()


def found(
    template: Any,
    record: models.Model | None = None,
    *,
    url: str | None = None,
    label: str | None = None,
    books: Collection[int] = (),
    **params: Any,
) -> Found:
    """``books``: the finding concerns those books only (it blocks only their final export);
    none: every book of the plan."""
    return Found(
        template=template,
        record=record,
        url=url,
        label=label,
        params=params,
        books=frozenset(books),
    )


@dataclass(frozen=True)
class Check:
    code: str
    severity: str
    title: Any
    func: Callable[[PlanFacts], Iterable[Found]]

    def run(self, facts: PlanFacts) -> Iterator[Finding]:
        for item in self.func(facts):
            yield Finding(
                code=self.code,
                severity=self.severity,
                template=item.template,
                params=item.params,
                plan_id=facts.plan.pk,
                target=Target.of(item.record, item.label) if item.record is not None else None,
                url=item.url,
                books=item.books,
            )


CHECKS: dict[str, Check] = {}


def check(code: str, *, severity: str, title: Any):
    """Register a check function under a stable code."""
    if severity not in SEVERITIES:
        raise ValueError(f"unknown severity {severity!r}")

    def register(func: Callable[[PlanFacts], Iterable[Found]]):
        if code in CHECKS:
            raise ValueError(f"check {code!r} is registered twice")
        CHECKS[code] = Check(code=code, severity=severity, title=title, func=func)
        return func

    return register


def _ordered(findings: list[Finding]) -> list[Finding]:
    order = {code: index for index, code in enumerate(CHECKS)}
    return sorted(findings, key=lambda f: (f.severity != ERROR, order[f.code]))


def run_checks_bulk(plans: Sequence[Plan]) -> dict[int, list[Finding]]:
    """Findings of many plans, with the same number of queries for 2 plans as for 50."""
    result: dict[int, list[Finding]] = {}
    for facts in load_facts(plans):
        findings = [finding for item in CHECKS.values() for finding in item.run(facts)]
        result[facts.plan.pk] = _ordered(findings)
    return result


def run_checks(plan: Plan) -> list[Finding]:
    """Every finding of one plan, errors first, then in the registry's order."""
    return run_checks_bulk([plan])[plan.pk]


def blocking(findings: Iterable[Finding]) -> list[Finding]:
    """The findings that block the final export."""
    return [finding for finding in findings if finding.is_error]


@dataclass
class FindingGroup:
    check: Check
    findings: list[Finding]

    @property
    def severity(self) -> str:
        return self.check.severity


def group_findings(findings: Iterable[Finding]) -> list[FindingGroup]:
    """Findings per check, in the order run_checks gave them (for lists that fold)."""
    groups: dict[str, FindingGroup] = {}
    for finding in findings:
        groups.setdefault(finding.code, FindingGroup(CHECKS[finding.code], [])).findings.append(
            finding
        )
    return list(groups.values())
