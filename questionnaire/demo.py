"""A demo company: two rounds of the test with realistic, varied answers, saved via the services."""

import random
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import transaction

from . import services
from .models import Campaign, Department, Question, Role

# Department: (people, how customer-centric they see the company per pillar, 1..5 scale).
# Pillars in order: leadership, strategy, people, processes, platforms.
DEPARTMENTS = {
    "Customer Support": (52, (3.0, 2.9, 2.6, 2.4, 2.1)),
    "Sales": (44, (3.6, 3.5, 3.1, 2.9, 3.0)),
    "Engineering": (38, (3.1, 3.0, 3.3, 3.2, 3.5)),
    "Marketing": (27, (3.7, 3.8, 3.4, 3.1, 3.3)),
    "Product": (23, (3.5, 3.6, 3.2, 3.4, 3.1)),
    "Operations": (19, (2.9, 2.7, 2.8, 2.6, 2.4)),
    "Finance": (14, (3.2, 3.3, 2.9, 3.0, 2.8)),
    "Legal": (3, (3.4, 3.4, 3.0, 3.0, 2.9)),  # too small to show: the demo shows it hidden
}
LEADERSHIP_OPTIMISM = 0.9  # leaders see a more customer-centric company than staff do
SPLIT_QUESTIONS = {("Sales", "people-2"), ("Customer Support", "leadership-2")}  # two camps
DONT_KNOW_RATE = {"platforms": 0.12, "strategy": 0.08}  # people cannot see what happens there


@dataclass(frozen=True)
class DemoSummary:
    campaigns: int
    responses: int


def _roles(people: int) -> list[str]:
    leaders = 1 if people < 10 else 2 if people < 30 else 3
    managers = max(1, people // 5)
    return (
        [Role.LEADERSHIP] * leaders
        + [Role.MANAGER] * managers
        + [Role.CONTRIBUTOR] * (people - leaders - managers)
    )


def _answer(rng: random.Random, level: float, *, split: bool, dont_know: float) -> int | None:
    if rng.random() < dont_know:
        return None
    if split:
        return rng.choice((1, 2, 2, 4, 4, 5))
    return min(5, max(1, round(rng.gauss(level, 0.85))))


def _answers(rng, questions, department: str, role: str, levels, shift: float) -> dict:
    pillar_index = {
        slug: i
        for i, slug in enumerate(["leadership", "strategy", "people", "processes", "platforms"])
    }
    result = {}
    for question in questions:
        level = levels[pillar_index.get(question.pillar.slug, 0)] + shift
        if role == Role.LEADERSHIP:
            level += LEADERSHIP_OPTIMISM
        result[question.pk] = _answer(
            rng,
            level,
            split=(department, question.key) in SPLIT_QUESTIONS and role != Role.LEADERSHIP,
            dont_know=DONT_KNOW_RATE.get(question.pillar.slug, 0.03),
        )
    return result


# What people write beside the scores, per pillar: several voices each, good news too, so that
# a department's comments read like colleagues' and not like one sentence repeated.
DEMO_COMMENTS = {
    "leadership": [
        "Leaders talk about customers at all-hands, but targets are all about revenue.",
        "Our director joins customer calls every month, and it shows.",
        "I have never heard our leadership team mention a customer by name.",
        "When we missed a service target, the first question from the top was about cost.",
        "Customer stories open every leadership meeting now; I would like them to change "
        "decisions too.",
        "Our head of department answers escalations herself, and that sets the tone.",
    ],
    "strategy": [
        "The customer goals in the plan have no budget behind them.",
        "We say retention matters, but every bonus is tied to new sales.",
        "I could not tell you which customer need our strategy is meant to meet.",
        "This year's plan finally gives every team a customer satisfaction target.",
        "We launch features because a competitor did, not because customers asked.",
    ],
    "people": [
        "I need two approvals to give a customer a small refund.",
        "New starters learn the product, but nothing about how our customers work.",
        "Nobody has ever been thanked for going out of their way for a customer.",
        "My manager backs me when I bend a rule to fix a customer's problem.",
        "The customer insight team is great, but most of us do not know it exists.",
    ],
    "processes": [
        "Customer feedback goes into a shared inbox and nobody owns it.",
        "Handovers between sales and support lose the context the customer already gave us.",
        "We measure how fast we close tickets, not whether the problem was solved.",
        "Every team has its own map of the customer journey, and none of them match.",
        "Complaints are counted every month, but their causes are never fixed.",
        "The new onboarding checklist was tried out with real customers first, and it shows.",
    ],
    "platforms": [
        "I need three systems open to see one customer's history.",
        "The CRM is fine but support cannot see what sales promised.",
        "Customer data is copied between spreadsheets by hand every week.",
        "Personalisation stops at putting the first name in the e-mail.",
        "The new support tool shows a case's whole history, which saves a lot of calls.",
    ],
}
COMMENT_RATE = 0.35  # the share of people who leave a comment (on one pillar)


def _comment(voices: random.Random, decks: dict, department: str, pillar: str) -> str:
    """A comment on `pillar` from someone in `department`: its texts dealt like cards, so one
    department repeats itself only once all have been written there."""
    deck = decks.get((department, pillar))
    if not deck:
        deck = decks[department, pillar] = voices.sample(
            DEMO_COMMENTS[pillar], len(DEMO_COMMENTS[pillar])
        )
    return deck.pop()


def _campaign_fill(
    rng, voices, campaign: Campaign, *, when: datetime, shift: float, share: float
) -> int:
    """`rng` draws who answered and what, `voices` the comments: apart, so that the comments
    can change without changing the demo's numbers."""
    questions = list(Question.objects.filter(is_active=True).select_related("pillar"))
    pillars = {q.pillar.slug: q.pillar for q in questions}
    count, decks = 0, {}
    for name, (people, levels) in DEPARTMENTS.items():
        department, _ = Department.objects.get_or_create(name=name)
        for role in _roles(people):
            if rng.random() > share:
                continue
            comments = {}
            if voices.random() < COMMENT_RATE:
                slug = voices.choice(sorted(DEMO_COMMENTS))
                comments[pillars[slug].pk] = _comment(voices, decks, name, slug)
            services.response_submit(
                campaign=campaign,
                department=department,
                role=role,
                answers=_answers(rng, questions, name, role, levels, shift),
                comments=comments,
                submission_key=uuid.uuid4(),
                language=rng.choice(["en"] * 6 + ["ro", "it", "zh-hans"]),
                now=when + timedelta(hours=rng.randint(0, 24 * 10)),
            )
            count += 1
    return count


@transaction.atomic
def demo_company_create(*, now: datetime, seed: int = 2026) -> DemoSummary:
    """Two rounds: last spring's (closed) and this autumn's (open, with an open link)."""
    if Campaign.objects.filter(name__startswith="Demo:").exists():
        return DemoSummary(campaigns=0, responses=0)
    rng, voices = random.Random(seed), random.Random(seed + 1)
    spring = services.campaign_create(
        name="Demo: spring round",
        opens_at=now - timedelta(days=200),
        closes_at=now - timedelta(days=180),
    )
    autumn = services.campaign_create(
        name="Demo: autumn round",
        opens_at=now - timedelta(days=12),
        closes_at=now + timedelta(days=16),
        open_link_enabled=True,
        reminder_interval_days=7,
    )
    responses = _campaign_fill(rng, voices, spring, when=spring.opens_at, shift=-0.3, share=0.85)
    responses += _campaign_fill(rng, voices, autumn, when=autumn.opens_at, shift=0.0, share=0.95)
    services.campaigns_close_due(now=spring.closes_at)  # closed when it ended, not when seeded
    return DemoSummary(campaigns=2, responses=responses)
