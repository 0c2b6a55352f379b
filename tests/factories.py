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
        .order_by("position")  # the order the round asked them (pillars in their order then)
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


def submit(campaign, department, answers=None, **kwargs) -> Response:
    """The answer form sent through the service, every question 4 unless `answers` says."""
    if answers is None:
        answers = dict.fromkeys(question_ids(campaign), 4)
    kwargs.setdefault("submission_key", uuid.uuid4())
    kwargs.setdefault("role", Role.CONTRIBUTOR)
    return services.response_submit(
        campaign=campaign, department=department, answers=answers, comments={}, **kwargs
    )


def campaign_admin_form(campaign: Campaign, **changes) -> dict:
    """The campaign's change form in the admin as its page fills it in, with `changes`."""
    local = timezone.localtime
    data = {
        "name": campaign.name,
        "opens_at_0": local(campaign.opens_at).strftime("%Y-%m-%d"),
        "opens_at_1": local(campaign.opens_at).strftime("%H:%M:%S"),
        "closes_at_0": local(campaign.closes_at).strftime("%Y-%m-%d"),
        "closes_at_1": local(campaign.closes_at).strftime("%H:%M:%S"),
        "anonymity_threshold": campaign.anonymity_threshold,
        "comment_threshold": campaign.comment_threshold,
        "open_link_enabled": "on",
        "compared_with_later_rounds": "on" if campaign.compared_with_later_rounds else "",
        "campaign_questions-TOTAL_FORMS": 0,
        "campaign_questions-INITIAL_FORMS": 0,
    }
    return data | changes
