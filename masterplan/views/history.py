"""The revision history of any tracked record: list, compare, restore."""

from __future__ import annotations

import uuid as uuid_lib

from django.apps import apps
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django.views.decorators.http import require_POST

from masterplan.context import plan_context
from masterplan.lib.textdiff import is_long_text, word_diff
from masterplan.models import Plan, Revision, Section, TrackedModel
from masterplan.permissions import access, can_edit
from masterplan.services import record_revert


def _tracked_model(type_label: str) -> type[TrackedModel]:
    try:
        model = apps.get_model(type_label)
    except (LookupError, ValueError) as error:
        raise Http404 from error
    if not issubclass(model, TrackedModel):
        raise Http404
    return model


def _plan_of(obj) -> Plan | None:
    """The plan a record belongs to, when it belongs to one (for the page layout)."""
    if isinstance(obj, Plan):
        return obj
    owner_path = obj.region_path.rpartition("__")[0]
    plan = obj._walk(owner_path) if owner_path else None
    return plan if isinstance(plan, Plan) else None


def _record_url(user, obj) -> str | None:
    if isinstance(obj, Section):
        # Readers (viewers, mentors) open the chapter's review page, not the editor.
        name = "section_edit" if can_edit(user, obj) else "reviews:section_review"
        return reverse(name, args=[obj.pk])
    getter = getattr(obj, "get_absolute_url", None)
    return getter() if getter else None


def _history_context(request: HttpRequest, obj, **extra) -> dict:
    plan = _plan_of(obj)
    context = {
        "target": obj,
        "target_label": obj._meta.label_lower,
        "target_name": obj._meta.verbose_name,
        "target_url": _record_url(request.user, obj),
        "can_restore": can_edit(request.user, obj),
        **extra,
    }
    if plan is not None:
        context.update(plan_context(request, plan))
    return context


@login_required
def record_history(request: HttpRequest, type_label: str, uuid: uuid_lib.UUID) -> HttpResponse:
    """Who changed a record, when and what; pick two revisions to compare."""
    obj = access(request.user, _tracked_model(type_label), uuid=uuid)
    revisions = list(Revision.objects.for_object(obj).select_related("actor")[:500])
    show_all = request.GET.get("all") == "1"
    shown = []
    for index, revision in enumerate(revisions):
        newer = revisions[index - 1] if index else None
        if not show_all and _is_superseded_autosave(revision, newer):
            continue
        shown.append(revision)
    for index, revision in enumerate(shown):
        revision.note_label = _note_label(revision.note)
        older = shown[index + 1] if index + 1 < len(shown) else None
        revision.changed = [
            _field_label(obj, name)
            for name, _before, _after in revision.changes_since(older)
            if _shown(type(obj), name)
        ]
    context = _history_context(
        request, obj, revisions=shown, folded=len(revisions) - len(shown), show_all=show_all
    )
    template = "masterplan/record_history.html"
    if request.htmx:
        template = "masterplan/revision_list.html"
    return render(request, template, context)


AUTOSAVE_FOLD_MINUTES = 15


def _note_label(note: str) -> str:
    """Why a revision was written, in words: "restore:v3" is for machines."""
    if note.startswith("restore:v"):
        return _("restored from version %(version)s") % {"version": note.removeprefix("restore:v")}
    labels = {
        "autosave": _("autosave"),
        "docx": _("Word import"),
        "seed": _("first text"),
        "merge": _("merged"),
    }
    return labels.get(note, note)


def _is_superseded_autosave(revision: Revision, newer: Revision | None) -> bool:
    """An autosave that the same person replaced soon after: noise in the history."""
    return (
        revision.note == "autosave"
        and newer is not None
        and newer.actor_id == revision.actor_id
        and (newer.at - revision.at).total_seconds() < AUTOSAVE_FOLD_MINUTES * 60
    )


def _field_label(obj, name: str) -> str:
    try:
        return str(obj._meta.get_field(name).verbose_name)
    except FieldDoesNotExist:
        return name


# What the system keeps for itself: keys, ordering, the template a record came from, the
# record it hangs on, stamps. People compare what they wrote.
HIDDEN_FIELDS = frozenset(
    {
        "id",
        "uuid",
        "key",
        "order",
        "template",
        "parent",
        "version",
        "created_at",
        "updated_at",
        "created_by",
        "updated_by",
        "region",
        "plan",
        "book",
    }
)


def _shown(model: type[models.Model], name: str) -> bool:
    if name in HIDDEN_FIELDS:
        return False
    try:
        field = model._meta.get_field(name)
    except FieldDoesNotExist:
        return False
    if not field.editable:
        return False
    plan_path = getattr(model, "plan_path", None) or model.region_path
    # the foreign key a record hangs on (its programme, its institution) never changes
    return not (field.many_to_one and plan_path.split("__")[0] == name)


def _display(model: type[models.Model], name: str, value):
    """A stored value as people read it: labels of choices, Ya/Tidak, names of records."""
    if value is None or value == "" or value == []:
        return None
    field = model._meta.get_field(name)
    if isinstance(field, models.BooleanField):
        return pgettext("boolean", "Yes") if value else pgettext("boolean", "No")
    if field.choices:
        return dict(field.flatchoices).get(value, value)
    if field.is_relation and field.related_model is not None:
        ids = value if isinstance(value, list) else [value]
        names = {row.pk: str(row) for row in field.related_model._base_manager.filter(pk__in=ids)}
        return ", ".join(names.get(pk, f"#{pk}") for pk in ids)
    return value


@login_required
def revision_compare(request: HttpRequest, type_label: str, uuid: uuid_lib.UUID) -> HttpResponse:
    obj = access(request.user, _tracked_model(type_label), uuid=uuid)
    try:
        ids = {int(request.GET["a"]), int(request.GET["b"])}
    except (KeyError, ValueError) as error:
        raise Http404 from error
    pair = sorted(
        Revision.objects.for_object(obj).filter(pk__in=ids).select_related("actor"),
        key=lambda revision: (revision.at, revision.pk),
    )
    if not pair:
        raise Http404
    older, newer = pair[0], pair[-1]
    rows = []
    model = type(obj)
    for name in dict.fromkeys([*older.snapshot, *newer.snapshot]):
        if not _shown(model, name):
            continue
        before, after = older.snapshot.get(name), newer.snapshot.get(name)
        long = is_long_text(before) or is_long_text(after)
        rows.append(
            {
                "name": name,
                "label": _field_label(obj, name),
                "before": _display(model, name, before),
                "after": _display(model, name, after),
                "changed": before != after,
                "diff": word_diff(before, after) if long and before != after else None,
            }
        )
    context = _history_context(request, obj, older=older, newer=newer, rows=rows)
    return render(request, "masterplan/revision_compare.html", context)


@require_POST
@login_required
def revision_restore(request: HttpRequest, revision_id: int) -> HttpResponse:
    revision = get_object_or_404(Revision.objects.visible_to(request.user), pk=revision_id)
    model = _tracked_model(revision.target_type)
    obj = access(request.user, model, action="edit", uuid=revision.target_uuid)
    record_revert(revision, by=request.user)
    messages.success(
        request,
        _("Version %(version)s was restored as a new version.") % {"version": revision.version},
    )
    return redirect("record_history", obj._meta.label_lower, obj.uuid)
