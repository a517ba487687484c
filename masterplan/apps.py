from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MasterplanConfig(AppConfig):
    name = "masterplan"
    verbose_name = _("Masterplan")

    def ready(self):
        from django.contrib.auth import signals

        from masterplan import plan_versions, services

        # Logins, failed logins and logouts go into the audit log.
        signals.user_logged_in.connect(services.audit_login, dispatch_uid="audit_login")
        signals.user_logged_out.connect(services.audit_logout, dispatch_uid="audit_logout")
        signals.user_login_failed.connect(
            services.audit_login_failed, dispatch_uid="audit_login_failed"
        )
        # every write to a plan's records moves the plan's content version
        plan_versions.connect()
