"""Turning selectors, anonymity and statistics into what a leader sees (STYLE.md "dashboards").

`build_campaign_dashboard` makes a campaign's whole dashboard from a fixed number of queries;
views and exports get it through `reports.snapshots.campaign_dashboard` and narrow it to a
leader's departments with `dashboard_for_departments`.
"""

from .campaign import (
    CampaignDashboard,
    CampaignRow,
    build_campaign_dashboard,
    campaign_rows,
    dashboard_for_departments,
)
from .drilldowns import DepartmentPage, QuestionPage, department_page, question_page

__all__ = [
    "CampaignDashboard",
    "CampaignRow",
    "DepartmentPage",
    "QuestionPage",
    "build_campaign_dashboard",
    "campaign_rows",
    "dashboard_for_departments",
    "department_page",
    "question_page",
]
