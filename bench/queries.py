"""Query counts for bench/pages.py (part 1 of its docstring): every main page and API list
of the demo plan and of the large plan, counted warm; the counts must be equal."""

from __future__ import annotations

import time

from bench.common import DEMO_REGION, LARGE_REGION, SMALL_REGION, bench_user


def plan_of(region_slug: str):
    from masterplan.models import Plan

    return Plan.objects.select_related("region", "cohort").get(region__slug=region_slug)


def common_sections(plans) -> tuple[dict[int, str], tuple[int, str] | None]:
    """Section keys all plans have: the first of each book, and one that lists records."""
    from masterplan.models import Section

    def keys(plan, records_only: bool = False) -> list[tuple[int, str]]:
        sections = Section.objects.filter(book__plan=plan)
        if records_only:
            sections = sections.exclude(records="")
        return list(
            sections.order_by("book__number", "order", "pk").values_list("book__number", "key")
        )

    shared = set.intersection(*(set(keys(plan)) for plan in plans[1:]))
    firsts: dict[int, str] = {}
    for number, key in keys(plans[0]):
        if (number, key) in shared:
            firsts.setdefault(number, key)
    with_records = [item for item in keys(plans[0], records_only=True) if item in shared]
    return firsts, (with_records[0] if with_records else None)


PROGRAMME_LINKS = ("issues", "gap_items", "swot_items", "strategies", "partners", "risks")


def programme_for(plan, shape: frozenset | None = None):
    """The plan's programme with the most links, of the given shape if one has it.

    A shape is the set of links a programme has at least one of: a page shows one more
    query for each non-empty prefetched list that has a prefetch below it, so programmes
    are only comparable when their shapes are the same.
    """
    from django.db.models import Count

    programmes = list(
        plan.programmes.annotate(
            **{f"n_{link}": Count(link, distinct=True) for link in PROGRAMME_LINKS}
        ).order_by("code")
    )
    for programme in programmes:
        programme.shape = frozenset(
            link for link in PROGRAMME_LINKS if getattr(programme, f"n_{link}")
        )
        programme.links = sum(getattr(programme, f"n_{link}") for link in PROGRAMME_LINKS)
    same = [programme for programme in programmes if programme.shape == shape]
    return max(same or programmes, key=lambda programme: programme.links)


def page_urls(plan, firsts, records_key, programme) -> list[tuple[str, str, tuple]]:
    """(label, path, models whose rows the page lists) of every main page and API list."""
    from django.urls import reverse

    from api.urls import router
    from dimensions import views as dimension_views
    from dimensions.models import GapItem, StrategicIssue, SwotItem
    from masterplan.models import Section
    from programs.models import Partner, Risk

    pid = plan.pk

    def section(number: int, key: str) -> Section:
        return Section.objects.get(book__plan=plan, book__number=number, key=key)

    pages = [
        ("dashboard", reverse("home"), ()),
        ("plan page", reverse("plan_detail", args=[pid]), ()),
    ]
    pages += [
        (f"book {number}", reverse("book_detail", args=[pid, number]), ()) for number in firsts
    ]
    pages += [
        (
            f"chapter editor (book {number})",
            reverse("section_edit", args=[section(number, key).pk]),
            (),
        )
        for number, key in firsts.items()
    ]
    if records_key:
        pages.append(
            (
                f"chapter editor ({records_key[1][:16]})",
                reverse("section_edit", args=[section(*records_key).pk]),
                (),
            )
        )
    first = section(1, firsts[1])
    pages += [
        ("section history", reverse("record_history", args=["masterplan.section", first.uuid]), ()),
        ("agencies", reverse("agency_list", args=[pid]), ()),
    ]
    seen = set()
    for kind in dimension_views.KINDS.values():
        if kind.page_url_name in seen:
            continue
        seen.add(kind.page_url_name)
        label = kind.page_url_name.split(":")[1].replace("_", " ")
        pages.append((label, reverse(kind.page_url_name, args=[pid]), (kind.model,)))
    pages += [
        ("programme list", reverse("programs:programme_list", args=[pid]), ()),
        (
            "programme detail",
            reverse("programs:programme_detail", args=[pid, programme.pk]),
            (StrategicIssue, GapItem, SwotItem, Partner, Risk),
        ),
        ("risks", reverse("programs:risk_list", args=[pid]), (Risk,)),
        ("financing", reverse("programs:financing", args=[pid]), ()),
        ("action plan", reverse("roadmap:action_plan", args=[pid]), ()),
        (
            "programme activities",
            reverse("roadmap:programme_activities", args=[pid, programme.pk]),
            (),
        ),
        ("roadmap grid", reverse("roadmap:roadmap_grid", args=[pid]), ()),
        ("checks", reverse("checks:plan_checks", args=[pid]), ()),
        ("traceability", reverse("checks:plan_traceability", args=[pid]), ()),
        ("charts", reverse("checks:plan_charts", args=[pid]), ()),
        ("Gantt chart (SVG)", reverse("checks:plan_chart_svg", args=[pid, "gantt"]), ()),
    ]
    pages += [
        (f"review book {number}", reverse("reviews:book_review", args=[pid, number]), ())
        for number in firsts
    ]
    pages += [
        ("exports", reverse("exports:plan_exports", args=[pid]), ()),
        ("notifications", reverse("reviews:notification_list"), ()),
    ]
    for prefix, viewset, basename in router.registry:
        model = getattr(viewset, "model", None)
        pages.append((f"API {prefix}", reverse(f"api:{basename}-list"), (model,) if model else ()))
    return pages


def count_queries(user, pages) -> dict[str, tuple[int, int, float]]:
    """label → (status, queries, milliseconds) of the second request."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    counts = {}
    for label, path, _models in pages:
        client.get(path, secure=True)
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            response = client.get(path, secure=True)
            milliseconds = (time.perf_counter() - started) * 1000
        counts[label] = (response.status_code, len(captured), milliseconds)
    return counts


def has_rows(model, region_slug: str) -> bool:
    region_path = getattr(model, "region_path", None)
    if not region_path:
        return model._default_manager.exists()
    return model._default_manager.filter(**{f"{region_path}__slug": region_slug}).exists()


def query_table() -> bool:
    """Print the query counts; True when no page's count grows with the plan."""
    plans = [plan_of(slug) for slug in (DEMO_REGION, LARGE_REGION, SMALL_REGION)]
    firsts, records_key = common_sections(plans)
    shape = programme_for(plans[2]).shape  # what the small plan's richest programme has
    results, pages = {}, {}
    for plan in plans:
        user = bench_user(f"bench-{plan.region.slug}", plan.region.slug)
        programme = programme_for(plan, shape)
        pages[plan.region.slug] = page_urls(plan, firsts, records_key, programme)
        results[plan.region.slug] = count_queries(user, pages[plan.region.slug])
    print(
        "SQL queries per page (a coordinator of each region, second request): "
        + ", ".join(f"{plan.region.name} {plan.programmes.count()} programmes" for plan in plans)
    )
    header = (
        f"{'page':<34}{'demo':>6}{'large':>6}  {'equal':<7}{'small':>6}"
        f"{'demo ms':>9}{'large ms':>10}"
    )
    print(header)
    print("-" * len(header))
    all_equal, footnote = True, False
    for label, _path, models in pages[DEMO_REGION]:
        (s_demo, demo, demo_ms), (s_large, large, large_ms), (s_small, small, _) = (
            results[slug][label] for slug in (DEMO_REGION, LARGE_REGION, SMALL_REGION)
        )
        empty = [model for model in models if not has_rows(model, LARGE_REGION)]
        if {s_demo, s_large, s_small} != {200}:
            verdict, equal = f"HTTP {s_demo}/{s_large}/{s_small}", False
        elif demo == large:
            verdict, equal = "yes", True
        elif empty and all(has_rows(model, SMALL_REGION) for model in empty):
            # the large plan has none of these records: compare with the small plan instead
            equal = demo == small
            verdict, footnote = ("yes*" if equal else "NO*"), True
        elif empty:
            verdict, equal, footnote = "n/a*", True, True
        else:
            verdict, equal = "NO", False
        all_equal &= equal
        print(
            f"{label:<34}{demo:>6}{large:>6}  {verdict:<7}{small:>6}"
            f"{demo_ms:>9.0f}{large_ms:>10.0f}"
        )
    print("ms: the time of the counted request, one at a time in this process (DEBUG=0).")
    if footnote:
        print(
            "* the large plan has none of the records this page lists, so the demo plan is "
            "compared with the small one (Kabupaten Batang) instead; n/a: neither has any."
        )
    return all_equal
