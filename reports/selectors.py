"""Bounded reads for reports: a fixed number of grouped queries, whatever the number of responses."""

from collections import defaultdict
from typing import Literal

from django.db.models import Count

from questionnaire.models import Answer, Campaign, Response

GroupBy = Literal["department_id", "role"]  # the grouping keys reports support
Counts = list[int]  # answers 1..5


def option_counts(*, campaign: Campaign, by: GroupBy) -> dict[tuple[object, int], Counts]:
    """Counts of answers 1..5 per (group, question); "don't know" (NULL) is left out."""
    rows = (
        Answer.objects.filter(response__campaign=campaign, value__isnull=False)
        .values_list(f"response__{by}", "question_id", "value")
        .annotate(n=Count("id"))
        .order_by()
    )
    counts: dict[tuple[object, int], Counts] = defaultdict(lambda: [0] * 5)
    for group, question_id, value, n in rows:
        counts[group, question_id][value - 1] = n
    return dict(counts)


def crossed_option_counts(*, campaign: Campaign) -> dict[tuple[int, str, int], Counts]:
    """Counts of answers 1..5 per (department, role, question): the finest grain reports use."""
    rows = (
        Answer.objects.filter(response__campaign=campaign, value__isnull=False)
        .values_list("response__department_id", "response__role", "question_id", "value")
        .annotate(n=Count("id"))
        .order_by()
    )
    counts: dict[tuple[int, str, int], Counts] = defaultdict(lambda: [0] * 5)
    for department_id, role, question_id, value, n in rows:
        counts[department_id, role, question_id][value - 1] = n
    return dict(counts)


def dont_know_counts(*, campaign: Campaign) -> dict[tuple[int, str, int], int]:
    """"I don't know" answers per (department, role, question)."""
    rows = (
        Answer.objects.filter(response__campaign=campaign, value__isnull=True)
        .values_list("response__department_id", "response__role", "question_id")
        .annotate(n=Count("id"))
        .order_by()
    )
    return {(d, r, q): n for d, r, q, n in rows}


def group_sizes(*, campaign: Campaign) -> dict[tuple[int, str], int]:
    """Respondents per (department, role); every coarser group size is a sum of these."""
    rows = (
        Response.objects.filter(campaign=campaign)
        .values_list("department_id", "role")
        .annotate(n=Count("id"))
        .order_by()
    )
    return {(d, r): n for d, r, n in rows}
