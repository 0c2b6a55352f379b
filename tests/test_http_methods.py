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


@pytest.mark.django_db
def test_opening_the_logout_address_offers_the_button_in_the_visitors_language(leader_client):
    """GET /accounts/logout/ (a bookmark, a typed address) gave an empty 405: the browser showed
    its own "HTTP ERROR 405" page, the leader was not logged out and had no way back."""
    page = leader_client.get(reverse("logout"), HTTP_ACCEPT_LANGUAGE="it")
    html = page.content.decode()
    assert page.status_code == 405 and page["Allow"] == "POST, OPTIONS"
    assert '<html lang="it"' in html and "per uscire usa il pulsante" in html
    assert f'<form method="post" action="{reverse("logout")}">' in html
    assert leader_client.get(reverse("reports:campaign_list")).status_code == 200  # still in
    assert leader_client.post(reverse("logout")).status_code == 302
    assert "You are not logged in." in leader_client.get(reverse("logout")).content.decode()


@pytest.mark.django_db
def test_an_address_only_a_button_sends_to_gets_a_page_that_says_nothing_changed(
    leader_client, campaign
):
    page = leader_client.get(reverse("reports:export_request", args=[campaign.pk]))
    assert page.status_code == 405 and page["Allow"]
    assert "Nothing was changed." in page.content.decode()
    assert "Content-Security-Policy" in page.headers
    # A program that asked for something else than a page gets the bare answer it expects.
    bare = leader_client.get(
        reverse("reports:export_request", args=[campaign.pk]), HTTP_ACCEPT="application/json"
    )
    assert bare.status_code == 405 and bare.content == b""
