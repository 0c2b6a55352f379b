"""A leader logs in, reads a campaign's dashboard, drills into a question, downloads the CSV."""

import csv
import re
from datetime import timedelta
from pathlib import Path

import pytest
from playwright.sync_api import expect

from questionnaire.models import Campaign, Department, Pillar, Question, Role
from reports.exports import HEADER
from reports.models import ExportJob
from tests import factories

from .conftest import PHONE
from .helpers import axe_violations, no_horizontal_scroll

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

# Non-blank pixels of a canvas: a chart that failed to draw leaves every pixel transparent.
PAINTED_PIXELS = """canvas => {
  const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
  let painted = 0;
  for (let i = 3; i < data.length; i += 4) if (data[i] !== 0) painted++;
  return painted;
}"""
CHART_POINTS = """canvas => {
  const chart = window.Chart && window.Chart.getChart(canvas);
  return chart ? chart.data.datasets.reduce((n, d) => n + d.data.filter(v => v !== null).length, 0)
               : 0;
}"""


@pytest.fixture
def answered_campaign(questions):
    """Two departments that differ, leaders who see things rosier than staff, a few comments."""
    campaign = factories.make_campaign(name="Spring round", anonymity_threshold=3)
    sales, support = factories.make_department("Sales"), factories.make_department("Support")
    factories.make_responses(campaign, sales, 3, [4, 5, 4] * 5)
    factories.make_responses(campaign, sales, 2, [1, 2, 5] * 5)
    factories.make_responses(campaign, support, 4, [2, 3, 2] * 5)
    factories.make_responses(campaign, support, 3, [5, 4, 5] * 5, role=Role.LEADERSHIP)
    return campaign


def test_leader_reads_the_dashboard_drills_into_a_question_and_downloads_the_csv(
    live_server, page, leader, answered_campaign, screenshot, assert_accessible, tmp_path
):
    page.goto(f"{live_server.url}/reports/")
    assert page.get_by_role("heading", level=1).inner_text() == "Log in to see reports"
    screenshot(page, "1-login")
    assert_accessible(page)
    page.get_by_label("Username").fill("leader")
    page.get_by_label("Password").fill("not-the-password")
    with page.expect_navigation():
        page.get_by_role("button", name="Log in").click()
    # A failed login is announced: the error is focused, in the title, and tied to the fields.
    assert page.title().startswith("Login failed: ")
    error = page.get_by_role("alert")
    assert "correct username and password" in error.inner_text()
    assert page.evaluate("document.activeElement.id") == "login-error"
    assert page.get_by_label("Username").get_attribute("aria-describedby") == "login-error"
    screenshot(page, "1-login-failed")
    assert_accessible(page)
    page.get_by_label("Username").fill("leader")
    page.get_by_label("Password").fill("pw-for-tests-1")
    with page.expect_navigation():
        page.get_by_role("button", name="Log in").click()

    assert page.get_by_role("heading", level=1).inner_text() == "Campaigns"
    screenshot(page, "2-campaigns")
    assert_accessible(page)
    page.get_by_role("link", name="Spring round").click()

    assert page.get_by_role("heading", level=1).inner_text() == "Spring round"
    canvases = page.locator("canvas")
    assert canvases.count() >= 1
    for n in range(canvases.count()):
        canvas = canvases.nth(n)
        canvas.scroll_into_view_if_needed()
        assert canvas.evaluate(CHART_POINTS) > 0, f"chart {n} has no data"
        assert canvas.evaluate(PAINTED_PIXELS) > 1000, f"chart {n} drew nothing"
    screenshot(page, "3-dashboard")
    assert_accessible(page)

    statement = Question.objects.get(pk=factories.question_ids(answered_campaign)[0]).text
    page.get_by_role("link", name=statement).first.click()
    assert page.get_by_role("heading", level=1).inner_text() == "Question 1"
    assert statement in page.get_by_role("heading", level=2).first.inner_text()
    screenshot(page, "4-question")
    assert_accessible(page)

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download CSV").click()
    download = download_info.value
    assert download.suggested_filename == "spring-round-results.csv"
    saved = Path(tmp_path) / download.suggested_filename
    download.save_as(saved)
    with saved.open(newline="", encoding="utf-8-sig") as f:
        rows = list(csv.reader(f))
    assert tuple(rows[0]) == HEADER
    assert len(rows) > 15  # a row per group and question at least


def test_a_pdf_that_fails_while_the_leader_watches_leaves_no_progress_bar(
    live_server, page, leader, answered_campaign, screenshot
):
    _log_in(page, live_server)
    job = ExportJob.objects.create(
        campaign=answered_campaign,
        requested_by=leader,
        status=ExportJob.Status.RUNNING,
        progress=40,
    )
    page.goto(f"{live_server.url}/reports/exports/{job.pk}/")
    assert page.get_by_role("progressbar").is_visible()
    ExportJob.objects.filter(pk=job.pk).update(status=ExportJob.Status.FAILED)
    expect(page.get_by_role("button", name="Try again")).to_be_visible(timeout=10_000)
    assert page.get_by_role("progressbar").is_hidden()
    screenshot(page, "1-failed-while-watching")


def _log_in(page, live_server) -> None:
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Username").fill("leader")
    page.get_by_label("Password").fill("pw-for-tests-1")
    with page.expect_navigation():
        page.get_by_role("button", name="Log in").click()


REGIONS = """() => [...document.querySelectorAll('.table-responsive')].map(box => ({
    region: box.getAttribute('role') === 'region',
    tabbable: box.tabIndex === 0 && box.hasAttribute('tabindex'),
    scrolls: box.scrollWidth > box.clientWidth + 1,
    // Named by its heading, then the "scrolls sideways" hint: the heading is what tells them apart.
    name: box.getAttribute('aria-labelledby')
        && document.getElementById(box.getAttribute('aria-labelledby').split(' ')[0])
            .textContent.trim(),
    hint: box.getAttribute('aria-labelledby')
        && (document.getElementById(box.getAttribute('aria-labelledby').split(' ')[1]) || {})
            .textContent,
}))"""


@pytest.mark.parametrize("viewport", [{"width": 1280, "height": 900}, PHONE])
def test_each_table_box_is_a_named_region_only_while_it_scrolls(
    live_server, new_page, leader, answered_campaign, viewport, screenshot
):
    """Seven regions all called "Table (scrolls sideways on small screens)", each a tab stop even
    where nothing scrolled: a screen reader's list of regions could not tell them apart."""
    page = new_page(viewport=viewport)
    _log_in(page, live_server)
    page.goto(f"{live_server.url}/reports/{answered_campaign.pk}/")
    boxes = page.evaluate(REGIONS)
    assert boxes
    for box in boxes:
        assert box["region"] == box["tabbable"] == box["scrolls"], box
    names = [box["name"] for box in boxes if box["region"]]
    assert all(names) and len(set(names)) == len(names), names
    assert all(len(name) < 100 for name in names), names  # headings, not long notes
    assert all(
        box["hint"] == "Table (scrolls sideways on small screens)" for box in boxes if box["region"]
    )
    if viewport == PHONE:
        assert names, "on a phone the wide tables scroll"
        first = page.locator(".cx-scroll-wrap:has(> [role=region])").first
        first.scroll_into_view_if_needed()
        assert "cx-more-right" in first.get_attribute("class")  # a shadow says there is more
        screenshot(page, "1-table-edge-on-a-phone", full_page=False)
        first.locator("> .table-responsive").evaluate("box => box.scrollLeft = box.scrollWidth")
        expect(first).not_to_have_class(re.compile("cx-more-right"))


VISIBLE_LINES = """canvas => {
    const chart = Chart.getChart(canvas);
    return chart.data.datasets.filter((_, i) => chart.isDatasetVisible(i)).map(d => d.label);
}"""


def test_the_radar_key_shows_and_hides_lines_from_the_keyboard(
    live_server, page, leader, answered_campaign, screenshot, assert_accessible
):
    """The key was drawn inside the canvas: only a mouse could bring back a hidden department."""
    _log_in(page, live_server)
    page.goto(f"{live_server.url}/reports/{answered_campaign.pk}/")
    canvas = page.locator("#cx-radar")
    key = page.get_by_role("group", name="Lines shown in the chart")
    support = key.get_by_role("button", name="Support")
    assert support.get_attribute("aria-pressed") == "true"
    assert canvas.evaluate(VISIBLE_LINES) == ["Whole company", "Sales", "Support"]

    support.focus()
    page.keyboard.press("Enter")
    assert support.get_attribute("aria-pressed") == "false"
    assert canvas.evaluate(VISIBLE_LINES) == ["Whole company", "Sales"]
    screenshot(page, "1-support-hidden", full_page=False)
    page.keyboard.press("Space")
    assert support.get_attribute("aria-pressed") == "true"
    assert canvas.evaluate(VISIBLE_LINES) == ["Whole company", "Sales", "Support"]
    assert_accessible(page)


TOOLTIP_SHOWN = "canvas => Chart.getChart(canvas).tooltip.getActiveElements().length > 0"
FIRST_POINT = """canvas => {
    const point = Chart.getChart(canvas).getDatasetMeta(0).data[0];
    const box = canvas.getBoundingClientRect();
    return {x: box.left + point.x, y: box.top + point.y};
}"""


def test_escape_hides_the_radar_tooltip_without_moving_the_mouse(
    live_server, page, leader, answered_campaign
):
    """The tooltip stayed over the chart until the pointer moved away (WCAG 1.4.13)."""
    _log_in(page, live_server)
    page.goto(f"{live_server.url}/reports/{answered_campaign.pk}/")
    canvas = page.locator("#cx-radar")
    canvas.scroll_into_view_if_needed()
    point = canvas.evaluate(FIRST_POINT)
    page.mouse.move(point["x"], point["y"])
    page.wait_for_function(f"() => ({TOOLTIP_SHOWN})(document.getElementById('cx-radar'))")
    page.keyboard.press("Escape")
    assert not canvas.evaluate(TOOLTIP_SHOWN)


def test_in_high_contrast_mode_the_answer_bars_and_key_keep_their_colours(
    live_server, new_page, leader, answered_campaign
):
    """Forced colours (Windows high contrast) painted every background alike: the answer bars
    vanished and every swatch of the radar's key took one colour."""
    page = new_page(forced_colors="active")
    _log_in(page, live_server)
    page.goto(f"{live_server.url}/reports/{answered_campaign.pk}/")
    assert page.evaluate("matchMedia('(forced-colors: active)').matches")
    kept = """all => all.map(e => getComputedStyle(e).forcedColorAdjust)"""
    for selector in (".cx-dist > span", ".cx-swatch", ".cx-radar-swatch", ".cx-radar-wrap"):
        adjust = page.locator(selector).evaluate_all(kept)
        assert adjust and set(adjust) == {"none"}, selector
    swatches = page.locator(".cx-radar-swatch").evaluate_all(
        "all => all.map(s => getComputedStyle(s).borderTopColor)"
    )
    assert len(set(swatches)) == len(swatches) > 1


LINE_STYLES = """canvas => {
    const chart = Chart.getChart(canvas);
    return chart.data.datasets.map(d => d.borderColor + " " + (d.borderDash || []).join(","));
}"""


def test_radar_lines_past_the_ninth_are_dashed_so_no_two_look_alike(
    live_server, page, leader, answered_campaign, screenshot
):
    """Nine colours: the tenth line (the company, then nine departments) took the company's, and
    with dashes alone the nineteenth took the tenth's."""
    for i in range(17):
        department = factories.make_department(f"Team {i + 1:02d}")
        factories.make_responses(answered_campaign, department, 3, [3, 4, 2] * 5)
    _log_in(page, live_server)
    page.goto(f"{live_server.url}/reports/{answered_campaign.pk}/")
    styles = page.locator("#cx-radar").evaluate(LINE_STYLES)
    assert len(styles) == len(set(styles)) == 20  # the company and nineteen departments
    assert [s.endswith(" ") for s in styles] == [True] * 9 + [False] * 11
    key = page.get_by_role("group", name="Lines shown in the chart")
    swatches = key.locator(".cx-radar-swatch")
    borders = swatches.evaluate_all("all => all.map(s => getComputedStyle(s).borderTopStyle)")
    assert borders == ["solid"] * 9 + ["dashed"] * 9 + ["dotted"] * 2
    key.get_by_role("button").nth(9).click()
    screenshot(page, "tenth-line-dashed", full_page=False)


def test_on_a_phone_the_leadership_comparison_shows_its_difference_without_scrolling(
    live_server, new_page, leader, answered_campaign, screenshot
):
    """Its "Difference" column, what the table is for, started off-screen at 390 px."""
    page = new_page(viewport={"width": 390, "height": 800})
    _log_in(page, live_server)
    page.goto(f"{live_server.url}/reports/{answered_campaign.pk}/")
    section = page.locator("#leadership").locator("xpath=ancestor::section[1]")
    box = section.locator(".table-responsive").first
    assert box.evaluate("b => b.scrollWidth <= b.clientWidth + 1")
    assert box.get_by_role("columnheader", name="Difference").is_visible()
    # A table that scrolls is a region named after its heading, and its section is one too:
    # the box's name adds that it scrolls, so no two landmarks share a name.
    axe_violations(page)  # loads axe
    duplicates = page.evaluate(
        "() => axe.run(document, {runOnly: {type: 'rule', values: ['landmark-unique']}})"
        ".then(r => r.violations.flatMap(v => v.nodes.map(n => n.target.join(' '))))"
    )
    assert duplicates == []
    section.scroll_into_view_if_needed()
    screenshot(page, "leadership-390", full_page=False)


def test_on_a_phone_the_comparison_with_the_last_round_fits_the_screen(
    live_server, new_page, leader, answered_campaign, screenshot
):
    """Each pillar's "Some disagreement → Some disagreement" kept its one-line pills, which
    pushed the agreement column past the edge of a 390 px screen on every group's table."""
    before = factories.make_campaign(name="Autumn round", anonymity_threshold=3)
    # Half a year earlier: set in the database, as the admin refuses a new round dated back
    # before an answered one (it would change that round's comparison under its readers).
    Campaign.objects.filter(pk=before.pk).update(
        opens_at=answered_campaign.opens_at - timedelta(days=180)
    )
    for department in Department.objects.filter(name__in=["Sales", "Support"]):
        factories.make_responses(before, department, 3, [2] * 15)
        factories.make_responses(before, department, 3, [4] * 15)
    page = new_page(viewport={"width": 390, "height": 800})
    _log_in(page, live_server)
    page.goto(f"{live_server.url}/reports/{answered_campaign.pk}/compare/")
    assert page.get_by_text("Some disagreement").count() > 2
    boxes = page.locator(".table-responsive")
    assert boxes.count() == 3  # the company and both departments
    for i in range(boxes.count()):
        assert boxes.nth(i).evaluate("b => b.scrollWidth <= b.clientWidth + 1"), i
    assert no_horizontal_scroll(page)
    boxes.first.scroll_into_view_if_needed()
    screenshot(page, "comparison-390", full_page=False)


def test_a_long_department_name_does_not_push_the_dashboard_sideways_on_a_phone(
    live_server, new_page, leader, answered_campaign
):
    """The radar key's button for a long unbroken name made the whole page 388 px wide at 320."""
    long_name = factories.make_department("Kundenzufriedenheitsmanagementabteilungsleitungsteam")
    factories.make_responses(answered_campaign, long_name, 3, [3] * 15)
    page = new_page(viewport={"width": 320, "height": 700})
    _log_in(page, live_server)
    page.goto(f"{live_server.url}/reports/{answered_campaign.pk}/")
    assert page.get_by_role("button", name=long_name.name).is_visible()
    assert no_horizontal_scroll(page)
    # Its own page: the breadcrumb and the heading wrap the name (they made it 708 px wide).
    page.goto(f"{live_server.url}/reports/{answered_campaign.pk}/departments/{long_name.pk}/")
    assert page.get_by_role("heading", name=long_name.name).is_visible()
    assert no_horizontal_scroll(page)


def test_on_a_phone_each_tables_explanation_fits_the_screen(
    live_server, new_page, leader, answered_campaign
):
    """A caption under a table that scrolls sideways ran as wide as the table (600 px at 390):
    how to read the numbers was itself off-screen."""
    page = new_page(viewport={"width": 390, "height": 800})
    _log_in(page, live_server)
    department = answered_campaign.responses.first().department_id
    for path in ("", f"departments/{department}/", f"questions/{Question.objects.first().pk}/"):
        page.goto(f"{live_server.url}/reports/{answered_campaign.pk}/{path}")
        captions = page.locator(".table-responsive caption:not(.visually-hidden)")
        assert captions.count(), path
        for caption in captions.all():
            caption.scroll_into_view_if_needed()
            box = caption.bounding_box()
            assert box["x"] >= 0 and box["x"] + box["width"] <= 390, (path, box)


def test_logging_in_with_empty_fields_leaves_focus_on_the_username(live_server, page):
    page.goto(f"{live_server.url}/accounts/login/")
    with page.expect_navigation():
        page.get_by_role("button", name="Log in").click()
    assert page.title().startswith("Login failed: ")
    assert page.evaluate("document.activeElement.name") == "username"


def test_the_printed_dashboard_keeps_every_column_and_every_pillar(
    live_server, new_page, leader, answered_campaign
):
    """Printed on A4 from a desktop, the overall card stopped after two pillars (h-100 held it
    to its row) and the wide tables lost their last columns at the paper's edge, as they did
    again for a department named without a space wider than its column."""
    unbroken = factories.make_department("Customer-Experience-Operations" + "x" * 60)
    factories.make_responses(answered_campaign, unbroken, 5)
    page = new_page(viewport={"width": 1366, "height": 900})
    _log_in(page, live_server)
    page.goto(f"{live_server.url}/reports/{answered_campaign.pk}/")
    page.emulate_media(media="print")
    page.set_viewport_size({"width": 690, "height": 1000})  # A4 less the print margins
    overall = page.locator("#overall").locator("xpath=ancestor::section[1]")
    assert overall.evaluate("s => s.scrollHeight <= s.clientHeight + 1")
    boxes = page.locator(".table-responsive")
    assert boxes.count() > 3
    for i in range(boxes.count()):
        assert boxes.nth(i).evaluate("b => b.scrollWidth <= b.clientWidth + 1"), i
        table = boxes.nth(i).locator("table")
        assert table.evaluate("t => t.getBoundingClientRect().right <= innerWidth"), i
    pdf = page.pdf(format="A4")
    assert pdf.startswith(b"%PDF")


STACKED_ACCENTS = "Z" + "\u0301\u0300\u0302\u0303" * 400 + " end"  # 1,602 characters


def test_on_a_phone_a_comment_stays_in_its_box_and_a_long_pooled_name_wraps(
    live_server, new_page, leader, questions
):
    """Anyone with the open link could send a comment of 1,600 stacked accents: they covered the
    heading above it. A pooled department named in one long word made the comments page 845 px
    wide at 390. The heading over such a comment must look exactly as over a plain one."""
    pillar = Pillar.objects.get(slug="leadership")
    sales, support = factories.make_department("Sales"), factories.make_department("Support")
    long_name = factories.make_department("x" * 100)
    headings = []
    for text in ("Z end", STACKED_ACCENTS):
        campaign = factories.make_campaign(anonymity_threshold=3, comment_threshold=3)
        factories.make_response(campaign, sales, comments={pillar.pk: text})
        factories.make_responses(campaign, sales, 5)
        factories.make_responses(campaign, support, 4)
        factories.make_response(campaign, long_name, comments={pillar.pk: "Pooled"})
        page = new_page(viewport={"width": 390, "height": 800})
        _log_in(page, live_server)
        page.goto(f"{live_server.url}/reports/{campaign.pk}/comments/")
        pooled = page.locator("p", has_text="Comments from these departments are pooled")
        assert "x" * 100 in pooled.inner_text()
        assert no_horizontal_scroll(page)
        heading = page.get_by_role("heading", name="Sales · 1 comment")
        headings.append(heading.screenshot())
    assert headings[0] == headings[1]
