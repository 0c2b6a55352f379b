"""A respondent in a real browser: keyboard only, on a phone, with mistakes, with a used link."""

import re
import uuid
from datetime import timedelta
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from questionnaire import services
from questionnaire.models import Answer, Campaign, PillarComment, Response, Role
from tests import factories

from .conftest import PHONE
from .helpers import focused, hidden_under_progress_bar, no_horizontal_scroll, tab_until

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

# 15 answers in pillar order, as the keyboard test gives them ("dk" = I don't know).
KEYBOARD_ANSWERS = ["4", "5", "3", "4", "4", "dk", "2", "3", "4", "5", "5", "5", "1", "2", "3"]
# Pillar scores: 75, 75, 50, 100, 25; overall 65, "Accelerator".


@pytest.fixture
def survey(campaign_factory):
    return campaign_factory()


@pytest.fixture
def campaign_factory(questions):
    """An open campaign with an open link and enough earlier answers to show group averages."""

    def make(**overrides) -> Campaign:
        campaign = factories.make_campaign(anonymity_threshold=3, comment_threshold=3, **overrides)
        factories.make_responses(campaign, factories.make_department("Sales"), 3, [3] * 15)
        factories.make_responses(campaign, factories.make_department("Support"), 3, [2] * 15)
        return campaign

    return make


def open_link(live_server, campaign: Campaign) -> str:
    return live_server.url + campaign.get_open_link_path()


def result_key(page) -> str:
    return urlsplit(page.url).path.rstrip("/").rsplit("/", 1)[1]


def choose_with_arrows(page, value: str) -> None:
    """Focus is on the first radio of an unanswered group: pick `value` with the keyboard."""
    if value == "1":
        page.keyboard.press("Space")
    elif value == "dk":
        page.keyboard.press("ArrowLeft")  # wraps round to the last option
    else:
        for _ in range(int(value) - 1):
            page.keyboard.press("ArrowRight")
    now = focused(page)
    assert (now["value"], now["checked"]) == (value, True), now


def test_respondent_completes_the_test_with_the_keyboard_only(
    live_server, new_page, survey, screenshot, assert_accessible
):
    page = new_page(permissions=["clipboard-read", "clipboard-write"])
    page.goto(open_link(live_server, survey))
    screenshot(page, "1-answer-page")
    assert_accessible(page)

    page.keyboard.press("Tab")
    assert focused(page)["text"] == "Skip to content"
    page.keyboard.press("Enter")
    assert focused(page)["id"] == "main"

    tab_until(page, lambda f: f["id"] == "id_department")
    page.keyboard.type("Sales")  # type-ahead on a closed select
    page.keyboard.press("Tab")
    assert focused(page)["id"] == "id_role"
    for _ in range(3):
        page.keyboard.press("ArrowDown")
    assert page.input_value("#id_role") == Role.CONTRIBUTOR
    assert page.eval_on_selector("#id_department", "e => e.selectedOptions[0].text") == "Sales"

    names = [f"q_{q}" for q in factories.question_ids(survey)]
    first_answer = "3"  # changed to "4" after going back with Shift+Tab
    for i, (name, value) in enumerate(zip(names, KEYBOARD_ANSWERS, strict=True)):
        now = tab_until(page, lambda f: f["tag"] in {"input", "summary"}, limit=3)
        if now["tag"] == "summary":  # the optional comment of the previous part
            if i == 3:
                page.keyboard.press("Enter")  # open it and write one
                page.keyboard.press("Tab")
                page.keyboard.type("Leaders talk about customers, but budgets say otherwise.")
            now = tab_until(page, lambda f: f["tag"] == "input", limit=3)
        assert now["name"] == name, f"focus should be on question {i + 1}: {now}"
        assert not hidden_under_progress_bar(page), f"question {i + 1} is under the bar"
        choose_with_arrows(page, first_answer if i == 0 else value)
        if i == 7:
            screenshot(page, "2-focus-while-answering", full_page=False)
        if i == 1:  # back to the first question, change the answer, forward again
            page.keyboard.press("Shift+Tab")
            assert focused(page)["name"] == names[0]
            assert not hidden_under_progress_bar(page)
            page.keyboard.press("ArrowRight")
            assert (focused(page)["value"], focused(page)["checked"]) == ("4", True)
            page.keyboard.press("Tab")
            assert focused(page)["name"] == names[1]

    assert page.locator("[data-cx-progress-count]").first.inner_text() == "15 of 15 answered"
    tab_until(page, lambda f: f["tag"] == "button" and f["text"] == "Send my answers", limit=3)
    screenshot(page, "3-all-answered")
    with page.expect_navigation():
        page.keyboard.press("Enter")

    assert "/result/" in page.url
    assert page.get_by_role("heading", level=1).inner_text().startswith("Thank you")
    assert page.locator(".cx-score").inner_text().startswith("65")
    assert page.locator(".cx-band-name").inner_text() == "Accelerator"
    assert page.get_by_role("list", name="Maturity bands").locator("[aria-current]").count() == 1
    leadership = page.locator(".cx-pillar").first
    assert leadership.locator(".cx-you .cx-value").inner_text() == "75"
    assert leadership.locator(".cx-department .cx-value").inner_text() == "56"  # with 3 × "3"
    screenshot(page, "4-result")
    assert_accessible(page)
    tab_until(page, lambda f: f["text"] == "Copy the link to this page")
    page.keyboard.press("Enter")
    expect(page.get_by_role("status")).to_have_text(re.compile("^The link is copied"))
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied == live_server.url + urlsplit(page.url).path  # no #fragment

    response = Response.objects.get(result_key=result_key(page))
    assert (response.department.name, response.role) == ("Sales", Role.CONTRIBUTOR)
    values = dict(Answer.objects.filter(response=response).values_list("question_id", "value"))
    expected = [None if v == "dk" else int(v) for v in KEYBOARD_ANSWERS]
    assert [values[int(n[2:])] for n in names] == expected
    assert PillarComment.objects.get(response=response).text.startswith("Leaders talk")


def test_respondent_on_a_phone_completes_the_test_without_sideways_scrolling(
    live_server, new_page, survey, screenshot, assert_accessible
):
    page = new_page(viewport=PHONE, is_mobile=True, has_touch=True)
    page.goto(open_link(live_server, survey))
    assert no_horizontal_scroll(page)
    screenshot(page, "1-answer-page")
    assert_accessible(page)

    page.get_by_label("Your department").select_option(label="Support")
    page.get_by_label("Your role").select_option(label="People manager")
    questions = page.locator("fieldset[data-cx-question]")
    assert questions.count() == 15
    for i in range(15):
        question = questions.nth(i)
        option = question.get_by_text("I don't know" if i == 4 else "Agree", exact=True)
        box = option.bounding_box()
        assert box["height"] >= 44 and box["width"] >= 300, f"answer {i + 1} is hard to tap: {box}"
        option.tap()
        assert question.get_by_role("radio", checked=True).count() == 1
    assert no_horizontal_scroll(page)
    questions.nth(7).scroll_into_view_if_needed()
    progress = page.locator("[data-cx-progress]")
    assert progress.is_visible() and abs(progress.bounding_box()["y"]) < 1  # stuck to the top
    assert "15 of 15 answered" in progress.inner_text()
    screenshot(page, "2-progress-while-scrolling", full_page=False)
    screenshot(page, "3-all-answered")
    with page.expect_navigation():
        page.get_by_role("button", name="Send my answers").tap()

    assert "/result/" in page.url
    assert page.locator(".cx-score").inner_text().startswith("75")
    assert no_horizontal_scroll(page)
    screenshot(page, "4-result")
    assert_accessible(page)
    response = Response.objects.get(result_key=result_key(page))
    assert (response.department.name, response.role) == ("Support", Role.MANAGER)


def test_incomplete_answers_show_a_linked_error_summary_and_keep_what_was_given(
    live_server, page, survey, screenshot, assert_accessible
):
    names = [f"q_{q}" for q in factories.question_ids(survey)]
    page.goto(open_link(live_server, survey))
    page.get_by_label("Your department").select_option(label="Sales")
    first = page.locator("fieldset[data-cx-question]").first
    first.get_by_text("Agree", exact=True).click()
    page.locator("details.cx-comment-box summary").first.click()
    page.get_by_label("Anything to add about Leadership? (optional)").fill("Kept after the error.")
    with page.expect_navigation():
        page.get_by_role("button", name="Send my answers").click()

    summary = page.get_by_role("alert")
    assert summary.is_visible()
    assert focused(page)["id"] == "error-summary"
    assert summary.get_by_role("heading").inner_text() == "Please check your answers"
    links = summary.get_by_role("link")
    assert links.count() == 1 + 14  # the role, and every question but the first
    assert links.first.inner_text() == "Please choose your role."
    for n in range(links.count()):
        target = links.nth(n).get_attribute("href")[1:]
        invalid = page.locator(f"#{target}")
        assert invalid.get_attribute("aria-invalid") == "true", target
    second = page.locator(f"#div_id_{names[1]}")
    described_by = second.get_attribute("aria-describedby")
    assert "Please choose an answer" in page.locator(f"#{described_by}").inner_text()
    role_error = page.locator("#id_role").get_attribute("aria-describedby")
    assert "Please choose your role." in page.locator(f"#{role_error}").inner_text()
    # Colour is not the only cue: each missing answer has a written message and a mark.
    assert page.locator(".cx-field-error").count() == 14

    assert (
        page.get_by_label("Your department").evaluate("e => e.selectedOptions[0].text") == "Sales"
    )
    assert first.get_by_role("radio", name="Agree", exact=True).is_checked()
    assert page.locator(f"#div_id_{names[0]}").get_attribute("aria-describedby") is None
    comment = page.get_by_label("Anything to add about Leadership? (optional)")
    assert comment.is_visible() and comment.input_value() == "Kept after the error."
    assert page.locator("[data-cx-progress-count]").first.inner_text() == "1 of 15 answered"
    screenshot(page, "1-errors")
    assert_accessible(page)

    links.nth(1).click()  # the second question: focus lands on its first answer
    assert focused(page)["id"] == f"id_{names[1]}_0"
    links.first.click()
    assert focused(page)["id"] == "id_role"
    page.keyboard.press("ArrowDown")
    for name in names[1:]:
        page.locator(f"#div_id_{name}").get_by_text("Disagree", exact=True).click()
    with page.expect_navigation():
        page.get_by_role("button", name="Send my answers").click()
    assert "/result/" in page.url
    assert Response.objects.filter(campaign=survey).count() == 7


def test_changing_the_language_keeps_the_answers_not_yet_sent(
    live_server, page, survey, screenshot
):
    page.goto(open_link(live_server, survey))
    page.get_by_label("Your department").select_option(label="Support")
    questions = page.locator("fieldset[data-cx-question]")
    questions.nth(0).get_by_text("Agree", exact=True).click()
    questions.nth(4).get_by_text("I don't know", exact=True).click()
    page.locator("details.cx-comment-box summary").first.click()
    page.get_by_label("Anything to add about Leadership? (optional)").fill("Kept in Italian too.")
    page.get_by_label("Language").select_option("it")
    with page.expect_navigation():
        page.get_by_role("button", name="Change").click()

    assert page.locator("html").get_attribute("lang") == "it"
    assert page.eval_on_selector("#id_department", "e => e.selectedOptions[0].text") == "Support"
    checked = page.locator("fieldset[data-cx-question] input:checked")
    assert [checked.nth(i).get_attribute("value") for i in range(checked.count())] == ["4", "dk"]
    comment = page.locator("textarea").first
    assert comment.is_visible() and comment.input_value() == "Kept in Italian too."
    assert "2 su 15" in page.locator("[data-cx-progress]").inner_text()
    screenshot(page, "1-kept-after-switching-to-italian")
    assert page.evaluate("window.sessionStorage.length") == 0  # taken out, not left behind
    comment_field = comment.get_attribute("name")

    page.locator("#id_role").select_option(Role.CONTRIBUTOR)
    for question in questions.all():
        if question.locator("input:checked").count() == 0:
            question.locator("input[value='3']").check()
    with page.expect_navigation():
        page.locator("form.cx-answer-form button[type=submit]").click()
    assert "/result/" in page.url
    assert PillarComment.objects.get().text == "Kept in Italian too."

    # A draft left behind at a shared computer more than five minutes ago is not shown.
    page.evaluate(
        """([key, field]) => sessionStorage.setItem(key, JSON.stringify(
            {savedAt: Date.now() - 6 * 60 * 1000, values: {[field]: "Not mine"}}))""",
        [f"cxassess-draft:{survey.get_open_link_path()}", comment_field],
    )
    page.goto(open_link(live_server, survey))
    assert page.locator("textarea").first.input_value() == ""
    assert page.locator("fieldset[data-cx-question] input:checked").count() == 0


def test_a_used_invitation_link_says_so_clearly(
    live_server, page, survey, screenshot, assert_accessible
):
    sales = factories.make_department("Sales")
    issued = services.invitation_issue(
        campaign=survey, email="ana@example.com", department=sales, role=Role.CONTRIBUTOR
    )
    link = f"{live_server.url}/i/{issued.token}/"
    page.goto(link)
    assert page.get_by_role("heading", level=1).inner_text() == survey.name
    assert page.get_by_label("Your department").count() == 0  # preset by the invitation

    services.response_submit(
        campaign=survey,
        department=sales,
        role=Role.CONTRIBUTOR,
        answers=dict.fromkeys(factories.question_ids(survey), 4),
        comments={},
        submission_key=uuid.uuid4(),
        invitation=issued.invitation,
    )
    reply = page.goto(link)
    assert reply.status == 410
    heading = page.get_by_role("heading", level=1)
    assert heading.inner_text() == "This invitation has already been used"
    assert "Your earlier answers are safe" in page.locator("main").inner_text()
    assert page.locator("form.cx-answer-form").count() == 0
    screenshot(page, "1-used")
    assert_accessible(page)

    Campaign.objects.filter(pk=survey.pk).update(closed_at=timezone.now())
    reply = page.goto(open_link(live_server, survey))
    assert reply.status == 410
    assert page.get_by_role("heading", level=1).inner_text() == "This survey is closed"
    screenshot(page, "2-closed")
    assert_accessible(page)


def test_privacy_page_is_one_click_from_the_test(
    live_server, page, survey, screenshot, assert_accessible
):
    page.goto(open_link(live_server, survey))
    page.get_by_role("link", name="How your answers are protected").click()
    assert page.get_by_role("heading", level=1).inner_text() == "How your answers are protected"
    assert "never stored" in page.locator("main").inner_text()
    screenshot(page, "1-privacy")
    assert_accessible(page)
    page.goto(live_server.url + "/")
    screenshot(page, "2-home")
    assert_accessible(page)


def test_the_test_works_without_javascript(live_server, new_page, survey, screenshot):
    page = new_page(java_script_enabled=False)
    page.goto(open_link(live_server, survey))
    assert page.locator("[data-cx-progress]").is_hidden()  # the static "Part N of 5" remains
    assert page.get_by_text("Part 1 of 5", exact=True).is_visible()
    page.get_by_label("Your department").select_option(label="Sales")
    page.get_by_label("Your role").select_option(label="Leadership team")
    for question in page.locator("fieldset[data-cx-question]").all():
        question.get_by_text("Strongly agree", exact=True).click()
    with page.expect_navigation():
        page.get_by_role("button", name="Send my answers").click()
    assert page.locator(".cx-score").inner_text().startswith("100")
    assert page.locator("[data-cx-share]").is_hidden()  # copy and print need the script
    screenshot(page, "1-result")


def test_a_long_comment_shows_how_much_room_is_left(live_server, page, survey):
    page.goto(open_link(live_server, survey))
    page.locator("details.cx-comment-box summary").first.click()
    box = page.get_by_label("Anything to add about Leadership? (optional)")
    counter = page.locator(f"[data-cx-count-for='{box.get_attribute('id')}']")
    assert box.get_attribute("maxlength") == "2000"
    box.fill("x" * 1500)
    assert counter.is_hidden()  # no noise for an ordinary comment
    box.fill("x" * 1900)
    assert counter.inner_text() == "1,900 of 2,000 characters"
    # Read with the box, not announced at every key press.
    assert counter.get_attribute("id") in box.get_attribute("aria-describedby").split()
    assert counter.get_attribute("aria-live") is None


def test_back_and_send_again_saves_the_answers_once(live_server, page, survey):
    """Without the back-forward cache (Playwright's Chromium has none) going back loads the form
    afresh: the browser put the answers back but the hidden one-time key was new, so sending
    again saved the same person twice."""
    before = Response.objects.count()
    page.goto(open_link(live_server, survey))
    page.get_by_label("Your department").select_option(label="Sales")
    page.get_by_label("Your role").select_option(label="Leadership team")
    for question in page.locator("fieldset[data-cx-question]").all():
        question.get_by_text("Agree", exact=True).click()
    with page.expect_navigation():
        page.get_by_role("button", name="Send my answers").click()
    result_url = page.url
    page.go_back()
    assert page.locator("fieldset[data-cx-question] input:checked").count() == 15
    with page.expect_navigation():
        page.get_by_role("button", name="Send my answers").click()
    assert page.url == result_url  # unchanged: the same result, nothing saved twice
    assert Response.objects.count() == before + 1
    # Back, then another language: the page comes anew, with the answers, and the same key.
    page.go_back()
    page.get_by_label("Language").select_option("it")
    with page.expect_navigation():
        page.get_by_role("button", name="Change").click()
    assert page.locator("fieldset[data-cx-question] input:checked").count() == 15
    with page.expect_navigation():
        page.locator("form.cx-answer-form button[type=submit]").click()
    assert page.url == result_url
    assert Response.objects.count() == before + 1
    page.go_back()
    page.locator("fieldset[data-cx-question]").first.locator("input[value='2']").check()
    with page.expect_navigation():
        page.locator("form.cx-answer-form button[type=submit]").click()
    assert page.url != result_url  # "sent before", in Italian: nothing saved
    assert page.locator("h1").inner_text() == "Questo modulo è già stato inviato"
    assert Response.objects.count() == before + 1


@pytest.mark.parametrize("language", ["en", "ro", "it", "zh-hans"])
def test_every_answer_label_stays_inside_its_box_when_chosen(
    live_server, new_page, survey, language
):
    """Side by side (768 px and wider), "Completamente d'accordo" ran 6-12 px over its box's
    border: one word wider than the box, and wider still in bold once chosen."""
    page = new_page(viewport={"width": 768, "height": 900}, locale=language)
    page.goto(open_link(live_server, survey))
    assert page.locator("html").get_attribute("lang") == language
    for question in page.locator("fieldset[data-cx-question]").all():
        question.locator("input[value='5']").check()  # the longest label in every language
    for width in (768, 900, 1024, 1280):
        page.set_viewport_size({"width": width, "height": 900})
        spilling = page.evaluate(
            """() => [...document.querySelectorAll('.cx-option label')]
                .filter(label => label.scrollWidth > label.clientWidth + 1)
                .map(label => label.textContent.trim())"""
        )
        assert spilling == [], (width, spilling)


@pytest.mark.parametrize("language", ["en", "ro", "it", "zh-hans"])
def test_a_phone_with_text_at_twice_its_size_never_scrolls_sideways(
    live_server, new_page, survey, language
):
    """Larger text on a phone (WCAG 1.4.4 and 1.4.10): the progress bar's "0 of 15 answered",
    the answer boxes ("Completamente"), the language menu and the result page's bands and bars
    pushed the page up to 555 px wide on a 320 px screen."""
    page = new_page(viewport={"width": 320, "height": 740}, locale=language, bypass_csp=True)
    page.goto(open_link(live_server, survey))
    departments = page.locator("select[name=department] option")
    page.locator("select[name=department]").select_option(departments.nth(1).get_attribute("value"))
    page.locator("select[name=role]").select_option(index=1)
    for question in page.locator("fieldset[data-cx-question]").all():
        question.locator("input[value='5']").check()  # the longest label in every language
    enlarged = "html { font-size: 200% !important; }"
    page.add_style_tag(content=enlarged)
    for width in (320, 360, 412, 576, 640):
        page.set_viewport_size({"width": width, "height": 740})
        assert no_horizontal_scroll(page), ("answer form", width)
    with page.expect_navigation():
        page.locator("form[data-cx-answer-form]").evaluate("form => form.requestSubmit()")
    assert "/result/" in page.url
    page.add_style_tag(content=enlarged)
    for width in (320, 360, 412, 576, 640, 700):
        page.set_viewport_size({"width": width, "height": 740})
        assert no_horizontal_scroll(page), ("result page", width)


def test_the_deadline_is_also_given_on_the_respondents_own_clock(
    live_server, new_page, campaign_factory, settings
):
    """Someone in California opening a Bucharest round's link saw no deadline at all; answers
    sent after 14:00 their time on the last day were refused."""
    settings.TIME_ZONE = "Europe/Bucharest"
    closes = timezone.now().replace(microsecond=0) + timedelta(days=3)
    survey = campaign_factory(closes_at=closes)
    page = new_page(timezone_id="America/Los_Angeles", locale="en-US")
    page.goto(open_link(live_server, survey))
    line = page.locator("[data-cx-deadline]").inner_text()
    assert "(Europe/Bucharest time)" in line
    there = closes.astimezone(ZoneInfo("America/Los_Angeles"))
    assert f"{there:%-I:%M} {there:%p}" in line.split("That is ")[1]
