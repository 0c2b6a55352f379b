"""Runs one step of a jobs test inside the app's environment and prints the outcome as JSON.

The test process never touches this database itself: it and the worker are separate processes
that share it (an SQLite file or a PostgreSQL database of its own) and the throw-away Redis.
"""

import argparse
import json
import time
from datetime import timedelta

import django


def seed(invitations: int) -> dict:
    from django.utils import timezone

    from questionnaire import services
    from questionnaire.content import default_questions_load
    from questionnaire.models import Department, Role

    default_questions_load()
    sales = Department.objects.get_or_create(name="Sales")[0]
    campaign = services.campaign_create(
        name=f"Jobs test {time.time_ns()}",
        opens_at=timezone.now() - timedelta(days=1),
        closes_at=timezone.now() + timedelta(days=30),
        open_link_enabled=True,
    )
    for i in range(invitations):
        services.invitation_issue(
            campaign=campaign, email=f"p{i:03d}@example.com", department=sales, role=Role.MANAGER
        )
    return {"campaign_id": campaign.pk, "open_link": campaign.get_open_link_path()}


def send(campaign_id: int) -> dict:
    from questionnaire import tasks

    started = time.monotonic()
    tasks.send_invitations.delay(campaign_id)
    return {"published_in": time.monotonic() - started}


def invitations(campaign_id: int) -> dict:
    from questionnaire.models import Invitation

    mine = Invitation.objects.filter(campaign_id=campaign_id)
    return {"total": mine.count(), "sent": mine.filter(sent_at__isnull=False).count()}


def submit(campaign_id: int, count: int) -> dict:
    """Answer through the open link as a browser would, timing each POST."""
    from django.test import Client

    from questionnaire.models import Campaign, Department, Response
    from tests import factories

    campaign = Campaign.objects.get(pk=campaign_id)
    department = Department.objects.get(name="Sales")
    client, outcomes = Client(), []
    for _ in range(count):
        data = factories.form_data(campaign, department=department.pk, role="contributor")
        started = time.monotonic()
        response = client.post(campaign.get_open_link_path(), data)
        seconds = time.monotonic() - started
        result = client.get(response["Location"]) if response.status_code == 302 else response
        outcomes.append({"post": response.status_code, "page": result.status_code, "s": seconds})
    return {"outcomes": outcomes, "responses": Response.objects.filter(campaign=campaign).count()}


def dashboard(campaign_id: int) -> dict:
    from questionnaire.models import Campaign
    from reports import snapshots

    campaign = Campaign.objects.get(pk=campaign_id)
    fresh_before = snapshots.snapshot_is_fresh(campaign)
    board = snapshots.campaign_dashboard(campaign)
    return {
        "fresh_before": fresh_before,
        "size": board.company.size if board.company else None,
        "fresh_after": snapshots.snapshot_is_fresh(campaign),
    }


def sweep() -> dict:
    from django.utils import timezone

    from reports import services

    return {"rebuilt": services.snapshots_refresh_stale(now=timezone.now())}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument(
        "step", choices=["seed", "send", "invitations", "submit", "dashboard", "sweep"]
    )
    parser.add_argument("args", nargs="*", type=int)
    options = parser.parse_args()
    django.setup()
    step = globals()[options.step]
    print(json.dumps(step(*options.args)))


if __name__ == "__main__":
    main()
