"""What the checks read, loaded for many plans at once.

``load_facts(plans)`` issues one query per kind of record, each for all the plans
together, so checking the 50 regions of a cohort costs the same number of queries
as checking one. Records are loaded with only the fields the checks use.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.db.models import Count, F, Q, Sum

from dimensions.models import Dimension, Element, StrategicIssue, Strategy
from masterplan.models import Book, Institution, Plan, Section
from programs.models import BudgetLine, FlagshipIndicator, IndicatorTarget, Programme
from reviews.models import Comment, ReviewFlag
from roadmap.models import Activity, RoadmapEntry
from roadmap.rows import RoadmapRow, roadmap_rows

# The Buku 2 chapter on human-resources development ("program-pendukung--sdm" in the
# default outline): written text there counts as a human-resources action plan.
HR_SECTION_SUFFIX = "sdm"
# Programmes addressing the structure pillar (human resources, budget, leadership)
# count as a human-resources action plan too.
HR_PILLAR = "STR"


@dataclass
class PlanFacts:
    plan: Plan
    dimensions: list[Dimension] = field(default_factory=list)
    elements: list[Element] = field(default_factory=list)
    issues: list[StrategicIssue] = field(default_factory=list)
    strategies: list[Strategy] = field(default_factory=list)
    answered_issues: set[int] = field(default_factory=set)
    strategies_with_programme: set[int] = field(default_factory=set)
    programmes: list[Programme] = field(default_factory=list)
    programmes_with_targets: set[int] = field(default_factory=set)
    programmes_with_before_after: set[int] = field(default_factory=set)
    # programme id -> year -> funding source id -> amount
    budget: dict[int, dict[int, dict[int, int]]] = field(
        default_factory=lambda: defaultdict(lambda: defaultdict(dict))
    )
    activity_counts: dict[int, int] = field(default_factory=dict)
    activities_outside: list[Activity] = field(default_factory=list)
    # programme id -> year -> roadmap entry
    roadmap: dict[int, dict[int, RoadmapEntry]] = field(default_factory=lambda: defaultdict(dict))
    # programme id -> its roadmap row (typed entries and what targets, budget lines and
    # activities already say)
    roadmap_rows: dict[int, RoadmapRow] = field(default_factory=dict)
    empty_sections: list[Section] = field(default_factory=list)
    unwritten_sections: list[Section] = field(default_factory=list)
    unsigned_sections: list[Section] = field(default_factory=list)
    open_threads: list[Comment] = field(default_factory=list)
    open_flags: list[ReviewFlag] = field(default_factory=list)
    hr_section_written: bool = False
    institutions: dict[str, Institution] = field(default_factory=dict)
    # Section.records kind -> numbers of the books with a section showing that kind
    printed_in: dict[str, set[int]] = field(default_factory=lambda: defaultdict(set))

    @property
    def years(self) -> range:
        return self.plan.years

    def in_period(self, year: int) -> bool:
        return self.plan.start_year <= year <= self.plan.end_year

    def books_printing(self, *records: str) -> frozenset[int]:
        """The books with a section showing any of these kinds of records
        (``Section.records``), from the plan's own outline (a cohort may set its books up
        differently). Empty when no book prints them: a finding about them then holds up
        every book, as one about the whole plan."""
        return frozenset().union(*(self.printed_in.get(kind, ()) for kind in records))

    @property
    def funding_sources_used(self) -> set[int]:
        return {
            source
            for years in self.budget.values()
            for sources in years.values()
            for source in sources
        }


def load_facts(plans: Sequence[Plan]) -> list[PlanFacts]:
    facts = {plan.pk: PlanFacts(plan=plan) for plan in plans}
    if not facts:
        return []
    ids = list(facts)
    frameworks = {plan.framework_id for plan in plans}

    dimensions = Dimension.objects.filter(framework__in=frameworks).order_by("order")
    elements = (
        Element.objects.filter(dimension__framework__in=frameworks)
        .select_related("dimension")
        .order_by("dimension__order", "order")
    )
    by_framework_dimensions: dict[int, list[Dimension]] = defaultdict(list)
    for dimension in dimensions:
        by_framework_dimensions[dimension.framework_id].append(dimension)
    by_framework_elements: dict[int, list[Element]] = defaultdict(list)
    for element in elements:
        by_framework_elements[element.dimension.framework_id].append(element)
    for item in facts.values():
        item.dimensions = by_framework_dimensions[item.plan.framework_id]
        item.elements = by_framework_elements[item.plan.framework_id]

    for issue in (
        StrategicIssue.objects.filter(plan__in=ids)
        .only("pk", "uuid", "plan_id", "dimension_id", "element_id", "title")
        .order_by("dimension__order", "order", "pk")
    ):
        facts[issue.plan_id].issues.append(issue)
    for plan_id, issue_id in (
        Strategy.issues.through.objects.filter(strategy__plan__in=ids)
        .values_list("strategy__plan_id", "strategicissue_id")
        .distinct()
    ):
        facts[plan_id].answered_issues.add(issue_id)

    for strategy in (
        Strategy.objects.filter(plan__in=ids)
        .only("pk", "uuid", "plan_id", "dimension_id", "element_id", "strategy")
        .order_by("dimension__order", "order", "pk")
    ):
        facts[strategy.plan_id].strategies.append(strategy)
    for plan_id, strategy_id in (
        Programme.strategies.through.objects.filter(programme__plan__in=ids)
        .values_list("programme__plan_id", "strategy_id")
        .distinct()
    ):
        facts[plan_id].strategies_with_programme.add(strategy_id)

    programme_plan: dict[int, int] = {}
    for programme in (
        Programme.objects.filter(plan__in=ids)
        .only(
            "pk",
            "uuid",
            "plan_id",
            "code",
            "name",
            "dimension_id",
            "element_id",
            "lead_agency_id",
            "is_flagship",
            "is_quick_win",
            "beneficiaries",
            "beneficiaries_count",
        )
        .annotate(pillar_code=F("pillar__code"))
        .order_by("dimension__order", "code")
    ):
        facts[programme.plan_id].programmes.append(programme)
        programme_plan[programme.pk] = programme.plan_id

    for programme_id in (
        IndicatorTarget.objects.filter(indicator__programme__plan__in=ids)
        .values_list("indicator__programme_id", flat=True)
        .distinct()
    ):
        facts[programme_plan[programme_id]].programmes_with_targets.add(programme_id)
    for programme_id in (
        FlagshipIndicator.objects.filter(programme__plan__in=ids)
        .values_list("programme_id", flat=True)
        .distinct()
    ):
        facts[programme_plan[programme_id]].programmes_with_before_after.add(programme_id)

    for programme_id, year, source_id, total in (
        BudgetLine.objects.filter(programme__plan__in=ids)
        .values("programme_id", "year", "funding_source_id")
        .annotate(total=Sum("amount"))
        .values_list("programme_id", "year", "funding_source_id", "total")
    ):
        facts[programme_plan[programme_id]].budget[programme_id][year][source_id] = total

    for programme_id, count in (
        Activity.objects.filter(programme__plan__in=ids)
        .values("programme_id")
        .annotate(n=Count("pk"))
        .values_list("programme_id", "n")
    ):
        facts[programme_plan[programme_id]].activity_counts[programme_id] = count
    outside = Q(year__lt=F("programme__plan__start_year")) | Q(
        year__gt=F("programme__plan__end_year")
    )
    for activity in (
        Activity.objects.filter(programme__plan__in=ids)
        .filter(outside)
        .only("pk", "uuid", "programme_id", "name", "year")
        .order_by("programme_id", "year", "pk")
    ):
        facts[programme_plan[activity.programme_id]].activities_outside.append(activity)

    for entry in RoadmapEntry.objects.filter(programme__plan__in=ids).only(
        "pk", "uuid", "programme_id", "year", "budget"
    ):
        facts[programme_plan[entry.programme_id]].roadmap[entry.programme_id][entry.year] = entry
    for programme_id, row in roadmap_rows(Programme.objects.filter(plan__in=ids)).items():
        facts[programme_plan[programme_id]].roadmap_rows[programme_id] = row

    for section in (
        Section.objects.filter(book__plan__in=ids, required=True, body="")
        .select_related("book")
        .only("pk", "uuid", "title", "title_en", "book__plan_id", "book__number")
        .order_by("book__number", "order", "pk")
    ):
        facts[section.book.plan_id].empty_sections.append(section)
    # Optional sections that would print as a bare heading: no text, no records shown
    # and no subsections (required ones are reported above).
    for section in (
        Section.objects.filter(
            book__plan__in=ids, required=False, body="", records="", children__isnull=True
        )
        .select_related("book")
        .only("pk", "uuid", "title", "title_en", "book__plan_id", "book__number")
        .order_by("book__number", "order", "pk")
    ):
        facts[section.book.plan_id].unwritten_sections.append(section)
    # Sign-off is expected once a book is under review: a section counts as signed
    # off only while its approval matches its current version.
    for section in (
        Section.objects.filter(
            book__plan__in=ids,
            required=True,
            book__status__in=[Book.Status.SUBMITTED, Book.Status.APPROVED],
        )
        .exclude(approval__approved_version=F("version"))
        .select_related("book")
        .only("pk", "uuid", "title", "title_en", "book__plan_id", "book__number")
        .order_by("book__number", "order", "pk")
    ):
        facts[section.book.plan_id].unsigned_sections.append(section)
    plans_of_region: dict[int, list[int]] = defaultdict(list)
    for plan in plans:
        plans_of_region[plan.region_id].append(plan.pk)
    for comment in (
        Comment.objects.open()
        .filter(region__in=list(plans_of_region))
        .select_related("author")
        .order_by("created_at", "pk")
    ):
        for plan_id in plans_of_region[comment.region_id]:
            facts[plan_id].open_threads.append(comment)
    for flag in (
        ReviewFlag.objects.open()
        .filter(section__book__plan__in=ids)
        .select_related("section__book")
        .order_by("section__book__number", "section__order", "pk")
    ):
        facts[flag.section.book.plan_id].open_flags.append(flag)
    for plan_id, records, number in (
        Section.objects.filter(book__plan__in=ids)
        .exclude(records="")
        .values_list("book__plan_id", "records", "book__number")
        .order_by()
        .distinct()
    ):
        facts[plan_id].printed_in[records].add(number)
    for plan_id in (
        Section.objects.filter(book__plan__in=ids, key__endswith=HR_SECTION_SUFFIX)
        .exclude(body="")
        .values_list("book__plan_id", flat=True)
    ):
        facts[plan_id].hr_section_written = True

    for institution in Institution.objects.filter(plan__in=ids).only(
        "pk", "uuid", "plan_id", "kind", "name", "decree_number", "meeting_schedule"
    ):
        facts[institution.plan_id].institutions[institution.kind] = institution

    return list(facts.values())
