from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ChecksConfig(AppConfig):
    name = "checks"
    verbose_name = _("Plan checks")

    def ready(self) -> None:
        # The checks register themselves with the registry when their module is imported.
        from checks import rules  # noqa: F401
