"""PDF exports of a campaign dashboard: request, watch the progress, download.

A leader sees only their own exports, and only while the departments they may see still cover the
departments the PDF was made for (a narrowed scope since asking means asking again).
"""

from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST, require_safe

from cxassess.ratelimit import ratelimit
from questionnaire.models import Campaign, language_key

from . import pdf, permissions, services
from .models import ExportJob
from .permissions import leader_required


def _export_for(request: HttpRequest, job_id: str) -> ExportJob:
    """The user's own export, if their department scope still covers it; 404 otherwise."""
    job = get_object_or_404(ExportJob.objects.select_related("campaign"), pk=job_id)
    allowed = permissions.departments_for(request.user)
    covered = allowed is None or (job.departments is not None and set(job.departments) <= allowed)
    if job.requested_by_id != request.user.pk or not covered:
        raise Http404("no such export")
    return job


@require_POST
@leader_required
@ratelimit(group="export", setting="CXASSESS_RATELIMIT_EXPORT", key="user")  # each makes a file
def export_request(request: HttpRequest, campaign_id: int) -> HttpResponse:
    campaign = get_object_or_404(Campaign, pk=campaign_id)
    job = services.export_job_create(
        campaign=campaign,
        user=request.user,
        departments=permissions.departments_for(request.user),
        language=language_key(get_language()),
    )
    return redirect("reports:export_status", job_id=job.pk)


@require_safe
@never_cache
@leader_required
def export_status(request: HttpRequest, job_id: str) -> HttpResponse:
    job = _export_for(request, job_id)
    return render(request, "reports/export_status.html", {"job": job})


@require_safe
@never_cache
@leader_required
def export_status_json(request: HttpRequest, job_id: str) -> JsonResponse:
    job = _export_for(request, job_id)
    url = reverse("reports:export_download", args=[job.pk]) if job.downloadable else None
    return JsonResponse(
        {
            "status": job.status,
            "label": job.get_status_display(),
            "progress": job.progress,
            "download_url": url,
        }
    )


@require_safe
@never_cache
@leader_required
def export_download(request: HttpRequest, job_id: str) -> HttpResponse:
    job = _export_for(request, job_id)
    if job.status != ExportJob.Status.DONE or not job.file:
        raise Http404("not ready")
    try:
        content = job.file.open("rb")
    except FileNotFoundError:  # gone from the media volume: the status page says so
        return redirect("reports:export_status", job_id=job.pk)
    name = pdf.download_name(job.campaign, job.finished_at or job.created_at)
    return FileResponse(content, as_attachment=True, filename=name)
