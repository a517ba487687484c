from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProgramsConfig(AppConfig):
    name = "programs"
    verbose_name = _("Programmes")

    def ready(self) -> None:
        from dimensions.models import FundingSource, Horizon, IndicatorType, InnovationType
        from masterplan.plan_versions import watch_reference

        # the programme page keeps what it lists per plan version (programs/views.py), and
        # it names these reference rows: a change moves every plan of the framework
        for model in (FundingSource, Horizon, IndicatorType, InnovationType):
            watch_reference(model, "framework")
