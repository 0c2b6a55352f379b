"""Leader pages render what the dashboard holds, in the order a leader reads it."""

import json
import re
from datetime import UTC, datetime, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from questionnaire.models import Department, Pillar, Response, Role
from tests import factories


@pytest.fixture
def answered(campaign, sales, support):
    factories.make_responses(campaign, sales, 5, (4, 2, 5) * 5, role=Role.LEADERSHIP)
    factories.make_responses(campaign, sales, 3, (1,) * 15)
    factories.make_responses(campaign, sales, 3, (5,) * 15)
    factories.make_responses(campaign, support, 6, (2,) * 15)
    return campaign


def _get(client, name, *args):
    page = client.get(reverse(f"reports:{name}", args=args))
    assert page.status_code == 200
    return page.content.decode()


@pytest.mark.django_db
def test_campaign_list_links_each_campaign_with_its_answer_count(leader_client, answered):
    html = _get(leader_client, "campaign_list")
    assert reverse("reports:campaign_dashboard", args=[answered.pk]) in html
    assert ">17<" in html


@pytest.mark.django_db
def test_dashboard_puts_the_conversation_starters_first(leader_client, answered):
    html = _get(leader_client, "campaign_dashboard", answered.pk)
    start = html.index("Start the conversation here")
    assert start < html.index("Pillar scores by department") < html.index("Who answered")
    assert "What does each side see that the other does not?" in html[start:]
    assert "leadership team" in html[start:].lower()
    assert "css/reports.css" in html  # the print stylesheet lives there
    assert "chart.umd.min.js" in html


@pytest.mark.django_db
def test_dashboard_embeds_the_radar_data_for_the_chart(leader_client, answered):
    html = _get(leader_client, "campaign_dashboard", answered.pk)
    raw = re.search(r'<script id="cx-radar-data" type="application/json">(.*?)</script>', html)
    data = json.loads(raw.group(1))
    assert data["labels"][0] == "Leadership"
    assert [s["label"] for s in data["series"]] == ["Whole company", "Sales", "Support"]
    assert data["series"][2]["scores"] == [25.0] * 5


@pytest.mark.django_db
def test_the_radar_starts_with_the_departments_most_unlike_the_company(leader_client, campaign):
    """It showed the first three departments by name: the one that stood out could be fifth."""
    for name, answer in [("Alpha", 4), ("Beta", 2), ("Gamma", 3), ("Delta", 1), ("Epsilon", 5)]:
        factories.make_responses(campaign, factories.make_department(name), 5, [answer] * 15)
    html = _get(leader_client, "campaign_dashboard", campaign.pk)
    raw = re.search(r'<script id="cx-radar-data" type="application/json">(.*?)</script>', html)
    shown = [s["label"] for s in json.loads(raw.group(1))["series"] if s["shown"]]
    # Company 50: Delta (0) and Epsilon (100) are furthest, then Alpha (75) and Beta (25) tie,
    # and the first in the list's (alphabetical) order is taken; Gamma (50) is the company.
    assert shown == ["Whole company", "Alpha", "Delta", "Epsilon"]
    assert "the three departments whose scores differ most" in html


@pytest.mark.django_db
def test_heatmap_is_an_accessible_table_with_numbers_and_colour(leader_client, answered):
    html = _get(leader_client, "campaign_dashboard", answered.pk)
    table = html[html.index('<table class="table table-sm cx-heatmap') :]
    table = table[: table.index("</table>")]
    assert "<caption" in table and 'scope="col"' in table and 'scope="row"' in table
    assert 'class="cx-num cx-heat-inside_out">25</td>' in table  # Support: the number, then colour


@pytest.mark.django_db
def test_question_page_shows_every_visible_group_and_the_details(leader_client, answered):
    question = factories.question_ids(answered)[1]
    html = _get(leader_client, "question_detail", answered.pk, question)
    for label in ("Whole company", "Sales", "Support", "Leadership team"):
        assert f'<th scope="row">{label}' in html
    assert "Counts and agreement indices per group" in html
    assert "ICC(1)" in html


@pytest.mark.django_db
def test_department_page_compares_with_company_and_leaders(leader_client, answered, sales):
    html = _get(leader_client, "department_detail", answered.pk, sales.pk)
    assert "Pillars against the company and the leadership team" in html
    assert "Roles in this department" in html
    assert "Sales · " not in html or "Leadership team" in html
    # "Agree" beside a score of 36 read as "people agree with the statement": the column says
    # the label is about how close the answers are to each other.
    assert ">How much people agree with each other</th>" in html


@pytest.mark.django_db
def test_department_without_answers_reads_like_a_small_one(leader_client, answered):
    """ "Nobody has answered yet" beside "fewer than 5" would tell a leader whether the one person
    in a small department has answered: both read the same."""
    empty, legal = factories.make_department("Finance"), factories.make_department("Legal")
    factories.make_responses(answered, legal, 2)
    pages = [_get(leader_client, "department_detail", answered.pk, d.pk) for d in (empty, legal)]
    for html in pages:
        assert "Its results are not shown: fewer than 5 answers, or kept back" in html
    assert "Nobody" not in pages[0]


@pytest.mark.django_db
def test_comparison_page_for_a_first_round_and_a_second_one(leader_client, answered, sales):
    assert "This is the first round" in _get(leader_client, "comparison", answered.pk)
    later = factories.make_campaign(name="Spring", opens_at=timezone.now())
    factories.make_responses(later, sales, 6, (5,) * 15)
    html = _get(leader_client, "comparison", later.pk)
    assert "Each group against <strong>Autumn round</strong>" in html
    assert 'cx-delta">+' in html  # everyone in Sales now strongly agrees: a clear rise
    # Why one +9 counts and another is "too few to tell", beside every table of changes.
    why = "not on its size alone, so the same change can count on one line and not on another"
    assert why in html
    assert why in _get(leader_client, "campaign_dashboard", later.pk).split("Since the last")[1]
    assert why in _get(leader_client, "department_detail", later.pk, sales.pk)


@pytest.mark.django_db
def test_empty_states_say_so_instead_of_showing_empty_tables(leader_client, answered, questions):
    later = factories.make_campaign(name="Spring", opens_at=timezone.now(), open_link_enabled=False)
    assert "No group can be compared yet" in _get(leader_client, "comparison", later.pk)
    # No invitations and no answers: every department is listed, hidden, as after a few answers
    # ("nobody has answered" would tell the two apart).
    dashboard = _get(leader_client, "campaign_dashboard", later.pk)
    assert "Nobody" not in dashboard and dashboard.count("fewer than 5 answers") >= 2
    Response.objects.all().delete()
    Department.objects.all().delete()
    dashboard = _get(leader_client, "campaign_dashboard", later.pk)
    assert "There are no departments yet" in dashboard


@pytest.mark.django_db
def test_comments_page_groups_comments_by_pillar(leader_client, campaign, sales):
    pillar = Pillar.objects.get(slug="platforms")
    factories.make_responses(
        campaign, sales, 10, comments={pillar.pk: "Three systems for one customer"}
    )
    html = _get(leader_client, "comments", campaign.pk)
    assert html.count("Three systems for one customer") == 10
    assert html.index("Platforms") < html.index("Three systems for one customer")


@pytest.mark.django_db
def test_a_long_list_of_comments_shows_ten_and_folds_the_rest(leader_client, campaign, sales):
    """6,000 comments made one page of 680 screens: each group shows a sample, the rest is a
    click away (and printed open), and the top of the page says how many each pillar has."""
    platforms = Pillar.objects.get(slug="platforms")
    factories.make_responses(campaign, sales, 25, comments={platforms.pk: "Too many tools"})
    html = _get(leader_client, "comments", campaign.pk)
    assert html.count("Too many tools") == 25  # all there, for search and print
    before, folded = html.split("Show 15 more comments", 1)
    assert before.count("Too many tools") == 10 and "<details" in before[-200:]
    assert "25 comments" in html
    assert re.search(r'href="#comments-platforms">Platforms</a>\s*<span[^>]*>\(25\)', html)


@pytest.mark.django_db
def test_a_limited_leader_is_told_why_other_departments_comments_are_pooled(
    other_department_leader_client, leader, campaign, sales, support
):
    """The page said only departments under the threshold were pooled, while Sales (10 answers,
    outside this leader's departments) was pooled too."""
    pillar = Pillar.objects.get(slug="platforms")
    factories.make_responses(campaign, sales, 10, comments={pillar.pk: "Sales says this"})
    factories.make_responses(campaign, support, 10, comments={pillar.pk: "Support says this"})
    said = "comments from the departments you do not see are pooled"
    html = _get(other_department_leader_client, "comments", campaign.pk)
    assert "Sales says this" in html and said in html
    other_department_leader_client.force_login(leader)  # one who sees every department
    assert said not in _get(other_department_leader_client, "comments", campaign.pk)


@pytest.mark.django_db
def test_a_limited_leader_is_told_the_spread_between_departments_counts_them_all(
    other_department_leader_client, campaign, sales, support
):
    """ "Department explains 28% of the spread" was worked out over departments this leader
    cannot see, and nothing said so."""
    factories.make_responses(campaign, sales, 6, [5] * 15)
    factories.make_responses(campaign, support, 6, [1] * 15)
    question = campaign.campaign_questions.order_by("position").first().question
    html = _get(other_department_leader_client, "question_detail", campaign.pk, question.pk)
    assert "Between departments: ICC(1)" in html
    assert "including those you do not see" in html
    # Beside the headline too, not only in the folded details: the headline is what is read.
    headline = html.split('id="question-text"')[1].split("</section>")[0]
    assert "Departments see" in headline and "including those you do not see" in headline


@pytest.mark.django_db
def test_who_answered_says_what_answers_and_completion_each_count(leader_client, campaign, sales):
    """ "Answers 17 · Invited 1 · Completion 100%": open-link answers beside invitations."""
    from questionnaire import services

    factories.make_responses(campaign, sales, 6)
    services.invitation_issue(
        campaign=campaign, email="a@example.com", department=sales, role="contributor"
    )
    html = _get(leader_client, "campaign_dashboard", campaign.pk)
    assert "counts personal invitations only" in html


@pytest.mark.django_db
def test_json_endpoint_describes_itself_and_is_private(leader_client, answered):
    page = leader_client.get(reverse("reports:dashboard_json", args=[answered.pk]))
    assert page["Content-Type"] == "application/json"
    assert "no-store" in page["Cache-Control"]
    data = page.json()
    assert data["version"] == 1 and data["campaign"]["anonymity_threshold"] == 5
    assert {"groups", "hidden_groups", "between_departments", "hotspots"} <= data.keys()
    assert len(data["questions"]) == 15 and len(data["pillars"]) == 5


@pytest.mark.django_db
def test_new_answers_show_up_on_the_next_visit(leader_client, campaign, sales):
    factories.make_responses(campaign, sales, 5, (2,) * 15)
    assert ">5<" in _get(leader_client, "campaign_list")
    _get(leader_client, "campaign_dashboard", campaign.pk)
    factories.make_response(campaign, sales, (2,) * 15)
    data = leader_client.get(reverse("reports:dashboard_json", args=[campaign.pk])).json()
    assert data["participation"]["responses"] == 6


@pytest.mark.django_db
def test_report_urls_only_answer_get(leader_client, answered):
    page = leader_client.post(reverse("reports:campaign_dashboard", args=[answered.pk]))
    assert page.status_code == 405


@pytest.mark.django_db
def test_every_user_facing_label_is_translatable(leader_client, answered, settings):
    # With the interface in Italian, the pages still render (strings are wrapped for translation).
    leader_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "it"
    assert (
        leader_client.get(reverse("reports:campaign_dashboard", args=[answered.pk])).status_code
        == 200
    )


@pytest.mark.django_db
def test_the_campaign_list_reads_the_same_for_no_answers_and_a_few(leader_client, questions):
    """ "none yet" beside "fewer than 5" told a leader whether anyone at all had answered."""
    empty = factories.make_campaign(name="Empty round")
    few = factories.make_campaign(name="Few round")
    factories.make_responses(few, factories.make_department("Sales"), 2)
    html = _get(leader_client, "campaign_list")
    assert html.count("fewer than 5") == 2 and "none yet" not in html
    assert empty.name in html and few.name in html


@pytest.mark.django_db
def test_a_round_closing_at_midnight_reads_open_until_the_day_before(leader_client, questions):
    """The e-mail said "by the end of Dec. 7" and the reports "– Dec. 8": one round, two days."""
    closes = datetime(2026, 12, 8, tzinfo=UTC)
    campaign = factories.make_campaign(opens_at=closes - timedelta(days=20), closes_at=closes)
    for html in (
        _get(leader_client, "campaign_list"),
        _get(leader_client, "campaign_dashboard", campaign.pk),
    ):
        assert "Dec. 7, 2026" in html and "Dec. 8, 2026" not in html


@pytest.mark.django_db
def test_a_round_reads_closed_once_its_closing_time_passed_without_a_rebuild(
    leader_client, campaign, sales, monkeypatch
):
    """The snapshot from before the closing time said "still open" for up to an hour after it."""
    factories.make_responses(campaign, sales, 5)
    assert "still open" in _get(leader_client, "campaign_dashboard", campaign.pk)
    later = campaign.closes_at + timedelta(minutes=1)
    monkeypatch.setattr(timezone, "now", lambda: later)  # nothing in the database changed
    html = _get(leader_client, "campaign_dashboard", campaign.pk)
    assert "still open" not in html and "closed" in html
    data = json.loads(_get(leader_client, "dashboard_json", campaign.pk))
    assert data["campaign"]["closed"] is True


@pytest.mark.django_db
def test_a_round_that_has_not_opened_does_not_read_still_open(leader_client, questions):
    later = factories.make_campaign(opens_at=timezone.now() + timedelta(days=3), closes_at=None)
    html = _get(leader_client, "campaign_dashboard", later.pk)
    assert "not open yet" in html and "still open" not in html
    assert "not open yet" in _get(leader_client, "campaign_list")


@pytest.mark.django_db
def test_a_negative_icc_reads_as_no_difference_between_departments(leader_client, campaign):
    """ICC(1) −0.20 was shown as a "share of the spread" and ICC(2) −14.07 as a reliability."""
    sales, support = factories.make_department("Sales"), factories.make_department("Support")
    for department in (sales, support):  # the same spread in both: identical department means
        factories.make_responses(campaign, department, 3, (1,) * 15)
        factories.make_responses(campaign, department, 3, (5,) * 15)
    question_id = factories.question_ids(campaign)[0]
    html = _get(leader_client, "question_detail", campaign.pk, question_id)
    assert "no difference between departments beyond the spread" in html
    assert "share of the spread explained" not in html


@pytest.mark.django_db
def test_department_gap_findings_are_offered_as_questions_not_verdicts(leader_client, campaign):
    """With about 21 comparisons per department, a few "findings" turn up in a company with no
    real differences (an independent simulation found 6-13): the page says so beside them."""
    sales, support = factories.make_department("Sales"), factories.make_department("Support")
    for department, answers in ((sales, (4, 5)), (support, (1, 2))):
        for answer in answers:
            factories.make_responses(campaign, department, 3, (answer,) * 15)
    html = _get(leader_client, "campaign_dashboard", campaign.pk)
    assert "than the company as a whole" in html and "can still be chance" in html


@pytest.mark.django_db
def test_no_caveat_where_there_is_no_finding(leader_client, campaign):
    sales, support = factories.make_department("Sales"), factories.make_department("Support")
    for department in (sales, support):
        for answer in (2, 4):
            factories.make_responses(campaign, department, 3, (answer,) * 15)
    html = _get(leader_client, "campaign_dashboard", campaign.pk)
    assert "No department differs from the company" in html
    assert "can still be chance" not in html


@pytest.mark.django_db
def test_pages_and_json_travel_compressed_to_a_browser_that_accepts_it(leader_client, answered):
    import gzip

    for name, ends in (("campaign_dashboard", b"</html>"), ("dashboard_json", b"}")):
        url = reverse(f"reports:{name}", args=[answered.pk])
        page = leader_client.get(url, headers={"accept-encoding": "gzip"})
        assert page["Content-Encoding"] == "gzip"
        assert gzip.decompress(page.content).strip().endswith(ends)
        assert "Content-Encoding" not in leader_client.get(url)  # not asked: as it is


@pytest.mark.django_db
def test_the_report_buttons_mark_the_page_the_leader_is_on(leader_client, answered):
    def current(page: str) -> list[str]:
        return re.findall(r'<a class="[^"]*active"[^>]*aria-current="page">([^<]+)</a>', page)

    assert current(_get(leader_client, "comparison", answered.pk)) == ["Compare with last round"]
    assert current(_get(leader_client, "comments", answered.pk)) == ["Comments"]
    assert current(_get(leader_client, "campaign_dashboard", answered.pk)) == []


def _twelve_answers(total):
    """12 answers to one question summing to `total`: ones, then fives, one step in between."""
    fives, rest = divmod(total - 12, 4)
    answers = [1] * (12 - fives - (1 if rest else 0)) + ([1 + rest] if rest else []) + [5] * fives
    assert len(answers) == 12 and sum(answers) == total
    return answers


@pytest.mark.django_db
def test_an_overall_score_of_exactly_a_half_is_printed_rounded_up(leader_client, questions, sales):
    """The pillars' answers sum to 166, 68, 130, 101 and 57 (36 each): the overall score is
    exactly 47.5, which averaging the pillars' floats made 47.49999999999999, printed 47."""
    campaign = factories.make_campaign(name="Halves")
    per_question = [
        _twelve_answers(total // 3 + (i < total % 3))
        for total in (166, 68, 130, 101, 57)
        for i in range(3)
    ]
    for person in range(12):
        factories.make_responses(campaign, sales, 1, tuple(q[person] for q in per_question))
    html = _get(leader_client, "campaign_dashboard", campaign.pk)
    assert ">48<small> / 100" in html and ">47<" not in html  # the headline and the table
    exported = json.loads(_get(leader_client, "dashboard_json", campaign.pk))
    assert {g["overall_score"] for g in exported["groups"] if g.get("overall_score")} == {47.5}


@pytest.mark.django_db
def test_a_change_in_agreement_stays_between_minus_one_and_one(leader_client, questions, sales):
    """Spring: half of Sales answered 1 and half 5 to Leadership's questions (r*wg(j) = 1 −
    4.8/2 = −1.4); autumn: all answered 4 (1.0). Floored at 0 as its label is, the change is
    +1.00: the page says changes run from −1 to +1, and it read +2.40."""
    now = timezone.now()
    spring = factories.make_campaign(name="Spring", opens_at=now - timedelta(days=200))
    autumn = factories.make_campaign(name="Autumn", opens_at=now - timedelta(days=2))
    factories.make_responses(spring, sales, 3, (1,) * 3 + (3,) * 12)
    factories.make_responses(spring, sales, 3, (5,) * 3 + (3,) * 12)
    factories.make_responses(autumn, sales, 6, (4,) * 3 + (3,) * 12)
    html = _get(leader_client, "comparison", autumn.pk)
    assert "(+1.00)" in html and "+2.40" not in html


SEE_THE_NUMBERS = re.compile(
    r'<a class="small cx-see" href="([^"]+)">See the numbers'
    r'<span class="visually-hidden">: ([^<]+)</span></a>'
)


@pytest.mark.django_db
def test_each_see_the_numbers_link_is_named_after_where_it_leads(leader_client, answered, sales):
    """A dozen links all read "See the numbers": a screen reader's list of links could not tell
    them apart. Links to the same page may share a name; different pages never do."""
    pages = {}
    for name, args in (
        ("campaign_dashboard", [answered.pk]),
        ("department_detail", [answered.pk, sales.pk]),
    ):
        for href, target in SEE_THE_NUMBERS.findall(_get(leader_client, name, *args)):
            pages.setdefault(target, set()).add(href)
    assert all(len(hrefs) == 1 for hrefs in pages.values()), pages
    assert pages["Sales"] == {reverse("reports:department_detail", args=[answered.pk, sales.pk])}
    question = next(target for target in pages if target.startswith("Question "))
    (href,) = pages[question]
    assert f"<title>{question} ·" in leader_client.get(href).content.decode()
    assert "See the numbers</a>" not in _get(leader_client, "campaign_dashboard", answered.pk)


@pytest.mark.django_db
def test_question_page_shows_the_everybody_else_behind_the_leadership_gap(leader_client, campaign):
    """ "The leadership team rates it 62 points higher than everybody else" beside a table with
    no "everybody else" in it: the reader could not check the gap."""
    sales, support = factories.make_department("Sales"), factories.make_department("Support")
    factories.make_responses(campaign, sales, 3, (5,) * 15, role=Role.LEADERSHIP)
    factories.make_responses(campaign, support, 3, (5,) * 15, role=Role.LEADERSHIP)
    for department in (sales, support):
        factories.make_responses(campaign, department, 3, (3,) * 15, role=Role.MANAGER)
        factories.make_responses(campaign, department, 3, (2,) * 15)
    question = factories.question_ids(campaign)[0]
    html = _get(leader_client, "question_detail", campaign.pk, question)
    assert "62 points higher than everybody else" in html  # 100 against 37.5
    row = html.split('<th scope="row">Everybody but the leadership team')[1].split("</tr>")[0]
    assert ">38<" in row and "12 answers" in row


@pytest.mark.django_db
def test_question_page_has_no_everybody_else_while_the_leadership_team_is_hidden(
    leader_client, campaign, sales
):
    factories.make_responses(campaign, sales, 2, (5,) * 15, role=Role.LEADERSHIP)
    factories.make_responses(campaign, sales, 8, (2,) * 15)
    html = _get(leader_client, "question_detail", campaign.pk, factories.question_ids(campaign)[0])
    assert "Everybody but the leadership team" not in html


@pytest.mark.django_db
def test_every_change_table_says_when_the_rounds_asked_different_questions(
    leader_client, questions, sales
):
    """Department page: "Overall 74" at the top, "73 → 73" under "Since the last round", and
    only the comparison page said why (its scores are over the questions both rounds asked)."""
    from questionnaire.models import Question
    from reports.dashboards.campaign import build_campaign_dashboard
    from reports.pdf import dashboard_html

    now = timezone.now()
    spring = factories.make_campaign(name="Spring", opens_at=now - timedelta(days=200))
    factories.make_responses(spring, sales, 5, (2,) * 15)
    Question.objects.filter(key="platforms-3").update(is_active=False)
    autumn = factories.make_campaign(name="Autumn", opens_at=now - timedelta(days=2))
    factories.make_responses(autumn, sales, 5, (3,) * 14)
    note = "so the scores in this table are over the 14 questions both asked"
    for html in (
        _get(leader_client, "campaign_dashboard", autumn.pk),
        _get(leader_client, "department_detail", autumn.pk, sales.pk),
        dashboard_html(dashboard=build_campaign_dashboard(campaign=autumn)),
    ):
        assert note in " ".join(html.split())
    comparison = " ".join(_get(leader_client, "comparison", autumn.pk).split())
    assert "every score here is over the 14 questions both asked" in comparison
    same = factories.make_campaign(name="Winter", opens_at=now - timedelta(days=1))
    factories.make_responses(same, sales, 5, (3,) * 14)
    assert "asked different questions" not in _get(leader_client, "campaign_dashboard", same.pk)
