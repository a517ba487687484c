from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ChecksConfig(AppConfig):
    name = "checks"
    verbose_name = _("Plan checks")

    def ready(self) -> None:
        # The checks register themselves with the registry when their module is imported.
        from checks import rules  # noqa: F401
        from dimensions.models import Dimension, Element, Pillar
        from masterplan.plan_versions import watch_reference

        # the checks read these reference rows: a change moves every plan of the framework
        watch_reference(Dimension, "framework")
        watch_reference(Element, "dimension__framework")
        watch_reference(Pillar, "framework")
