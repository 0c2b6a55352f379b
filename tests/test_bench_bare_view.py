"""The submission benchmark's baseline view (bench/bare_view.py) stores what it is sent and
lands a person who tries it by hand on a page, not on a 404."""

import pytest
from django.urls import include, path

from cxassess.urls import urlpatterns as app_urlpatterns
from questionnaire.models import Answer, Response
from tests.factories import question_ids

# As cxassess/urls.py mounts it when CXASSESS_BENCH_BARE_VIEW is on.
urlpatterns = [*app_urlpatterns, path("bench/", include("bench.bare_view"))]

pytestmark = pytest.mark.urls(__name__)


def _fifteen(campaign, value) -> dict[str, object]:
    return {f"q_{q}": value for q in question_ids(campaign)}


def test_the_bare_view_saves_a_response_with_fifteen_answers_and_lands_on_a_page(
    client, campaign, sales
) -> None:
    answer = client.post(
        f"/bench/bare/{campaign.pk}/",
        {"department": sales.pk, "role": "contributor", **_fifteen(campaign, 4)},
    )
    saved = Response.objects.get()
    assert answer.status_code == 302 and answer["Location"] == f"/bench/done/{saved.pk}/"
    assert list(Answer.objects.filter(response=saved).values_list("value", flat=True)) == [4] * 15
    landed = client.get(answer["Location"])
    assert landed.status_code == 200 and f"response {saved.pk} saved" in landed.text


def test_the_bare_view_refuses_an_answer_off_the_scale_and_saves_nothing(
    client, campaign, sales
) -> None:
    answers = {**_fifteen(campaign, 4), f"q_{question_ids(campaign)[0]}": 6}
    refused = client.post(f"/bench/bare/{campaign.pk}/", {"department": sales.pk, **answers})
    assert refused.status_code == 400
    assert not Response.objects.exists() and not Answer.objects.exists()
