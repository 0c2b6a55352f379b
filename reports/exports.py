"""Exports of a (narrowed) dashboard: rows, header first, and one CSV writer (pretix's shape).

Rows come only from the dashboard, so an export shows exactly the groups the dashboard shows,
and hidden groups appear as a reason without numbers. Undefined statistics are empty cells.
"""

from collections.abc import Iterator
from typing import Any

from cxassess.spreadsheets import csv_text, spreadsheet_cell
from reports.dashboards import CampaignDashboard
from reports.dashboards.types import HIDDEN, GroupResult

__all__ = ["HEADER", "csv_text", "dashboard_rows"]

HEADER = (
    "section",  # group_overall, group_question, group_pillar, between_departments, hidden_group
    "group_type",  # company, department, role, crossed
    "group_key",
    "department_id",
    "department",
    "role",
    "group_size",
    "question_id",
    "question_key",
    "question_number",
    "pillar_id",
    "pillar",
    "n",
    "count_1",
    "count_2",
    "count_3",
    "count_4",
    "count_5",
    "dont_know",
    "mean",
    "sd",
    "score",
    "rwg",
    "ad_m",
    "cns",
    "agreement_a",
    "polarised",
    "agreement",
    "rwg_j",
    "rwg_j_lindell",
    "icc1",
    "icc2",
    "hidden_reason",
    "band",  # group_overall: the maturity band of the overall score
)

Row = dict[str, Any]


def _group_columns(result: GroupResult) -> Row:
    group = result.group
    return {
        "group_type": str(group.kind),
        "group_key": group.slug,
        "department_id": group.department_id,
        "department": group.department_name,
        "role": group.role,
        "group_size": result.size,
    }


def _overall_rows(dashboard: CampaignDashboard) -> Iterator[Row]:
    """The headline of each group, as the dashboard shows it: the mean of its pillar scores."""
    for result in dashboard.groups:
        yield {
            "section": "group_overall",
            **_group_columns(result),
            "score": result.overall,
            "band": result.band,
        }


def _question_rows(dashboard: CampaignDashboard) -> Iterator[Row]:
    pillar_slugs = {p.id: p.slug for p in dashboard.pillars}
    for result in dashboard.groups:
        for q in result.questions:
            s = q.stats
            yield {
                "section": "group_question",
                **_group_columns(result),
                "question_id": q.question.id,
                "question_key": q.question.key,
                "question_number": q.question.number,
                "pillar_id": q.question.pillar_id,
                "pillar": pillar_slugs.get(q.question.pillar_id),
                "n": s.n,
                **{f"count_{k}": c for k, c in enumerate(s.counts, start=1)},
                "dont_know": q.dont_know,
                "mean": s.mean,
                "sd": s.sd,
                "score": s.score,
                "rwg": s.rwg,
                "ad_m": s.ad_m,
                "cns": s.cns,
                "agreement_a": s.agreement_a,
                "polarised": s.polarised,
                "agreement": q.agreement,
            }


def _pillar_rows(dashboard: CampaignDashboard) -> Iterator[Row]:
    for result in dashboard.groups:
        for p in result.pillars:
            yield {
                "section": "group_pillar",
                **_group_columns(result),
                "pillar_id": p.pillar.id,
                "pillar": p.pillar.slug,
                "n": p.stats.n_answers,  # answers to its questions, not people (group_size)
                "score": p.stats.score,
                "agreement": p.stats.agreement,
                "rwg_j": p.stats.rwg_j,
                "rwg_j_lindell": p.stats.rwg_j_lindell,
            }


def _between_rows(dashboard: CampaignDashboard) -> Iterator[Row]:
    for spread in dashboard.spreads:
        subject: Row
        if spread.question is not None:
            q = spread.question
            subject = {
                "question_id": q.id,
                "question_key": q.key,
                "question_number": q.number,
                "pillar_id": q.pillar_id,
            }
        else:
            subject = {"pillar_id": spread.pillar.id, "pillar": spread.pillar.slug}
        yield {
            "section": "between_departments",
            "group_type": "departments",
            **subject,
            "icc1": spread.icc.icc1,
            "icc2": spread.icc.icc2,
        }


def _hidden_rows(dashboard: CampaignDashboard) -> Iterator[Row]:
    for hidden in dashboard.hidden:
        yield {
            "section": "hidden_group",
            "group_type": str(hidden.group.kind),
            "group_key": hidden.group.slug,
            "department_id": hidden.group.department_id,
            "department": hidden.group.department_name,
            "role": hidden.group.role,
            "hidden_reason": HIDDEN,
        }


def dashboard_rows(dashboard: CampaignDashboard) -> Iterator[tuple]:
    """The header, then one row per group (its overall score), group and question, group and
    pillar, ICC subject and hidden group."""
    yield HEADER
    for rows in (_overall_rows, _question_rows, _pillar_rows, _between_rows, _hidden_rows):
        for row in rows(dashboard):
            yield tuple(spreadsheet_cell(row.get(column)) for column in HEADER)
