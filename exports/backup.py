"""Back up one region's plan as a JSON document, and load it back here or on another server.

``plan_export(plan)`` returns the document, ``plan_import(data, replace=False)`` creates
the plan from it in one transaction. The commands ``export_plan`` and ``import_plan``
are thin wrappers.

The document (format ``kota-cerdas-plan``, version 1) never contains database ids:

- records are identified by their UUID and point at each other by UUID;
- reference data by natural keys: the framework by its code, dimensions, pillars,
  funding sources, horizons, indicator and innovation types by their code within the
  plan's framework, elements as ``[dimension code, element code]``, readiness aspects
  as ``[pillar code, aspect code]``, the region by its slug, the cohort by its year,
  book templates by their number and section templates as ``[book number, key]``;
- people by their username (``users`` lists the ones referenced, with their names).

It holds the region (with its agencies) and the cohort (with its book templates,
chapter outlines and bimtek stages), both created on import when the server does
not have them, and everything of the plan: books and sections, Buku 1 analysis,
goals and strategies, institutions, programmes with indicators, targets, budget lines,
partners, risks, before/after indicators and photos, activities, roadmap entries,
review comments, book transitions and section sign-offs. Uploaded files (the region's
logo, section images, programme photos) are inside, base64-encoded, under their
original file name. Versions and created/updated times are kept.

Left out on purpose: accounts and access (memberships, mentor assignments: they
belong to each server), the revision history, the audit log, the trash,
notifications and PDF export jobs. Users referenced by the plan that the importing
server does not know are created as inactive accounts without a password and
without any membership, so they can neither sign in nor see anything until an
admin activates them.

Output is deterministic (rows in creation order, keys sorted by the command), so two
exports of an unchanged plan are byte for byte equal, and an export of an imported
plan equals the file it was imported from.
"""

from __future__ import annotations

import base64
import binascii
import datetime
import decimal
import json
import os
import uuid
from collections import defaultdict
from typing import Any

from django.apps import apps
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import DataError, IntegrityError, connection, models, transaction
from django.utils.text import get_valid_filename

from masterplan.models import BimtekStage, BookTemplate, Cohort, Plan, Region, SectionTemplate
from masterplan.services import audit_record

FORMAT = "kota-cerdas-plan"
VERSION = 1


class PlanImportError(Exception):
    """The document cannot be imported; the message says why, for the person importing."""


# The plan's tables in insertion order: (model label, filter from the plan).
# "region" filters on the plan's region, "self" is the plan, anything else on the plan.
PLAN_TABLES: list[tuple[str, str]] = [
    ("masterplan.agency", "region"),
    ("masterplan.plan", "self"),
    ("masterplan.book", "plan"),
    ("masterplan.section", "book__plan"),
    ("masterplan.sectionimage", "section__book__plan"),
    ("reviews.sectionapproval", "section__book__plan"),
    ("reviews.booktransition", "book__plan"),
    ("dimensions.regionprofile", "plan"),
    ("dimensions.readinessassessment", "plan"),
    ("dimensions.gapitem", "plan"),
    ("dimensions.swotitem", "plan"),
    ("dimensions.strategicissue", "plan"),
    ("dimensions.existinginnovation", "plan"),
    ("dimensions.goal", "plan"),
    ("dimensions.strategy", "plan"),
    ("masterplan.institution", "plan"),
    ("masterplan.institutionmember", "institution__plan"),
    ("programs.programme", "plan"),
    ("programs.indicator", "programme__plan"),
    ("programs.indicatortarget", "indicator__programme__plan"),
    ("programs.budgetline", "programme__plan"),
    ("programs.partner", "programme__plan"),
    ("programs.risk", "plan"),
    ("programs.flagshipindicator", "programme__plan"),
    ("programs.programmephoto", "programme__plan"),
    ("roadmap.activity", "programme__plan"),
    ("roadmap.roadmapentry", "programme__plan"),
    ("reviews.comment", "comments"),
]

# Tables that belong to a plan or its region but are not in the document, and why.
# tests/masterplan/test_backup.py fails when a new model is in neither list.
NOT_BACKED_UP: dict[str, str] = {
    "masterplan.membership": "accounts and access belong to each server",
    "masterplan.mentorassignment": "accounts and access belong to each server",
    "masterplan.auditevent": "the audit log stays on the server that wrote it",
    "masterplan.revision": "history stays on the server that wrote it",
    "masterplan.deletedrecord": "the trash stays on the server that wrote it",
    "masterplan.sectionpresence": "who has a section open right now",
    "exports.exportjob": "PDF exports are made again from the records",
}

# Natural keys of the tables records point at that are not themselves plan records,
# and the path that scopes them (to the plan's framework or the cohort).
NATURAL_KEYS: dict[str, tuple[tuple[str, ...], str | None]] = {
    "dimensions.framework": (("code",), None),
    "dimensions.dimension": (("code",), "framework"),
    "dimensions.element": (("dimension__code", "code"), "dimension__framework"),
    "dimensions.pillar": (("code",), "framework"),
    "dimensions.pillaraspect": (("pillar__code", "code"), "pillar__framework"),
    "dimensions.fundingsource": (("code",), "framework"),
    "dimensions.horizon": (("code",), "framework"),
    "dimensions.indicatortype": (("code",), "framework"),
    "dimensions.innovationtype": (("code",), "framework"),
    "masterplan.region": (("slug",), None),
    "masterplan.cohort": (("year",), None),
    "masterplan.booktemplate": (("number",), "cohort"),
    "masterplan.sectiontemplate": (("book_template__number", "key"), "book_template__cohort"),
    "masterplan.user": (("username",), None),
}


def _label(model: type[models.Model]) -> str:
    return model._meta.label_lower


def _json_value(value: Any) -> Any:
    if isinstance(value, datetime.datetime | datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal | uuid.UUID):
        return str(value)
    return value


def _sort_key(value: Any) -> str:
    return json.dumps(value, sort_keys=True)


def _as_tuple(key: Any) -> tuple:
    return tuple(key) if isinstance(key, list | tuple) else (key,)


def _has_uuid(model: type[models.Model]) -> bool:
    return any(field.name == "uuid" for field in model._meta.concrete_fields)


# --- Export ----------------------------------------------------------------------------


class _Exporter:
    def __init__(self, plan: Plan):
        self.plan = plan
        self.scope = {"framework": plan.framework, "cohort": plan.cohort}
        self.keys: dict[str, dict[int, Any]] = {}  # label -> pk -> key in the document
        self.user_ids: set[int] = set()
        self.warnings: list[str] = []

    def key(self, model: type[models.Model], pk: int) -> Any:
        label = _label(model)
        if label == "masterplan.user":
            self.user_ids.add(pk)
        known = self.keys.setdefault(label, {})
        if pk not in known:
            known.update(self._load_keys(model, pk))
        if pk not in known:
            raise LookupError(f"{label} {pk} has no key")
        return known[pk]

    def _load_keys(self, model: type[models.Model], pk: int) -> dict[int, Any]:
        label = _label(model)
        if label not in NATURAL_KEYS:  # a record: its UUID
            rows = model._base_manager.filter(pk=pk).values_list("pk", "uuid")
            return {row_pk: str(value) for row_pk, value in rows}
        fields, scope = NATURAL_KEYS[label]
        queryset = model._base_manager.all()
        if scope:
            owner = scope.rsplit("__", 1)[-1]
            queryset = queryset.filter(**{scope: self.scope[owner]})
        else:
            queryset = queryset.filter(pk=pk)
        keys = {}
        for row in queryset.values_list("pk", *fields):
            keys[row[0]] = row[1] if len(fields) == 1 else list(row[1:])
        return keys

    def rows(self, queryset: models.QuerySet) -> list[dict]:
        model = queryset.model
        objects = list(queryset.order_by("pk"))
        if _has_uuid(model):
            self.keys.setdefault(_label(model), {}).update(
                (obj.pk, str(obj.uuid)) for obj in objects
            )
        many = self._many_to_many(model, [obj.pk for obj in objects])
        rows = []
        for obj in objects:
            row = {}
            for field in model._meta.concrete_fields:
                if field.primary_key:
                    continue
                if field.is_relation:
                    value = getattr(obj, field.attname)
                    row[field.name] = (
                        None if value is None else self.key(field.related_model, value)
                    )
                elif isinstance(field, models.FileField):
                    row[field.name] = self.file(getattr(obj, field.name))
                else:
                    row[field.name] = _json_value(field.value_from_object(obj))
            for field in model._meta.many_to_many:
                row[field.name] = sorted(many[field.name].get(obj.pk, []), key=_sort_key)
            rows.append(row)
        return rows

    def _many_to_many(self, model, pks: list[int]) -> dict[str, dict[int, list]]:
        result: dict[str, dict[int, list]] = {}
        for field in model._meta.many_to_many:
            through = field.remote_field.through
            source, target = field.m2m_field_name(), field.m2m_reverse_field_name()
            links = through._base_manager.filter(**{f"{source}__in": pks}).values_list(
                f"{source}_id", f"{target}_id"
            )
            by_owner: dict[int, list] = defaultdict(list)
            for owner, other in links.order_by("pk"):
                by_owner[owner].append(self.key(field.related_model, other))
            result[field.name] = by_owner
        return result

    def file(self, field_file) -> dict | None:
        if not field_file:
            return None
        name = field_file.name.rsplit("/", 1)[-1]
        try:
            with field_file.storage.open(field_file.name, "rb") as handle:
                data = base64.b64encode(handle.read()).decode("ascii")
        except OSError:
            self.warnings.append(f"file {field_file.name} is missing; exported without it")
            data = None
        return {"name": name, "data": data}

    def run(self) -> dict:
        plan = self.plan
        region, cohort = plan.region, plan.cohort
        document: dict[str, Any] = {
            "format": FORMAT,
            "version": VERSION,
            "region": self.rows(Region.objects.filter(pk=region.pk))[0],
            "cohort": {
                **self.rows(Cohort.objects.filter(pk=cohort.pk))[0],
                "book_templates": self.rows(BookTemplate.objects.filter(cohort=cohort)),
                "section_templates": self.rows(
                    SectionTemplate.objects.filter(book_template__cohort=cohort)
                ),
                "stages": self.rows(BimtekStage.objects.filter(cohort=cohort)),
            },
        }
        tables = {}
        for label, lookup in PLAN_TABLES:
            tables[label] = self.rows(plan_queryset(plan, label, lookup))
        document["tables"] = tables
        users = apps.get_model("masterplan.user")._base_manager.filter(pk__in=self.user_ids)
        document["users"] = [
            {"username": username, "full_name": full_name}
            for username, full_name in users.order_by("username").values_list(
                "username", "full_name"
            )
        ]
        return document


def plan_queryset(plan: Plan, label: str, lookup: str) -> models.QuerySet:
    """The rows of one table that belong to the plan."""
    model = apps.get_model(label)
    manager = model._base_manager
    if lookup == "self":
        return manager.filter(pk=plan.pk)
    if lookup == "region":
        return manager.filter(region=plan.region)
    if lookup == "comments":
        # comments on the plan's sections and records, and the replies in their threads
        anchors = set(_plan_uuids(plan))
        books = set(plan.books.values_list("pk", flat=True))
        rows = list(
            manager.filter(region=plan.region).values_list(
                "pk", "book_id", "target_uuid", "parent_id"
            )
        )
        roots = {pk for pk, book, target, _ in rows if book in books or target in anchors}
        replies = {pk for pk, _, _, parent in rows if parent in roots}
        return manager.filter(pk__in=roots | replies)
    return manager.filter(**{lookup: plan})


def _plan_uuids(plan: Plan) -> list[uuid.UUID]:
    """The UUIDs of the plan and of every record in it (comments anchor on them)."""
    found = []
    for label, lookup in PLAN_TABLES:
        model = apps.get_model(label)
        if lookup != "comments" and _has_uuid(model):
            found.extend(plan_queryset(plan, label, lookup).values_list("uuid", flat=True))
    return found


def plan_export(plan: Plan, warnings: list[str] | None = None) -> dict:
    """The plan as a JSON-ready document; problems that did not stop it go to ``warnings``.

    Read in one transaction that sees a single snapshot, so people saving meanwhile
    cannot leave the document with a record whose parent it does not hold.
    """
    exporter = _Exporter(plan)
    outermost = not connection.in_atomic_block
    with transaction.atomic():
        if outermost and connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
        document = exporter.run()
    if warnings is not None:
        warnings.extend(exporter.warnings)
    return document


def plan_dumps(document: dict) -> str:
    """The canonical text of a document: sorted keys, so equal plans give equal text."""
    return json.dumps(document, sort_keys=True, indent=1, ensure_ascii=False)


# --- Import ----------------------------------------------------------------------------


def _check_shape(data: Any) -> None:
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise PlanImportError(f"This is not a plan backup (expected format '{FORMAT}').")
    if data.get("version") != VERSION:
        raise PlanImportError(
            f"This backup has format version {data.get('version')!r}; this server reads "
            f"version {VERSION}."
        )
    for name, kind in (("region", dict), ("cohort", dict), ("tables", dict), ("users", list)):
        if not isinstance(data.get(name), kind):
            raise PlanImportError(f"The backup has no valid '{name}' part.")
    for name in ("book_templates", "section_templates", "stages"):
        _check_rows(data["cohort"].get(name), f"cohort.{name}")
    known = {label for label, _ in PLAN_TABLES}
    for label, rows in data["tables"].items():
        if label not in known:
            raise PlanImportError(f"The backup has an unknown table '{label}'.")
        _check_rows(rows, label)
    plans = data["tables"].get("masterplan.plan")
    if not plans or len(plans) != 1:
        raise PlanImportError("The backup must hold exactly one plan.")
    for user in data["users"]:
        if not isinstance(user, dict) or not isinstance(user.get("username"), str):
            raise PlanImportError("The backup's 'users' part is malformed.")


def _check_rows(rows: Any, name: str) -> None:
    if not isinstance(rows, list) or not all(isinstance(row, dict) for row in rows):
        raise PlanImportError(f"The backup's '{name}' part is not a list of records.")


class PlanImport:
    """One import; ``run()`` returns the plan, then ``created_users`` and ``counts`` tell
    what was made."""

    def __init__(self, data: Any, *, replace: bool = False):
        self.data = data
        self.replace = replace
        self.keys: dict[str, dict[tuple, int]] = defaultdict(dict)  # label -> key -> pk
        self.saved_files: list[tuple[Any, str]] = []
        self.created_users: list[str] = []
        self.created_region = False
        self.created_cohort = False
        self.counts: dict[str, int] = {}
        self.framework = None
        self.cohort = None

    def run(self) -> Plan:
        _check_shape(self.data)
        try:
            with transaction.atomic():
                return self._run()
        except (IntegrityError, DataError) as error:
            self._remove_files()
            raise PlanImportError(
                "The backup does not fit this database (a record with the same UUID may "
                f"already exist here, or a value is invalid): {error}"
            ) from error
        except (ValidationError, ValueError, TypeError, LookupError) as error:
            self._remove_files()
            message = "; ".join(getattr(error, "messages", [str(error)]))
            raise PlanImportError(f"The backup is malformed: {message}") from error
        except BaseException:
            self._remove_files()
            raise

    # -- steps

    def _run(self) -> Plan:
        data = self.data
        plan_row = data["tables"]["masterplan.plan"][0]
        self.framework = self._framework(plan_row.get("framework"))
        self._users(data["users"])
        region = self._region(data["region"])
        cohort = self._cohort(data["cohort"])
        self._clear_existing(plan_row, region, cohort)
        self._load_reference_keys()
        many: list[tuple[models.Field, models.Model, list]] = []
        for label, _lookup in PLAN_TABLES:
            rows = data["tables"].get(label, [])
            if label == "masterplan.agency":
                rows = self._match_agencies(rows, region)
            self.counts[label] = len(rows)
            self._insert(apps.get_model(label), rows, many)
        self._link_many(many)
        plan = Plan.objects.get(uuid=plan_row.get("uuid"))
        audit_record(
            actor=None,
            action="plan.import",
            target=plan,
            changes={"records": sum(self.counts.values()), "replace": self.replace},
        )
        return plan

    def _framework(self, code: Any):
        framework = apps.get_model("dimensions.framework").objects.filter(code=str(code)).first()
        if framework is None:
            raise PlanImportError(
                f"The plan uses the framework '{code}', which this server does not have."
            )
        return framework

    def _users(self, users: list[dict]) -> None:
        user_model = apps.get_model("masterplan.user")
        names = {user["username"]: user.get("full_name") or "" for user in users}
        existing = dict(user_model.objects.filter(username__in=names).values_list("username", "pk"))
        for username, full_name in sorted(names.items()):
            if username not in existing:
                user = user_model(username=username, full_name=full_name, is_active=False)
                user.set_unusable_password()
                user.save()
                existing[username] = user.pk
                self.created_users.append(username)
        for username, pk in existing.items():
            self.keys["masterplan.user"][(username,)] = pk

    def _region(self, row: dict) -> Region:
        region = Region.objects.filter(slug=row.get("slug")).first()
        if region is None:
            if Region.objects.filter(code=row.get("code")).exists():
                raise PlanImportError(
                    f"Another region on this server has the official code {row.get('code')!r}."
                )
            self._insert(Region, [row], [])
            region = Region.objects.get(slug=row.get("slug"))
            self.created_region = True
        self.keys["masterplan.region"][(region.slug,)] = region.pk
        return region

    def _cohort(self, row: dict) -> Cohort:
        fields = {key: value for key, value in row.items() if not isinstance(value, list)}
        cohort = Cohort.objects.filter(year=fields.get("year")).first()
        if cohort is None:
            framework_code = fields.get("framework")
            self.keys["dimensions.framework"][(framework_code,)] = self._framework(
                framework_code
            ).pk
            self._insert(Cohort, [fields], [])
            cohort = Cohort.objects.get(year=fields.get("year"))
            self.keys["masterplan.cohort"][(cohort.year,)] = cohort.pk
            many: list = []
            self._insert(BookTemplate, row["book_templates"], many)
            self._insert(SectionTemplate, row["section_templates"], many)
            self._insert(BimtekStage, row["stages"], many)
            self._link_many(many)
            self.created_cohort = True
        self.cohort = cohort
        self.keys["masterplan.cohort"][(cohort.year,)] = cohort.pk
        return cohort

    def _clear_existing(self, plan_row: dict, region: Region, cohort: Cohort) -> None:
        existing = Plan.objects.filter(region=region, cohort=cohort).first()
        same_uuid = Plan.objects.filter(uuid=plan_row.get("uuid")).first()
        if same_uuid is not None and same_uuid != existing:
            raise PlanImportError(
                f"This plan already exists on this server as the plan of {same_uuid.region} "
                f"in cohort {same_uuid.cohort.year}; it cannot be imported for another one."
            )
        if existing is None:
            return
        if not self.replace:
            raise PlanImportError(
                f"{region} already has a plan in cohort {cohort.year} on this server. "
                "Use --replace to delete it and import the backup in its place."
            )
        plan_delete(existing)

    def _load_reference_keys(self) -> None:
        scope = {"framework": self.framework, "cohort": self.cohort}
        for label, (fields, scope_path) in NATURAL_KEYS.items():
            if scope_path is None:
                continue
            owner = scope_path.rsplit("__", 1)[-1]
            rows = apps.get_model(label)._base_manager.filter(**{scope_path: scope[owner]})
            for row in rows.values_list("pk", *fields):
                self.keys[label][tuple(row[1:])] = row[0]
        framework_model = apps.get_model("dimensions.framework")
        for code, pk in framework_model.objects.values_list("code", "pk"):
            self.keys["dimensions.framework"][(code,)] = pk

    def _match_agencies(self, rows: list[dict], region: Region) -> list[dict]:
        """Agencies belong to the region: reuse the ones it has (by UUID, else by name)."""
        agency_model = apps.get_model("masterplan.agency")
        by_uuid = {str(a.uuid): a for a in agency_model.objects.filter(region=region)}
        by_name = {a.name: a for a in by_uuid.values()}
        new_rows = []
        for row in rows:
            key = str(row.get("uuid"))
            agency = by_uuid.get(key) or by_name.get(row.get("name"))
            if agency is None:
                if agency_model.objects.filter(uuid=_uuid_or_none(key)).exists():
                    raise PlanImportError(f"Agency {key} belongs to another region here.")
                new_rows.append(row)
            else:
                self.keys["masterplan.agency"][(key,)] = agency.pk
        return new_rows

    # -- the generic part: rows to objects

    def _insert(self, model: type[models.Model], rows: list[dict], many: list) -> None:
        label = _label(model)
        fields = {field.name: field for field in model._meta.concrete_fields}
        fields.update({field.name: field for field in model._meta.many_to_many})
        objects, stamps, later = [], [], []
        for number, row in enumerate(rows, start=1):
            where = f"{label} #{number} ({row.get('uuid') or row.get('key') or ''})"
            try:
                obj, stamp, self_refs = self._build(model, fields, row, many)
            except (ValidationError, ValueError, TypeError, KeyError) as error:
                message = "; ".join(getattr(error, "messages", [str(error)]))
                raise PlanImportError(f"{where}: {message}") from error
            objects.append(obj)
            stamps.append(stamp)
            later.append(self_refs)
        model._base_manager.bulk_create(objects)
        for obj, row in zip(objects, rows, strict=True):
            self._remember(model, obj, row)
        # bulk_create stamps auto_now fields with the time of the import: put the
        # document's back, and the references of the table to itself.
        timed = [field.name for field in model._meta.concrete_fields if _is_auto_time(field)]
        if timed and objects:
            for obj, stamp in zip(objects, stamps, strict=True):
                for name, value in stamp.items():
                    setattr(obj, name, value)
            model._base_manager.bulk_update(objects, timed, batch_size=500)
        self_fields = set()
        for obj, refs in zip(objects, later, strict=True):
            for field, value in refs:
                setattr(obj, field.attname, self._pk(model, value, field.null))
                self_fields.add(field.name)
        if self_fields:
            model._base_manager.bulk_update(objects, sorted(self_fields), batch_size=500)

    def _build(self, model, fields, row, many):
        obj = model()
        stamp, self_refs, files = {}, [], []
        for name, value in row.items():
            field = fields.get(name)
            if field is None or field.primary_key:
                raise ValueError(f"unknown field '{name}'")
            if field.many_to_many:
                if not isinstance(value, list):
                    raise ValueError(f"'{name}' must be a list")
                many.append((field, obj, value))
            elif field.is_relation:
                if value is None:
                    setattr(obj, field.attname, None)
                elif field.related_model is model:
                    self_refs.append((field, value))
                else:
                    setattr(obj, field.attname, self._pk(field.related_model, value, field.null))
            elif isinstance(field, models.FileField):
                files.append((field, value))
            else:
                parsed = field.to_python(value)
                setattr(obj, field.attname, parsed)
                if _is_auto_time(field):
                    stamp[field.attname] = parsed
        for field, value in files:
            self._attach_file(obj, field, value)
        return obj, stamp, self_refs

    def _attach_file(self, obj, field, value) -> None:
        if value is None:
            return
        if not isinstance(value, dict) or not isinstance(value.get("name"), str):
            raise ValueError(f"'{field.name}' must be {{'name': …, 'data': …}}")
        if value.get("data") is None:
            setattr(obj, field.attname, "")
            return
        try:
            content = base64.b64decode(value["data"], validate=True)
        except (binascii.Error, TypeError) as error:
            raise ValueError(f"'{field.name}' is not valid base64") from error
        name = get_valid_filename(os.path.basename(value["name"])) or "file"
        field_file = getattr(obj, field.name)
        field_file.save(name, ContentFile(content), save=False)
        self.saved_files.append((field_file.storage, field_file.name))

    def _pk(self, model: type[models.Model], key: Any, nullable: bool) -> int | None:
        label = _label(model)
        found = self.keys[label].get(_as_tuple(key))
        if found is None:
            if nullable and label == "masterplan.sectiontemplate":
                return None  # the server's own outline differs: the section stays unlinked
            raise ValueError(f"refers to an unknown {model._meta.verbose_name} {key!r}")
        return found

    def _remember(self, model, obj, row) -> None:
        label = _label(model)
        if label in NATURAL_KEYS:
            fields, _scope = NATURAL_KEYS[label]
            key = tuple(row.get(name.split("__")[0]) for name in fields)
        elif _has_uuid(model):
            key = (str(obj.uuid),)
        else:
            return
        self.keys[label][key] = obj.pk

    def _link_many(self, many: list) -> None:
        by_field: dict[models.Field, list] = defaultdict(list)
        for field, obj, keys in many:
            through = field.remote_field.through
            source, target = field.m2m_field_name(), field.m2m_reverse_field_name()
            for key in keys:
                other = self._pk(field.related_model, key, False)
                by_field[field].append(through(**{f"{source}_id": obj.pk, f"{target}_id": other}))
        for field, links in by_field.items():
            field.remote_field.through._base_manager.bulk_create(links)

    def _remove_files(self) -> None:
        for storage, name in self.saved_files:
            storage.delete(name)


def _is_auto_time(field: models.Field) -> bool:
    return bool(getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False))


def _uuid_or_none(value: str) -> uuid.UUID | None:
    try:
        return uuid.UUID(value)
    except ValueError:
        return None


@transaction.atomic
def plan_delete(plan: Plan) -> None:
    """Delete a plan with everything of it that the document holds (for ``--replace``)."""
    plan_queryset(plan, "reviews.comment", "comments").delete()
    images = list(plan_queryset(plan, "masterplan.sectionimage", "section__book__plan"))
    for image in images:
        name, storage = image.file.name, image.file.storage
        transaction.on_commit(lambda s=storage, n=name: s.delete(n))
        image.delete()
    photos = apps.get_model("programs.programmephoto")._base_manager.filter(programme__plan=plan)
    for photo in photos:
        name, storage = photo.image.name, photo.image.storage
        transaction.on_commit(lambda s=storage, n=name: s.delete(n))
    plan.delete()


def plan_import(data: Any, *, replace: bool = False) -> Plan:
    """Create the plan of a backup document in one transaction (see the module docstring).

    Raises PlanImportError with a message for the person importing when the document
    is malformed, refers to reference data this server lacks, or the region already
    has a plan in that cohort and ``replace`` is false.
    """
    return PlanImport(data, replace=replace).run()
