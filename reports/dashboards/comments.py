"""Comments per pillar, grouped by department, never in the order people answered.

Comments identify people more easily than numbers, so they have their own, higher threshold
(Campaign.comment_threshold) and the same partition rule as numbers: a department below it is
not named, its comments join "other departments", and that pool itself must reach the threshold
or be empty, so the named departments cannot be subtracted from the company to single one out.
Comments never travel with a role or any score.
"""

import random
import secrets
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence

from reports import anonymity

from .types import (
    CommentGroup,
    Comments,
    Group,
    GroupKind,
    PillarComments,
    PillarRef,
)

OTHER_DEPARTMENTS = Group(GroupKind.OTHER_DEPARTMENTS)


def _shuffled(texts: Iterable[str]) -> tuple[str, ...]:
    """The texts in an order nobody can predict or undo. A generator seeded with 128 bits from
    the operating system, not the OS for every swap: thousands of comments, one system call."""
    texts = list(texts)
    random.Random(secrets.randbits(128)).shuffle(texts)
    return tuple(texts)


def _pillar_groups(
    by_department: Mapping[int, list[str]], named: Sequence[Group]
) -> tuple[CommentGroup, ...]:
    named_ids = {g.department_id for g in named}
    groups = [
        CommentGroup(group=g, comments=_shuffled(by_department[g.department_id]))
        for g in named
        if by_department.get(g.department_id)
    ]
    others = [t for d, texts in by_department.items() if d not in named_ids for t in texts]
    if others:
        groups.append(CommentGroup(group=OTHER_DEPARTMENTS, comments=_shuffled(others)))
    return tuple(groups)


def comments_build(
    *,
    comments: Iterable[tuple[int, int, str]],
    department_sizes: Mapping[int, int],
    pillars: Sequence[PillarRef],
    names: Mapping[int, str],
    threshold: int,
) -> Comments:
    """`comments` are (department id, pillar id, text); `department_sizes` count respondents."""
    total = sum(department_sizes.values())
    if not anonymity.total_is_visible(total, threshold=threshold):
        return Comments(visible=False, threshold=threshold, pillars=(), folded=())
    visible = anonymity.visible_groups(department_sizes, threshold=threshold)
    named = sorted(
        (Group(GroupKind.DEPARTMENT, d, names.get(d, "")) for d in visible),
        key=lambda g: g.department_name,
    )
    by_pillar: dict[int, dict[int, list[str]]] = defaultdict(lambda: defaultdict(list))
    for department_id, pillar_id, text in comments:
        by_pillar[pillar_id][department_id].append(text)
    # Every department of the round not named, answered in or not (`names` holds them all, as
    # for the hidden lists): naming only those with answers told "nobody" from "a few".
    folded = sorted(
        (
            Group(GroupKind.DEPARTMENT, d, names.get(d, ""))
            for d in set(names) | set(department_sizes)
            if d not in visible
        ),
        key=lambda g: g.department_name,
    )
    return Comments(
        visible=True,
        threshold=threshold,
        pillars=tuple(
            PillarComments(pillar=p, groups=_pillar_groups(by_pillar.get(p.id, {}), named))
            for p in pillars
        ),
        folded=tuple(folded),
    )


def comments_fold(comments: Comments, keep: frozenset[int]) -> Comments:
    """Only the departments in `keep` stay named; every other comment joins the pool.

    The pool grows by named departments, each at or above the threshold, so it stays at or
    above it too.
    """
    pillars = []
    for pillar_comments in comments.pillars:
        by_department: dict[int, list[str]] = defaultdict(list)
        named = []
        for group in pillar_comments.groups:
            department_id = group.group.department_id
            key = department_id if department_id in keep else -1
            by_department[key].extend(group.comments)
            if key != -1:
                named.append(group.group)
        pillars.append(
            PillarComments(
                pillar=pillar_comments.pillar, groups=_pillar_groups(by_department, named)
            )
        )
    return Comments(
        visible=comments.visible,
        threshold=comments.threshold,
        pillars=tuple(pillars),
        folded=tuple(g for g in comments.folded if g.department_id in keep),
    )
