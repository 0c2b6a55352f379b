from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = _("Reports")

    def ready(self) -> None:
        from django.db.models.signals import post_delete

        from questionnaire.signals import response_submitted

        from . import signals, snapshots
        from .models import ExportJob

        # Keep each campaign's dashboard snapshot fresh after new responses (coalesced).
        response_submitted.connect(
            snapshots.on_response_submitted, dispatch_uid="reports.snapshots"
        )
        post_delete.connect(
            signals.delete_export_file, sender=ExportJob, dispatch_uid="reports.export_files"
        )
