"""Link checkers, uptime monitors and mail scanners ask with HEAD: what answers GET answers it."""

import pytest
from django.test import Client
from django.urls import reverse

from tests import factories


@pytest.mark.django_db
def test_head_is_answered_wherever_get_is(leader_client, campaign, sales):
    client = Client()
    response = factories.make_response(campaign, sales)
    public = [
        reverse("questionnaire:home"),
        reverse("questionnaire:privacy", args=[campaign.pk]),
        reverse("questionnaire:result", args=[response.result_key]),
        campaign.get_open_link_path(),
    ]
    for path in public:
        assert client.head(path).status_code == 200, path
    assert client.head(reverse("reports:campaign_list")).status_code == 302  # to the login
    assert leader_client.head(reverse("reports:campaign_list")).status_code == 200
    assert campaign.responses.count() == 1  # a HEAD on the open link saves nothing
