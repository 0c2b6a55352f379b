"""The CSV export: one row per visible group and question or pillar, hidden groups as reasons."""

import codecs
import csv
import io
from datetime import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from questionnaire.models import Department, Role
from reports import exports
from reports.dashboards import build_campaign_dashboard, dashboard_for_departments
from tests import factories


def _rows(text: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(text)))


@pytest.mark.django_db
def test_csv_has_a_row_per_group_and_question_and_per_group_and_pillar(campaign, sales, support):
    factories.make_responses(campaign, sales, 5, (4,) * 15)
    factories.make_responses(campaign, support, 5, (2,) * 15)
    rows = _rows(
        exports.csv_text(exports.dashboard_rows(build_campaign_dashboard(campaign=campaign)))
    )
    # company, Sales, Support, contributors, and two department × role cells
    groups = {r["group_key"] for r in rows if r["section"] == "group_question"}
    assert len(groups) == 6
    assert sum(r["section"] == "group_question" for r in rows) == 6 * 15
    assert sum(r["section"] == "group_pillar" for r in rows) == 6 * 5
    assert sum(r["section"] == "between_departments" for r in rows) == 15 + 5
    first = next(
        r for r in rows if r["section"] == "group_question" and r["group_type"] == "company"
    )
    assert (first["n"], first["count_2"], first["count_4"], first["dont_know"]) == (
        "10",
        "5",
        "5",
        "0",
    )
    assert float(first["mean"]) == pytest.approx(3.0)
    assert float(first["score"]) == pytest.approx(50.0)
    assert first["polarised"] == "true"  # five at 2, five at 4, nobody in the middle
    assert first["pillar"] == "leadership"


@pytest.mark.django_db
def test_csv_carries_each_groups_overall_score_and_band(campaign, sales, support):
    """The dashboard's headline ("55, Enabler") and each department's overall were nowhere in
    the file."""
    factories.make_responses(campaign, sales, 5, (4,) * 15)
    factories.make_responses(campaign, support, 5, (2,) * 15)
    dashboard = build_campaign_dashboard(campaign=campaign)
    rows = _rows(exports.csv_text(exports.dashboard_rows(dashboard)))
    overall = {r["group_key"]: r for r in rows if r["section"] == "group_overall"}
    assert len(overall) == 6
    company = overall[dashboard.company.group.slug]
    assert float(company["score"]) == pytest.approx(50.0) and company["band"] == "enabler"
    sales_row = next(r for r in overall.values() if r["department"] == "Sales")
    assert float(sales_row["score"]) == pytest.approx(75.0) and sales_row["group_size"] == "5"


@pytest.mark.django_db
def test_undefined_statistics_are_empty_cells_not_zero(campaign, sales):
    factories.make_responses(campaign, sales, 4, (None,) * 15)
    factories.make_response(campaign, sales, (3,) * 15)
    rows = _rows(
        exports.csv_text(exports.dashboard_rows(build_campaign_dashboard(campaign=campaign)))
    )
    company = next(
        r for r in rows if r["section"] == "group_question" and r["group_type"] == "company"
    )
    assert (company["n"], company["dont_know"]) == ("1", "4")
    assert company["sd"] == company["rwg"] == company["ad_m"] == ""  # n = 1: undefined
    assert company["mean"] == "3.0"
    icc = next(r for r in rows if r["section"] == "between_departments")
    assert icc["icc1"] == icc["icc2"] == ""  # one department: no ICC


@pytest.mark.django_db
def test_csv_of_a_limited_leader_carries_only_their_departments(campaign, sales, support):
    factories.make_responses(campaign, sales, 5)
    factories.make_responses(campaign, support, 5)
    dashboard = dashboard_for_departments(
        build_campaign_dashboard(campaign=campaign), frozenset({support.pk})
    )
    rows = _rows(exports.csv_text(exports.dashboard_rows(dashboard)))
    assert {r["department"] for r in rows} == {"", "Support"}


@pytest.mark.django_db
def test_csv_download_is_an_attachment_named_after_the_campaign(leader_client, campaign, sales):
    factories.make_responses(campaign, sales, 5)
    page = leader_client.get(reverse("reports:export_csv", args=[campaign.pk]))
    assert page["Content-Type"].startswith("text/csv")
    assert page["Content-Disposition"] == 'attachment; filename="autumn-round-results.csv"'
    # A byte-order mark first: Excel reads a UTF-8 file without one in the old code page.
    assert page.content.startswith(codecs.BOM_UTF8)
    assert page.content.decode("utf-8-sig").splitlines()[0].startswith("section,group_type,")


@pytest.mark.django_db
def test_a_round_named_in_chinese_keeps_its_name_in_the_file_name(leader_client, campaign, sales):
    from reports import pdf

    campaign.name = "客户调查 2026"
    campaign.save()
    factories.make_responses(campaign, sales, 5)
    page = leader_client.get(reverse("reports:export_csv", args=[campaign.pk]))
    expected = "attachment; filename*=utf-8''%E5%AE%A2%E6%88%B7%E8%B0%83%E6%9F%A5-2026-results.csv"
    assert page["Content-Disposition"] == expected
    made = timezone.make_aware(datetime(2026, 11, 24, 9, 30))
    assert pdf.download_name(campaign, made) == "客户调查-2026-20261124-0930.pdf"


def _department_names_in_csv(campaign, name: str) -> set[str]:
    department = Department.objects.create(name=name)
    factories.make_responses(campaign, department, 5, role=Role.MANAGER)
    rows = _rows(
        exports.csv_text(exports.dashboard_rows(build_campaign_dashboard(campaign=campaign)))
    )
    return {r["department"] for r in rows} - {""}


@pytest.mark.django_db
def test_a_department_name_that_looks_like_a_formula_stays_text(campaign):
    names = _department_names_in_csv(campaign, '=HYPERLINK("http://x")')
    assert names == {'\'=HYPERLINK("http://x")'}


@pytest.mark.django_db
def test_a_formula_after_a_semicolon_stays_text_where_excel_splits_at_semicolons(campaign):
    # Excel in a ";" locale (Italian, Romanian) splits this comma file at each ";": what follows
    # one must not start a formula either.
    names = _department_names_in_csv(campaign, 'Audit;=2+5; "@SUM(1+1)";-3;ok')
    assert names == {"Audit;'=2+5;' \"@SUM(1+1)\";'-3;ok"}
    parts = [part.lstrip(' "') for name in names for part in name.split(";")]
    assert not any(part.startswith(("=", "+", "-", "@")) for part in parts)
