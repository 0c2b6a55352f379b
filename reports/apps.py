from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = _("Reports")

    def ready(self) -> None:
        from questionnaire.signals import response_submitted

        from . import snapshots

        # Keep each campaign's dashboard snapshot fresh after new responses (coalesced).
        response_submitted.connect(
            snapshots.on_response_submitted, dispatch_uid="reports.snapshots"
        )
