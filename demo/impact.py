"""The mentor's pending suggestions on Kabupaten Pekalongan's plan (issue 17, section 3).

Idempotent: nothing is added when the mentor already has suggestions there. No section is
left flagged "perlu reviu ulang": an open flag is an error of the plan checks and would
refuse the demo's final exports; the flags appear as soon as a signed-off record changes.
"""

from __future__ import annotations

from decimal import Decimal

from django.utils.html import escape, strip_tags

from masterplan.models import Plan, Section, User
from programs.models import BudgetLine, IndicatorTarget, Programme
from reviews.suggestions import Suggestion, suggestion_create


def seed_suggestions(plan: Plan, mentor: User) -> list[Suggestion]:
    if Suggestion.objects.filter(region=plan.region, author=mentor).exists():
        return []
    made = []
    target = (
        IndicatorTarget.objects.filter(indicator__programme__plan=plan, year=2027)
        .select_related("indicator__programme")
        .order_by("indicator__programme__code", "indicator__pk")
        .first()
    )
    if target is not None:
        made.append(
            suggestion_create(
                target=target,
                by=mentor,
                field_name="value",
                value=str((target.value * Decimal("1.2")).quantize(Decimal("1"))),
                note="Target 2027 dapat lebih ambisius: layanan sudah berjalan sejak 2025.",
            )
        )
    line = (
        BudgetLine.objects.filter(programme__plan=plan, year=2026)
        .order_by("programme__code", "pk")
        .first()
    )
    if line is not None:
        made.append(
            suggestion_create(
                target=line,
                by=mentor,
                field_name="amount",
                value=str(int(round(line.amount * 1.15, -6))),
                note="Sesuaikan dengan pagu indikatif KUA-PPAS 2026.",
            )
        )
    programme = Programme.objects.filter(plan=plan, is_flagship=False).order_by("code").first()
    if programme is not None:
        made.append(
            suggestion_create(
                target=programme,
                by=mentor,
                field_name="name",
                value=f"{programme.name} Terpadu",
                note="Nama program sebaiknya menegaskan keterpaduan layanan.",
            )
        )
    section = (
        Section.objects.filter(book__plan=plan, book__number=2, key="pendahuluan--latar-belakang")
        .exclude(body="")
        .first()
    )
    sentence = _first_sentence(section.body) if section is not None else ""
    if sentence:
        made.append(
            suggestion_create(
                target=section,
                by=mentor,
                field_name="body",
                quote=sentence,
                value=f"{sentence.rstrip('.')}, sejalan dengan RPJMD Kabupaten Pekalongan.",
                note="Tegaskan keselarasan dengan RPJMD.",
            )
        )
    return made


def _first_sentence(html: str) -> str:
    """The chapter's first sentence, if it stands as written in the HTML (no markup in it)."""
    sentence = strip_tags(html).strip().split(". ")[0].strip()
    return sentence if sentence and escape(sentence) in html else ""
