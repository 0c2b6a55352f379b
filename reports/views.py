"""Leader pages, CSV and JSON. Each view: who may see what, one dashboard, render.

Every view gets its data from snapshots.campaign_dashboard, already narrowed to the leader's
departments, so no view can show more than anonymity and the leader's scope allow.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.utils.text import slugify
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from cxassess.spreadsheets import csv_download
from questionnaire.models import Campaign, Department

from . import dashboards, exports, permissions, selectors, snapshots
from .permissions import leader_required


def _dashboard(
    request: HttpRequest, campaign_id: int, departments: frozenset[int] | None = None
) -> dashboards.CampaignDashboard:
    campaign = get_object_or_404(Campaign, pk=campaign_id)
    if departments is None:
        departments = permissions.departments_for(request.user)
    return snapshots.campaign_dashboard(campaign, departments=departments)


@require_safe
@never_cache
@leader_required
def campaign_list(request: HttpRequest) -> HttpResponse:
    rows = dashboards.campaign_rows(selectors.campaigns_with_response_counts())
    return render(request, "reports/campaign_list.html", {"rows": rows})


@require_safe
@never_cache
@leader_required
def campaign_dashboard(request: HttpRequest, campaign_id: int) -> HttpResponse:
    dashboard = _dashboard(request, campaign_id)
    return render(request, "reports/campaign_dashboard.html", {"dashboard": dashboard})


@require_safe
@never_cache
@leader_required
def question_detail(request: HttpRequest, campaign_id: int, question_id: int) -> HttpResponse:
    dashboard = _dashboard(request, campaign_id)
    page = dashboards.question_page(dashboard, question_id)
    if page is None:
        raise Http404("the campaign did not ask this question")
    return render(request, "reports/question.html", {"dashboard": dashboard, "page": page})


@require_safe
@never_cache
@leader_required
def department_detail(request: HttpRequest, campaign_id: int, department_id: int) -> HttpResponse:
    department = get_object_or_404(Department, pk=department_id)
    departments = permissions.departments_for(request.user)
    if not permissions.may_see_department(departments, department.pk):
        raise PermissionDenied
    dashboard = _dashboard(request, campaign_id, departments)
    page = dashboards.department_page(dashboard, department.pk, department.name)
    return render(request, "reports/department.html", {"dashboard": dashboard, "page": page})


@require_safe
@never_cache
@leader_required
def comparison(request: HttpRequest, campaign_id: int) -> HttpResponse:
    dashboard = _dashboard(request, campaign_id)
    return render(request, "reports/comparison.html", {"dashboard": dashboard})


@require_safe
@never_cache
@leader_required
def comments(request: HttpRequest, campaign_id: int) -> HttpResponse:
    dashboard = _dashboard(request, campaign_id)
    return render(request, "reports/comments.html", {"dashboard": dashboard})


@require_safe
@never_cache
@leader_required
def export_csv(request: HttpRequest, campaign_id: int) -> HttpResponse:
    dashboard = _dashboard(request, campaign_id)
    # Unicode kept: a round named in Chinese or Romanian was saved as "campaign-results.csv".
    name = slugify(dashboard.campaign.name, allow_unicode=True) or "campaign"
    return csv_download(exports.dashboard_rows(dashboard), f"{name}-results.csv")


@require_safe
@never_cache
@leader_required
def dashboard_json(request: HttpRequest, campaign_id: int) -> JsonResponse:
    dashboard = _dashboard(request, campaign_id)
    response = JsonResponse(dashboard.as_json(), json_dumps_params={"ensure_ascii": False})
    response["Cache-Control"] = "private, no-store"
    return response
