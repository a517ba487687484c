"""Indicators that count something reject negative baselines and targets, with a field
error in Indonesian; rates, indices and changes may go below zero."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import translation

from programs.models import Indicator, IndicatorTarget
from tests import factories
from tests.api.conftest import client_for as api_client_for
from tests.api.conftest import url as api_url

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}


def client_for(user) -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE="id")
    client.force_login(user)
    return client


def create_url(programme) -> str:
    return reverse("programs:record_create", args=[programme.plan_id, programme.pk, "indikator"])


def target_url(programme, indicator, year: int) -> str:
    return reverse(
        "programs:indicator_target",
        args=[programme.plan_id, programme.pk, indicator.pk, year],
    )


@pytest.mark.parametrize(
    ("name", "unit", "count_like"),
    [
        ("Jumlah posyandu terhubung", "posyandu", True),
        ("Jumlah posyandu terhubung", "", True),
        ("Desa dengan akses internet", "desa", True),
        ("Waktu layanan perizinan", "hari", True),
        ("Cakupan layanan", "%", False),
        ("Indeks SPBE", "indeks", False),
        ("Pertumbuhan ekonomi", "persen", False),
        ("Laju penurunan stunting", "orang", False),
        ("Kepuasan warga", "", False),
    ],
)
def test_it_tells_counts_from_signed_measures(name, unit, count_like):
    assert Indicator(name=name, unit=unit).is_count_like() is count_like


def test_it_refuses_a_negative_baseline_of_a_count_in_the_form(world):
    programme = factories.programme(world.plan_a)

    response = client_for(world.editor_a).post(
        create_url(programme),
        {"name": "Jumlah posyandu terhubung", "unit": "posyandu", "baseline_value": "-5"},
    )

    assert response.status_code == 200
    assert not Indicator.objects.filter(programme=programme).exists()
    errors = response.context["form"].errors
    assert errors["baseline_value"] == [
        "Jumlah posyandu terhubung tidak boleh negatif: isi 0 atau lebih."
    ]


def test_it_refuses_a_negative_target_of_a_count_in_its_cell(world):
    programme = factories.programme(world.plan_a)
    indicator = Indicator.objects.create(
        programme=programme, name="Jumlah posyandu terhubung", unit="posyandu"
    )

    response = client_for(world.editor_a).post(
        target_url(programme, indicator, 2027), {"value": "-3"}, **HTMX
    )

    assert not IndicatorTarget.objects.filter(indicator=indicator).exists()
    assert "tidak boleh negatif: isi 0 atau lebih" in response.content.decode()


def test_it_keeps_negative_targets_of_a_change(world):
    programme = factories.programme(world.plan_a)
    indicator = Indicator.objects.create(programme=programme, name="Pertumbuhan", unit="%")

    client_for(world.editor_a).post(target_url(programme, indicator, 2027), {"value": "-1.5"})

    assert IndicatorTarget.objects.get(indicator=indicator).value == -1.5


def test_the_message_is_english_for_english_users():
    indicator = Indicator(name="Jumlah posyandu", unit="posyandu", baseline_value=-1)
    with translation.override("en"), pytest.raises(ValidationError) as refused:
        indicator.clean()
    with translation.override("en"):
        messages = refused.value.message_dict["baseline_value"]
    assert messages == ["Jumlah posyandu cannot be negative: enter 0 or more."]


def test_the_api_refuses_a_negative_target_of_a_count_too(world):
    programme = factories.programme(world.plan_a)
    indicator = Indicator.objects.create(
        programme=programme, name="Jumlah posyandu terhubung", unit="posyandu"
    )

    response = api_client_for(world.editor_a).post(
        api_url("indicator-targets"),
        {"indicator": indicator.pk, "year": 2027, "value": "-3"},
        format="json",
        HTTP_ACCEPT_LANGUAGE="id",
    )

    assert response.status_code == 400, response.content
    assert "value" in response.json()
    assert not IndicatorTarget.objects.filter(indicator=indicator).exists()
