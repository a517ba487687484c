"""Every CheckConstraint of every model is a field message that says the allowed values,
in Indonesian, through the form people use (or the serializer), never the constraint name."""

from __future__ import annotations

import datetime
import importlib
from decimal import Decimal

import pytest
from django import forms
from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.forms import modelform_factory
from django.urls import reverse
from django.utils import translation

from masterplan import editing
from masterplan.models.base import constraint_field
from masterplan.registry import plan_record_kind
from tests.api.conftest import build_records

pytestmark = pytest.mark.django_db

# Constraints no form or API field can break, with the reason: they guard rows written by a
# service only.
INTERNAL = {
    "exportjob_kind_fields": "export jobs are created by exports.services (job_request and its "
    "kind-specific callers) from a book, a plan, a year or a pair of editions the view or the "
    "serializer has already checked; nobody edits a job's kind fields",
}

CONSTRAINTS = [
    (model, constraint)
    for model in apps.get_models()
    for constraint in model._meta.constraints
    if isinstance(constraint, models.CheckConstraint) and constraint.name not in INTERNAL
]


def test_the_internal_constraints_exist():
    """An exemption outlives its constraint only by mistake."""
    names = {c.name for model in apps.get_models() for c in model._meta.constraints}
    assert set(INTERNAL) <= names


def _fields_of(condition) -> set[str]:
    names: set[str] = set()
    for child in condition.children:
        if isinstance(child, Q):
            names |= _fields_of(child)
            continue
        lookup, value = child
        names.add(lookup.split("__")[0])
        expressions = [value]
        while expressions:
            expression = expressions.pop()
            if isinstance(expression, F):
                names.add(expression.name)
            expressions.extend(getattr(expression, "get_source_expressions", list)())
    return names


def _model_forms(model) -> list[type[forms.ModelForm]]:
    for app in ("masterplan", "dimensions", "programs", "roadmap"):
        importlib.import_module(f"{app}.forms")
        importlib.import_module(f"{app}.views")
    found = [kind.form for kind in editing.REGISTRY.values() if kind.model is model]
    pending = list(forms.ModelForm.__subclasses__())
    while pending:
        form = pending.pop()
        pending.extend(form.__subclasses__())
        meta = getattr(form, "_meta", None)
        if meta is not None and meta.model is model and form not in found:
            found.append(form)
    return found


def _violating_value(instance, constraint, field: models.Field):
    """The first of a few telling values that the constraint refuses."""
    if isinstance(field, models.DateField):
        candidates = [datetime.date(1990, 1, 1)]
    else:
        candidates = [-1, 1999, 5, 0, 2101, 3000]
    for value in candidates:
        setattr(
            instance,
            field.attname,
            Decimal(value)
            if isinstance(value, int) and isinstance(field, models.DecimalField)
            else value,
        )
        try:
            constraint.validate(type(instance), instance)
        except ValidationError:
            return value
    raise AssertionError(f"no violating value found for {constraint.name}")


def _instance(world, model):
    build_records(world.plan_a)
    if model._meta.label_lower == "masterplan.bimtekstage":
        return world.plan_a.cohort.stages.first()
    return plan_record_kind(model).of_plan(world.plan_a).first()


def _data(form: forms.ModelForm) -> dict:
    data = {}
    for name, bound in form.fields.items():
        if isinstance(bound, forms.FileField):
            continue
        value = form[name].value()
        if value is None:
            continue
        if isinstance(bound, forms.BooleanField) and not value:
            continue
        data[name] = value
    return data


@pytest.mark.parametrize(
    ("model", "constraint"),
    CONSTRAINTS,
    ids=[constraint.name for _model, constraint in CONSTRAINTS],
)
def test_each_constraint_is_a_translated_field_message(world, model, constraint):
    field_name = constraint_field(constraint)
    assert field_name, constraint.name
    needed = _fields_of(constraint.condition)
    instance = _instance(world, model)
    assert instance is not None, model
    candidates = [form for form in _model_forms(model) if needed <= set(form.base_fields)]
    form_class = candidates[0] if candidates else modelform_factory(model, fields=sorted(needed))
    kwargs = {}
    if issubclass(form_class, editing_record_form()):
        parent = getattr(instance, "programme", None)
        kwargs = {"plan": world.plan_a, "user": world.coordinator_a, "parent": parent}
    unbound = form_class(instance=instance, **kwargs)
    data = _data(unbound)
    field = model._meta.get_field(field_name)
    bad = _violating_value(model._base_manager.get(pk=instance.pk), constraint, field)
    data[field_name] = bad
    with translation.override("id"):
        form = form_class(data, instance=model._base_manager.get(pk=instance.pk), **kwargs)
        assert not form.is_valid(), (constraint.name, bad)
        messages = [str(message) for message in form.errors.get(field_name, [])]
        assert messages, (constraint.name, form.errors)
        shown = " ".join(messages) + " ".join(form.non_field_errors())
    assert constraint.name not in shown, shown
    assert "dilanggar" not in shown and "violated" not in shown, shown
    with translation.override("en"):
        english = str(constraint.get_violation_error_message())
    with translation.override("id"):
        indonesian = str(constraint.get_violation_error_message())
    assert english != indonesian, f"{constraint.name}: no Indonesian message"
    assert constraint.violation_error_code, constraint.name


def editing_record_form():
    from dimensions.forms import RecordForm

    return RecordForm


def test_the_indicator_form_marks_the_base_year_and_says_the_range(client, world):
    records = build_records(world.plan_a)
    programme = records["programme"]
    client.force_login(world.coordinator_a)
    url = reverse("programs:record_create", args=[world.plan_a.pk, programme.pk, "indikator"])
    response = client.post(
        url, {"name": "Aplikasi terpadu", "unit": "aplikasi", "baseline_year": 1999}
    )
    assert response.status_code == 200
    assert "Isikan tahun antara 2000 dan 2100." in response.text
    assert "indicator_baseline_year_range" not in response.text
    assert "is-invalid" in response.text


def test_the_api_says_which_field_and_the_range(client, world):
    records = build_records(world.plan_a)
    indicator = records["indicator"]
    client.force_login(world.coordinator_a)
    response = client.get(reverse("api:indicator-detail", args=[indicator.pk]))
    assert response.status_code == 200
    patched = client.patch(
        reverse("api:indicator-detail", args=[indicator.pk]),
        {"baseline_year": 1999, "version": indicator.version},
        content_type="application/json",
        headers={"If-Match": response.get("ETag", "")},
    )
    assert patched.status_code == 400
    assert patched.json()["baseline_year"] == ["Isikan tahun antara 2000 dan 2100."]
