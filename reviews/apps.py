from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReviewsConfig(AppConfig):
    name = "reviews"
    label = "reviews"
    verbose_name = _("Review")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from masterplan.signals import record_deleted, record_saved, section_edited
        from reviews import impact, services, suggestions

        section_edited.connect(services.on_section_edited, dispatch_uid="reviews_section_edited")
        record_saved.connect(impact.on_record_saved, dispatch_uid="reviews_impact_saved")
        record_deleted.connect(impact.on_record_deleted, dispatch_uid="reviews_impact_deleted")
        record_saved.connect(suggestions.on_record_saved, dispatch_uid="reviews_suggestions")
