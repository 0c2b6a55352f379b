"""A campaign dashboard as a PDF: the dashboard dataclass, a print template, then WeasyPrint."""

from collections.abc import Callable
from datetime import datetime
from typing import Any

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.text import slugify

from questionnaire.models import Campaign, deadline_parts

TEMPLATE = "reports/pdf/campaign_dashboard.html"


def download_name(campaign: Campaign, made_at: datetime) -> str:
    """What the leader's browser saves the PDF as; the file on disk is named after its job."""
    name = slugify(campaign.name, allow_unicode=True) or "campaign"  # "客户调查", any script
    return f"{name}-{timezone.localtime(made_at):%Y%m%d-%H%M}.pdf"


def participation_rows(dashboard: Any) -> list[tuple[Any, int | None]]:
    """Each department's participation row with how many invitees have not answered yet: only
    where the dashboard shows the department's counts (anonymity decided that), never who."""
    return [
        (row, None if row.invited is None or row.completed is None else row.invited - row.completed)
        for row in dashboard.participation.rows
    ]


def dashboard_html(*, dashboard: Any) -> str:
    context = {
        "dashboard": dashboard,
        "participation": participation_rows(dashboard),
        "generated_at": timezone.now(),
        "deadline": deadline_parts(dashboard.campaign.closes_at),
        "ended": deadline_parts(dashboard.campaign.ended_at),
    }
    return render_to_string(TEMPLATE, context)


def dashboard_pdf(*, dashboard: Any, on_progress: Callable[[int], None] = lambda _: None) -> bytes:
    """PDF bytes; `on_progress` hears 60 once the HTML is ready, 90 once the pages are laid out."""
    import weasyprint  # slow to import and needs Pango: only the worker pays for it

    html = dashboard_html(dashboard=dashboard)
    on_progress(60)
    document = weasyprint.HTML(string=html, base_url=str(settings.BASE_DIR)).render()
    on_progress(90)
    # Tagged: headings, tables and reading order reach a screen reader (WCAG 1.3.1 for PDF).
    return document.write_pdf(pdf_tags=True)
