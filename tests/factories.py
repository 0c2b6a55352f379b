"""Plain builders with sensible defaults; each test shows the data it depends on."""

import uuid
from collections.abc import Sequence
from datetime import timedelta

from django.utils import timezone

from questionnaire import services
from questionnaire.models import Campaign, CampaignQuestion, Department, Response, Role

ALL_FOUR = (4,) * 15


def make_department(name: str = "Sales") -> Department:
    return Department.objects.get_or_create(name=name)[0]


def make_campaign(**overrides) -> Campaign:
    fields = {
        "name": "Autumn round",
        "opens_at": timezone.now() - timedelta(days=1),
        "closes_at": timezone.now() + timedelta(days=13),
        "open_link_enabled": True,
        **overrides,
    }
    return services.campaign_create(**fields)


def question_ids(campaign: Campaign) -> list[int]:
    return list(
        CampaignQuestion.objects.filter(campaign=campaign)
        .order_by("question__pillar__order", "position")
        .values_list("question_id", flat=True)
    )


def make_response(
    campaign: Campaign,
    department: Department,
    answers: Sequence[int | None] = ALL_FOUR,
    *,
    role: str = Role.CONTRIBUTOR,
    comments: dict[int, str] | None = None,
    now=None,
) -> Response:
    """One response; `answers` in pillar-then-question order (15 values, None = don't know)."""
    ids = question_ids(campaign)
    return services.response_submit(
        campaign=campaign,
        department=department,
        role=role,
        answers=dict(zip(ids, answers, strict=True)),
        comments=comments or {},
        submission_key=uuid.uuid4(),
        now=now,
    )


def make_responses(campaign, department, count: int, answers=ALL_FOUR, **kwargs) -> list[Response]:
    return [make_response(campaign, department, answers, **kwargs) for _ in range(count)]


def form_data(campaign: Campaign, answers: Sequence[str] | None = None, **extra) -> dict:
    """A complete, valid POST for the answer form (open link: department and role included)."""
    ids = question_ids(campaign)
    answers = answers or ["4"] * len(ids)
    data = {f"q_{q}": a for q, a in zip(ids, answers, strict=True)}
    data["submission_key"] = str(uuid.uuid4())
    return {**data, **extra}
