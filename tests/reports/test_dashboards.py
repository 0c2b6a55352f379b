"""build_campaign_dashboard on small data sets whose numbers are worked out by hand."""

from datetime import timedelta
from html import unescape

import pytest
from django.urls import reverse
from django.utils import timezone

from questionnaire import services
from questionnaire.models import Pillar, Question, Role
from reports import stats
from reports.anonymity import HideReason
from reports.dashboards import build_campaign_dashboard, dashboard_for_departments
from reports.dashboards.types import GapFinding, GapKind, GroupKind
from tests import factories

# Five people in Sales. Per question (pillar order), what each of them answered:
#   Q1 4 4 4 5 5 · Q2 2 2 4 4 4 · Q3 1 1 1 5 5 (leadership)
#   Q4 3 4 4 4 5 · Q5 3 3 4 5 dk · Q6..Q15 all 4
SALES = [
    (4, 2, 1, 3, 3) + (4,) * 10,
    (4, 2, 1, 4, 3) + (4,) * 10,
    (4, 4, 1, 4, 4) + (4,) * 10,
    (5, 4, 5, 4, 5) + (4,) * 10,
    (5, 4, 5, 5, None) + (4,) * 10,
]


def _sales_and_support(campaign, sales, support, support_answer=3):
    for answers in SALES:
        factories.make_response(campaign, sales, answers)
    factories.make_responses(campaign, support, 5, (support_answer,) * 15)


def _group(dashboard, kind, department=None, role=None):
    return next(
        g
        for g in dashboard.groups
        if g.group.kind == kind
        and (department is None or g.group.department_id == department.pk)
        and (role is None or g.group.role == role)
    )


@pytest.mark.django_db
def test_item_statistics_of_a_department_match_hand_computed_values(campaign, sales, support):
    _sales_and_support(campaign, sales, support)
    dashboard = build_campaign_dashboard(campaign=campaign)
    q = _group(dashboard, GroupKind.DEPARTMENT, sales).questions

    assert q[0].stats.counts == (0, 0, 0, 3, 2)  # 4 4 4 5 5
    assert q[0].stats.mean == pytest.approx(4.4)
    assert q[0].stats.sd == pytest.approx(0.3**0.5)  # variance (3·0.16 + 2·0.36)/4 = 0.3
    assert q[0].stats.rwg == pytest.approx(0.85)  # 1 − 0.3/2
    assert q[0].stats.ad_m == pytest.approx(0.48)
    assert q[0].stats.score == pytest.approx(85.0)
    assert q[0].stats.agreement == stats.AGREE

    assert q[1].stats.polarised and q[1].stats.agreement == stats.TWO_CAMPS  # 2 2 4 4 4
    assert q[1].stats.rwg == pytest.approx(0.4)  # variance 1.2

    assert q[2].stats.rwg == 0.0  # 1 1 1 5 5: variance 4.8, truncated at the null
    assert q[2].stats.sd == pytest.approx(4.8**0.5)

    # Q5: one "I don't know" leaves four answers, 3 3 4 5: variance 2.75/3
    assert (q[4].stats.n, q[4].dont_know) == (4, 1)
    assert q[4].dont_know_rate == pytest.approx(0.2)
    assert q[4].stats.rwg == pytest.approx(1 - (2.75 / 3) / 2)
    assert q[4].small  # four answers: read with care


@pytest.mark.django_db
def test_pillar_scores_overall_and_band_match_hand_computed_values(campaign, sales, support):
    _sales_and_support(campaign, sales, support)
    dashboard = build_campaign_dashboard(campaign=campaign)
    sales_result = _group(dashboard, GroupKind.DEPARTMENT, sales)
    leadership, strategy = sales_result.pillars[0], sales_result.pillars[1]

    # Leadership: item scores 85, 55, 40; item variances 0.3, 1.2, 4.8 → mean 2.1 (> 2)
    assert leadership.stats.score == pytest.approx(60.0)
    assert leadership.stats.rwg_j == 0.0  # truncated at the null
    assert leadership.stats.rwg_j_lindell == pytest.approx(1 - 2.1 / 2)
    # Strategy: Q4 mean 4 (75), Q5 mean 3.75 (68.75), Q6 all 4 (75)
    assert strategy.stats.score == pytest.approx((75 + 68.75 + 75) / 3)
    mean_variance = (0.5 + 2.75 / 3 + 0) / 3
    r = mean_variance / 2
    assert strategy.stats.rwg_j == pytest.approx(3 * (1 - r) / (3 * (1 - r) + r))
    assert strategy.stats.rwg_j_lindell == pytest.approx(1 - r)
    # The other three pillars are all 4s: 75 each.
    expected_overall = (60 + (75 + 68.75 + 75) / 3 + 75 * 3) / 5
    assert sales_result.overall == pytest.approx(expected_overall)
    assert sales_result.band == "accelerator"  # 69.6 → 70, in 60..79

    support_result = _group(dashboard, GroupKind.DEPARTMENT, support)
    assert support_result.overall == pytest.approx(50.0)  # all 3s
    assert support_result.band == "enabler"


@pytest.mark.django_db
def test_company_and_icc_across_departments(campaign, sales, support):
    _sales_and_support(campaign, sales, support)
    dashboard = build_campaign_dashboard(campaign=campaign)
    first = dashboard.company.questions[0]
    # 4 4 4 5 5 3 3 3 3 3: S1 = 37, S2 = 143, variance (143 − 136.9)/9
    assert first.stats.mean == pytest.approx(3.7)
    assert first.stats.variance == pytest.approx(6.1 / 9)
    spread = dashboard.spread_for_question(first.question.id)
    # SSB = 4.9, SSW = 1.2, MSB = 4.9, MSW = 0.15, k = 5
    assert spread.icc.icc1 == pytest.approx(4.75 / 5.5)
    assert spread.icc.icc2 == pytest.approx(4.75 / 4.9)
    assert spread.differs and spread.reliable
    # Q6..: everyone in a department agrees, but the departments differ (4 against 3)
    sixth = dashboard.spread_for_question(dashboard.questions[5].id)
    assert sixth.icc.icc1 == pytest.approx(1.0)


@pytest.mark.django_db
def test_the_most_disagreement_comes_first_and_two_camps_lead(campaign, sales, support):
    for answers in SALES:
        factories.make_response(campaign, sales, answers)
    factories.make_responses(campaign, support, 5, (4,) * 15)
    dashboard = build_campaign_dashboard(campaign=campaign)
    within = dashboard.hotspots.department_disagreement
    # Q2 is two camps in Sales; Q3 (1 1 1 5 5) is two camps too, with a larger variance.
    assert [d.result.question.number for d in within[:2]] == [3, 2]
    assert all(d.group.department_id == sales.pk for d in within)
    top = dashboard.start_here[0]
    assert top.kind == "disagreement"
    assert "two camps" in top.prompt


@pytest.mark.django_db
def test_a_gap_within_the_noise_says_too_few_to_tell_and_is_ranked_last(campaign, sales, support):
    # Sales answers 4 and 5 alternately; Support one step lower on the same spread, so the
    # pillar gap is 25 points: clear. On one question Support differs by a hair.
    factories.make_responses(campaign, sales, 3, (4,) * 15)
    factories.make_responses(campaign, sales, 3, (5,) * 15)
    factories.make_responses(campaign, support, 3, (3,) * 15)
    factories.make_responses(campaign, support, 3, (4,) * 15)
    dashboard = build_campaign_dashboard(campaign=campaign)
    gaps = dashboard.hotspots.department_gaps
    assert gaps, "department gaps are computed"
    flags = [g.too_few_to_tell for g in gaps]
    assert flags == sorted(flags)  # every real finding before every "too few to tell"
    overall = next(
        g for g in gaps if g.a.department_id == sales.pk and g.pillar is None and g.question is None
    )
    assert overall.difference == pytest.approx(12.5)  # 87.5 against the company's 75
    assert not overall.too_few_to_tell


@pytest.mark.django_db
def test_small_difference_between_small_groups_is_too_few_to_tell(campaign, sales, support):
    factories.make_responses(campaign, sales, 3, (3,) * 15)
    factories.make_responses(campaign, sales, 2, (4,) * 15)
    factories.make_responses(campaign, support, 2, (3,) * 15)
    factories.make_responses(campaign, support, 3, (4,) * 15)
    dashboard = build_campaign_dashboard(campaign=campaign)
    assert dashboard.hotspots.department_gaps
    assert all(g.too_few_to_tell for g in dashboard.hotspots.department_gaps)
    assert not dashboard.department_gap_findings
    assert all(item.kind != "department_vs_company" for item in dashboard.start_here)


@pytest.mark.django_db
def test_leadership_team_against_everybody_else(campaign, sales, support):
    factories.make_responses(campaign, sales, 5, (5,) * 15, role=Role.LEADERSHIP)
    factories.make_responses(campaign, sales, 5, (2,) * 15, role=Role.CONTRIBUTOR)
    factories.make_responses(campaign, support, 5, (3,) * 15, role=Role.CONTRIBUTOR)
    dashboard = build_campaign_dashboard(campaign=campaign)
    overall = dashboard.leadership_by_pillar[0]
    assert overall.kind == GapKind.LEADERSHIP_VS_EVERYONE and overall.pillar is None
    # Leaders 100; everybody else half 25, half 50 → 37.5
    assert (overall.a_score, overall.b_score) == (pytest.approx(100), pytest.approx(37.5))
    assert overall.difference == pytest.approx(62.5)
    assert not overall.too_few_to_tell
    assert len(dashboard.leadership_by_pillar) == 6  # overall and five pillars
    assert "leadership team" in overall.prompt.lower()
    # Support sees the company 50 points below the leaders.
    vs = dashboard.department_leadership_overall
    support_gap = next(f for f in vs if f.a.department_id == support.pk)
    assert support_gap.difference == pytest.approx(-50.0)


@pytest.mark.django_db
def test_no_leadership_gap_while_the_leadership_team_is_hidden(campaign, sales, support):
    factories.make_responses(campaign, sales, 2, (5,) * 15, role=Role.LEADERSHIP)
    factories.make_responses(campaign, sales, 8, (2,) * 15)
    factories.make_responses(campaign, support, 5, (3,) * 15)
    dashboard = build_campaign_dashboard(campaign=campaign)
    assert dashboard.hotspots.leadership_gaps == ()
    assert dashboard.hotspots.leadership_vs_departments == ()
    assert dashboard.leadership_hidden.reason == HideReason.BELOW_THRESHOLD


@pytest.mark.django_db
def test_participation_with_invitations_and_a_low_completion_warning(campaign, sales, support):
    issued = [
        services.invitation_issue(
            campaign=campaign, email=f"s{i}@example.com", department=sales, role=Role.CONTRIBUTOR
        )
        for i in range(12)
    ]
    for invitation in issued[:5]:
        factories.make_response(campaign, sales)
        invitation.invitation.used = True
        invitation.invitation.save(update_fields=["used"])  # as answering sets it
    factories.make_responses(campaign, support, 5)
    dashboard = build_campaign_dashboard(campaign=campaign)
    rows = {r.group.department_id: r for r in dashboard.participation.rows}
    assert (rows[sales.pk].responses, rows[sales.pk].invited, rows[sales.pk].completed) == (
        5,
        12,
        5,
    )
    assert rows[sales.pk].rate == pytest.approx(5 / 12)
    assert rows[sales.pk].low
    assert rows[support.pk].invited is None and not rows[support.pk].low
    assert dashboard.participation.responses == 10


@pytest.mark.django_db
def test_no_low_completion_warning_where_the_open_link_brought_the_answers(
    campaign, sales, support
):
    """1 of 5 invited beside 14 answers through the open link is no "self-selected few"; a
    department of 12 invited with 5 answers in all still is, whatever way they came in."""
    issued = [
        services.invitation_issue(
            campaign=campaign, email=f"p{i}@example.com", department=d, role=Role.CONTRIBUTOR
        )
        for i, d in enumerate([support] * 5 + [sales] * 12)
    ]
    issued[0].invitation.used = True
    issued[0].invitation.save(update_fields=["used"])  # as answering sets it
    factories.make_responses(campaign, support, 14)
    factories.make_responses(campaign, sales, 5)
    dashboard = build_campaign_dashboard(campaign=campaign)
    rows = {r.group.department_id: r for r in dashboard.participation.rows}
    assert rows[support.pk].rate == pytest.approx(1 / 5) and not rows[support.pk].low
    assert rows[sales.pk].rate == 0 and rows[sales.pk].low
    assert dashboard.participation.rate == pytest.approx(1 / 17)
    assert not dashboard.participation.low  # 19 answers beside 17 invitations


@pytest.mark.django_db
def test_recommendations_for_the_two_weakest_pillars(campaign, sales, support):
    answers = (5, 5, 5) + (1, 1, 1) + (4, 4, 4) + (2, 2, 2) + (3, 3, 3)
    factories.make_responses(campaign, sales, 5, answers)
    dashboard = build_campaign_dashboard(campaign=campaign)
    weakest = dashboard.weakest_pillars
    assert [p.pillar.slug for p in weakest] == ["strategy", "processes"]
    assert weakest[0].pillar.recommendation_list  # the seeded pillars carry recommendations


@pytest.mark.django_db
def test_over_time_deltas_and_agreement_change(questions, sales, support):
    now = timezone.now()
    spring = factories.make_campaign(name="Spring", opens_at=now - timedelta(days=200))
    autumn = factories.make_campaign(name="Autumn", opens_at=now - timedelta(days=2))
    factories.make_responses(spring, sales, 5, (2,) * 15)
    factories.make_responses(spring, support, 5, (3,) * 15)
    factories.make_responses(autumn, sales, 3, (4,) * 15)
    factories.make_responses(autumn, sales, 2, (5,) * 15)
    factories.make_responses(autumn, support, 5, (3,) * 15)
    comparison = build_campaign_dashboard(campaign=autumn).comparison
    assert comparison.previous.name == "Spring"
    sales_change = next(g for g in comparison.groups if g.group.department_id == sales.pk)
    first = sales_change.pillars[0]
    assert first.before.score == pytest.approx(25.0)
    assert first.after.score == pytest.approx(85.0)  # 4 4 4 5 5
    assert first.delta == pytest.approx(60.0)
    assert first.agreement_delta == pytest.approx((1 - 0.3 / 2) - 1)  # from full agreement
    assert not first.too_few_to_tell
    assert sales_change.overall_delta == pytest.approx(60.0)
    support_change = next(g for g in comparison.groups if g.group.department_id == support.pk)
    assert support_change.pillars[0].delta == pytest.approx(0.0)
    # The first round has nothing before it.
    assert build_campaign_dashboard(campaign=spring).comparison is None


@pytest.mark.django_db
def test_overall_change_is_over_the_questions_both_rounds_asked(questions, sales):
    """Spring asked all five pillars, autumn four (Platforms' questions were switched off).
    Spring: 2 on the first four pillars (score 25), 5 on Platforms (100); overall 40. Autumn: 3
    everywhere it asked (50). Over the shared questions the change is 25 → 50, not 40 → 50."""
    now = timezone.now()
    spring = factories.make_campaign(name="Spring", opens_at=now - timedelta(days=200))
    factories.make_responses(spring, sales, 5, (2,) * 12 + (5,) * 3)
    Question.objects.filter(pillar__slug="platforms").update(is_active=False)
    autumn = factories.make_campaign(name="Autumn", opens_at=now - timedelta(days=2))
    factories.make_responses(autumn, sales, 5, (3,) * 12)

    comparison = build_campaign_dashboard(campaign=autumn).comparison
    company = comparison.groups[0]
    assert company.overall_before == pytest.approx(25.0)
    assert company.overall_after == pytest.approx(50.0)
    assert company.overall_delta == pytest.approx(25.0)
    assert build_campaign_dashboard(campaign=spring).company.overall == pytest.approx(40.0)
    assert (comparison.questions_compared, comparison.same_questions) == (12, False)
    assert comparison.pillars_not_compared == ()  # autumn asked nothing spring did not


@pytest.mark.django_db
def test_a_pillar_only_the_last_round_asked_is_named(questions, sales, client, leader):
    """Strategy's row just vanished from the comparison, and the note named only the number
    of questions both asked."""
    now = timezone.now()
    spring = factories.make_campaign(name="Spring", opens_at=now - timedelta(days=200))
    factories.make_responses(spring, sales, 5, (2,) * 12 + (5,) * 3)
    Question.objects.filter(pillar__slug="platforms").update(is_active=False)
    autumn = factories.make_campaign(name="Autumn", opens_at=now - timedelta(days=2))
    factories.make_responses(autumn, sales, 5, (3,) * 12)

    comparison = build_campaign_dashboard(campaign=autumn).comparison
    assert [p.slug for p in comparison.pillars_not_asked_now] == ["platforms"]
    client.force_login(leader)
    html = client.get(reverse("reports:comparison", args=[autumn.pk])).content.decode()
    assert "Asked in the last round but not in this one: Platforms." in html
    data = client.get(reverse("reports:dashboard_json", args=[autumn.pk])).json()
    assert data["comparison"]["pillars_not_asked_now"] == [comparison.pillars_not_asked_now[0].id]


@pytest.mark.django_db
def test_questions_rated_in_one_round_only_are_left_out_of_the_change(
    questions, sales, client, leader
):
    """Platforms rated 5 in spring, only "I don't know" in autumn, every other answer a 3 both
    times: the overall score read 60 → 50, a real 10-point fall, though nothing that was rated
    in both rounds moved."""
    now = timezone.now()
    spring = factories.make_campaign(name="Spring", opens_at=now - timedelta(days=200))
    factories.make_responses(spring, sales, 3, (3,) * 12 + (5,) * 3)
    factories.make_responses(spring, sales, 3, (3,) * 12 + (4,) * 3)
    autumn = factories.make_campaign(name="Autumn", opens_at=now - timedelta(days=2))
    factories.make_responses(autumn, sales, 6, (3,) * 12 + (None,) * 3)

    company = build_campaign_dashboard(campaign=autumn).comparison.groups[0]
    assert (company.overall_before, company.overall_after) == (50.0, 50.0)
    assert company.overall_too_few_to_tell is False and company.overall_delta == 0
    assert company.questions_rated_once == 3
    platforms = next(p for p in company.pillars if p.pillar.slug == "platforms")
    assert (platforms.before.score, platforms.after.score, platforms.delta) == (87.5, None, None)

    client.force_login(leader)
    html = client.get(reverse("reports:comparison", args=[autumn.pk])).content.decode()
    assert "3 questions here were answered only “I don't know”" in html
    assert "(too few to tell)" not in html  # Platforms: "–", no change to test
    data = client.get(reverse("reports:dashboard_json", args=[autumn.pk])).json()
    assert data["comparison"]["groups"][0]["questions_rated_once"] == 3


@pytest.mark.django_db
def test_large_rounds_that_did_not_move_say_about_the_same(questions, sales, client, leader):
    """ "+0 (too few to tell)" for 100 people against 100 answering alike: there were plenty to
    tell that nothing moved by as much as 5 points."""
    now = timezone.now()
    for name, opened in (
        ("Spring", now - timedelta(days=200)),
        ("Autumn", now - timedelta(days=2)),
    ):
        campaign = factories.make_campaign(name=name, opens_at=opened)
        factories.make_responses(campaign, sales, 50, (3,) * 15)
        factories.make_responses(campaign, sales, 50, (4,) * 15)

    comparison = build_campaign_dashboard(campaign=campaign).comparison
    company = comparison.groups[0]
    assert (company.overall_too_few_to_tell, company.overall_about_the_same) == (True, True)
    assert all(p.about_the_same for p in company.pillars)
    client.force_login(leader)
    html = client.get(reverse("reports:comparison", args=[campaign.pk])).content.decode()
    assert '0 <span class="cx-too-few">(about the same)</span>' in html
    assert "too few to tell" not in html.replace("“Too few to tell”", "")
    data = client.get(reverse("reports:dashboard_json", args=[campaign.pk])).json()
    assert data["comparison"]["groups"][0]["overall_about_the_same"] is True


@pytest.mark.django_db
def test_pillars_are_listed_as_chinese_lists_them(questions, sales, client, leader):
    """ "上一轮未提问： Culture." put a Latin space and full stop after a full-width colon."""
    from django.conf import settings

    now = timezone.now()
    spring = factories.make_campaign(name="Spring", opens_at=now - timedelta(days=200))
    factories.make_responses(spring, sales, 5, (2,) * 15)
    Question.objects.filter(pillar__slug__in=["processes", "platforms"]).update(is_active=False)
    autumn = factories.make_campaign(name="Autumn", opens_at=now - timedelta(days=2))
    factories.make_responses(autumn, sales, 5, (3,) * 9)

    client.force_login(leader)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "zh-hans"
    html = client.get(reverse("reports:comparison", args=[autumn.pk])).content.decode()
    names = "、".join(
        Pillar.objects.get(slug=slug).translated("name", "zh-hans")
        for slug in ("processes", "platforms")
    )
    assert f"上一轮问过但本轮未问：{names}。" in html


@pytest.mark.django_db
def test_a_pillar_only_this_round_asked_is_named_not_compared(questions, sales, client, leader):
    now = timezone.now()
    Question.objects.filter(pillar__slug="platforms").update(is_active=False)
    spring = factories.make_campaign(name="Spring", opens_at=now - timedelta(days=200))
    factories.make_responses(spring, sales, 5, (2,) * 12)
    Question.objects.filter(pillar__slug="platforms").update(is_active=True)
    autumn = factories.make_campaign(name="Autumn", opens_at=now - timedelta(days=2))
    factories.make_responses(autumn, sales, 5, (3,) * 15)

    comparison = build_campaign_dashboard(campaign=autumn).comparison
    assert [p.slug for p in comparison.pillars_not_compared] == ["platforms"]
    assert all(
        "platforms" not in [p.pillar.slug for p in g.pillars] for g in comparison.groups
    )  # no "too few answers" row for a pillar nobody was asked about last time
    client.force_login(leader)
    html = client.get(reverse("reports:comparison", args=[autumn.pk])).content.decode()
    assert "over the 12 questions both asked" in html
    assert "Not asked in the last round:" in html


@pytest.mark.django_db
def test_a_question_asked_in_other_words_is_not_compared(questions, sales, client, leader):
    """Before autumn an admin turned "Feedback reliably reaches the team" into "Feedback gets lost
    before it reaches the team": 3 then, 1 now on it read as the year's largest drop, and pulled
    its pillar and the overall score down. A doubled space removed, or a translation added,
    changes nothing a respondent reads: those questions stay compared."""
    now = timezone.now()
    spring = factories.make_campaign(name="Spring", opens_at=now - timedelta(days=200))
    factories.make_responses(spring, sales, 5, (3,) * 15)
    turned = Question.objects.get(key="processes-2")
    turned.text = "Feedback from customers often gets lost before it reaches the team."
    turned.save()
    respaced = Question.objects.get(key="people-1")
    respaced.text = "  ".join(respaced.text.split(" ", 1)) + " "
    respaced.translations = {**respaced.translations, "it": "Una traduzione nuova."}
    respaced.save()
    autumn = factories.make_campaign(name="Autumn", opens_at=now - timedelta(days=2))
    asked = factories.question_ids(autumn)
    answers = [3] * 15
    answers[asked.index(turned.pk)] = 1
    factories.make_responses(autumn, sales, 5, tuple(answers))

    comparison = build_campaign_dashboard(campaign=autumn).comparison
    assert [q.id for q in comparison.reworded] == [turned.pk]
    assert (comparison.questions_compared, comparison.same_questions) == (14, False)
    assert turned.pk not in [c.question.id for c in comparison.company_questions]
    assert respaced.pk in [c.question.id for c in comparison.company_questions]
    company = comparison.groups[0]
    assert [p.delta for p in company.pillars] == [0.0] * 5  # 3 → 3 on every question compared
    assert company.overall_delta == 0.0
    client.force_login(leader)
    html = " ".join(
        client.get(reverse("reports:comparison", args=[autumn.pk])).content.decode().split()
    )
    number = asked.index(turned.pk) + 1
    assert f"Question {number} was worded differently in the last round, so it is left out." in html
    data = client.get(reverse("reports:dashboard_json", args=[autumn.pk])).json()
    assert data["comparison"]["questions_reworded"] == [turned.pk]


@pytest.mark.django_db
def test_pillars_reordered_later_do_not_renumber_a_round_already_run(questions, sales):
    """Platforms moved to the top of the pillar list after the spring round: spring's question
    13 became question 1 in its reports and exports, and no longer matched what people answered."""
    spring = factories.make_campaign(name="Spring")
    factories.make_responses(spring, sales, 5, (3,) * 15)
    before = [(q.id, q.number) for q in build_campaign_dashboard(campaign=spring).questions]
    Pillar.objects.filter(slug="platforms").update(order=0)
    for pillar in Pillar.objects.all():
        pillar.save()  # as the admin's pillar list saves each changed row
    dashboard = build_campaign_dashboard(campaign=spring)
    assert [(q.id, q.number) for q in dashboard.questions] == before
    assert dashboard.pillars[-1].slug == "platforms"
    later = timezone.now() + timedelta(days=30)
    coming = factories.make_campaign(
        name="Next", opens_at=later, closes_at=later + timedelta(days=9)
    )
    coming_pillars = build_campaign_dashboard(campaign=coming).pillars
    assert coming_pillars[0].slug == "platforms"  # a round not yet open asks the new order


@pytest.mark.django_db
def test_limited_leader_keeps_company_numbers_and_loses_other_departments(campaign, sales, support):
    _sales_and_support(campaign, sales, support)
    full = build_campaign_dashboard(campaign=campaign)
    narrow = dashboard_for_departments(full, frozenset({support.pk}))
    assert narrow.company == full.company
    assert [d.group.department_id for d in narrow.departments] == [support.pk]
    assert all(c.group.department_id == support.pk for c in narrow.crossed)
    assert all(r.group.department_id == support.pk for r in narrow.participation.rows)
    assert all(
        d.group.department_id in (None, support.pk) for d in narrow.hotspots.department_disagreement
    )
    assert all(g.a.department_id == support.pk for g in narrow.hotspots.department_gaps)
    assert dashboard_for_departments(full, None) is full


@pytest.mark.django_db
def test_dashboard_with_no_answers_shows_nothing_but_says_why(campaign):
    dashboard = build_campaign_dashboard(campaign=campaign)
    assert dashboard.company is None
    assert dashboard.groups == ()
    assert dashboard.start_here == ()
    assert dashboard.participation.responses is None
    assert dashboard.as_json()["groups"] == []


@pytest.mark.django_db
@pytest.mark.parametrize("responses", [10, 200])
def test_building_a_dashboard_takes_the_same_number_of_queries_whatever_the_size(
    django_assert_max_num_queries, questions, sales, support, responses
):
    now = timezone.now()
    previous = factories.make_campaign(name="Before", opens_at=now - timedelta(days=100))
    factories.make_responses(previous, sales, 5, (3,) * 15)
    campaign = factories.make_campaign(name="Now")
    departments = [sales, support, factories.make_department("Ops")]
    pillar = Pillar.objects.get(slug="people")
    for i in range(responses):
        role = (Role.LEADERSHIP, Role.MANAGER, Role.CONTRIBUTOR)[i % 3]
        answers = tuple(((i + k) % 5) + 1 if (i + k) % 7 else None for k in range(15))
        comments = {pillar.pk: f"comment {i}"} if i % 4 == 0 else {}
        factories.make_response(campaign, departments[i % 3], answers, role=role, comments=comments)
    campaign.refresh_from_db()
    with django_assert_max_num_queries(7):
        dashboard = build_campaign_dashboard(campaign=campaign)
    assert dashboard.company.size == responses
    assert dashboard.comparison is not None


@pytest.mark.django_db
def test_no_leadership_gap_when_everybody_else_is_empty(campaign, sales):
    factories.make_responses(campaign, sales, 6, (5,) * 15, role=Role.LEADERSHIP)
    dashboard = build_campaign_dashboard(campaign=campaign)
    assert [r.group.role for r in dashboard.roles] == [Role.LEADERSHIP]
    assert dashboard.hotspots.leadership_gaps == ()


@pytest.mark.django_db
def test_no_agreement_label_while_fewer_than_the_threshold_answered_a_question(campaign, sales):
    factories.make_responses(campaign, sales, 3, (None,) + (4,) * 14)
    factories.make_response(campaign, sales, (1,) + (4,) * 14)
    factories.make_response(campaign, sales, (5,) + (4,) * 14)
    first = build_campaign_dashboard(campaign=campaign).company.questions[0]
    assert (first.stats.n, first.dont_know) == (2, 3)
    assert first.stats.agreement == stats.SPLIT  # the statistic is still there for analysts
    assert first.agreement == stats.TOO_FEW  # but a leader is not shown a label for two answers
    assert first.small


@pytest.mark.django_db
@pytest.mark.parametrize("answered", [False, True])
def test_a_department_of_one_invitee_reads_the_same_whether_or_not_they_answered(
    campaign, sales, support, answered
):
    """Legal has one person invited. "0 responses" beside "hidden" for one would tell every
    leader whether that person has answered."""
    legal = factories.make_department("Legal")
    invited = services.invitation_issue(
        campaign=campaign, email="only@example.com", department=legal, role=Role.CONTRIBUTOR
    )
    if answered:
        factories.make_response(campaign, legal)
        invited.invitation.used = True
        invited.invitation.save(update_fields=["used"])  # as answering sets it
    _sales_and_support(campaign, sales, support)
    factories.make_response(campaign, sales, (3,) * 15)

    dashboard = build_campaign_dashboard(campaign=campaign)
    row = next(r for r in dashboard.participation.rows if r.group.department_id == legal.pk)
    assert (row.responses, row.invited, row.completed) == (None, None, None)
    assert row.hidden.reason == HideReason.BELOW_THRESHOLD
    hidden = [h for h in dashboard.hidden if h.group.department_id == legal.pk]
    assert [h.reason for h in hidden] == [HideReason.BELOW_THRESHOLD]
    assert dashboard.participation.responses == 11 + answered


@pytest.mark.django_db
def test_identical_answers_everywhere_raise_no_gap_as_a_finding(campaign, sales, support):
    """Unanimous groups have no noise, so a 0-point difference passed the chance test and the
    dashboard opened with "Sales sees the company as less customer-centric … 0 points below"."""
    factories.make_responses(campaign, sales, 5, (4,) * 15)
    factories.make_responses(campaign, sales, 5, (4,) * 15, role=Role.LEADERSHIP)
    factories.make_responses(campaign, support, 5, (4,) * 15)
    dashboard = build_campaign_dashboard(campaign=campaign)
    gaps = (
        dashboard.hotspots.department_gaps
        + dashboard.hotspots.leadership_gaps
        + dashboard.hotspots.leadership_vs_departments
    )
    assert gaps and all(f.difference == 0 and not f.stands_out for f in gaps)
    assert [i for i in dashboard.start_here if isinstance(i, GapFinding)] == []
    assert dashboard.department_gap_findings == ()
    assert dashboard.leadership_questions == ()


@pytest.mark.django_db
def test_a_real_gap_between_unanimous_groups_still_stands_out(campaign, sales, support):
    factories.make_responses(campaign, sales, 5, (5,) * 15)
    factories.make_responses(campaign, support, 5, (3,) * 15)
    dashboard = build_campaign_dashboard(campaign=campaign)
    sales_overall = next(
        f
        for f in dashboard.department_gap_findings
        if f.a.department_id == sales.pk and f.pillar is None and f.question is None
    )
    assert sales_overall.difference == pytest.approx(25.0) and sales_overall.stands_out


def _legal_with_or_without_one_answer(campaign, sales, support, answered: bool) -> None:
    """Sales and Support shown; Finance (3) and Archive (2) hidden, together enough for the
    partition rule, so whether Legal has one answer or none changes nothing else."""
    legal = factories.make_department("Legal")
    factories.make_responses(campaign, factories.make_department("Finance"), 3)
    factories.make_responses(campaign, factories.make_department("Archive"), 2)
    _sales_and_support(campaign, sales, support)
    if answered:
        factories.make_response(campaign, legal)


def _hidden_names(dashboard) -> list[tuple[str, str]]:
    """Hidden departments and roles (not department × role cells), with why."""
    lines = {GroupKind.DEPARTMENT, GroupKind.ROLE}
    return [(h.group.label, h.reason.value) for h in dashboard.hidden if h.group.kind in lines]


@pytest.mark.django_db
@pytest.mark.parametrize("answered", [False, True])
def test_with_an_open_link_a_department_reads_the_same_before_and_after_its_first_answer(
    campaign, sales, support, answered
):
    """Anyone may pick any department through the open link, so every department is listed:
    listing only those with answers named the department a new, single answer came from."""
    _legal_with_or_without_one_answer(campaign, sales, support, answered)
    dashboard = build_campaign_dashboard(campaign=campaign)
    assert _hidden_names(dashboard) == [
        ("Archive", "below_threshold"),
        ("Finance", "below_threshold"),
        ("Legal", "below_threshold"),
        ("Leadership team", "below_threshold"),
        ("People manager", "below_threshold"),
    ]
    rows = dashboard.participation.rows
    assert [(r.group.label, r.responses) for r in rows] == [
        ("Archive", None),
        ("Finance", None),
        ("Legal", None),
        ("Sales", 5),
        ("Support", 5),
    ]


@pytest.mark.django_db
def test_below_the_threshold_everything_of_the_round_is_listed_as_hidden(campaign, sales, support):
    """ "Who answered" listed three hidden departments while "What is hidden" said nothing was."""
    factories.make_responses(campaign, sales, 2)
    dashboard = build_campaign_dashboard(campaign=campaign)
    assert dashboard.company is None
    hidden = {h.group.label for h in dashboard.hidden}
    assert {"Sales", "Support", "Leadership team", "People manager"} <= hidden
    assert {r.group.label for r in dashboard.participation.rows} <= hidden


@pytest.mark.django_db
@pytest.mark.parametrize(("legal_answered", "company_completed"), [(0, 6), (1, None)])
def test_completion_of_the_hidden_departments_cannot_be_worked_out(
    campaign, sales, support, legal_answered, company_completed
):
    """The company's invited completions minus the shown departments' gave "1 of Legal's 2
    invited people answered": the company's count is left out while that share is small."""
    legal = factories.make_department("Legal")
    invitations = [
        services.invitation_issue(
            campaign=campaign, email=f"{d.name}{i}@example.com", department=d, role="contributor"
        ).invitation
        for d, n in ((sales, 6), (legal, 2))
        for i in range(n)
    ]
    for invitation in invitations[: 6 + legal_answered]:
        factories.make_response(campaign, invitation.department)
        invitation.used = True
        invitation.save(update_fields=["used"])  # as answering sets it
    factories.make_responses(campaign, support, 5)
    dashboard = build_campaign_dashboard(campaign=campaign)
    rows = {r.group.label: r for r in dashboard.participation.rows}
    assert rows["Sales"].completed == 6 and rows["Legal"].hidden
    assert dashboard.participation.completed == company_completed


@pytest.mark.django_db
@pytest.mark.parametrize("answered", [False, True])
def test_after_the_open_link_is_switched_off_the_lists_still_do_not_tell(
    campaign, sales, support, answered
):
    """With the link off, only invited departments and those with answers were listed, so a
    department appeared in the hidden list, and in the comments' pooled list, exactly when someone
    had picked it through the link."""
    _legal_with_or_without_one_answer(campaign, sales, support, answered)
    campaign.open_link_enabled = False
    campaign.save()
    dashboard = build_campaign_dashboard(campaign=campaign)
    hidden = [name for name, _reason in _hidden_names(dashboard)]
    assert hidden[:3] == ["Archive", "Finance", "Legal"]
    assert {g.label for g in dashboard.comments.folded} >= {"Archive", "Finance", "Legal"}


@pytest.mark.django_db
def test_a_round_that_ended_does_not_list_departments_made_after_it(campaign, sales, support):
    from questionnaire.models import Campaign, Department

    now = timezone.now()
    campaign.opens_at, campaign.closes_at = now - timedelta(days=60), now - timedelta(days=30)
    campaign.save()
    factories.make_responses(campaign, sales, 5, now=now - timedelta(days=40))
    factories.make_responses(campaign, support, 5, now=now - timedelta(days=40))
    unknown_age = factories.make_department("Finance")  # made before the time was kept
    Department.objects.filter(pk=unknown_age.pk).update(created_at=None)
    factories.make_department("Marketing")  # made today, a month after the round ended

    listed = _listed(campaign)
    assert listed == {"Finance", "Sales", "Support"}

    # Made after the round too, but its answers are in it (as the demo's past rounds are).
    Department.objects.filter(pk=sales.pk).update(created_at=now)
    listed = _listed(campaign)
    assert listed == {"Finance", "Sales", "Support"}

    # Closed by the job a day late (the worker was down): it ended at its closing time all the
    # same, and a department made in between was never in it.
    Department.objects.filter(name="Marketing").update(created_at=now - timedelta(days=29))
    Campaign.objects.filter(pk=campaign.pk).update(closed_at=now - timedelta(days=28))
    campaign.refresh_from_db()
    assert _listed(campaign) == {"Finance", "Sales", "Support"}

    running = factories.make_campaign(name="Running")
    listed = _listed(running)
    assert listed == {"Finance", "Marketing", "Sales", "Support"}  # it can still be chosen


def _listed(campaign) -> set[str]:
    rows = build_campaign_dashboard(campaign=campaign).participation.rows
    return {r.group.department_name for r in rows}


@pytest.mark.django_db
def test_every_page_with_the_agreement_change_says_what_its_number_means(
    questions, sales, client, leader
):
    """ "Some disagreement → Some disagreement (−0.15)": nothing said what −0.15 was."""
    now = timezone.now()
    spring = factories.make_campaign(name="Spring", opens_at=now - timedelta(days=200))
    factories.make_responses(spring, sales, 3, (4,) * 15)
    factories.make_responses(spring, sales, 2, (2,) * 15)
    autumn = factories.make_campaign(name="Autumn", opens_at=now - timedelta(days=2))
    factories.make_responses(autumn, sales, 3, (5,) * 15)
    factories.make_responses(autumn, sales, 2, (1,) * 15)
    client.force_login(leader)
    for url in (
        reverse("reports:campaign_dashboard", args=[autumn.pk]),
        reverse("reports:department_detail", args=[autumn.pk, sales.pk]),
        reverse("reports:comparison", args=[autumn.pk]),
    ):
        html = client.get(url).content.decode()
        assert "Agreement, then → now" in html, url
        assert "how much it changed, from −1 to +1: below zero, people agree less" in html, url


@pytest.mark.django_db
def test_pillars_where_a_department_and_the_leaders_differ_are_on_the_dashboard(
    campaign, sales, support, client, leader
):
    """Only the overall scores were compared there: every row read "too few to tell" while a
    pillar 40 points apart was listed on the department's own page only."""
    factories.make_responses(campaign, support, 5, (4, 5, 4) + (4,) * 12, role=Role.LEADERSHIP)
    factories.make_responses(campaign, sales, 3, (2, 1, 2) + (4,) * 12)
    factories.make_responses(campaign, sales, 3, (1, 2, 1) + (4,) * 12)
    dashboard = build_campaign_dashboard(campaign=campaign)
    [finding] = dashboard.department_leadership_pillar_findings
    assert (finding.a.department_id, finding.pillar.slug) == (sales.pk, "leadership")
    client.force_login(leader)
    html = client.get(reverse("reports:campaign_dashboard", args=[campaign.pk])).content.decode()
    assert "Pillars on which a department and the leadership team differ most" in html
    assert finding.prompt in html
    assert "Department&#x27;s score" in html or "Department's score" in html


@pytest.mark.parametrize(
    ("language", "difference", "said"),
    [
        ("en", 1.2, "1 point more customer-centric"),
        ("en", 2.0, "2 points more customer-centric"),
        ("it", -1.0, "1 punto in meno"),
        ("it", -3.0, "3 punti in meno"),
    ],
)
def test_a_one_point_gap_reads_one_point(language, difference, said):
    """ "Sales sees the company 1 points more customer-centric": a large round makes one point
    a finding."""
    from django.utils import translation

    from reports.dashboards.types import Group, GroupKind

    finding = GapFinding(
        kind=GapKind.DEPARTMENT_VS_LEADERSHIP,
        a=Group(GroupKind.DEPARTMENT, 1, "Sales"),
        b=Group(GroupKind.ROLE, role="leadership"),
        pillar=None,
        question=None,
        a_score=60 + difference,
        b_score=60,
        difference=difference,
        too_few_to_tell=False,
    )
    with translation.override(language):
        assert said in finding.prompt


@pytest.mark.django_db
def test_the_questions_that_moved_since_the_last_round_are_named(questions, sales, client, leader):
    """The comparison was by pillar only: one question falling 50 points inside a steady pillar
    went unseen."""
    now = timezone.now()
    spring = factories.make_campaign(name="Spring", opens_at=now - timedelta(days=200))
    autumn = factories.make_campaign(name="Autumn", opens_at=now - timedelta(days=2))
    for answers in ((4, 4, 4), (3, 4, 5), (4, 5, 3), (5, 3, 4), (4, 4, 4), (3, 5, 4)):
        factories.make_responses(spring, sales, 1, (5,) + answers[1:] + (4,) * 12)
        factories.make_responses(autumn, sales, 1, (2,) + answers[1:] + (4,) * 12)
    comparison = build_campaign_dashboard(campaign=autumn).comparison
    moved = comparison.questions_that_moved
    assert [(q.question.number, q.before, q.after) for q in moved] == [(1, 100.0, 25.0)]
    assert len(comparison.company_questions) == 15  # the others: no change, or too few to tell
    assert all(q.too_few_to_tell or q.points == 0 for q in comparison.company_questions[1:])

    client.force_login(leader)
    for name in ("campaign_dashboard", "comparison"):
        html = client.get(reverse(f"reports:{name}", args=[autumn.pk])).content.decode()
        assert "Questions that moved most" in html
        assert "−75" in html


def _department_gap(a_score: float, b_score: float) -> GapFinding:
    from reports.dashboards.types import Group

    return GapFinding(
        kind=GapKind.DEPARTMENT_VS_COMPANY,
        a=Group(GroupKind.DEPARTMENT, 1, "Engineering"),
        b=Group(GroupKind.COMPANY),
        pillar=None,
        question=None,
        a_score=a_score,
        b_score=b_score,
        difference=a_score - b_score,
        too_few_to_tell=False,
    )


def test_a_gap_reads_as_the_difference_of_the_two_scores_printed_beside_it():
    """ "73 | 51 | +21": the exact 21.1 was rounded on its own, so the row did not add up."""
    from django.template.loader import render_to_string

    finding = _department_gap(72.5, 51.4)
    assert finding.shown_difference == 22
    assert "22 points" in finding.prompt
    cell = render_to_string("reports/_gap_cell.html", {"finding": finding})
    assert "+22" in cell


def test_gaps_are_ranked_as_printed():
    """A list read +9 above +10 when ranked by the exact differences behind them."""
    from reports.dashboards.hotspots import ranked

    nine = _department_gap(60.4, 50.5)  # exact 9.9, printed 60 − 51 = 9
    ten = _department_gap(60.5, 50.7)  # exact 9.8, printed 61 − 51 = 10
    assert [f.shown_difference for f in ranked([nine, ten])] == [10, 9]


def test_question_changes_are_ranked_as_printed():
    """ "Questions that moved most" read +15, +11, +11, +9, +10, +10 (issue seen in the demo)."""
    from reports.dashboards.over_time import largest_changes_first
    from reports.dashboards.types import QuestionChange
    from reports.stats import Gap

    def change(number: int, before: float, after: float, chance=False):
        question = type("Q", (), {"number": number})()
        found = QuestionChange(question, before=before, after=after, too_few_to_tell=chance)
        return found, Gap(after - before, 1.0, chance)

    nine = change(1, 50.5, 60.4)  # +9.9, printed 60 − 51 = +9
    ten = change(2, 50.7, 60.5)  # +9.8, printed 61 − 51 = +10
    chance = change(3, 40.0, 70.0, chance=True)  # larger, but could be chance: last
    ordered = largest_changes_first([nine, chance, ten])
    assert [q.question.number for q in ordered] == [2, 1, 3]


@pytest.mark.django_db
def test_no_agreement_change_beside_a_label_that_was_withheld(questions, sales, client, leader):
    """ "Too few answers → Some disagreement (−0.05)": the change of a number the page did not
    stand behind read as a finding."""
    now = timezone.now()
    spring = factories.make_campaign(name="Spring", opens_at=now - timedelta(days=200))
    autumn = factories.make_campaign(name="Autumn", opens_at=now - timedelta(days=2))
    # Spring: only two of five answered the first Leadership question, the rest "don't know".
    factories.make_responses(spring, sales, 3, (None,) + (4,) * 14)
    factories.make_response(spring, sales, (2,) + (4,) * 14)
    factories.make_response(spring, sales, (3,) + (4,) * 14)
    factories.make_responses(autumn, sales, 3, (4,) * 15)
    factories.make_responses(autumn, sales, 2, (2,) * 15)
    comparison = build_campaign_dashboard(campaign=autumn).comparison
    sales_change = next(g for g in comparison.groups if g.group.department_id == sales.pk)
    leadership, strategy = sales_change.pillars[:2]
    assert leadership.before.agreement == stats.TOO_FEW
    assert leadership.before.rwg_j_lindell is not None  # there is a number, not shown
    assert leadership.agreement_delta is None
    assert strategy.agreement_delta is not None  # labelled on both sides

    client.force_login(leader)
    html = client.get(reverse("reports:comparison", args=[autumn.pk])).content.decode()
    row = html.split("Leadership</th>")[1].split("</tr>")[0]
    assert "Too few answers" in row and "(" not in row.split("→")[1]


@pytest.mark.django_db
def test_a_round_of_leaders_only_is_not_compared_with_itself(
    client, leader, campaign, sales, support
):
    """It used to say nobody from the leadership team had answered, and to compare each
    department with the leaders it was made of."""
    factories.make_responses(campaign, sales, 5, (5,) * 15, role=Role.LEADERSHIP)
    factories.make_responses(campaign, support, 5, (3,) * 15, role=Role.LEADERSHIP)
    dashboard = build_campaign_dashboard(campaign=campaign)
    assert dashboard.only_leaders_answered
    assert dashboard.hotspots.leadership_gaps == ()
    assert dashboard.hotspots.leadership_vs_departments == ()
    client.force_login(leader)
    html = client.get(reverse("reports:campaign_dashboard", args=[campaign.pk])).content.decode()
    assert "Everyone who answered is in the leadership team" in html
    assert "No one from the leadership team has answered" not in html
    assert "Which departments see the company most differently" not in html


@pytest.mark.django_db
def test_a_department_of_leaders_only_is_not_compared_with_the_leadership_team(
    campaign, sales, support
):
    factories.make_responses(campaign, sales, 5, (5,) * 15, role=Role.LEADERSHIP)
    factories.make_responses(campaign, support, 5, (3,) * 15)
    dashboard = build_campaign_dashboard(campaign=campaign)
    compared = {f.a.department_id for f in dashboard.department_leadership_overall}
    assert compared == {support.pk}
    assert dashboard.leadership_by_pillar[0].difference == pytest.approx(50.0)  # 100 against 50


@pytest.mark.django_db
def test_a_pillar_nobody_could_rate_is_the_first_thing_to_talk_about(
    client, leader, campaign, sales, support
):
    """Every answer to the platforms questions was "I don't know": the pillar showed a dash,
    the overall score quietly averaged the other four, and each question read "too few"."""
    factories.make_responses(campaign, sales, 5, (4,) * 12 + (None,) * 3)
    factories.make_responses(campaign, support, 5, (2,) * 12 + (None,) * 3)
    dashboard = build_campaign_dashboard(campaign=campaign)
    [unscored] = dashboard.unscored_pillars
    assert (unscored.pillar.slug, unscored.dont_know, unscored.answered) == ("platforms", 30, 30)
    assert dashboard.start_here[0] == unscored
    assert dashboard.company.overall == pytest.approx(50.0)  # 75 and 25, four pillars each
    assert dashboard.radar["labels"][-1] == "Platforms (no score)"
    client.force_login(leader)
    html = client.get(reverse("reports:campaign_dashboard", args=[campaign.pk])).content.decode()
    assert "Nobody could rate Platforms: all 30 answers to its questions were" in html
    assert "Platforms has no score" in html
    last = factories.question_ids(campaign)[-1]
    html = client.get(reverse("reports:question_detail", args=[campaign.pk, last])).content.decode()
    # company, two departments, the one role and its two department cells
    assert unescape(html).count("Everyone answered “I don't know”") == 6
    assert "Too few answers" not in html


@pytest.mark.django_db
def test_a_question_a_third_could_not_answer_is_raised(client, leader, campaign, sales, support):
    factories.make_responses(campaign, sales, 4, (None,) + (4,) * 14)  # 4 of 10 don't know Q1
    factories.make_responses(campaign, sales, 1, (4,) * 15)
    factories.make_responses(campaign, support, 2, (3, None) + (4,) * 13)  # 3 of 10 on Q2
    factories.make_responses(campaign, support, 3, (3,) * 15)
    dashboard = build_campaign_dashboard(campaign=campaign)
    [raised] = dashboard.not_known_questions
    assert raised.result.question.number == 1 and (raised.dont_know, raised.answered) == (4, 10)
    assert raised in dashboard.start_here
    client.force_login(leader)
    html = client.get(reverse("reports:campaign_dashboard", args=[campaign.pk])).content.decode()
    assert "4 of 10 colleagues answered “I don't know” to" in unescape(html)
    assert "3 of 10 colleagues" not in html
