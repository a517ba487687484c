"""Import: a backup document becomes a plan here, in one transaction, or nothing does."""

from __future__ import annotations

import base64
import binascii
import os
import uuid
from collections import defaultdict
from typing import Any

from django.apps import apps
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import DataError, IntegrityError, models, transaction
from django.utils.text import get_valid_filename

from exports.backup.document import (
    FORMAT,
    NATURAL_KEYS,
    VERSION,
    PlanImportError,
    as_tuple,
    has_uuid,
    is_auto_time,
    label_of,
    plan_tables,
)
from masterplan.models import BimtekStage, BookTemplate, Cohort, Plan, Region, SectionTemplate
from masterplan.plan_versions import bump_region
from masterplan.services import audit_record


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
    known = {kind.label for kind in plan_tables()}
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
        for kind in plan_tables():
            rows = data["tables"].get(kind.label, [])
            if kind.of_region:
                rows = self._match_region_rows(kind.model, rows, region)
            self.counts[kind.label] = len(rows)
            self._insert(kind.model, rows, many)
        self._link_many(many)
        plan = Plan.objects.get(uuid=plan_row.get("uuid"))
        bump_region(region.pk)  # bulk_create sends no signal (the region's agencies too)
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

    def _match_region_rows(self, model, rows: list[dict], region: Region) -> list[dict]:
        """Records of the region (agencies) may be there already: reuse the ones it has (by
        UUID, else by name), insert the others."""
        label = label_of(model)
        by_uuid = {
            str(row.uuid): row for row in model._base_manager.filter(**{model.region_path: region})
        }
        named = any(field.name == "name" for field in model._meta.concrete_fields)
        by_name = {row.name: row for row in by_uuid.values()} if named else {}
        new_rows = []
        for row in rows:
            key = str(row.get("uuid"))
            found = by_uuid.get(key) or by_name.get(row.get("name"))
            if found is None:
                if model._base_manager.filter(uuid=_uuid_or_none(key)).exists():
                    name = str(model._meta.verbose_name).capitalize()
                    raise PlanImportError(f"{name} {key} belongs to another region here.")
                new_rows.append(row)
            else:
                self.keys[label][(key,)] = found.pk
        return new_rows

    # -- the generic part: rows to objects

    def _insert(self, model: type[models.Model], rows: list[dict], many: list) -> None:
        label = label_of(model)
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
        timed = [field.name for field in model._meta.concrete_fields if is_auto_time(field)]
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
                if is_auto_time(field):
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
        label = label_of(model)
        found = self.keys[label].get(as_tuple(key))
        if found is None:
            if nullable and label == "masterplan.sectiontemplate":
                return None  # the server's own outline differs: the section stays unlinked
            raise ValueError(f"refers to an unknown {model._meta.verbose_name} {key!r}")
        return found

    def _remember(self, model, obj, row) -> None:
        label = label_of(model)
        if label in NATURAL_KEYS:
            fields, _scope = NATURAL_KEYS[label]
            key = tuple(row.get(name.split("__")[0]) for name in fields)
        elif has_uuid(model):
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


def _uuid_or_none(value: str) -> uuid.UUID | None:
    try:
        return uuid.UUID(value)
    except ValueError:
        return None


@transaction.atomic
def plan_delete(plan: Plan) -> None:
    """Delete a plan with everything of it that the document holds (for ``--replace``).

    Children go before their parents; the records of the region (agencies) stay, its
    other plans may use them. Stored files go once the deletion is committed.
    """
    for kind in reversed(plan_tables()):
        if kind.of_region:
            continue
        rows = kind.of_plan(plan)
        for field in kind.model._meta.concrete_fields:
            if isinstance(field, models.FileField):
                names = rows.exclude(**{field.attname: ""}).values_list(field.attname, flat=True)
                for name in names:
                    transaction.on_commit(lambda s=field.storage, n=name: s.delete(n))
        rows.delete()


def plan_import(data: Any, *, replace: bool = False) -> Plan:
    """Create the plan of a backup document in one transaction (see the module docstring).

    Raises PlanImportError with a message for the person importing when the document
    is malformed, refers to reference data this server lacks, or the region already
    has a plan in that cohort and ``replace`` is false.
    """
    return PlanImport(data, replace=replace).run()
