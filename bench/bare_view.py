"""The baseline of the submission benchmark: the least a Django view can do to store an answer.

It validates fifteen integers and inserts one response and fifteen answers in one transaction, on
the same server, middleware (CSRF included) and tables as the real form. Mounted at /bench/ only
when CXASSESS_BENCH_BARE_VIEW is on (cxassess/urls.py); never part of the product.
"""

from uuid import UUID

from django.db import transaction
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest, HttpResponseRedirect
from django.urls import path
from django.views.decorators.http import require_POST

from questionnaire.models import Answer, Response

QUESTIONS = 15


@require_POST
def bare_submit(request: HttpRequest, campaign_id: int) -> HttpResponse:
    try:
        answers = {
            int(name[2:]): int(value)
            for name, value in request.POST.items()
            if name.startswith("q_")
        }
        department_id = int(request.POST["department"])
    except (KeyError, ValueError):
        return HttpResponseBadRequest("fifteen integers, please")
    if len(answers) != QUESTIONS or not all(1 <= v <= 5 for v in answers.values()):
        return HttpResponseBadRequest("fifteen integers, please")
    with transaction.atomic():
        response = Response.objects.create(
            campaign_id=campaign_id, department_id=department_id, role=request.POST.get("role", "")
        )
        Answer.objects.bulk_create(
            Answer(response=response, question_id=q, value=v) for q, v in answers.items()
        )
    return HttpResponseRedirect(f"/bench/done/{response.pk}/")


def bare_done(request: HttpRequest, response_id: UUID) -> HttpResponse:
    """Where the bare view sends a browser, as the real form sends it to its result page; the
    load generator does not follow it, but a person trying the view by hand should land."""
    return HttpResponse(f"response {response_id} saved\n", content_type="text/plain")


urlpatterns = [
    path("bare/<int:campaign_id>/", bare_submit, name="bench_bare_submit"),
    path("done/<uuid:response_id>/", bare_done, name="bench_bare_done"),
]
