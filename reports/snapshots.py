"""The one way views, exports and tasks get a campaign's dashboard: cached, refreshed in bursts.

A snapshot is a campaign's whole dashboard, kept in the Django cache (Redis in production) with the
*version* of the data it was built from: the campaign's count of changes to its responses
(`Campaign.responses_changed`, raised in the transaction of every submission and deletion, and
`Campaign.invitations_changed`, raised with every invitation issued, edited or deleted) and its
thresholds. A leader limited to some departments gets it narrowed on the way out (no queries).

A reader compares that version with the database's (one row by primary key) and rebuilds on
the spot if they differ, so a stale or missing snapshot costs one computation, never a wrong answer.
That also covers every way a refresh can get lost: broker down, cache flushed, worker killed.

New responses schedule a refresh, coalesced: the first response of a burst takes a lock for
REFRESH_DELAY seconds and enqueues one refresh to run when it expires; the rest of the burst finds
the lock taken and does nothing. 500 responses in a minute cause two or three recomputations.

The cache is an optimisation only: when it is unreachable the dashboard is computed directly.

Each process also keeps the snapshots it used last (LOCAL_CAMPAIGNS of them, for LOCAL_MAX_AGE
seconds), with the narrowed copies it made: a leader clicking through a dashboard then costs the
version check only, not fetching and unpickling a snapshot that grows with the campaign (~750 KB
at 100,000 responses). The same version check guards them, so they are never stale either.
"""

import hashlib
import logging
import threading
import time
from collections import OrderedDict
from collections.abc import Collection
from dataclasses import dataclass, field
from functools import cache as memoize
from pathlib import Path
from typing import Any

from django.core.cache import cache
from django.db import connection

from cxassess.cache import SKIP_ON, CacheSkipped
from questionnaire.models import Campaign

logger = logging.getLogger(__name__)

REFRESH_DELAY = 30  # seconds a burst of responses is gathered into one recomputation
MAX_AGE = 60 * 60  # also rebuild hourly: edits that send no signal (a shell's update()) show up
LOCAL_MAX_AGE = 60.0  # a process's own copy: then it fetches the shared snapshot again
LOCAL_CAMPAIGNS = 8  # a few large dashboards per process at most
# A respondent's result page may show a large round's department and company as of the last
# refresh: working them out afresh reads every answer of the round (230 ms at 100,000 responses)
# on every such page, while each new answer moves those averages by next to nothing.
RESULT_LAG = 2 * REFRESH_DELAY  # seconds: the refresh that follows a burst, and some margin
# Below this the page is worked out afresh: 20-45 ms for the demo's 206 responses, depending on
# the machine, most of it auditing its many small cells.
RESULT_LAG_FROM = 2_000  # responses
# Changing these modules can change a dashboard's shape or numbers: a deploy starts afresh.
_CODE = ("dashboards", "stats", "anonymity.py", "selectors.py")


@memoize
def _code_version() -> str:
    root = Path(__file__).resolve().parent
    digest = hashlib.sha256()
    for name in _CODE:
        path = root / name
        for file in sorted(path.rglob("*.py")) if path.is_dir() else [path]:
            if file.exists():
                digest.update(file.read_bytes())
    return digest.hexdigest()[:12]


# The campaign's row and the previous round's (selectors.previous_round: the latest that opened
# before), in one statement that PostgreSQL and SQLite both run. Plain SQL: the same query built
# with four ORM subqueries took 2 ms of Python on every dashboard view, for 0.1 ms in the database.
_VERSION_SQL = """
    SELECT c.opens_at, c.responses_changed, c.invitations_changed,
           c.anonymity_threshold, c.comment_threshold,
           c.closes_at, c.closed_at, c.open_link_enabled, c.name,
           p.id, p.opens_at, p.responses_changed, p.anonymity_threshold, c.labels_changed,
           c.changes_mark, p.changes_mark
    FROM {table} c
    LEFT JOIN {table} p ON p.id = (
        SELECT q.id FROM {table} q
        WHERE q.opens_at < c.opens_at AND q.id <> c.id AND q.compared_with_later_rounds
        ORDER BY q.opens_at DESC, q.id DESC
        LIMIT 1
    )
    WHERE c.id = %s
"""


def data_version(campaign: Campaign) -> str:
    """Changes whenever a snapshot of this campaign must be rebuilt: read afresh from the
    campaign's row (the caller's copy may be older), one primary-key lookup at any size.

    The row's own fields the dashboard shows or depends on are in it (dates, whether it is
    closed, the open link, which decides which departments are listed, the name), and so are its
    counts of changes to invitations (their numbers per department are shown) and to department
    and pillar names. The snapshot
    also compares with the previous round, so which round that is, its change count and its
    threshold are part of the version too: a response deleted there shows at once here."""
    return _version_text(_version_row(campaign))


def _version_row(campaign: Campaign) -> tuple:
    with connection.cursor() as cursor:
        cursor.execute(_VERSION_SQL.format(table=Campaign._meta.db_table), [campaign.pk])
        row = cursor.fetchone()
    if row is None:
        raise Campaign.DoesNotExist(campaign.pk)
    return row


def _version_text(row: tuple) -> str:
    return "changes " + ":".join(map(str, row))


_RESPONSES_CHANGED = 1  # the campaign's count of changes to its responses in `_VERSION_SQL`'s row
_THRESHOLD = 3  # the campaign's anonymity threshold in it


def _key(campaign_id: int) -> str:
    return f"reports:dashboard:{_code_version()}:{campaign_id}"


def _lock_key(campaign_id: int) -> str:
    return f"reports:dashboard-refresh:{campaign_id}"


def _build(campaign: Campaign) -> Any:
    """Built from the campaign's row as it is now, read after the version: the caller's copy may
    predate a raised threshold, and a dashboard built under the old threshold must never be
    stored under a version that names the new one (it would be served as current)."""
    from .dashboards.campaign import build_campaign_dashboard  # late: it imports much of reports

    return build_campaign_dashboard(campaign=Campaign.objects.get(pk=campaign.pk))


def _narrow(dashboard: Any, scope: frozenset[int] | None) -> Any:
    from .dashboards.campaign import dashboard_for_departments

    return dashboard_for_departments(dashboard, scope)


def _cache_get(key: str) -> Any:
    try:
        return cache.get(key)
    except Exception as error:  # Redis down, or a snapshot pickled by older code: rebuild
        _cache_failed(key, error)
        return None


def _cache_set(key: str, value: Any) -> None:
    try:
        cache.set(key, value, timeout=MAX_AGE)
    except Exception as error:
        _cache_failed(key, error)


def _cache_failed(key: str, error: Exception) -> None:
    """Logs a failed cache call. A Redis that is away was logged by the cache itself, once per
    few seconds (cxassess/cache.py): a traceback per dashboard and result page besides wrote
    4,900 lines for 350 pages in an outage. Anything else (a snapshot older code pickled, a bug)
    keeps its traceback."""
    if isinstance(error, CacheSkipped):
        logger.debug("dashboard cache skipped for %s", key)
    elif isinstance(error, SKIP_ON):
        logger.warning("dashboard cache unavailable for %s: %s", key, error)
    else:
        logger.warning("dashboard cache unavailable for %s", key, exc_info=True)


def _fresh(cached: Any, version: str) -> bool:
    return _stored(cached) and cached[0] == version


def _stored(cached: Any) -> bool:
    """(version, dashboard, when it was built) as `_store` keeps it."""
    return isinstance(cached, tuple) and len(cached) == 3


@dataclass
class _Local:
    """A snapshot as this process holds it, with the copies narrowed for limited leaders."""

    version: str
    dashboard: Any
    built_at: float  # time.time(): the shared cache's copies are compared across processes
    kept_at: float = field(default_factory=time.monotonic)
    narrowed: dict[frozenset[int] | None, Any] = field(default_factory=dict)

    def for_departments(self, departments: Collection[int] | None) -> Any:
        scope = None if departments is None else frozenset(departments)
        if (found := self.narrowed.get(scope)) is None:
            found = self.narrowed[scope] = _narrow(self.dashboard, scope)
        return found


_local: OrderedDict[tuple[int, Any], _Local] = OrderedDict()
_local_lock = threading.Lock()
# Until when (time.monotonic()) this process knows each campaign's refresh lock to be held: the
# rest of a burst then costs no round trip to Redis per answer, only one per process and window.
# Deleted early (Redis flushed or restarted), the lock is missed for the rest of its window: its
# answers wait for a reader, who rebuilds a stale snapshot anyway, or for the sweep.
_locks_held: dict[int, float] = {}


def _local_get(key: tuple[int, Any], version: str | None) -> _Local | None:
    """This process's copy if it is of `version` (None: of any version)."""
    with _local_lock:
        local = _local.get(key)
        if local is None or version not in (None, local.version):
            return None
        if time.monotonic() - local.kept_at >= LOCAL_MAX_AGE:
            return None
        _local.move_to_end(key)
        return local


def _local_put(key: tuple[int, Any], local: _Local) -> _Local:
    with _local_lock:
        _local[key] = local
        _local.move_to_end(key)
        while len(_local) > LOCAL_CAMPAIGNS:
            _local.popitem(last=False)
    return local


def local_clear() -> None:
    """Forget this process's copies and refresh locks (tests, and the benchmark's shared-cache
    measurement)."""
    with _local_lock:
        _local.clear()
    _locks_held.clear()


def _local_key(campaign: Campaign) -> tuple[int, Any]:
    # created_at as well as the id: a test database may give a new campaign an old one's id.
    return campaign.pk, campaign.created_at


def _store(campaign: Campaign, version: str) -> _Local:
    """Build the dashboard and keep it in the shared cache and in this process."""
    built_at = time.time()  # the data are those of when the build began
    dashboard = _build(campaign)
    _cache_set(_key(campaign.pk), (version, dashboard, built_at))
    return _local_put(_local_key(campaign), _Local(version, dashboard, built_at))


def campaign_dashboard(campaign: Campaign, *, departments: Collection[int] | None = None) -> Any:
    """The campaign's dashboard, narrowed to `departments` (ids; None for all), never stale."""
    version = data_version(campaign)  # read before building: newer data only ever looks stale
    local = _local_get(_local_key(campaign), version)
    if local is None:
        cached = _cache_get(_key(campaign.pk))
        if _fresh(cached, version):
            local = _local_put(_local_key(campaign), _Local(*cached))
        else:
            local = _store(campaign, version)
    return local.for_departments(departments)


def recent_dashboard(campaign: Campaign) -> Any | None:
    """The campaign's whole dashboard as a respondent's result page may use it, or None: work
    the page out afresh.

    A fresh snapshot if there is one. In a round of RESULT_LAG_FROM responses or more, also the
    last one kept if it was built less than RESULT_LAG seconds ago under the anonymity threshold
    the campaign has now: it is what a leader saw then, audited with the answers of then, so it
    shows no group that was small at the time; it may be missing the newest answers, or for as
    long still count one just deleted.

    Failing that, a large round's snapshot is built and kept, as a leader's page would: the
    page's own way reads every answer as well (0.5 s at 100,000 responses) and kept nothing, so
    each reload, and each respondent after a quiet minute, read them all again. A small round's
    page is worked out its own way, more cheaply than a whole dashboard.
    """
    row = _version_row(campaign)
    key = _local_key(campaign)
    local = _local_get(key, None)
    if local is not None and _usable(local.version, local.dashboard, local.built_at, row):
        return local.dashboard
    cached = _cache_get(_key(campaign.pk))
    if _stored(cached) and _usable(*cached, row):
        return _local_put(key, _Local(*cached)).dashboard
    if row[_RESPONSES_CHANGED] >= RESULT_LAG_FROM:  # answers and deletions: large, or was
        return _store(campaign, _version_text(row)).dashboard
    return None


def _usable(version: str, dashboard: Any, built_at: float, row: tuple) -> bool:
    """Whether a kept snapshot may stand in for the data of `row` (`_version_row`)."""
    if version == _version_text(row):
        return True
    company = dashboard.company
    return (
        time.time() - built_at < RESULT_LAG
        and dashboard.campaign.anonymity_threshold == row[_THRESHOLD]
        and company is not None
        and company.size >= RESULT_LAG_FROM
    )


def snapshot_rebuild(campaign: Campaign) -> None:
    """Build the snapshot and store it, whatever this process holds (the refresh task)."""
    _store(campaign, data_version(campaign))


def snapshot_is_fresh(campaign: Campaign) -> bool:
    return _fresh(_cache_get(_key(campaign.pk)), data_version(campaign))


def refresh_soon(campaign_id: int) -> bool:
    """Schedule one refresh for a burst of new responses; False if one is already scheduled."""
    from . import tasks

    now, wall = time.monotonic(), time.time()
    if _locks_held.get(campaign_id, 0.0) > now:
        return False
    key = _lock_key(campaign_id)
    try:
        # The lock holds when it runs out (wall clock, which every process shares), so that
        # another process finding it taken knows for how long without asking again.
        if not cache.add(key, wall + REFRESH_DELAY, timeout=REFRESH_DELAY):
            held_until = cache.get(key)
            if isinstance(held_until, float):
                _locks_held[campaign_id] = now + min(held_until - wall, REFRESH_DELAY)
            return False
    except Exception as error:  # no cache, no coalescing: leave it to the reader and the sweep
        logger.warning(
            "cannot schedule a dashboard refresh for %s",
            campaign_id,
            exc_info=not isinstance(error, CacheSkipped),  # its outage was logged once already
        )
        return False
    _locks_held[campaign_id] = now + REFRESH_DELAY
    tasks.refresh_snapshot.apply_async((campaign_id,), countdown=REFRESH_DELAY)
    return True


def on_response_submitted(sender: object, *, campaign_id: int, **kwargs: object) -> None:
    refresh_soon(campaign_id)
