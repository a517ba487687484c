"""Writes that span several models. Single-record changes are model methods."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import transaction
from django.db.models import Model

from masterplan.models import (
    AuditEvent,
    BimtekStage,
    Book,
    BookTemplate,
    Cohort,
    Plan,
    Region,
    Section,
    SectionTemplate,
    User,
)
from masterplan.outlines import DEFAULT_BOOKS, DEFAULT_STAGES, Outline


def audit_record(
    *,
    actor: User | None,
    action: str,
    target: Model,
    region: Region | None = None,
    changes: dict[str, Any] | None = None,
) -> AuditEvent:
    """Write the audit row; call inside the transaction of the change it describes."""
    if region is None and hasattr(target, "scope_region_id"):
        region_id = target.scope_region_id()
    else:
        region_id = region.pk if region else None
    return AuditEvent.objects.create(
        actor=actor,
        region_id=region_id,
        action=action,
        target_type=target._meta.label_lower,
        target_uuid=getattr(target, "uuid", None),
        target_repr=str(target)[:250],
        changes=changes or {},
    )


def _create_section_templates(
    book_template: BookTemplate, outline: Outline, parent: SectionTemplate | None = None
) -> None:
    for order, (key, title, title_en, options, children) in enumerate(outline, start=1):
        node = SectionTemplate.objects.create(
            book_template=book_template,
            parent=parent,
            key=key if parent is None else f"{parent.key}--{key}"[:80],
            order=order,
            title=title,
            title_en=title_en,
            required=options.get("required", True),
            records=options.get("records", ""),
            per_dimension=options.get("per_dimension", False),
        )
        _create_section_templates(book_template, children, node)


@transaction.atomic
def cohort_create_templates(*, cohort: Cohort, stage_dates: list[tuple[date, date]] | None = None):
    """Give a cohort the default four books, their outlines and the four bimtek stages.

    Does nothing for books or stages the cohort already has, so admins' changes stay.
    """
    templates = {}
    for number, title, title_en, description, outline in DEFAULT_BOOKS:
        template, created = BookTemplate.objects.get_or_create(
            cohort=cohort,
            number=number,
            defaults={"title": title, "title_en": title_en, "description": description},
        )
        if created:
            _create_section_templates(template, outline)
        templates[number] = template
    if stage_dates:
        for (number, name, expectations, books), (starts_on, ends_on) in zip(
            DEFAULT_STAGES, stage_dates, strict=False
        ):
            stage, created = BimtekStage.objects.get_or_create(
                cohort=cohort,
                number=number,
                defaults={
                    "name": name,
                    "expectations": expectations,
                    "starts_on": starts_on,
                    "ends_on": ends_on,
                },
            )
            if created:
                stage.expected_books.set([templates[n] for n in books if n in templates])
    return templates


def _copy_sections(
    book: Book,
    templates: list[SectionTemplate],
    dimensions: list,
    by: User | None,
) -> None:
    children: dict[int | None, list[SectionTemplate]] = {}
    for template in templates:
        children.setdefault(template.parent_id, []).append(template)

    def copy(template: SectionTemplate, parent: Section | None, order: int) -> None:
        section = Section.objects.create(
            book=book,
            parent=parent,
            template=template,
            key=template.key,
            order=order,
            title=template.title,
            title_en=template.title_en,
            required=template.required,
            records=template.records,
            created_by=by,
            updated_by=by,
        )
        kids = sorted(children.get(template.pk, []), key=lambda t: t.order)
        for child_order, child in enumerate(kids, start=1):
            copy(child, section, child_order)
        if template.per_dimension:
            for offset, dimension in enumerate(dimensions, start=len(kids) + 1):
                Section.objects.create(
                    book=book,
                    parent=section,
                    template=template,
                    key=f"{template.key}--{dimension.code.lower()}"[:80],
                    order=offset,
                    title=dimension.name_id,
                    title_en=dimension.name_en,
                    required=template.required,
                    records=template.records,
                    dimension=dimension,
                    created_by=by,
                    updated_by=by,
                )

    roots = sorted(children.get(None, []), key=lambda t: t.order)
    for order, template in enumerate(roots, start=1):
        copy(template, None, order)


@transaction.atomic
def plan_create_from_template(
    *,
    region: Region,
    cohort: Cohort,
    start_year: int,
    end_year: int,
    by: User | None = None,
    title: str = "",
    framework=None,
    **fields: Any,
) -> Plan:
    """Create a plan with its books and chapter outlines copied from the cohort."""
    framework = framework or cohort.framework
    plan = Plan(
        region=region,
        cohort=cohort,
        framework=framework,
        start_year=start_year,
        end_year=end_year,
        title=title or f"Masterplan Smart City {region.name} {start_year}–{end_year}",
        **fields,
    )
    plan.stamp(by)
    plan.full_clean()
    plan.save()
    plan_add_books(plan=plan, by=by)
    audit_record(actor=by, action="plan.create", target=plan, region=region)
    return plan


@transaction.atomic
def plan_add_books(*, plan: Plan, by: User | None = None) -> list[Book]:
    """Create the books of the cohort's book set that the plan does not have yet."""
    dimensions = list(plan.framework.dimensions.order_by("order"))
    existing = set(plan.books.values_list("number", flat=True))
    created = []
    for template in plan.cohort.book_templates.order_by("number"):
        if template.number in existing:
            continue
        book = Book.objects.create(
            plan=plan,
            template=template,
            number=template.number,
            title=template.title,
            title_en=template.title_en,
            created_by=by,
            updated_by=by,
        )
        _copy_sections(book, list(template.section_templates.all()), dimensions, by)
        created.append(book)
    return created
