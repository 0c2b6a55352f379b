"""The database's own mean and sample SD agree with the pure path (counts → reports.stats).

Every group here has at least two numeric answers: SQLite's STDDEV_SAMP (Django's Python
aggregate) raises for a single value instead of returning NULL, one more reason the reports
aggregate counts in SQL and leave the statistics to reports.stats, where n < 2 gives None.
"""

from collections import defaultdict

import pytest
from django.db.models import Avg, Count, StdDev

from questionnaire.models import Answer
from reports import selectors, stats
from tests import factories


@pytest.mark.django_db
def test_sql_mean_and_sample_sd_match_statistics_from_the_reports_counts(campaign, sales, support):
    factories.make_response(campaign, sales, (1, 2, 3, 4, 5) * 3)
    factories.make_response(campaign, sales, (5, 5, None, 4, 1) * 3)
    factories.make_response(campaign, sales, (3, 2, 2, None, 1) * 3)
    factories.make_response(campaign, support, (4,) * 15)
    factories.make_response(campaign, support, (2, 3) * 7 + (5,))
    rows = (
        Answer.objects.filter(response__campaign=campaign, value__isnull=False)
        .values("response__department_id", "question_id")
        .annotate(n=Count("value"), mean=Avg("value"), sd=StdDev("value", sample=True))
        .order_by()
    )
    # The reports' own counts, by department and role, added up per department.
    counts: dict[tuple[int, int], list[int]] = defaultdict(lambda: [0] * 5)
    for (department_id, _role), questions in selectors.crossed_answer_counts(
        campaign=campaign
    ).counts.items():
        for question_id, options in questions.items():
            for i, n in enumerate(options):
                counts[department_id, question_id][i] += n
    assert len(rows) == len(counts) == 30
    for row in rows:
        pure = stats.item_stats(counts[row["response__department_id"], row["question_id"]])
        assert pure.n == row["n"]
        assert pure.mean == pytest.approx(row["mean"], abs=1e-9)
        assert pure.sd == pytest.approx(row["sd"], abs=1e-9)
