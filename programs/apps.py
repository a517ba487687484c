from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProgramsConfig(AppConfig):
    name = "programs"
    verbose_name = _("Programmes")

    def ready(self) -> None:
        from dimensions.models import Horizon, InnovationType
        from masterplan.plan_versions import watch_reference

        # the programme page keeps its description per plan version (programs/views.py),
        # and it names these reference rows: a change moves every plan of the framework
        watch_reference(Horizon, "framework")
        watch_reference(InnovationType, "framework")
