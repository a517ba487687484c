from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReviewsConfig(AppConfig):
    name = "reviews"
    label = "reviews"
    verbose_name = _("Review")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from masterplan.signals import section_edited
        from reviews import services

        section_edited.connect(services.on_section_edited, dispatch_uid="reviews_section_edited")
