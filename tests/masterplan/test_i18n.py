from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from masterplan.models import Book, Plan
from tests import factories

pytestmark = pytest.mark.django_db


def test_model_names_speak_indonesian_first_and_english_on_request():
    with translation.override("id"):
        assert str(Plan._meta.verbose_name) == "masterplan"
        assert Book.Status.SUBMITTED.label == "Diajukan"
    with translation.override("en"):
        assert str(Plan._meta.verbose_name) == "plan"
        assert Book.Status.SUBMITTED.label == "Submitted"


def test_validation_errors_come_in_the_users_language():
    programme = factories.programme(factories.make_plan(start_year=2025, end_year=2029))
    from roadmap.models import Activity

    activity = Activity(programme=programme, name="Sosialisasi", year=2040)
    with pytest.raises(ValidationError) as error:
        activity.full_clean()
    with translation.override("id"):
        assert error.value.message_dict["year"] == [
            "Tahun 2040 berada di luar periode masterplan 2025–2029."
        ]
    with translation.override("en"):
        assert error.value.message_dict["year"] == [
            "Year 2040 is outside the plan period 2025–2029."
        ]
