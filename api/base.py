"""What every resource shares: relations limited to what the caller may see, writes that go
through the model (full_clean, version check, audit row), and the one viewset base class
that scopes, authorises and checks If-Match."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, ClassVar

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import DataError, IntegrityError, models, transaction
from django.utils.translation import gettext_lazy as _
from rest_framework import permissions, serializers, status, viewsets
from rest_framework.exceptions import APIException, NotFound, PermissionDenied
from rest_framework.negotiation import DefaultContentNegotiation
from rest_framework.settings import api_settings
from rest_framework.utils import model_meta

from api.concurrency import PreconditionFailed, etag_for, required_version
from api.exceptions import as_drf_validation_error
from masterplan.models import Plan, Region, User, VersionConflict
from masterplan.permissions import can_create_in, can_edit
from masterplan.services import record_delete, record_save

TRACKED_READ_ONLY = ("uuid", "version", "created_at", "updated_at", "created_by", "updated_by")
WRITE_METHODS = ("PUT", "PATCH", "DELETE")
SINGLE_OBJECT_ACTIONS = ("retrieve", "create", "update", "partial_update")


def scope_joins(model: type[models.Model]) -> list[str]:
    """The relations a permission check walks (``programme__plan`` for an activity)."""
    paths = (getattr(model, "region_path", ""), getattr(model, "dimension_path", None))
    return [owner for path in paths if (owner := (path or "").rpartition("__")[0])]


class ScopedRelatedField(serializers.PrimaryKeyRelatedField):
    """A foreign key that accepts only records the caller may see (others "do not exist")."""

    def get_queryset(self):
        queryset = super().get_queryset()
        if hasattr(queryset, "visible_to"):
            request = self.context.get("request")
            queryset = queryset.visible_to(getattr(request, "user", None))
        return queryset


def _items(value: Any) -> Iterable[Any]:
    if value is None:
        return ()
    if isinstance(value, list | tuple | set):
        return value
    return (value,)


def _framework_id(item: Any) -> int | None:
    if hasattr(item, "framework_id"):
        return item.framework_id
    if hasattr(item, "dimension"):  # an element
        return item.dimension.framework_id
    return item.pillar.framework_id  # a pillar aspect


# (Comments, not docstrings, on the base classes: drf-spectacular would copy a docstring
# into the description of every schema component and operation.)


class RecordSerializer(serializers.ModelSerializer):
    # Validates like the model does and writes through it.
    #
    # ``owner_field`` names the owner (plan, programme, region…): chosen by the client on
    # create only, from what it may see, and read-only afterwards. ``same_plan``,
    # ``same_region`` and ``same_framework`` list the relations that must stay inside the
    # owner's plan, region or reference framework.

    serializer_related_field = ScopedRelatedField

    owner_field: ClassVar[str | None] = "plan"
    same_plan: ClassVar[tuple[str, ...]] = ()
    same_region: ClassVar[tuple[str, ...]] = ()
    same_framework: ClassVar[tuple[str, ...]] = ()

    class Meta:
        read_only_fields = TRACKED_READ_ONLY

    @classmethod
    def for_update(cls) -> type[RecordSerializer]:
        """The same serializer with the owner read-only: records never move to another owner."""
        if not cls.owner_field:
            return cls
        variant = cls.__dict__.get("_update_variant")
        if variant is None:
            meta = type(
                "Meta",
                (cls.Meta,),
                {"read_only_fields": (*cls.Meta.read_only_fields, cls.owner_field)},
            )
            name = cls.__name__.removesuffix("Serializer") + "UpdateSerializer"
            variant = type(name, (cls,), {"Meta": meta, "__module__": cls.__module__})
            cls._update_variant = variant
        return variant

    # --- validation ----------------------------------------------------------------

    def owner(self, attrs: dict[str, Any]) -> tuple[int | None, Plan | None]:
        """The region id and plan the record belongs to (after this change)."""
        name = self.owner_field
        parent = attrs.get(name) if name else None
        if parent is None and name and self.instance is not None:
            parent = getattr(self.instance, name)
        if isinstance(parent, Region):
            return parent.pk, None
        plan = parent if isinstance(parent, Plan) else getattr(parent, "plan", None)
        return (plan.region_id if plan else None), plan

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        attrs = super().validate(attrs)
        if not (self.same_plan or self.same_region or self.same_framework):
            return attrs
        region_id, plan = self.owner(attrs)
        errors: dict[str, str] = {}
        for name in self.same_plan:
            if any(plan is None or item.plan_id != plan.pk for item in _items(attrs.get(name))):
                errors[name] = _("Choose records of the same plan.")
        for name in self.same_region:
            if any(item.region_id != region_id for item in _items(attrs.get(name))):
                errors[name] = _("Choose an agency of the same region.")
        for name in self.same_framework:
            if any(
                plan is None or _framework_id(item) != plan.framework_id
                for item in _items(attrs.get(name))
            ):
                errors[name] = _("Choose an item of the plan's reference framework.")
        if errors:
            raise serializers.ValidationError(errors)
        return attrs

    # --- writing -------------------------------------------------------------------

    def build(self) -> models.Model:
        """Apply the validated data to the record (new or current), without saving."""
        data = dict(self.validated_data)
        relations = model_meta.get_field_info(self.Meta.model).relations
        self._many = {
            name: data.pop(name)
            for name in list(data)
            if name in relations and relations[name].to_many
        }
        record = self.instance if self.instance is not None else self.Meta.model()
        for name, value in data.items():
            setattr(record, name, value)
        self._record = record
        return record

    def commit(self, *, by: User, based_on: int | None = None) -> models.Model:
        """Clean, then save like the portal does: version check, revision, audit row."""
        record = self._record
        creating = record._state.adding
        record.stamp(by)
        try:
            record.full_clean()
        except DjangoValidationError as error:
            raise as_drf_validation_error(error) from error
        try:
            with transaction.atomic():
                if creating:
                    record_save(record, by=by, save_many=lambda: self._set_many(record))
                else:
                    # many-to-many first, so the revision shows them; a conflict undoes them
                    self._set_many(record)
                    record_save(record, by=by, based_on=based_on)
        except (IntegrityError, DataError) as error:
            # full_clean checks the constraints; this is a race or a value the database refuses
            raise serializers.ValidationError(
                {api_settings.NON_FIELD_ERRORS_KEY: [_("The database refused this change.")]}
            ) from error
        self.instance = record
        return record

    def _set_many(self, record: models.Model) -> None:
        for name, value in self._many.items():
            getattr(record, name).set(value)


class Conflict(APIException):
    status_code = status.HTTP_409_CONFLICT
    default_detail = _("Other records still depend on this one.")
    default_code = "protected"


class ScopedPermission(permissions.BasePermission):
    # Signed in to read; the viewset's own rule to change a record it found.

    def has_permission(self, request, view) -> bool:
        return bool(request.user and request.user.is_authenticated)

    def has_object_permission(self, request, view, obj) -> bool:
        return request.method in permissions.SAFE_METHODS or view.may_change(request.user, obj)


class ScopedViewSet(viewsets.ModelViewSet):
    # Scoping, authorisation and versions for every resource.
    #
    # Lists and lookups start from ``model.objects.visible_to(user)``, so another region's
    # records are simply not found (404). Changes need ``can_edit`` on the record before
    # and after the change, new records ``can_create_in`` (else 403), and writes to an
    # existing record need its ETag in If-Match (428 without, 412 when stale).

    model: ClassVar[type[models.Model]]
    scoped: ClassVar[bool] = True
    # records without a version (comments, sign-offs, jobs) are changed without If-Match
    versioned: ClassVar[bool] = True
    prefetch: ClassVar[tuple[str, ...]] = ()

    permission_classes = [ScopedPermission]
    lookup_value_regex = "[0-9]+"
    based_on: int | None = None

    def get_queryset(self):
        manager = self.model.objects
        queryset = manager.visible_to(self.request.user) if self.scoped else manager.all()
        if self.scoped:
            queryset = queryset.select_related(*scope_joins(self.model))
        if self.request.method in permissions.SAFE_METHODS:
            # a write answers with the record as saved, fetched afresh
            queryset = queryset.prefetch_related(*self.prefetch)
        return queryset

    def get_serializer_class(self):
        serializer_class = super().get_serializer_class()
        if self.action in ("update", "partial_update") and issubclass(
            serializer_class, RecordSerializer
        ):
            return serializer_class.for_update()
        return serializer_class

    def may_change(self, user: User, record: models.Model) -> bool:
        return can_edit(user, record)

    def may_create(self, user: User, record: models.Model) -> bool:
        return can_create_in(user, record.scope_region_id(), record.scope_dimension_id())

    def get_object(self):
        record = super().get_object()
        if self.versioned and self.request.method in WRITE_METHODS:
            self.based_on = required_version(
                self.request.headers.get("If-Match"),
                record.version,
                lambda: self.get_serializer(record).data,
            )
        return record

    def perform_create(self, serializer: RecordSerializer) -> None:
        record = serializer.build()
        if not self.may_create(self.request.user, record):
            raise PermissionDenied(_("You may not add this record here."))
        serializer.commit(by=self.request.user)

    def perform_update(self, serializer: RecordSerializer) -> None:
        record = serializer.build()
        # the changed record must still be one the user may edit (e.g. same dimension)
        if not self.may_change(self.request.user, record):
            raise PermissionDenied(_("You may not make this change."))
        try:
            serializer.commit(by=self.request.user, based_on=self.based_on)
        except VersionConflict:
            self.conflict(record.pk)

    def perform_destroy(self, record: models.Model) -> None:
        try:
            with transaction.atomic():
                current = (
                    type(record)
                    ._base_manager.select_for_update()
                    .filter(pk=record.pk)
                    .values_list("version", flat=True)
                    .first()
                )
                if current != self.based_on:
                    raise VersionConflict(record, current)
                record_delete(record, by=self.request.user)  # kept in the trash for undo
        except VersionConflict:
            self.conflict(record.pk)
        except (models.ProtectedError, models.RestrictedError) as error:
            raise Conflict() from error

    def conflict(self, pk: int):
        current = self.get_queryset().filter(pk=pk).first()
        if current is None:
            raise NotFound()
        raise PreconditionFailed(self.get_serializer(current).data, current.version)

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        if (
            getattr(self, "action", None) in SINGLE_OBJECT_ACTIONS
            and response.status_code in (200, 201)
            and isinstance(response.data, dict)
            and "version" in response.data
        ):
            response["ETag"] = etag_for(response.data["version"])
        return response


class ReadOnlyViewSet(ScopedViewSet):
    http_method_names = ["get", "head", "options"]


class UpdateOnlyViewSet(ScopedViewSet):
    # Records that exist with their plan (plans, sections): changed, never added or removed.

    http_method_names = ["get", "put", "patch", "head", "options"]


class AnyAcceptNegotiation(DefaultContentNegotiation):
    """A download (PDF, photo) answers the file whatever the client accepts; errors in JSON."""

    def select_renderer(self, request, renderers, format_suffix=None):
        return renderers[0], renderers[0].media_type
