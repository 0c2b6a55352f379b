"""Companies made at random, small and odd (empty departments, groups one short of the
threshold, everyone giving the same answer, "don't know" throughout, a closed previous round):
every report page answers, and no group the JSON or the CSV shows holds fewer people than the
threshold, or lies outside the departments a limited leader may see.

The hand-built cases in test_anonymity_paths.py name each way a group could leak; these try
shapes nobody thought to name. Each seed is one company, so a failure can be run again alone.
"""

import csv
import io
import random
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.urls import reverse
from django.utils import timezone

from questionnaire.models import Pillar, Role
from reports import snapshots
from reports.models import LeaderScope
from tests import factories

ROLES = [Role.LEADERSHIP, Role.MANAGER, Role.CONTRIBUTOR]


def _answers(rng: random.Random, kind: str) -> list[int | None]:
    if kind == "all the same":
        return [4] * 15
    if kind == "mostly don't know":
        return [rng.choice([None, None, None, 3]) for _ in range(15)]
    if kind == "two camps":
        return [rng.choice([1, 5]) for _ in range(15)]
    return [rng.choice([1, 2, 3, 4, 5, None]) for _ in range(15)]


def _random_company(rng: random.Random, seed: int):
    departments = [factories.make_department(f"D{seed}-{i}") for i in range(rng.randint(1, 4))]
    threshold = rng.randint(3, 6)
    pillars = list(Pillar.objects.values_list("pk", flat=True))
    rounds = []
    for n in range(rng.choice([1, 1, 2])):
        campaign = factories.make_campaign(
            name=f"Round {seed}-{n}",
            opens_at=timezone.now() - timedelta(days=30 - 10 * n),
            anonymity_threshold=threshold,
            comment_threshold=threshold + rng.randint(0, 2),
        )
        kind = rng.choice(["any", "all the same", "mostly don't know", "two camps"])
        for department in departments:
            people = rng.choice([0, 1, 2, threshold - 1, threshold, threshold + 3, 12])
            for _ in range(people):
                comments = {rng.choice(pillars): "a comment"} if rng.random() < 0.3 else {}
                factories.make_response(
                    campaign,
                    department,
                    _answers(rng, kind),
                    role=rng.choice(ROLES),
                    comments=comments,
                )
        if n == 0 and rng.random() < 0.3:
            campaign.closed_at = timezone.now() - timedelta(days=5)
            campaign.save()
        rounds.append(campaign)
    return rounds, departments, threshold


def _report_urls(campaign, departments) -> list[str]:
    urls = [
        reverse(name, args=[campaign.pk])
        for name in (
            "reports:campaign_dashboard",
            "reports:comparison",
            "reports:comments",
            "reports:export_csv",
            "reports:dashboard_json",
        )
    ]
    urls += [
        reverse("reports:question_detail", args=[campaign.pk, question])
        for question in factories.question_ids(campaign)
    ]
    urls += [
        reverse("reports:department_detail", args=[campaign.pk, department.pk])
        for department in departments
    ]
    return urls


@pytest.mark.django_db
@pytest.mark.parametrize("seed", range(30))
def test_a_random_company_is_reported_without_error_or_a_small_group(client, questions, seed):
    rng = random.Random(seed)
    rounds, departments, threshold = _random_company(rng, seed)
    # A leader of everything, or of some departments (the dashboard narrowed to them).
    leader = get_user_model().objects.create_user(username="leader", password="pw-for-tests-1")
    leader.user_permissions.add(Permission.objects.get(codename="view_reports"))
    allowed = {None} | {department.pk for department in departments}
    if rng.random() < 0.5:
        scope = rng.sample(departments, rng.randint(1, len(departments)))
        LeaderScope.objects.create(user=leader).departments.set(scope)
        allowed = {None} | {department.pk for department in scope}
    client.force_login(leader)
    snapshots.local_clear()
    for campaign in rounds:
        pages = {url: client.get(url) for url in _report_urls(campaign, departments)}
        for url, page in pages.items():
            # 404: a hidden group's page; 403: a department the leader may not see
            assert page.status_code in (200, 403, 404), url
        for response in campaign.responses.all()[:3]:
            page = client.get(reverse("questionnaire:result", args=[response.result_key]))
            assert page.status_code == 200
        people = list(campaign.responses.values_list("department_id", "role"))
        shown = pages[reverse("reports:dashboard_json", args=[campaign.pk])].json()
        for group in shown["groups"]:
            members = _members(people, group["department_id"], group["role"])
            assert members >= threshold and group["n"] == members, group["label"]
            assert group["department_id"] in allowed, group["label"]
        exported = pages[reverse("reports:export_csv", args=[campaign.pk])]
        for row in csv.DictReader(io.StringIO(exported.content.decode("utf-8-sig"))):
            if row["section"] == "hidden_group":
                assert row["group_size"] == row["n"] == row["mean"] == "", row
            elif row["section"].startswith("group_"):
                department = int(row["department_id"]) if row["department_id"] else None
                members = _members(people, department, row["role"] or None)
                assert members >= threshold and int(row["group_size"]) == members, row
                assert department in allowed, row


def _members(people: list[tuple[int, str]], department: int | None, role: str | None) -> int:
    """How many answered in the department, the role, or both (None: any)."""
    return sum(1 for d, r in people if department in (None, d) and role in (None, r))
