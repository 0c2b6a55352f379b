"""A group below the threshold stays hidden on every path: dashboard, drill-downs, JSON, CSV,
comments, department × role cells, over time, and the subtraction case."""

import csv
import io
import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from questionnaire.models import Pillar, Role
from reports.anonymity import CrossedVisibility
from reports.dashboards import rounds
from tests import factories

from .test_anonymity import (
    ATTACKED_CELLS,
    FIRST_ANSWERS,
    SECOND_ANSWERS,
    _options_of,
    exposed_by_question,
)

THRESHOLD = 5


@pytest.fixture
def legal(db):
    return factories.make_department("Legal")


@pytest.fixture
def small_legal(campaign, sales, support, legal):
    """Sales 6, Support 5, Legal 2. Legal is below the threshold; hiding it alone would let
    "company − Sales − Support" give its answers away, so Support (the smallest) is hidden too."""
    leadership = Pillar.objects.get(slug="leadership")
    factories.make_responses(campaign, sales, 6, (4,) * 15)
    factories.make_responses(campaign, support, 5, (2,) * 15)
    factories.make_responses(
        campaign, legal, 2, (1,) * 15, comments={leadership.pk: "LEGAL-COMMENT about leaders"}
    )
    return campaign


def _json(client, campaign):
    return client.get(reverse("reports:dashboard_json", args=[campaign.pk])).json()


def _csv(client, campaign):
    text = client.get(reverse("reports:export_csv", args=[campaign.pk])).content.decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text)))


def _walk(value):
    if isinstance(value, dict):
        yield value
        for item in value.values():
            yield from _walk(item)
    elif isinstance(value, list):
        for item in value:
            yield from _walk(item)


def _probe_json(data, threshold=THRESHOLD):
    """Every described group anywhere in the answer has at least `threshold` people."""
    for node in _walk(data):
        if node.get("type") in {"company", "department", "role", "crossed"} and "n" in node:
            assert node["n"] >= threshold, node["key"]


@pytest.mark.django_db
def test_small_department_is_hidden_from_the_json_with_its_reason(
    leader_client, small_legal, sales, support, legal
):
    data = _json(leader_client, small_legal)
    _probe_json(data)
    shown = {g["department_id"] for g in data["groups"]}
    assert legal.pk not in shown and support.pk not in shown and sales.pk in shown
    reasons = {
        h["department_id"]: h["reason"] for h in data["hidden_groups"] if h["type"] == "department"
    }
    # Legal is too small, Support kept back to protect it: both read the same, because "kept
    # back" means "at least 5", and with the company's 11 and Sales's 5 shown that gave Legal = 1.
    assert reasons == {legal.pk: "hidden", support.pk: "hidden"}
    assert all("n" not in h for h in data["hidden_groups"])  # not even the exact size
    rows = {r["department_id"]: r for r in data["participation"]["departments"]}
    assert rows[legal.pk]["responses"] is None and rows[support.pk]["responses"] is None
    gap_groups = {
        f["a"]["department_id"]
        for kind in ("department_gaps", "leadership_vs_departments")
        for f in data["hotspots"][kind]
    }
    assert gap_groups <= {sales.pk}


@pytest.mark.django_db
def test_small_department_is_hidden_from_the_csv(leader_client, small_legal, support, legal):
    rows = _csv(leader_client, small_legal)
    numbered = [r for r in rows if r["section"] != "hidden_group"]
    assert numbered
    assert all(int(r["group_size"]) >= THRESHOLD for r in numbered if r["group_size"])
    hidden_ids = {str(legal.pk), str(support.pk)}
    assert not [r for r in numbered if r["department_id"] in hidden_ids]
    hidden = [r for r in rows if r["section"] == "hidden_group" and r["group_type"] == "department"]
    assert {r["department"]: r["hidden_reason"] for r in hidden} == {
        "Legal": "hidden",
        "Support": "hidden",
    }
    assert all(r["n"] == "" and r["group_size"] == "" for r in hidden)


@pytest.mark.django_db
def test_small_department_is_hidden_on_the_dashboard_page(
    leader_client, small_legal, sales, support, legal
):
    html = leader_client.get(reverse("reports:campaign_dashboard", args=[small_legal.pk]))
    html = html.content.decode()
    c = small_legal.pk
    assert reverse("reports:department_detail", args=[c, sales.pk]) in html
    assert reverse("reports:department_detail", args=[c, legal.pk]) not in html
    assert reverse("reports:department_detail", args=[c, support.pk]) not in html
    # One wording for every hidden department, whatever the reason (see the JSON test).
    hiding = "Fewer than 5 answers, or kept back so that a smaller group cannot be worked out"
    assert html.count(hiding) >= 2  # Legal and Support, in each table that lists departments
    assert "— kept back" not in html and "<td>kept back" not in html
    assert "LEGAL-COMMENT" not in html  # comments never sit on the dashboard


@pytest.mark.django_db
def test_hidden_department_page_and_question_page_show_no_numbers(
    leader_client, small_legal, legal
):
    c = small_legal.pk
    page = leader_client.get(reverse("reports:department_detail", args=[c, legal.pk]))
    html = page.content.decode()
    assert page.status_code == 200
    assert "fewer than 5 answers, or kept back so that a smaller group cannot be worked out" in html
    assert "cx-big" not in html and "<table" not in html  # no score, no table
    question = factories.question_ids(small_legal)[0]
    html = leader_client.get(reverse("reports:question_detail", args=[c, question]))
    html = html.content.decode()
    assert '<th scope="row">Legal' not in html and '<th scope="row">Support' not in html


@pytest.mark.django_db
def test_comments_of_small_departments_are_pooled_never_named(leader_client, small_legal, legal):
    # 13 people reach the comment threshold of 10 as a company, but no department does.
    data = _json(leader_client, small_legal)["comments"]
    assert data["visible"]
    groups = [g for p in data["pillars"] for g in p["groups"]]
    assert groups and all(g["type"] == "other_departments" for g in groups)
    assert any("LEGAL-COMMENT about leaders" in g["comments"] for g in groups)
    html = leader_client.get(reverse("reports:comments", args=[small_legal.pk])).content.decode()
    assert "LEGAL-COMMENT" in html
    assert re.search(r"<h3[^>]*>\s*Other departments\b", html)  # the pool is a heading…
    assert re.search(r"<h3[^>]*>\s*Legal\b", html) is None  # …and Legal is not


@pytest.mark.django_db
def test_comments_wait_for_the_comment_threshold(leader_client, campaign, sales, support):
    leadership = Pillar.objects.get(slug="leadership")
    factories.make_responses(campaign, sales, 5, comments={leadership.pk: "QUIET-COMMENT"})
    factories.make_responses(campaign, support, 4)  # 9 people: below the comment threshold 10
    data = _json(leader_client, campaign)
    assert data["comments"] == {"visible": False, "threshold": 10, "pillars": []}
    html = leader_client.get(reverse("reports:comments", args=[campaign.pk])).content.decode()
    assert "QUIET-COMMENT" not in html
    assert "Comments appear once at least 10 people have answered" in html


@pytest.mark.django_db
def test_a_department_at_the_comment_threshold_is_named_with_its_comments(
    leader_client, campaign, sales, support
):
    leadership = Pillar.objects.get(slug="leadership")
    factories.make_responses(campaign, sales, 10, comments={leadership.pk: "SALES-COMMENT"})
    factories.make_responses(campaign, support, 10, comments={leadership.pk: "SUPPORT-COMMENT"})
    data = _json(leader_client, campaign)["comments"]
    named = {
        g["department"]: g["comments"]
        for p in data["pillars"]
        for g in p["groups"]
        if g["type"] == "department"
    }
    assert named == {"Sales": ["SALES-COMMENT"] * 10, "Support": ["SUPPORT-COMMENT"] * 10}


@pytest.mark.django_db
def test_small_role_cells_inside_departments_stay_hidden(leader_client, campaign, sales, support):
    """Sales: 2 leaders, 5 managers, 5 contributors; Support: 5 managers, 6 contributors.
    The leadership team (2) is hidden; hiding it alone would give it away as "company minus the
    other roles", so managers (10) go too. Contributors (11) stay; so do their cells."""
    factories.make_responses(campaign, sales, 2, (5,) * 15, role=Role.LEADERSHIP)
    factories.make_responses(campaign, sales, 5, (3,) * 15, role=Role.MANAGER)
    factories.make_responses(campaign, sales, 5, (4,) * 15, role=Role.CONTRIBUTOR)
    factories.make_responses(campaign, support, 5, (2,) * 15, role=Role.MANAGER)
    factories.make_responses(campaign, support, 6, (3,) * 15, role=Role.CONTRIBUTOR)
    data = _json(leader_client, campaign)
    _probe_json(data)
    cells = {(g["department_id"], g["role"]) for g in data["groups"] if g["type"] == "crossed"}
    assert cells == {(sales.pk, "contributor"), (support.pk, "contributor")}
    roles = {g["role"] for g in data["groups"] if g["type"] == "role"}
    assert roles == {"contributor"}
    hidden_cells = {
        (h["department_id"], h["role"]): h["reason"]
        for h in data["hidden_groups"]
        if h["type"] == "crossed"
    }
    # Too small and kept back read the same: the pair gave the cells' exact sizes away.
    assert hidden_cells[sales.pk, "leadership"] == hidden_cells[sales.pk, "manager"] == "hidden"
    assert data["hotspots"]["leadership_gaps"] == []  # the leaders are hidden, so no gap
    rows = _csv(leader_client, campaign)
    assert not [r for r in rows if r["role"] == "leadership" and r["section"] != "hidden_group"]
    page = leader_client.get(reverse("reports:department_detail", args=[campaign.pk, sales.pk]))
    assert "fewer than 5 answers, or kept back" in page.content.decode()


@pytest.mark.django_db
def test_one_manager_cannot_be_worked_out_across_a_row_and_a_column(
    leader_client, client, campaign, sales, support
):
    """Found by an exploratory round. Sales: 6 managers, 10 contributors; Support: 1 manager,
    10 contributors. With Sales × contributor shown, Sales − it gave Sales × manager (6), and
    managers − that gave Support's one manager, all 15 answers, from the JSON or the CSV alone."""
    factories.make_responses(campaign, sales, 6, (4,) * 15, role=Role.MANAGER)
    factories.make_responses(campaign, sales, 10, (3,) * 15, role=Role.CONTRIBUTOR)
    (lone,) = factories.make_responses(campaign, support, 1, (1,) * 15, role=Role.MANAGER)
    factories.make_responses(campaign, support, 10, (2,) * 15, role=Role.CONTRIBUTOR)
    data = _json(leader_client, campaign)
    _probe_json(data)
    shown = {(g["type"], g["department_id"], g["role"]): g["n"] for g in data["groups"]}
    assert [key for key in shown if key[0] == "crossed"] == []
    # No sum of departments and roles isolates fewer than 5 people, but the answers would: the
    # managers have one "1", the contributors none, so it is Support's manager's. The roles go;
    # both departments stay.
    assert shown["department", sales.pk, None] == 16
    assert shown["department", support.pk, None] == 11
    assert [key for key in shown if key[0] == "role"] == []
    csv_cells = [r for r in _csv(leader_client, campaign) if r["section"] != "hidden_group"]
    assert not [r for r in csv_cells if r["department"] and r["role"]]

    page = client.get(reverse("questionnaire:result", args=[lone.result_key])).content.decode()
    assert "average is not shown yet" not in page


def _one_manager_answers_one(campaign, sales, support):
    """Sales: 3 leaders, 1 manager, 5 contributors; Support: 3 leaders, 5 managers,
    1 contributor; everyone answers 3, 4 or 5 except Sales' manager, who answers 1 throughout."""
    spread = [(3,) * 15, (4,) * 15, (5,) * 15]
    people = {
        (sales, Role.LEADERSHIP): 3, (sales, Role.CONTRIBUTOR): 5,
        (support, Role.LEADERSHIP): 3, (support, Role.MANAGER): 5, (support, Role.CONTRIBUTOR): 1,
    }  # fmt: skip
    for (department, role), count in people.items():
        for i in range(count):
            factories.make_responses(campaign, department, 1, spread[i % 3], role=role)
    factories.make_responses(campaign, sales, 1, (1,) * 15, role=Role.MANAGER)


@pytest.mark.django_db
def test_zero_counts_cannot_pin_a_hidden_manager_in_the_json_or_the_csv(
    leader_client, campaign, sales, support
):
    """Found by an attack. Sales: 3 leaders, 1 manager, 5 contributors; Support: 3 leaders,
    5 managers, 1 contributor; everyone answers 3, 4 or 5 except Sales' manager, who answers 1
    throughout. By size, both departments and all three roles may be shown. But then on every
    question Support has no "1" and the managers have one: Sales' manager answered 1."""
    _one_manager_answers_one(campaign, sales, support)

    data = _json(leader_client, campaign)
    _probe_json(data)
    shown = {(g["type"], g["department_id"], g["role"]): g for g in data["groups"]}
    # The departments and the leadership team stay; the managers and contributors are merged.
    assert {k[1] for k in shown if k[0] == "department"} == {sales.pk, support.pk}
    assert {k[2] for k in shown if k[0] == "role"} == {"leadership"}
    ones = {key: [q["counts"][0] for q in g["questions"]] for key, g in shown.items()}
    assert ones["department", sales.pk, None] == [1] * 15  # somebody in Sales, but who
    assert ones["role", None, "leadership"] == [0] * 15
    csv_rows = [r for r in _csv(leader_client, campaign) if r["section"] != "hidden_group"]
    assert {r["role"] for r in csv_rows} <= {"", "leadership"}


@pytest.mark.django_db
def test_a_questions_answers_together_cannot_pin_hidden_leaders_in_the_json(
    leader_client, campaign, sales, support
):
    """The attack behind ATTACKED_CELLS, through the app: Sales' two leaders answered the first
    two questions so that, with every answer's counts shown, each person's one answer per
    question pinned both of theirs. The JSON must leave every hidden small group open."""
    departments = {"Sales": sales, "Support": support}
    roles = {"L": Role.LEADERSHIP, "M": Role.MANAGER, "I": Role.CONTRIBUTOR}
    for (name, role), n in ATTACKED_CELLS.items():
        for i in range(n):
            first, second = FIRST_ANSWERS[name, role][i], SECOND_ANSWERS[name, role][i]
            factories.make_responses(
                campaign, departments[name], 1, (first, second) + (4,) * 13, role=roles[role]
            )

    data = _json(leader_client, campaign)
    _probe_json(data)
    names = {sales.pk: "Sales", support.pk: "Support"}
    letters = {role.value: letter for letter, role in roles.items()}
    groups = [(g["type"], g["department_id"], g["role"]) for g in data["groups"]]
    shown = CrossedVisibility(
        rows=frozenset(names[d] for kind, d, _r in groups if kind == "department"),
        columns=frozenset(letters[r] for kind, _d, r in groups if kind == "role"),
        cells=frozenset((names[d], letters[r]) for kind, d, r in groups if kind == "crossed"),
        row_reasons={}, column_reasons={}, cell_reasons={},
    )  # fmt: skip
    for answers in (FIRST_ANSWERS, SECOND_ANSWERS):
        options = _options_of(ATTACKED_CELLS, answers)
        assert exposed_by_question(ATTACKED_CELLS, shown, options, THRESHOLD) == []


@pytest.mark.django_db
def test_a_department_the_audit_hides_is_hidden_on_the_result_page_too(
    leader_client, client, campaign, sales, support
):
    """Sales: 10 contributors only; Support: 1 contributor and 10 managers. Contributors − Sales
    would give Support's one contributor, so a whole department has to go, everywhere."""
    factories.make_responses(campaign, sales, 10, (3,) * 15, role=Role.CONTRIBUTOR)
    (lone,) = factories.make_responses(campaign, support, 1, (1,) * 15, role=Role.CONTRIBUTOR)
    factories.make_responses(campaign, support, 10, (4,) * 15, role=Role.MANAGER)
    data = _json(leader_client, campaign)
    _probe_json(data)
    departments = {g["department_id"] for g in data["groups"] if g["type"] == "department"}
    assert support.pk not in departments
    page = client.get(reverse("questionnaire:result", args=[lone.result_key])).content.decode()
    assert "Support's average is not shown yet" in page


@pytest.mark.django_db
def test_over_time_compares_only_groups_shown_in_both_rounds(
    leader_client, questions, sales, support, legal
):
    now = timezone.now()
    spring = factories.make_campaign(name="Spring", opens_at=now - timedelta(days=200))
    autumn = factories.make_campaign(name="Autumn", opens_at=now - timedelta(days=2))
    factories.make_responses(spring, sales, 2, (1,) * 15)  # too small last time,
    factories.make_responses(spring, support, 4, (3,) * 15)  # and so was Support
    factories.make_responses(spring, legal, 6, (3,) * 15)
    factories.make_responses(autumn, sales, 6, (4,) * 15)
    factories.make_responses(autumn, support, 6, (3,) * 15)
    factories.make_responses(autumn, legal, 5, (2,) * 15)
    data = _json(leader_client, autumn)["comparison"]
    compared = {g["department_id"] for g in data["groups"]}
    assert compared == {None, legal.pk}  # the company, and Legal: visible both times
    assert [g["department_id"] for g in data["not_comparable"]] == [sales.pk, support.pk]
    assert all("overall_before" not in g for g in data["not_comparable"])
    _probe_json(data)
    html = leader_client.get(reverse("reports:comparison", args=[autumn.pk])).content.decode()
    assert "were not shown in the last one (too few answers, or hidden to protect" in html


@pytest.mark.django_db
def test_a_department_hidden_now_is_not_compared_over_time(leader_client, questions, sales, legal):
    now = timezone.now()
    spring = factories.make_campaign(name="Spring", opens_at=now - timedelta(days=200))
    autumn = factories.make_campaign(name="Autumn", opens_at=now - timedelta(days=2))
    factories.make_responses(spring, sales, 6, (3,) * 15)
    factories.make_responses(spring, legal, 6, (3,) * 15)
    factories.make_responses(autumn, sales, 8, (4,) * 15)
    factories.make_responses(autumn, legal, 2, (1,) * 15)
    data = _json(leader_client, autumn)
    # Legal (2) is hidden now, and Sales with it, or "company − Sales" would give Legal away:
    # only the company is compared.
    assert {g["department_id"] for g in data["comparison"]["groups"]} == {None}
    assert {g["department_id"] for g in data["groups"] if g["type"] == "department"} == set()


@pytest.mark.django_db
def test_a_company_below_the_threshold_shows_nothing_anywhere(leader_client, campaign, sales):
    factories.make_responses(campaign, sales, 4, (1,) * 15)
    data = _json(leader_client, campaign)
    assert data["groups"] == [] and data["participation"]["responses"] is None
    rows = _csv(leader_client, campaign)
    assert [r for r in rows if r["section"] != "hidden_group"] == []
    html = leader_client.get(reverse("reports:campaign_dashboard", args=[campaign.pk]))
    assert "Results appear once at least 5 people have answered" in html.content.decode()
    listing = leader_client.get(reverse("reports:campaign_list")).content.decode()
    assert "fewer than 5" in listing and ">4<" not in listing


@pytest.mark.django_db
def test_the_comparison_shows_the_departments_the_previous_round_showed(
    leader_client, questions, sales, support
):
    """A previous round is audited for sizes only when compared (its answers never cost a
    department: test_answers_never_cost_a_department). Here its own dashboard merged roles
    because of a lone manager's answers; the comparison still has both departments, and no
    role of that round."""
    now = timezone.now()
    spring = factories.make_campaign(name="Spring", opens_at=now - timedelta(days=200))
    autumn = factories.make_campaign(name="Autumn", opens_at=now - timedelta(days=2))
    _one_manager_answers_one(spring, sales, support)
    factories.make_responses(autumn, sales, 6, (4,) * 15)
    factories.make_responses(autumn, support, 6, (3,) * 15)

    spring_data = rounds.round_load(campaign=spring)
    own = rounds.round_visibility(spring_data)
    compared = rounds.compared_visibility(spring_data)
    assert own.roles == {"leadership"}  # the answers merged managers and contributors
    assert compared.departments == own.departments == {sales.pk, support.pk}
    assert compared.roles == compared.cells == frozenset()
    data = _json(leader_client, autumn)["comparison"]
    assert {g["department_id"] for g in data["groups"]} == {None, sales.pk, support.pk}
    _probe_json(data)
