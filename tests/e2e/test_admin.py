"""An administrator rewords a question: new campaigns ask the new wording, running ones keep theirs.

axe runs on the two respondent forms at the end, and on the campaign pages of the admin, which
carry our own fields and scripts (the open link, the frozen questions).
"""

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

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
    link = row.get_by_role("textbox", name="Open link: Winter round")
    link.click()
    selected = link.evaluate("el => el.value.slice(el.selectionStart, el.selectionEnd)")
    assert selected.endswith(winter.get_open_link_path())
    row.get_by_role("button", name="Copy the open link: Winter round").click()
    assert page.evaluate("navigator.clipboard.readText()") == selected
    expect(row.get_by_role("status")).to_have_text("Copied")
    page.goto(live_server.url + winter.get_open_link_path())
    assert first_statement(page) == NEW_WORDING
    screenshot(page, "4-new-campaign-form")
    assert_accessible(page)

    page.goto(live_server.url + campaign.get_open_link_path())
    assert first_statement(page) == old_wording
    screenshot(page, "5-old-campaign-form")


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_the_campaign_pages_of_the_admin_pass_axe_on_a_phone(
    live_server, new_page, campaign, assert_accessible, language
):
    """Unnamed date and time boxes, breadcrumb links told apart by colour alone (in Chinese),
    and a questions table that scrolled sideways out of the keyboard's reach."""
    get_user_model().objects.create_superuser("admin", "admin@example.com", PASSWORD)
    page = new_page(viewport={"width": 390, "height": 844})
    page.context.add_cookies(
        [{"name": "django_language", "value": language, "url": live_server.url}]
    )
    page.goto(f"{live_server.url}/admin/login/")
    page.locator("#id_username").fill("admin")
    page.locator("#id_password").fill(PASSWORD)
    with page.expect_navigation():
        page.locator("input[type=submit]").click()
    for path in ("", f"{campaign.pk}/change/"):
        page.goto(f"{live_server.url}/admin/questionnaire/campaign/{path}")
        assert_accessible(page)
