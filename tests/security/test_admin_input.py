"""Malformed values in the admin's addresses and action forms get the page, never a 500."""

import pytest
from django.urls import reverse

from questionnaire.models import Response
from tests import factories


@pytest.mark.django_db
@pytest.mark.parametrize("query", ["opens_at=garbage", "closes_at=2026-13-45", "opens_at="])
def test_an_add_page_with_a_bad_date_in_its_address_starts_empty_there(admin_client, query):
    page = admin_client.get(reverse("admin:questionnaire_campaign_add") + "?" + query)
    assert page.status_code == 200


@pytest.mark.django_db
def test_an_add_page_with_a_good_date_in_its_address_starts_with_it(admin_client):
    page = admin_client.get(
        reverse("admin:questionnaire_campaign_add") + "?opens_at=2027-03-01 09:30&name=Spring"
    )
    html = page.content.decode()
    assert page.status_code == 200
    assert 'value="2027-03-01"' in html and 'value="09:30:00"' in html and 'value="Spring"' in html


@pytest.mark.django_db
@pytest.mark.parametrize("model", ["response", "campaign", "invitation", "department"])
def test_an_action_on_ids_that_are_not_ids_changes_nothing(admin_client, campaign, sales, model):
    factories.make_responses(campaign, sales, 2, (3,) * 15)
    page = admin_client.post(
        reverse(f"admin:questionnaire_{model}_changelist"),
        {"action": "delete_selected", "_selected_action": ["abc", "1"]},
        follow=True,
    )
    assert page.status_code == 200
    assert "No items have been changed." in page.content.decode()
    assert Response.objects.count() == 2
