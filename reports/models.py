from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from questionnaire.models import Department


class LeaderScope(models.Model):
    """Limits a leader to some departments. No row, or no departments, means every department.

    Seeing reports at all needs the permission reports.view_reports (defined here).
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="report_scope",
        verbose_name=_("leader"),
    )
    departments = models.ManyToManyField(
        Department,
        blank=True,
        related_name="+",
        verbose_name=_("departments"),
        help_text=_("Leave empty to let this leader see every department."),
    )

    class Meta:
        verbose_name = _("leader's report scope")
        verbose_name_plural = _("leaders' report scopes")
        permissions = [("view_reports", _("Can view reports"))]

    def __str__(self) -> str:
        return str(self.user)
