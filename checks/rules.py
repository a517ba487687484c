"""The checks, one small function each, in the order they are listed.

The findings assessors most often report (see the domain notes) become checks
here. Errors are what an assessor would send back; warnings are advice.

Which books a finding holds up follows from what each book prints: a book prints a kind
of records where its outline has a section showing them (``Section.records``; the blocks
are built in exports/context/ and printed by templates/exports/blocks/), so the books are
read from the plan's own outline (``facts.books_printing``), never by number. A finding
about one book's chapter names that book; one about records names the books that print
them (``found(..., books=...)``) and blocks only their final export. Each check's
docstring says which books, in the default outline, and why.
"""

from __future__ import annotations

from collections.abc import Iterator

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from checks.facts import HR_PILLAR, PlanFacts
from checks.registry import ERROR, WARNING, Found, check, found, portal_url
from masterplan.lib.money import rupiah
from masterplan.models import FLAGSHIP_CHAPTERS, Institution
from reviews.impact import PROGRAMME, SECTION_SHOWS


def _showing(model: str) -> tuple[str, ...]:
    """The kinds of section that show records of ``model`` (what change impact reads)."""
    return tuple(
        kind for kind, shows in SECTION_SHOWS.items() if any(s.model == model for s in shows)
    )


# The kinds of section (``Section.records``) that print what a check is about. Default
# outline: Buku 1 prints the analysis only (profile, readiness, gaps, SWOT, issues,
# innovations); Buku 2 the strategies, programme tables, action plan, roadmap, financing,
# institutions and risks; Buku 3 the flagships' list, chapters and roadmap; Buku 4 the
# dimension pages, priority programmes, condensed roadmap, institutions and financing.
PROGRAMMES = _showing(PROGRAMME)
STRATEGIES = _showing("dimensions.strategy")  # Buku 2's strategy chapter, Buku 4's dimensions
INSTITUTIONS = _showing("masterplan.institution")  # Buku 2's governance, Buku 4's financing
# programme tables, the flagships' list and profiles (blocks/programmes, quick_wins,
# flagship_profile)
LEAD_AGENCY = ("programmes", "quick_wins", FLAGSHIP_CHAPTERS)
# every table with a programme's money: programme tables, financing, roadmap cells, the
# flagships' list and budgets, the dimension pages' figures
BUDGET = (
    "programmes",
    "financing",
    "roadmap",
    "quick_wins",
    FLAGSHIP_CHAPTERS,
    "dimension_summary",
)
# the action plan, the flagships' schedules, and the roadmap whose years they set
ACTIVITIES = ("action_plan", FLAGSHIP_CHAPTERS, "roadmap")
# the roadmap's target cells and the flagships' indicator tables
TARGETS = ("roadmap", FLAGSHIP_CHAPTERS)
ROADMAP = ("roadmap",)
QUICK_WINS = ("quick_wins", FLAGSHIP_CHAPTERS, "dimension_summary")
FINANCING = ("financing",)


def _traceability_url(facts: PlanFacts, dimension_code: str) -> str:
    url = reverse("checks:plan_traceability", args=[facts.plan.pk])
    return f"{url}#dimension-{dimension_code}"


def _add_institution_url(facts: PlanFacts, kind: str) -> str | None:
    url = portal_url("dimensions:institution_list", facts.plan.pk)
    if url:
        return url
    return f"{reverse('admin:masterplan_institution_add')}?plan={facts.plan.pk}&kind={kind}"


def _years(years) -> str:
    return ", ".join(str(year) for year in sorted(years))


# --- Strategy and coverage ---------------------------------------------------------------


@check("issue_without_strategy", severity=ERROR, title=_("Strategic issues no strategy answers"))
def issue_without_strategy(facts: PlanFacts) -> Iterator[Found]:
    """Books that print strategies (``STRATEGIES``: Buku 2 and 4): the strategy that should
    answer the issue is missing there. Buku 1 prints the issue itself, complete without its
    answer (Buku 1 is written first, before the strategies), so it is not held up."""
    books = facts.books_printing(*STRATEGIES)
    for issue in facts.issues:
        if issue.pk not in facts.answered_issues:
            yield found(
                _("No strategy answers the strategic issue “%(issue)s”."),
                issue,
                books=books,
                issue=issue.title,
            )


@check("strategy_without_programme", severity=WARNING, title=_("Strategies with no programme"))
def strategy_without_programme(facts: PlanFacts) -> Iterator[Found]:
    """Books that print strategies (``STRATEGIES``: Buku 2 and 4), where the strategy stands
    without a programme; Buku 1 prints neither."""
    books = facts.books_printing(*STRATEGIES)
    for strategy in facts.strategies:
        if strategy.pk not in facts.strategies_with_programme:
            yield found(
                _("No programme carries out the strategy “%(strategy)s”."),
                strategy,
                books=books,
                strategy=str(strategy),
            )


@check("dimension_without_programme", severity=ERROR, title=_("Dimensions with no programme"))
def dimension_without_programme(facts: PlanFacts) -> Iterator[Found]:
    """Books that print programmes (``PROGRAMMES``: Buku 2, 3 and 4), which list or sum them
    per dimension; a dimension without one leaves a gap there. Buku 1 prints no programme."""
    books = facts.books_printing(*PROGRAMMES)
    covered = {programme.dimension_id for programme in facts.programmes}
    for dimension in facts.dimensions:
        if dimension.pk not in covered:
            yield found(
                _("The dimension %(dimension)s has no programme."),
                url=_traceability_url(facts, dimension.code),
                books=books,
                dimension=dimension.name,
            )


@check("element_without_programme", severity=WARNING, title=_("Elements with no programme"))
def element_without_programme(facts: PlanFacts) -> Iterator[Found]:
    """Books that print programmes (``PROGRAMMES``: Buku 2, 3 and 4), as the dimension's
    check."""
    books = facts.books_printing(*PROGRAMMES)
    covered = {programme.element_id for programme in facts.programmes}
    dimensions = {programme.dimension_id for programme in facts.programmes}
    for element in facts.elements:
        # a dimension without any programme is already an error of its own
        if element.pk not in covered and element.dimension_id in dimensions:
            yield found(
                _("The element %(code)s %(element)s has no programme."),
                url=_traceability_url(facts, element.dimension.code),
                books=books,
                code=f"{element.dimension.code}-{element.code}",
                element=element.name,
            )


@check("dimension_without_quick_win", severity=WARNING, title=_("Dimensions with no quick win"))
def dimension_without_quick_win(facts: PlanFacts) -> Iterator[Found]:
    """Books that print the quick wins (``QUICK_WINS``: Buku 3 and 4)."""
    books = facts.books_printing(*QUICK_WINS)
    with_programmes = {programme.dimension_id for programme in facts.programmes}
    with_quick_win = {p.dimension_id for p in facts.programmes if p.is_quick_win}
    for dimension in facts.dimensions:
        if dimension.pk in with_programmes and dimension.pk not in with_quick_win:
            yield found(
                _("The dimension %(dimension)s has no quick win."),
                url=_traceability_url(facts, dimension.code),
                books=books,
                dimension=dimension.name,
            )


# --- Programmes ----------------------------------------------------------------------


@check("programme_without_lead_agency", severity=ERROR, title=_("Programmes without lead agency"))
def programme_without_lead_agency(facts: PlanFacts) -> Iterator[Found]:
    """Books that print the lead agency (``LEAD_AGENCY``: Buku 2's programme tables, Buku 3's
    flagship list and chapters, Buku 4's priority programmes); not Buku 1."""
    books = facts.books_printing(*LEAD_AGENCY)
    for programme in facts.programmes:
        if programme.lead_agency_id is None:
            yield found(
                _("%(programme)s has no lead agency."),
                programme,
                books=books,
                programme=programme.code,
            )


@check(
    "programme_without_indicator",
    severity=ERROR,
    title=_("Programmes without an indicator with targets"),
)
def programme_without_indicator(facts: PlanFacts) -> Iterator[Found]:
    """Books that print targets (``TARGETS``): the roadmap's cells (Buku 2, 3, and Buku 4's
    condensed roadmap, whose years they set) and the flagships' indicator tables (Buku 3);
    not Buku 1."""
    books = facts.books_printing(*TARGETS)
    for programme in facts.programmes:
        if programme.pk not in facts.programmes_with_targets:
            yield found(
                _("%(programme)s has no indicator with yearly targets."),
                programme,
                books=books,
                programme=programme.code,
            )


@check("programme_without_budget", severity=ERROR, title=_("Programmes without budget"))
def programme_without_budget(facts: PlanFacts) -> Iterator[Found]:
    """Books that print money (``BUDGET``): Buku 2 (programme tables, financing, roadmap),
    Buku 3 (flagship list and budgets) and Buku 4 (dimension pages, condensed roadmap);
    not Buku 1."""
    books = facts.books_printing(*BUDGET)
    for programme in facts.programmes:
        years = facts.budget.get(programme.pk, {})
        if not any(amount for sources in years.values() for amount in sources.values()):
            yield found(
                _("%(programme)s has no budget."), programme, books=books, programme=programme.code
            )


@check("programme_without_activities", severity=ERROR, title=_("Programmes without activities"))
def programme_without_activities(facts: PlanFacts) -> Iterator[Found]:
    """Books that print activities or the years they set (``ACTIVITIES``): Buku 2's action
    plan, Buku 3's schedules, the roadmap of Buku 2, 3 and 4; not Buku 1."""
    books = facts.books_printing(*ACTIVITIES)
    for programme in facts.programmes:
        if not facts.activity_counts.get(programme.pk):
            yield found(
                _("%(programme)s has no activities in the action plan."),
                programme,
                books=books,
                programme=programme.code,
            )


@check("programme_without_roadmap", severity=ERROR, title=_("Programmes without roadmap years"))
def programme_without_roadmap(facts: PlanFacts) -> Iterator[Found]:
    """A programme's roadmap years follow from its targets, budget lines and activities
    too: only a programme with none of them (and no typed roadmap cell) has no years.

    Books that print the roadmap (``ROADMAP``): Buku 2, Buku 3 (schedule) and, condensed,
    Buku 4; not Buku 1.
    """
    books = facts.books_printing(*ROADMAP)
    for programme in facts.programmes:
        row = facts.roadmap_rows.get(programme.pk)
        if row is None or not row.years:
            yield found(
                _("%(programme)s has no years in the roadmap."),
                programme,
                books=books,
                programme=programme.code,
            )


def _flagships(facts: PlanFacts):
    return [p for p in facts.programmes if p.is_flagship or p.is_quick_win]


@check(
    "flagship_without_before_after",
    severity=ERROR,
    title=_("Flagships without before/after indicators"),
)
def flagship_without_before_after(facts: PlanFacts) -> Iterator[Found]:
    """The flagship book only: the before/after table is printed only in the flagship
    chapters (the section showing ``FLAGSHIP_CHAPTERS``, Buku 3 in the default outline);
    the other books name a flagship without it."""
    books = facts.books_printing(FLAGSHIP_CHAPTERS)
    for programme in _flagships(facts):
        if programme.pk not in facts.programmes_with_before_after:
            yield found(
                _("The flagship %(programme)s has no before/after indicators."),
                programme,
                books=books,
                programme=programme.code,
            )


@check(
    "flagship_without_beneficiaries",
    severity=ERROR,
    title=_("Flagships without beneficiaries"),
)
def flagship_without_beneficiaries(facts: PlanFacts) -> Iterator[Found]:
    """The flagship book only: the beneficiaries are printed only in a flagship's profile,
    in the flagship chapters (``FLAGSHIP_CHAPTERS``, Buku 3 in the default outline)."""
    books = facts.books_printing(FLAGSHIP_CHAPTERS)
    for programme in _flagships(facts):
        if not programme.beneficiaries.strip() and not programme.beneficiaries_count:
            yield found(
                _("The flagship %(programme)s does not say who benefits."),
                programme,
                books=books,
                programme=programme.code,
            )


# --- Years and money ---------------------------------------------------------------


@check("activity_outside_period", severity=ERROR, title=_("Activities outside the plan period"))
def activity_outside_period(facts: PlanFacts) -> Iterator[Found]:
    """Books that print activities or the years they set (``ACTIVITIES``: Buku 2, 3 and 4);
    not Buku 1."""
    books = facts.books_printing(*ACTIVITIES)
    codes = {programme.pk: programme.code for programme in facts.programmes}
    for activity in facts.activities_outside:
        yield found(
            _("Activity “%(activity)s” of %(programme)s is in %(year)s, outside %(period)s."),
            activity,
            books=books,
            activity=activity.name,
            programme=codes[activity.programme_id],
            year=activity.year,
            period=facts.plan.period,
        )


@check("roadmap_outside_period", severity=ERROR, title=_("Roadmap years outside the plan period"))
def roadmap_outside_period(facts: PlanFacts) -> Iterator[Found]:
    """Books that print the roadmap (``ROADMAP``: Buku 2, 3 and, condensed, 4); not Buku 1."""
    books = facts.books_printing(*ROADMAP)
    for programme in facts.programmes:
        for year, entry in sorted(facts.roadmap.get(programme.pk, {}).items()):
            if not facts.in_period(year):
                yield found(
                    _("The roadmap of %(programme)s has the year %(year)s, outside %(period)s."),
                    entry,
                    label=f"{programme.code} {year}",
                    books=books,
                    programme=programme.code,
                    year=year,
                    period=facts.plan.period,
                )


@check("budget_outside_period", severity=ERROR, title=_("Budget years outside the plan period"))
def budget_outside_period(facts: PlanFacts) -> Iterator[Found]:
    """Books that print money (``BUDGET``): budget lines are printed in Buku 2 and Buku 3 and
    summed in Buku 4; not Buku 1."""
    books = facts.books_printing(*BUDGET)
    for programme in facts.programmes:
        years = [year for year in facts.budget.get(programme.pk, {}) if not facts.in_period(year)]
        if years:
            yield found(
                _("%(programme)s has budget lines in %(years)s, outside %(period)s."),
                programme,
                books=books,
                programme=programme.code,
                years=_years(years),
                period=facts.plan.period,
            )


@check(
    "budget_roadmap_mismatch",
    severity=ERROR,
    title=_("Budget lines that do not add up to the roadmap"),
)
def budget_roadmap_mismatch(facts: PlanFacts) -> Iterator[Found]:
    """An amount typed in a roadmap cell must be what the budget lines of that year add
    up to. A year without a typed amount shows the budget lines' sum itself, so it
    never disagrees (it used to say "the roadmap says Rp 0").

    Books that print the roadmap (``ROADMAP``): its amounts are printed in Buku 2 and 3
    (the flagships') and summed per dimension in Buku 4; not Buku 1.
    """
    books = facts.books_printing(*ROADMAP)
    for programme in facts.programmes:
        row = facts.roadmap_rows.get(programme.pk)
        if row is None:
            continue
        for year, cell in sorted(row.cells.items()):
            if cell.typed_budget_differs:
                yield found(
                    _(
                        "%(programme)s in %(year)s: the budget lines add up to %(lines)s, "
                        "the roadmap says %(roadmap)s."
                    ),
                    programme,
                    books=books,
                    programme=programme.code,
                    year=year,
                    lines=rupiah(cell.line_total or 0),
                    roadmap=rupiah(cell.entry.budget),
                )


@check(
    "single_funding_source",
    severity=WARNING,
    title=_("Programmes funded from one source only"),
)
def single_funding_source(facts: PlanFacts) -> Iterator[Found]:
    """Books that print the financing framework (``FINANCING``: Buku 2 and 4)."""
    if len(facts.funding_sources_used) < 2:
        return
    books = facts.books_printing(*FINANCING)
    for programme in facts.programmes:
        sources = {
            source
            for sources in facts.budget.get(programme.pk, {}).values()
            for source, amount in sources.items()
            if amount
        }
        if len(sources) == 1:
            yield found(
                _(
                    "%(programme)s is funded from one source every year, while the plan "
                    "counts on %(count)s sources."
                ),
                programme,
                books=books,
                programme=programme.code,
                count=len(facts.funding_sources_used),
            )


# --- Chapters ------------------------------------------------------------------------


@check("required_section_empty", severity=ERROR, title=_("Required chapters still empty"))
def required_section_empty(facts: PlanFacts) -> Iterator[Found]:
    """One book: the section's own."""
    for section in facts.empty_sections:
        yield found(
            _("Buku %(book)s: the required chapter “%(section)s” is still empty."),
            section,
            books={section.book.number},
            book=section.book.number,
            section=str(section),
        )


@check("section_unwritten", severity=ERROR, title=_("Sections that would print only a heading"))
def section_unwritten(facts: PlanFacts) -> Iterator[Found]:
    """One book: the section's own."""
    for section in facts.unwritten_sections:
        yield found(
            _(
                "Buku %(book)s: “%(section)s” has no text yet; the final book would print "
                "only its heading. Write it or remove the section."
            ),
            section,
            books={section.book.number},
            book=section.book.number,
            section=str(section),
        )


@check(
    "section_without_signoff",
    severity=WARNING,
    title=_("Chapters under review without the mentor's sign-off"),
)
def section_without_signoff(facts: PlanFacts) -> Iterator[Found]:
    """One book: the section's own (the sign-off is of that book's review)."""
    for section in facts.unsigned_sections:
        yield found(
            _("Buku %(book)s is under review but “%(section)s” has no sign-off of its text."),
            section,
            books={section.book.number},
            book=section.book.number,
            section=str(section),
        )


# --- Review ----------------------------------------------------------------------------


@check("unresolved_comments", severity=WARNING, title=_("Unresolved comments"))
def unresolved_comments(facts: PlanFacts) -> Iterator[Found]:
    """Plan-wide (every book): a thread may be on a record that several books print, or on
    the plan itself (a warning: it blocks nothing)."""
    for comment in facts.open_threads:
        yield found(
            _("%(author)s on “%(target)s”: %(excerpt)s"),
            url=portal_url("reviews:comment_list", comment.target_type, comment.target_uuid),
            label=comment.target_repr,
            author=comment.author.display_name if comment.author else "–",
            target=comment.target_repr,
            excerpt=str(comment),
        )


@check(
    "review_flag_open",
    severity=ERROR,
    title=_("Chapters that need another review after a change"),
)
def review_flag_open(facts: PlanFacts) -> Iterator[Found]:
    """One book: a flag is on one section of one book (``reviews.impact``); the same record
    changing flags each book's sections separately."""
    page = portal_url("reviews:review_flags", facts.plan.pk)
    for flag in facts.open_flags:
        yield found(
            _("Buku %(book)s, “%(section)s” needs another review: %(cause)s"),
            flag.section,
            url=f"{page}#buku-{flag.section.book.number}" if page else None,
            books={flag.section.book.number},  # blocks that book's final export only
            book=flag.section.book.number,
            section=str(flag.section),
            cause=flag.cause,
        )


# --- Institutions (warnings: assessors ask for them, the books can go without) -------------


@check(
    "institution_without_decree",
    severity=WARNING,
    title=_("No council or team decree recorded"),
)
def institution_without_decree(facts: PlanFacts) -> Iterator[Found]:
    """Books that print the institutions (``INSTITUTIONS``: Buku 2's governance chapter,
    Buku 4's institutions and financing)."""
    books = facts.books_printing(*INSTITUTIONS)
    for kind in (Institution.Kind.COUNCIL, Institution.Kind.TEAM):
        institution = facts.institutions.get(kind)
        if institution is None:
            yield found(
                _("No %(body)s is recorded."),
                url=_add_institution_url(facts, kind),
                books=books,
                body=kind.label,
            )
        elif not institution.decree_number.strip():
            yield found(
                _("No decree is recorded for the %(body)s."),
                institution,
                books=books,
                body=kind.label,
            )


@check("forum_meetings_missing", severity=WARNING, title=_("No forum meetings planned"))
def forum_meetings_missing(facts: PlanFacts) -> Iterator[Found]:
    """Books that print the institutions (``INSTITUTIONS``: Buku 2 and 4), as the decree's
    check."""
    books = facts.books_printing(*INSTITUTIONS)
    forum = facts.institutions.get(Institution.Kind.FORUM)
    if forum is None:
        yield found(
            _("No Smart City Forum is recorded, so no forum meetings are planned."),
            url=_add_institution_url(facts, Institution.Kind.FORUM),
            books=books,
        )
    elif not forum.meeting_schedule.strip():
        yield found(_("The Smart City Forum has no meeting schedule."), forum, books=books)


@check("hr_plan_missing", severity=WARNING, title=_("No human-resources action plan"))
def hr_plan_missing(facts: PlanFacts) -> Iterator[Found]:
    """Books that print programmes (``PROGRAMMES``: Buku 2, 3 and 4): either Buku 2's chapter
    on human resources or a programme of the structure pillar answers it; not Buku 1."""
    if facts.hr_section_written:
        return
    if any(programme.pillar_code == HR_PILLAR for programme in facts.programmes):
        return
    yield found(
        _(
            "No human-resources action plan: the chapter on human-resources development "
            "is empty and no programme addresses the structure pillar."
        ),
        books=facts.books_printing(*PROGRAMMES),
    )
