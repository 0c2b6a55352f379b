"""An administrator rewords a question: new campaigns ask the new wording, running ones keep theirs.

axe does not run on the Django admin pages themselves (Django's, not ours); it runs on the two
respondent forms at the end.
"""

import pytest
from django.contrib.auth import get_user_model

from questionnaire.models import Campaign, Question

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PASSWORD = "admin-pw-for-e2e-1"
NEW_WORDING = "Our leaders explain, for every new initiative, which customer problem it solves."


def first_statement(page) -> str:
    return page.locator("fieldset[data-cx-question] legend").first.inner_text().strip()


def test_admin_rewords_a_question_and_only_new_campaigns_ask_the_new_wording(
    live_server, page, campaign, screenshot, assert_accessible
):
    get_user_model().objects.create_superuser("admin", "admin@example.com", PASSWORD)
    question = Question.objects.order_by("pillar__order", "order").first()
    old_wording = question.text

    page.goto(f"{live_server.url}/admin/")
    page.get_by_label("Username").fill("admin")
    page.get_by_label("Password").fill(PASSWORD)
    with page.expect_navigation():
        page.get_by_role("button", name="Log in").click()

    page.get_by_role("link", name="Questions", exact=True).click()
    page.get_by_role("link", name=old_wording).click()
    page.locator("#id_text").fill(NEW_WORDING)
    screenshot(page, "1-question-edited")
    with page.expect_navigation():
        page.get_by_role("button", name="Save", exact=True).click()
    assert "was changed successfully" in page.locator(".messagelist").inner_text()

    page.goto(f"{live_server.url}/admin/questionnaire/campaign/add/")
    page.get_by_label("Name").fill("Winter round")
    page.get_by_label("Open link enabled").check()
    screenshot(page, "2-campaign-added")
    with page.expect_navigation():
        page.get_by_role("button", name="Save", exact=True).click()
    assert "was added successfully" in page.locator(".messagelist").inner_text()
    screenshot(page, "3-campaign-saved")

    # The open link in the list: a click selects it whole, "Copy" puts it on the clipboard
    # (both from static/js/admin.js, since the Content-Security-Policy refuses onclick=).
    winter = Campaign.objects.get(name="Winter round")
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=live_server.url)
    row = page.locator("tr", has_text="Winter round")
    link = row.get_by_label("Open link")
    link.click()
    selected = link.evaluate("el => el.value.slice(el.selectionStart, el.selectionEnd)")
    assert selected.endswith(winter.get_open_link_path())
    row.get_by_role("button", name="Copy").click()
    assert page.evaluate("navigator.clipboard.readText()") == selected
    page.goto(live_server.url + winter.get_open_link_path())
    assert first_statement(page) == NEW_WORDING
    screenshot(page, "4-new-campaign-form")
    assert_accessible(page)

    page.goto(live_server.url + campaign.get_open_link_path())
    assert first_statement(page) == old_wording
    screenshot(page, "5-old-campaign-form")
