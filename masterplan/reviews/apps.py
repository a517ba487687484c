from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReviewsConfig(AppConfig):
    name = "masterplan.reviews"
    label = "reviews"
    verbose_name = _("Review")
    default_auto_field = "django.db.models.BigAutoField"
