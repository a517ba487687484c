"""Idempotent writers for the demo data.

Every record is found by its natural key (a cohort by year, a region by slug, a plan
by region and cohort, a programme by plan and name, …), created when missing and
written only when the demo data differs from what is stored. A second run therefore
adds no rows and bumps no versions, while a changed demo text is applied.

The data modules (``demo.pekalongan``, ``demo.batang``) hold plain Python data; the
format is described on ``Seeder.seed_plan``. Amounts in the data are in million
Rupiah (juta).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from decimal import Decimal
from typing import Any

from django.db import models

from dimensions.models import (
    Element,
    ExistingInnovation,
    Framework,
    GapItem,
    Goal,
    PillarAspect,
    ReadinessAssessment,
    RegionProfile,
    StrategicIssue,
    Strategy,
    SwotItem,
)
from masterplan.lib import money
from masterplan.models import (
    Agency,
    Cohort,
    Institution,
    InstitutionMember,
    Membership,
    MentorAssignment,
    Plan,
    Region,
    Section,
    TrackedModel,
    User,
)
from masterplan.services import (
    cohort_create_templates,
    plan_add_books,
    plan_create_from_template,
    revision_record,
)
from programs.models import (
    BudgetLine,
    FlagshipIndicator,
    Indicator,
    IndicatorTarget,
    Partner,
    Programme,
    Risk,
)
from roadmap.models import Activity, RoadmapEntry

JUTA = 1_000_000
FRAMEWORK_CODE = "kominfo-2017"


def rupiah(juta: int | float) -> int:
    return round(juta * JUTA)


def angka(value: Any) -> str:
    """A number the Indonesian way: 1.500 and 99,5."""
    return money.number(Decimal(str(value)), places=None)


def with_unit(value: Any, unit: str) -> str:
    if unit == "%":
        return f"{angka(value)}%"
    return f"{angka(value)} {unit}".strip()


def changed_fields(obj: models.Model, values: dict[str, Any]) -> list[str]:
    changed = []
    for name, wanted in values.items():
        field = obj._meta.get_field(name)
        if field.many_to_one or field.one_to_one:
            current = getattr(obj, field.attname)
            wanted = wanted.pk if wanted is not None else None
        else:
            current = getattr(obj, name)
            if wanted is not None:
                wanted = field.to_python(wanted)
        if current != wanted:
            changed.append(name)
    return changed


class References:
    """The framework's reference items by code, loaded once."""

    def __init__(self, framework: Framework):
        self.framework = framework
        self.dimensions = {d.code: d for d in framework.dimensions.all()}
        self.elements = {
            f"{e.dimension.code}-{e.code}": e
            for e in Element.objects.filter(dimension__framework=framework).select_related(
                "dimension"
            )
        }
        self.pillars = {p.code: p for p in framework.pillars.all()}
        self.aspects = {
            f"{a.pillar.code}-{a.code}": a
            for a in PillarAspect.objects.filter(pillar__framework=framework).select_related(
                "pillar"
            )
        }
        self.funding = {f.code: f for f in framework.funding_sources.all()}
        self.horizons = {h.code: h for h in framework.horizons.all()}
        self.indicator_types = {t.code: t for t in framework.indicator_types.all()}
        self.innovation_types = {t.code: t for t in framework.innovation_types.all()}

    @staticmethod
    def pick(table: dict[str, Any], code: str | None) -> Any:
        return table[code] if code else None


class Seeder:
    """Writes demo data idempotently and counts the records it had to change."""

    def __init__(self) -> None:
        self.updated: Counter[type[models.Model]] = Counter()
        self.warnings: list[str] = []

    # --- one record ---------------------------------------------------------------------

    def upsert(
        self,
        model: type[models.Model],
        keys: dict[str, Any],
        values: dict[str, Any] | None = None,
        *,
        by: User | None = None,
        validate_unique: bool = False,
    ) -> Any:
        values = values or {}
        obj = model._default_manager.filter(**keys).first()
        if obj is None:
            obj = model(**keys, **values)
        else:
            changed = changed_fields(obj, values)
            if not changed:
                return obj
            for name in changed:
                setattr(obj, name, values[name])
            self.updated[model] += 1
        if by is not None and hasattr(obj, "stamp"):
            obj.stamp(by)
        obj.full_clean(validate_unique=validate_unique, validate_constraints=validate_unique)
        obj.save()
        if isinstance(obj, TrackedModel):
            # the seeded text is a version people can compare with and restore
            revision_record(obj, by=by, note="seed")
        return obj

    # --- cohort, users --------------------------------------------------------------------

    def seed_cohort(self, spec: dict[str, Any]) -> Cohort:
        framework = Framework.objects.get(code=spec.get("framework", FRAMEWORK_CODE))
        cohort = self.upsert(
            Cohort,
            {"year": spec["year"]},
            {"name": spec["name"], "framework": framework, "description": spec["description"]},
        )
        cohort_create_templates(cohort=cohort, stage_dates=spec["stages"])
        return cohort

    def seed_user(self, spec: dict[str, Any], password: str) -> User:
        values = {
            "email": spec["email"],
            "full_name": spec["full_name"],
            "position": spec.get("position", ""),
            "is_staff": spec.get("is_staff", False),
            "is_superuser": spec.get("is_superuser", False),
            "is_active": True,
        }
        user = User.objects.filter(username=spec["username"]).first()
        if user is None:
            user = User(username=spec["username"], **values)
            # Only new users get the demo password: a password changed since stays.
            user.set_password(password)
            user.save()
            return user
        changed = changed_fields(user, values)
        if changed:
            for name in changed:
                setattr(user, name, values[name])
            user.save(update_fields=changed)
            self.updated[User] += 1
        return user

    def seed_membership(
        self,
        user: User,
        region: Region,
        role: str,
        *,
        agency: Agency | None = None,
        dimensions: list | None = None,
    ) -> Membership:
        membership = self.upsert(
            Membership, {"user": user, "region": region}, {"role": role, "agency": agency}
        )
        membership.dimensions.set(dimensions or [])
        return membership

    def seed_mentor(self, user: User, region: Region) -> MentorAssignment:
        return MentorAssignment.objects.get_or_create(user=user, region=region)[0]

    # --- region and plan ----------------------------------------------------------------

    def seed_region(self, spec: dict[str, Any]) -> Region:
        return self.upsert(
            Region,
            {"slug": spec["slug"]},
            {
                "name": spec["name"],
                "kind": spec["kind"],
                "province": spec["province"],
                "code": spec["code"],
            },
        )

    def seed_agencies(
        self, region: Region, rows: list[tuple[str, str, str]], by: User | None
    ) -> dict[str, Agency]:
        agencies = {}
        for name, acronym, kind in rows:
            agency = self.upsert(
                Agency, {"region": region, "name": name}, {"acronym": acronym, "kind": kind}, by=by
            )
            agencies[acronym or name] = agency
        return agencies

    def seed_plan_row(
        self, region: Region, cohort: Cohort, spec: dict[str, Any], by: User | None
    ) -> Plan:
        texts = {
            "title": spec["title"],
            "vision": spec.get("vision", ""),
            "mission": "\n".join(spec.get("missions", [])),
            "rpjmd_reference": spec.get("rpjmd_reference", ""),
        }
        plan = Plan.objects.filter(region=region, cohort=cohort).first()
        if plan is None:
            plan = plan_create_from_template(
                region=region,
                cohort=cohort,
                start_year=spec["start_year"],
                end_year=spec["end_year"],
                by=by,
                **texts,
            )
            return plan
        plan_add_books(plan=plan, by=by)
        return self.upsert(Plan, {"pk": plan.pk}, texts, by=by)

    def seed_plan(self, spec: dict[str, Any], cohort: Cohort, by: User | None) -> Plan:
        """Build one region's plan from a data module's ``SPEC``.

        Keys of ``spec``: ``region``, ``agencies``, ``plan`` (required) and ``sections``
        ({book number: {section key: html}}), ``profile``, ``readiness`` ({"STR-HR":
        (rating, narrative, evidence)}), ``gaps``, ``swot`` ({"GOV": {"S": [...]}}),
        ``issues``, ``innovations``, ``goals``, ``strategies``, ``institutions``,
        ``programmes`` and ``risks`` (optional).
        """
        region = self.seed_region(spec["region"])
        agencies = self.seed_agencies(region, spec["agencies"], by)
        plan = self.seed_plan_row(region, cohort, spec["plan"], by)
        refs = References(plan.framework)
        builder = PlanBuilder(self, plan, refs, agencies, by)
        builder.sections(spec.get("sections", {}))
        if "profile" in spec:
            builder.profile(spec["profile"])
        builder.readiness(spec.get("readiness", {}))
        builder.gaps(spec.get("gaps", []))
        builder.swot(spec.get("swot", {}))
        builder.issues(spec.get("issues", []))
        builder.innovations(spec.get("innovations", []))
        builder.goals(spec.get("goals", []))
        builder.strategies(spec.get("strategies", []))
        builder.institutions(spec.get("institutions", []))
        builder.programmes(spec.get("programmes", []))
        builder.risks(None, spec.get("risks", []))
        return plan


class PlanBuilder:
    """Writes the records of one plan; references between records use the data's refs."""

    def __init__(
        self,
        seeder: Seeder,
        plan: Plan,
        refs: References,
        agencies: dict[str, Agency],
        by: User | None,
    ):
        self.seeder = seeder
        self.plan = plan
        self.refs = refs
        self.agencies = agencies
        self.by = by
        self.issue_refs: dict[str, StrategicIssue] = {}
        self.strategy_refs: dict[str, Strategy] = {}
        self.gap_refs: dict[int, GapItem] = {}

    def upsert(self, model, keys, values=None, **kwargs):
        return self.seeder.upsert(model, keys, values, by=self.by, **kwargs)

    def agency(self, key: str | None) -> Agency | None:
        return self.agencies[key] if key else None

    def dimension_and_element(self, code: str):
        dimension_code, _, element_code = code.partition("-")
        element = self.refs.elements[code] if element_code else None
        return self.refs.dimensions[dimension_code], element

    # --- Buku 1 ------------------------------------------------------------------------

    def sections(self, bodies: dict[int, dict[str, str]]) -> None:
        for number, by_key in bodies.items():
            book = self.plan.books.filter(number=number).first()
            if book is None:
                self.seeder.warnings.append(f"{self.plan}: no Buku {number}, its texts skipped")
                continue
            existing = {section.key: section for section in book.sections.all()}
            for key, body in by_key.items():
                section = existing.get(key)
                if section is None:
                    self.seeder.warnings.append(f"{book}: no section {key!r}, its text skipped")
                    continue
                if section.body != body:
                    if section.body:
                        self.seeder.updated[Section] += 1
                    section.body = body
                    section.stamp(self.by)
                    section.save(update_fields=["body"])
                    revision_record(section, by=self.by, note="seed")

    def profile(self, values: dict[str, Any]) -> None:
        self.upsert(RegionProfile, {"plan": self.plan}, values)

    def readiness(self, rows: dict[str, tuple[str, str, str]]) -> None:
        for code, (rating, narrative, evidence) in rows.items():
            self.upsert(
                ReadinessAssessment,
                {"plan": self.plan, "aspect": self.refs.aspects[code]},
                {"rating": rating, "narrative": narrative, "evidence": evidence},
            )

    def gaps(self, rows: list[dict[str, Any]]) -> None:
        for order, row in enumerate(rows, start=1):
            self.gap_refs[order] = self.upsert(
                GapItem,
                {"plan": self.plan, "order": order},
                {
                    "pillar": self.refs.pick(self.refs.pillars, row.get("pillar")),
                    "dimension": self.refs.pick(self.refs.dimensions, row.get("dimension")),
                    "current_condition": row["current"],
                    "expected_condition": row["expected"],
                    "gap": row["gap"],
                },
            )

    def swot(self, by_dimension: dict[str, dict[str, list]]) -> None:
        for dimension_code, by_kind in by_dimension.items():
            dimension = self.refs.dimensions[dimension_code]
            for kind, items in by_kind.items():
                for order, item in enumerate(items, start=1):
                    text, pillar = item if isinstance(item, tuple) else (item, None)
                    self.upsert(
                        SwotItem,
                        {"plan": self.plan, "dimension": dimension, "kind": kind, "order": order},
                        {"text": text, "pillar": self.refs.pick(self.refs.pillars, pillar)},
                    )

    def issues(self, rows: list[dict[str, Any]]) -> None:
        orders: Counter[str] = Counter()
        for row in rows:
            dimension, element = self.dimension_and_element(row["element"])
            orders[dimension.code] += 1
            self.issue_refs[row["ref"]] = self.upsert(
                StrategicIssue,
                {"plan": self.plan, "dimension": dimension, "order": orders[dimension.code]},
                {"element": element, "title": row["title"], "description": row["description"]},
            )

    def innovations(self, rows: list[dict[str, Any]]) -> None:
        for row in rows:
            dimension, element = self.dimension_and_element(row["element"])
            self.upsert(
                ExistingInnovation,
                {"plan": self.plan, "name": row["name"]},
                {
                    "description": row["description"],
                    "dimension": dimension,
                    "element": element,
                    "agency": self.agency(row.get("agency")),
                    "year_launched": row.get("year"),
                    "url": row.get("url", ""),
                    "status": row.get("status", ExistingInnovation.Status.ACTIVE),
                },
            )

    # --- Buku 2 ------------------------------------------------------------------------

    def goals(self, rows: list[dict[str, Any]]) -> None:
        for order, row in enumerate(rows, start=1):
            self.upsert(
                Goal,
                {"plan": self.plan, "order": order},
                {
                    "dimension": self.refs.pick(self.refs.dimensions, row.get("dimension")),
                    "statement": row["statement"],
                    "target": row["target"],
                    "target_year": row.get("year"),
                },
            )

    def strategies(self, rows: list[dict[str, Any]]) -> None:
        orders: Counter[str] = Counter()
        for row in rows:
            dimension, element = self.dimension_and_element(row["element"])
            orders[dimension.code] += 1
            strategy = self.upsert(
                Strategy,
                {"plan": self.plan, "dimension": dimension, "order": orders[dimension.code]},
                {
                    "element": element,
                    "target": row["target"],
                    "strategy": row["strategy"],
                    "policy_direction": row["policy"],
                },
            )
            strategy.issues.set([self.issue_refs[ref] for ref in row.get("issues", [])])
            self.strategy_refs[row.get("ref", row["element"])] = strategy

    def institutions(self, rows: list[dict[str, Any]]) -> None:
        for row in rows:
            institution = self.upsert(
                Institution,
                {"plan": self.plan, "kind": row["kind"]},
                {
                    "name": row["name"],
                    "decree_number": row.get("decree_number", ""),
                    "decree_date": row.get("decree_date"),
                    "duties": row.get("duties", ""),
                    "meeting_schedule": row.get("meeting_schedule", ""),
                },
            )
            for order, (name, position, agency, role) in enumerate(row["members"], start=1):
                self.upsert(
                    InstitutionMember,
                    {"institution": institution, "name": name},
                    {
                        "position": position,
                        "agency": self.agency(agency),
                        "role": role,
                        "order": order,
                    },
                )

    def risks(self, programme: Programme | None, rows: list[tuple]) -> None:
        for description, likelihood, impact, mitigation, owner in rows:
            self.upsert(
                Risk,
                {"plan": self.plan, "programme": programme, "description": description},
                {
                    "likelihood": likelihood,
                    "impact": impact,
                    "mitigation": mitigation,
                    "owner": self.agency(owner),
                },
            )

    # --- Programmes and what hangs on them ----------------------------------------------

    def programmes(self, rows: list[dict[str, Any]]) -> None:
        for order, row in enumerate(rows, start=1):
            self.programme(row, order)

    def programme(self, row: dict[str, Any], order: int) -> Programme:
        refs = self.refs
        quick_win = row.get("quick_win", {})
        activities = expand_activities(row["activities"])
        years = sorted({year for year, *_ in activities})
        programme = self.upsert(
            Programme,
            {"plan": self.plan, "name": row["name"]},
            {
                "element": refs.elements[row["element"]],
                "description": row["description"],
                "problem": row["problem"],
                "pillar": refs.pick(refs.pillars, row.get("pillar")),
                "horizon": refs.pick(refs.horizons, row.get("horizon")),
                "innovation_type": refs.pick(refs.innovation_types, row.get("innovation")),
                "priority": row.get("priority", Programme.Priority.MEDIUM),
                "rpjmd_alignment": row.get("rpjmd", ""),
                "budget_code": row.get("budget_code", ""),
                "lead_agency": self.agency(row["lead"]),
                "sustainability": row.get("sustainability", ""),
                "is_flagship": quick_win.get("flagship", False),
                "is_quick_win": bool(quick_win),
                "quick_win_year": quick_win.get("year"),
                "beneficiaries": quick_win.get("beneficiaries", ""),
                "beneficiaries_count": quick_win.get("beneficiaries_count"),
                "launch_date": quick_win.get("launch_date"),
                "flagship_status": quick_win.get("status", Programme.FlagshipStatus.PROPOSED),
                "order": order,
            },
            validate_unique=True,
        )
        strategies = [self.strategy_refs[ref] for ref in row.get("strategies", [row["element"]])]
        if "issues" in row:
            issues = [self.issue_refs[ref] for ref in row["issues"]]
        else:
            issues = sorted({i for s in strategies for i in s.issues.all()}, key=lambda i: i.pk)
        programme.supporting_agencies.set([self.agencies[a] for a in row.get("supporting", [])])
        programme.strategies.set(strategies)
        programme.issues.set(issues)
        programme.gap_items.set([self.gap_refs[n] for n in row.get("gaps", [])])

        targets_by_year = self.indicators(programme, row.get("indicators", []), years)
        self.activities(programme, activities)
        self.budget_and_roadmap(programme, activities, targets_by_year, row.get("milestones", {}))
        for name, kind, contribution in row.get("partners", []):
            self.upsert(
                Partner,
                {"programme": programme, "name": name},
                {"kind": kind, "contribution": contribution},
            )
        for n, (name, unit, before, after) in enumerate(quick_win.get("before_after", []), 1):
            self.upsert(
                FlagshipIndicator,
                {"programme": programme, "name": name},
                {"unit": unit, "before": before, "after": after, "order": n},
            )
        self.risks(programme, row.get("risks", []))
        return programme

    def indicators(
        self, programme: Programme, rows: list[dict[str, Any]], years: list[int]
    ) -> dict[int, str]:
        """Write indicators and their yearly targets; return the first one's targets as text."""
        first: dict[int, str] = {}
        for order, row in enumerate(rows, start=1):
            baseline_year, baseline_value = row.get("baseline", (None, None))
            indicator = self.upsert(
                Indicator,
                {"programme": programme, "name": row["name"]},
                {
                    "indicator_type": self.refs.pick(self.refs.indicator_types, row.get("type")),
                    "unit": row.get("unit", ""),
                    "baseline_year": baseline_year,
                    "baseline_value": baseline_value,
                    "data_source": row.get("source", ""),
                    "order": order,
                },
            )
            start = row.get("from", years[0])
            for year, value in enumerate(row["targets"], start=start):
                self.upsert(
                    IndicatorTarget, {"indicator": indicator, "year": year}, {"value": value}
                )
                if order == 1:
                    first[year] = f"{row['name']}: {with_unit(value, row.get('unit', ''))}"
        return first

    def activities(self, programme: Programme, rows: list[tuple]) -> None:
        seen: set[tuple[int, str]] = set()
        per_year: Counter[int] = Counter()
        for year, quarter, name, output, agency, juta, source in rows:
            if (year, name) in seen:
                raise ValueError(f"{programme.name}: activity {name!r} twice in {year}")
            seen.add((year, name))
            per_year[year] += 1
            self.upsert(
                Activity,
                {"programme": programme, "year": year, "name": name},
                {
                    "quarter": quarter,
                    "output": output,
                    "agency": self.agency(agency),
                    "budget": rupiah(juta),
                    "funding_source": self.refs.funding[source],
                    "order": per_year[year],
                },
            )

    def budget_and_roadmap(
        self,
        programme: Programme,
        activities: list[tuple],
        targets: dict[int, str],
        milestones: dict[int, str],
    ) -> None:
        """Budget lines and roadmap cells are the action plan summed per year (and source),
        so the financing table, the roadmap and the action plan always agree."""
        by_source: dict[tuple[int, str], int] = defaultdict(int)
        by_year: dict[int, int] = defaultdict(int)
        outputs: dict[int, list[str]] = defaultdict(list)
        for year, _quarter, _name, output, _agency, juta, source in activities:
            by_source[year, source] += rupiah(juta)
            by_year[year] += rupiah(juta)
            outputs[year].append(output)
        for (year, source), amount in sorted(by_source.items()):
            budgeted = year == self.plan.start_year
            self.upsert(
                BudgetLine,
                {
                    "programme": programme,
                    "year": year,
                    "funding_source": self.refs.funding[source],
                },
                {
                    "amount": amount,
                    "status": BudgetLine.Status.BUDGETED
                    if budgeted
                    else BudgetLine.Status.INDICATIVE,
                    "note": "Telah masuk KUA-PPAS" if budgeted else "",
                },
            )
        for year, amount in sorted(by_year.items()):
            target = milestones.get(year) or targets.get(year) or "; ".join(outputs[year])
            self.upsert(
                RoadmapEntry,
                {"programme": programme, "year": year},
                {"target": target[:250], "budget": amount},
            )


def expand_activities(rows: list[tuple]) -> list[tuple]:
    """An activity whose year is a (first, last) pair repeats once a year."""
    expanded = []
    for years, *rest in rows:
        if isinstance(years, tuple):
            expanded.extend((year, *rest) for year in range(years[0], years[1] + 1))
        else:
            expanded.append((years, *rest))
    return expanded
