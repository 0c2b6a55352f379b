import uuid
from datetime import datetime, timedelta

from django.conf import settings
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from questionnaire.models import Campaign, Department


class LeaderScope(models.Model):
    """Limits a leader to some departments. No row means every department; a row without
    departments means company-wide results only (never "every department": a scope emptied by
    deleting its last department must not widen it).

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
        help_text=_(
            "The departments whose results this leader sees. Without a scope, every department;"
            " with a scope and no departments, only company-wide results."
        ),
    )

    class Meta:
        verbose_name = _("leader's report scope")
        verbose_name_plural = _("leaders' report scopes")
        permissions = [("view_reports", _("Can view reports"))]

    def __str__(self) -> str:
        return str(self.user)


def _leader_scope_department_str(link) -> str:
    # A department's delete page lists these links: "LeaderScope_departments object (3)" did not
    # say whose reports would lose the department.
    return gettext("%(leader)s sees %(department)s") % {
        "leader": link.leaderscope.user,
        "department": link.department,
    }


LeaderScope.departments.through.__str__ = _leader_scope_department_str


def export_abandoned_after() -> timedelta:
    """How long after it was asked for an unfinished export counts as abandoned.

    Celery kills a build at CELERY_TASK_TIME_LIMIT, and a job whose message was lost starts within
    8 minutes (the requeue sweep: after 3 minutes, every 5), so at the default 5-minute limit three
    time limits are past any live build: a job unfinished by then lost its process (OOM, a
    gunicorn timeout when building in-process, a hard time limit) and would wait for ever.
    """
    return timedelta(seconds=3 * settings.CELERY_TASK_TIME_LIMIT)


class ExportJobQuerySet(models.QuerySet):
    def fail_abandoned(self, *, now: datetime) -> int:
        """Mark failed those of these jobs still waiting or building long after any build would
        have ended, so their page offers to try again; the number marked."""
        abandoned = self.filter(
            status__in=[ExportJob.Status.PENDING, ExportJob.Status.RUNNING],
            created_at__lt=now - export_abandoned_after(),
        )
        return abandoned.update(
            status=ExportJob.Status.FAILED,
            error="abandoned: the build stopped without finishing",
            finished_at=now,
        )


class ExportJob(models.Model):
    """A PDF of a campaign's dashboard that a leader asked for, built by a worker."""

    class Status(models.TextChoices):
        PENDING = "pending", _("waiting for a worker")
        RUNNING = "running", _("building")
        DONE = "done", _("ready")
        FAILED = "failed", _("failed")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)  # unguessable
    campaign = models.ForeignKey(
        Campaign, on_delete=models.CASCADE, related_name="+", verbose_name=_("campaign")
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("requested by"),
    )
    # The departments the leader could see when asking, or None for all: the PDF shows no more.
    departments = models.JSONField(_("departments"), null=True, blank=True)
    language = models.CharField(_("language"), max_length=10, default="en")
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    file = models.FileField(_("file"), upload_to="exports/%Y/%m/", blank=True)
    error = models.TextField(_("error"), blank=True)
    created_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    objects = ExportJobQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("PDF export")
        verbose_name_plural = _("PDF exports")
        indexes = [models.Index(fields=["requested_by", "campaign", "status"])]

    def __str__(self) -> str:
        return f"{self.campaign} ({self.get_status_display()})"

    @property
    def finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)

    @property
    def downloadable(self) -> bool:
        """Done and its file still there: a media volume restored without its files, or a
        clean-up by hand, can leave a done job without one."""
        done = self.status == self.Status.DONE and bool(self.file)
        return done and self.file.storage.exists(self.file.name)


class ClosedRoundCounts(models.Model):
    """A closed round's answer counts per department, role, question and option, kept so that
    later rounds compare with it without reading all of its answers again.

    A closed round gains no answers; `responses_changed` is the campaign's change count when its
    answers were counted, so a deleted response (or one added to a round reopened) makes the row
    stale, and it is counted afresh. Its respondents per department and role are kept too: with
    them a later round needs one query for this one.
    """

    campaign = models.OneToOneField(
        Campaign, on_delete=models.CASCADE, related_name="+", verbose_name=_("campaign")
    )
    # None in rows kept before the campaigns had a change count: never current.
    responses_changed = models.PositiveBigIntegerField(null=True, editable=False)
    # [[department id, role, question id, [c1..c5], don't know], ...]
    cells = models.JSONField(_("counts"))
    # [[department id, role, respondents], ...]; empty in rows kept before it existed
    sizes = models.JSONField(_("respondents"), default=list)

    class Meta:
        verbose_name = _("closed round's counts")
        verbose_name_plural = _("closed rounds' counts")

    def __str__(self) -> str:
        return str(self.campaign)
