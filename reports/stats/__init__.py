"""Pure statistics on option counts: no Django, no database (AGREEMENT.md is the spec).

Input everywhere is `counts`, five integers: how many of one group answered 1..5 to one question,
"don't know" left out. Arithmetic is exact (fractions) and results are floats, or None when a
statistic is undefined. Modules:

- `within`: mean, SD, scores, rwg, rwg(j), r*wg(j), AD_M (sections 1-4);
- `ordinal`: Tastle & Wierman's Cns, van der Eijk's A, the two-camps rule (section 6);
- `between`: ICC(1)/ICC(2) and gaps between two groups (section 5);
- `summary`: ItemStats, PillarStats, labels and hotspot ranking (section 10).
"""

from reports.stats._exact import SCALE, UNIFORM_NULL_VARIANCE, Counts
from reports.stats.between import Gap, Icc, gap, icc, pillar_gap
from reports.stats.ordinal import Camps, agreement_a, camps, cns, is_polarised
from reports.stats.summary import (
    AGREE,
    AGREEMENT_LABELS,
    SOME_DISAGREEMENT,
    SPLIT,
    TOO_FEW,
    TWO_CAMPS,
    ItemStats,
    PillarStats,
    agreement_label,
    disagreement_sort_key,
    item_stats,
    overall_score_of,
    pillar_stats,
    rank_gaps,
)
from reports.stats.within import (
    ad_m,
    item_score,
    mean,
    mean_item_variance,
    pillar_score,
    rwg,
    rwg_j,
    rwg_j_lindell,
    score,
    sd,
    variance,
)

__all__ = [
    "AGREE",
    "AGREEMENT_LABELS",
    "SCALE",
    "SOME_DISAGREEMENT",
    "SPLIT",
    "TOO_FEW",
    "TWO_CAMPS",
    "UNIFORM_NULL_VARIANCE",
    "Camps",
    "Counts",
    "Gap",
    "Icc",
    "ItemStats",
    "PillarStats",
    "ad_m",
    "agreement_a",
    "agreement_label",
    "camps",
    "cns",
    "disagreement_sort_key",
    "gap",
    "icc",
    "is_polarised",
    "item_score",
    "item_stats",
    "overall_score_of",
    "mean",
    "mean_item_variance",
    "pillar_gap",
    "pillar_score",
    "pillar_stats",
    "rank_gaps",
    "rwg",
    "rwg_j",
    "rwg_j_lindell",
    "score",
    "sd",
    "variance",
]
