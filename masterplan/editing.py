"""Inline editing of a plan's structured records, one pattern for every editor.

A page lists records in a *board* (a template partial) made of *items* (another
partial). Adding, deleting and moving a record re-render the board; editing
re-renders the item. With htmx the response is the partial, without JavaScript
the same URL serves a whole page and redirects after a save.

Every edit form carries the version it was built from and is saved through
``record_save``: a stale save is refused with 409 and the page shows the other
person's current values beside the user's own, which stay in the form to be
re-applied. Deleting goes through ``record_delete`` (the trash, undone by admins).
"""

from __future__ import annotations

import json
import re
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models, transaction
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import get_script_prefix, reverse
from django.utils.formats import localize
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django_htmx.http import reswap, retarget

from masterplan.context import plan_context
from masterplan.models import Plan, Revision, TrackedModel, VersionConflict
from masterplan.permissions import access, access_for, can_create_in, can_edit
from masterplan.plan_versions import bump_record
from masterplan.services import audit_record, record_delete, record_save, snapshot_of

FORM_TEMPLATE = "dimensions/record_form.html"
DELETE_TEMPLATE = "dimensions/record_delete.html"


# --- Who may do what on a plan's pages --------------------------------------------------


def plan_for(request: HttpRequest, plan_id: int) -> Plan:
    """The plan, if the user may see it (404 for outsiders)."""
    return access(
        request.user, Plan.objects.select_related("region", "framework", "cohort"), pk=plan_id
    )


def edit_rights(user: Any, plan: Plan) -> dict[str, Any]:
    """Template context saying which records the user may change (no queries after the first).

    ``full_edit``: the whole plan; ``edit_dims``: ids of the dimensions a limited
    editor works on; ``can_add``: whether any add button makes sense.
    """
    rights = access_for(user)
    full = rights.may_edit(plan.region_id, None)
    dims = frozenset() if full else rights.limited_dimensions.get(plan.region_id, frozenset())
    return {"full_edit": full, "edit_dims": dims, "can_add": full or bool(dims)}


def may_edit_in(user: Any, plan: Plan, dimension_id: int | None) -> bool:
    return can_create_in(user, plan.region_id, dimension_id)


# --- A kind of record and its page -------------------------------------------------------


REGISTRY: dict[str, RecordKind] = {}


# A record id no record has: reversed once, then replaced by the record's own.
_SENTINEL = 987654321


@lru_cache(maxsize=4096)
def _record_url_pattern(script_prefix: str, app: str, action: str, args: tuple) -> str:
    return reverse(f"{app}:record_{action}", args=[*args, _SENTINEL])


@dataclass(frozen=True)
class RecordKind:
    """How one kind of record is listed and edited.

    ``template`` is the page listing the records: it defines the partials ``board``
    and ``item``. ``context(request, plan, parent)`` gives what the board needs.
    Programme records have a ``parent`` (the programme) named by ``parent_field``.
    ``siblings_by`` names the fields that group records a user may reorder;
    ``group_by`` the fields whose change moves a record to another part of the page.
    """

    slug: str
    model: type[TrackedModel]
    form: type[forms.ModelForm]
    template: str
    page_url_name: str
    context: Callable[[HttpRequest, Plan, Any], dict]
    title: Any
    app: str = "dimensions"
    parent_field: str | None = None
    siblings_by: tuple[str, ...] | None = None
    group_by: tuple[str, ...] = ()
    plan_lookup: str = "plan"
    select_related: tuple[str, ...] = ()

    board_name: str | None = None
    board_partial: str = "board"
    item_partial: str = "item"

    def __post_init__(self):
        REGISTRY[self.slug] = self

    # records of the plan (or of the parent programme) this kind covers
    def queryset(self, plan: Plan, parent: Any = None) -> QuerySet:
        records = self.model.objects.select_related(*self.select_related)
        if self.parent_field:
            return records.filter(**{self.parent_field: parent})
        return records.filter(**{self.plan_lookup: plan})

    def new(self, plan: Plan, parent: Any = None) -> TrackedModel:
        record = self.model()
        if self.parent_field:
            setattr(record, self.parent_field, parent)
        if self.plan_lookup == "plan" and "plan" in {f.name for f in self.model._meta.fields}:
            record.plan = plan
        return record

    def board_id(self, parent: Any = None) -> str:
        name = self.board_name or self.slug
        return f"board-{name}" + (f"-{parent.pk}" if parent is not None else "")

    def url_args(self, plan: Plan, parent: Any = None) -> list:
        return [plan.pk] + ([parent.pk] if parent is not None else []) + [self.slug]

    def url(self, action: str, plan: Plan, parent: Any = None, pk: int | None = None) -> str:
        args = self.url_args(plan, parent)
        if pk is None:
            return reverse(f"{self.app}:record_{action}", args=args)
        # a page lists many records: reversed once per plan, parent and action, the
        # record's id put in afterwards (the same URL, a fraction of the time)
        pattern = _record_url_pattern(get_script_prefix(), self.app, action, tuple(args))
        return pattern.replace(f"/{_SENTINEL}/", f"/{pk}/", 1)

    def page_url(self, plan: Plan, parent: Any = None) -> str:
        args = [plan.pk] + ([parent.pk] if parent is not None else [])
        return reverse(self.page_url_name, args=args)

    def item_id(self, record: models.Model) -> str:
        return f"{record._meta.model_name}-{record.pk}"

    def may_create(self, user: Any, plan: Plan, parent: Any = None) -> bool:
        """Whether to offer the add form at all; the saved record is checked again."""
        if parent is not None:
            return can_edit(user, parent)
        if {"dimension", "element"} & set(self.form.base_fields):
            return edit_rights(user, plan)["can_add"]
        # the record's dimension is not the user's to choose: it has none of its own
        return may_edit_in(user, plan, None)


def kind_or_404(kinds: dict[str, RecordKind], slug: str) -> RecordKind:
    try:
        return kinds[slug]
    except KeyError:
        raise Http404 from None


class KindConverter:
    """A URL segment naming one of an app's record kinds, and nothing else."""

    kinds: tuple[str, ...] = ()

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        cls.regex = "|".join(re.escape(kind) for kind in sorted(cls.kinds, key=len, reverse=True))

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


# --- Rendering ---------------------------------------------------------------------------


def return_to(request: HttpRequest) -> str:
    """The page the user is on, for links that should come back to it."""
    if request.htmx and request.htmx.current_url_abs_path:
        return request.htmx.current_url_abs_path
    return request.get_full_path()


def safe_next(request: HttpRequest, default: str) -> str:
    target = request.POST.get("next") or request.GET.get("next")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return default


def base_context(request: HttpRequest, plan: Plan, kind: RecordKind, parent: Any = None, **extra):
    context = plan_context(
        request,
        plan,
        kind=kind,
        board_id=kind.board_id(parent),
        return_to=return_to(request),
        **edit_rights(request.user, plan),
        **extra,
    )
    if kind.parent_field:
        # the kind's context may bring the parent with what its board needs prefetched
        context.setdefault(kind.parent_field, parent)
    return context


def render_board(
    request: HttpRequest, plan: Plan, kind: RecordKind, parent: Any = None, *, status: int = 200
) -> HttpResponse:
    """The board partial, aimed at the board whatever element made the request."""
    context = base_context(request, plan, kind, parent, **kind.context(request, plan, parent))
    response = render(request, f"{kind.template}#{kind.board_partial}", context, status=status)
    return reswap(retarget(response, f"#{kind.board_id(parent)}"), "outerHTML")


def render_page(
    request: HttpRequest, plan: Plan, kind: RecordKind, parent: Any = None, **extra
) -> HttpResponse:
    """The page listing the records (its board only, for htmx)."""
    context = base_context(request, plan, kind, parent, **kind.context(request, plan, parent))
    context.update(extra)
    template = f"{kind.template}#{kind.board_partial}" if request.htmx else kind.template
    return render(request, template, context)


def render_form(
    request: HttpRequest,
    plan: Plan,
    kind: RecordKind,
    form: forms.ModelForm,
    parent: Any = None,
    *,
    conflict: Conflict | None = None,
    status: int = 200,
) -> HttpResponse:
    record = form.instance
    adding = record._state.adding
    context = base_context(
        request,
        plan,
        kind,
        parent,
        form=form,
        record=record,
        adding=adding,
        conflict=conflict,
        next=safe_next(request, ""),
        action_url=(
            kind.url("create", plan, parent)
            if adding
            else kind.url("edit", plan, parent, record.pk)
        ),
        page_url=kind.page_url(plan, parent),
        form_id=(
            f"{kind.board_id(parent)}-new-{uuid.uuid4().hex[:8]}"
            if adding
            else f"{kind.item_id(record)}-form"
        ),
        item_id=None if adding else kind.item_id(record),
        multipart=form.is_multipart(),
    )
    template = f"{FORM_TEMPLATE}#form" if request.htmx else FORM_TEMPLATE
    return render(request, template, context, status=status)


def render_item(request: HttpRequest, plan: Plan, kind: RecordKind, record, parent=None):
    context = base_context(request, plan, kind, parent, item=record)
    return render(request, f"{kind.template}#{kind.item_partial}", context)


# --- Saving ------------------------------------------------------------------------------


def save_form(form: forms.ModelForm, *, by: Any) -> TrackedModel:
    """Save a valid form with the version check, a revision and an audit event.

    Many-to-many values are saved right after the record (it needs a primary key
    first), inside the same save, so the revision and the audit's before/after show them.
    """
    record = form.save(commit=False)
    adding = record._state.adding
    based_on = None if adding else form.cleaned_data["version"]
    with transaction.atomic():
        record_save(record, by=by, based_on=based_on, save_many=form.save_m2m)
    return record


@dataclass
class ConflictRow:
    """One field of a refused save.

    ``change`` says who changed it since the version the user started from:
    "theirs" (taken over into the user's form), "mine", "both", or "unknown"
    when that version's revision is not on record.
    """

    name: str
    label: str
    theirs: str
    mine: str
    change: str


@dataclass
class Conflict:
    """What someone else saved meanwhile, beside what this user tried to save."""

    current: TrackedModel
    rows: list[ConflictRow]


def shown(field: forms.Field, value: Any) -> str:
    """A form value as a person reads it, for the side-by-side comparison."""
    if isinstance(field, forms.ModelMultipleChoiceField):
        return ", ".join(str(item) for item in value) if value else "—"
    if value is None or value == "" or value == []:
        return "—"
    if isinstance(field, forms.BooleanField):
        return _("yes") if value else _("no")
    if isinstance(field, forms.ModelChoiceField):
        return str(value)
    if isinstance(field, forms.ChoiceField):
        labels = {str(key): label for key, label in field.choices}
        return str(labels.get(str(value), value))
    if isinstance(field, forms.FileField):
        return getattr(value, "name", str(value)).rsplit("/", 1)[-1]
    return str(localize(value))


def current_value(record: TrackedModel, name: str) -> Any:
    field = record._meta.get_field(name)
    if field.many_to_many:
        return list(getattr(record, name).all())
    return getattr(record, name)


def base_snapshot(current: TrackedModel, based_on: int | None) -> dict[str, Any] | None:
    """The field values the user's form started from, when history has them."""
    if not based_on:
        # the user's form was for a row that did not exist yet: it started blank
        blank = type(current)()
        return None if blank._meta.many_to_many else snapshot_of(blank)
    revisions = Revision.objects.for_object(current).filter(version=based_on).order_by("-pk")
    return revisions.values_list("snapshot", flat=True).first()


def my_snapshot(form: forms.ModelForm) -> dict[str, Any]:
    """The user's values in the form revisions store them (ids, sorted id lists, text)."""
    values = {
        field.name: field.value_from_object(form.instance)
        for field in form.instance._meta.concrete_fields
    }
    for field in form.instance._meta.concrete_fields:
        if isinstance(field, models.FileField):  # a stored file's name, as revisions have it
            values[field.name] = values[field.name].name or ""
    for field in form.instance._meta.many_to_many:
        if field.name in form.cleaned_data:
            values[field.name] = sorted(item.pk for item in form.cleaned_data[field.name])
    return json.loads(json.dumps(values, cls=DjangoJSONEncoder))


def put_value(data, name: str, value: Any, field: forms.Field) -> None:
    """Write an initial form value into posted data, as a browser would send it."""
    if isinstance(field, forms.BooleanField):
        if value:
            data[name] = "on"
        else:
            data.pop(name, None)
    elif isinstance(value, list | tuple):
        data.setlist(name, [str(item) for item in value])
    else:
        data[name] = "" if value is None else str(value)


def resolve_conflict(
    request: HttpRequest,
    form: forms.ModelForm,
    current: TrackedModel,
    *,
    based_on: int | None,
    **kwargs,
) -> tuple[Conflict, forms.ModelForm]:
    """Compare a refused save with the record as it is now, and merge what can be.

    Fields only the other person changed are taken over into the user's form;
    fields only the user changed keep the user's value; where both changed a field
    the form keeps the user's text and the table shows theirs beside it. Saving
    that form (now based on the current version) re-applies the user's work.
    """
    base = base_snapshot(current, based_on)
    theirs = snapshot_of(current)
    mine = my_snapshot(form)
    theirs_form = type(form)(instance=current, **kwargs)
    data = request.POST.copy()
    data[form.add_prefix("version")] = str(current.version)
    model = type(current)

    def same(name: str, one: Any, other: Any) -> bool:
        model_field = model._meta.get_field(name)
        if model_field.many_to_many:
            return one == other
        return model_field.to_python(one) == model_field.to_python(other)

    rows = []
    for name, field in form.fields.items():
        if name not in theirs or same(name, theirs[name], mine.get(name)):
            continue
        if base is None or name not in base:
            change = "unknown"
        elif same(name, mine.get(name), base[name]):
            change = "theirs"
            put_value(data, form.add_prefix(name), theirs_form[name].value(), field)
        elif same(name, theirs[name], base[name]):
            change = "mine"
        else:
            change = "both"
        rows.append(
            ConflictRow(
                name=name,
                label=str(field.label),
                theirs=shown(field, current_value(current, name)),
                mine=shown(field, form.cleaned_data.get(name)),
                change=change,
            )
        )
    merged = type(form)(data, request.FILES or None, instance=current, **kwargs)
    return Conflict(current=current, rows=rows), merged


def fresh(record: TrackedModel) -> TrackedModel:
    return type(record)._default_manager.select_related("updated_by").get(pk=record.pk)


# --- The four actions --------------------------------------------------------------------


def form_kwargs(request: HttpRequest, plan: Plan, parent: Any = None) -> dict[str, Any]:
    return {"plan": plan, "user": request.user, "parent": parent}


def check_dimension(request: HttpRequest, plan: Plan, record: TrackedModel) -> None:
    """A limited editor may not put a record into a dimension that is not theirs."""
    if not may_edit_in(request.user, plan, record.scope_dimension_id()):
        raise PermissionDenied


def create_record(
    request: HttpRequest, plan: Plan, kind: RecordKind, parent: Any = None
) -> HttpResponse:
    if not kind.may_create(request.user, plan, parent):
        raise PermissionDenied
    record = kind.new(plan, parent)
    kwargs = form_kwargs(request, plan, parent)
    if request.method != "POST":
        initial = {name: value for name, value in request.GET.items() if name != "next"}
        form = kind.form(instance=record, initial=initial, **kwargs)
        return render_form(request, plan, kind, form, parent)
    form = kind.form(request.POST, request.FILES or None, instance=record, **kwargs)
    if not form.is_valid():
        return render_form(request, plan, kind, form, parent)
    check_dimension(request, plan, form.instance)
    if kind.siblings_by:
        form.instance.order = next_order(form.instance, kind)
    save_form(form, by=request.user)
    if request.htmx:
        return render_board(request, plan, kind, parent)
    messages.success(request, _("Saved."))
    return redirect(safe_next(request, kind.page_url(plan, parent)))


def edit_record(
    request: HttpRequest, plan: Plan, kind: RecordKind, pk: int, parent: Any = None
) -> HttpResponse:
    record = access(request.user, kind.queryset(plan, parent), action="edit", pk=pk)
    kwargs = form_kwargs(request, plan, parent)
    if request.method != "POST":
        return render_form(request, plan, kind, kind.form(instance=record, **kwargs), parent)
    groups_before = [getattr(record, name) for name in kind.group_by]
    form = kind.form(request.POST, request.FILES or None, instance=record, **kwargs)
    if not form.is_valid():
        return render_form(request, plan, kind, form, parent)
    check_dimension(request, plan, form.instance)
    try:
        save_form(form, by=request.user)
    except VersionConflict:
        conflict, merged = resolve_conflict(
            request, form, fresh(record), based_on=form.cleaned_data["version"], **kwargs
        )
        return render_form(request, plan, kind, merged, parent, conflict=conflict, status=409)
    if not request.htmx:
        messages.success(request, _("Saved."))
        url = safe_next(request, kind.page_url(plan, parent))
        return redirect(url if "#" in url else f"{url}#{kind.item_id(record)}")
    if groups_before != [getattr(record, name) for name in kind.group_by]:
        return render_board(request, plan, kind, parent)
    return render_item(request, plan, kind, record, parent)


def delete_record(
    request: HttpRequest, plan: Plan, kind: RecordKind, pk: int, parent: Any = None
) -> HttpResponse:
    record = access(request.user, kind.queryset(plan, parent), action="edit", pk=pk)
    if request.method != "POST":
        context = base_context(
            request,
            plan,
            kind,
            parent,
            record=record,
            item_id=kind.item_id(record),
            action_url=kind.url("delete", plan, parent, record.pk),
            page_url=kind.page_url(plan, parent),
            next=safe_next(request, ""),
        )
        template = f"{DELETE_TEMPLATE}#confirm" if request.htmx else DELETE_TEMPLATE
        return render(request, template, context)
    record_delete(record, by=request.user)
    if request.htmx:
        return render_board(request, plan, kind, parent)
    messages.success(request, _("Deleted. An administrator can undo this."))
    return redirect(safe_next(request, kind.page_url(plan, parent)))


def move_record(
    request: HttpRequest, plan: Plan, kind: RecordKind, pk: int, parent: Any = None
) -> HttpResponse:
    if request.method != "POST" or kind.siblings_by is None:
        return HttpResponse(status=405, headers={"Allow": "POST"})
    record = access(request.user, kind.queryset(plan, parent), action="edit", pk=pk)
    step = -1 if request.POST.get("direction") == "up" else 1
    record_reorder(record, kind, step=step, by=request.user)
    if request.htmx:
        return render_board(request, plan, kind, parent)
    return redirect(f"{safe_next(request, kind.page_url(plan, parent))}#{kind.item_id(record)}")


def next_order(record: TrackedModel, kind: RecordKind) -> int:
    """New records go to the end of their group."""
    group = {name: getattr(record, name) for name in kind.siblings_by or ()}
    last = type(record)._default_manager.filter(**group).aggregate(last=models.Max("order"))
    return (last["last"] or 0) + 1


@transaction.atomic
def record_reorder(record: TrackedModel, kind: RecordKind, *, step: int, by: Any) -> None:
    """Swap a record with its neighbour and number the group 1, 2, 3….

    Only ``order`` changes, written without a new version so that someone editing
    the text of a moved record meanwhile is not told of a conflict.
    """
    group = {name: getattr(record, name) for name in kind.siblings_by or ()}
    siblings = list(type(record)._default_manager.select_for_update().filter(**group))
    index = next(i for i, sibling in enumerate(siblings) if sibling.pk == record.pk)
    other = index + step
    if not 0 <= other < len(siblings):
        return
    siblings[index], siblings[other] = siblings[other], siblings[index]
    for position, sibling in enumerate(siblings, start=1):
        if sibling.order != position:
            type(record)._default_manager.filter(pk=sibling.pk).update(order=position)
    bump_record(record)  # QuerySet.update sends no signal
    audit_record(
        actor=by,
        action=f"{record._meta.model_name}.move",
        target=record,
        changes={"position": other + 1},
    )
