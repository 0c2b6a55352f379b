from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from questionnaire.models import Campaign


@login_required
def campaign_list(request: HttpRequest) -> HttpResponse:
    return render(request, "reports/campaign_list.html", {"campaigns": Campaign.objects.all()})
