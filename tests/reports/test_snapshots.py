"""Dashboard snapshots: coalesced refreshes, never stale on read, computed when the cache is
down."""

import itertools
import time
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from redis.exceptions import ConnectionError as RedisConnectionError

from cxassess.cache import CacheSkipped
from questionnaire.models import Campaign, Pillar, Response
from reports import services, snapshots, tasks
from tests import factories


@pytest.fixture
def builds(monkeypatch):
    """Counts dashboard computations."""
    calls: list[int] = []
    real = snapshots._build

    def counting(campaign):
        calls.append(campaign.pk)
        return real(campaign)

    monkeypatch.setattr(snapshots, "_build", counting)
    return calls


@pytest.fixture
def queued(monkeypatch):
    """Records refreshes enqueued for later, as a real broker would hold them for `countdown`."""
    calls: list[dict] = []
    monkeypatch.setattr(
        tasks.refresh_snapshot,
        "apply_async",
        lambda args, countdown=None, **kw: calls.append({"args": args, "countdown": countdown}),
    )
    return calls


@pytest.mark.django_db
def test_burst_of_500_responses_in_a_minute_costs_two_recomputations(
    campaign, sales, builds, queued, django_capture_on_commit_callbacks
):
    for second in range(500):  # 500 responses over 60 seconds; the broker holds each refresh
        if second == 250:  # 30 s: the first window's lock expires and its refresh runs
            cache.delete(snapshots._lock_key(campaign.pk))
            snapshots.local_clear()  # as the process's own note of the lock runs out too
            tasks.refresh_snapshot.run(*queued[0]["args"])
        with django_capture_on_commit_callbacks(execute=True):
            factories.make_response(campaign, sales)
    assert [q["countdown"] for q in queued] == [snapshots.REFRESH_DELAY] * 2
    tasks.refresh_snapshot.run(*queued[1]["args"])  # 30 s after the second window opened
    dashboard = snapshots.campaign_dashboard(campaign)
    assert dashboard.company.size == 500
    assert len(builds) == 2  # one per window; the read found the snapshot fresh


@pytest.fixture
def cache_calls(monkeypatch):
    """The cache calls the refresh lock makes, by name."""
    calls: list[str] = []
    for name in ("add", "get"):
        real = getattr(cache, name)

        def counting(*args, _real=real, _name=name, **kwargs):
            calls.append(_name)
            return _real(*args, **kwargs)

        monkeypatch.setattr(cache, name, counting)
    return calls


@pytest.mark.django_db
def test_a_burst_asks_the_cache_once_per_process_not_per_answer(campaign, queued, cache_calls):
    """Each answer sent took the lock in Redis, or found it taken: a round trip per answer."""
    for _ in range(20):
        snapshots.refresh_soon(campaign.pk)
    assert cache_calls == ["add"] and len(queued) == 1
    snapshots.local_clear()  # another process, which did not take the lock, in the same burst
    cache_calls.clear()
    for _ in range(20):
        snapshots.refresh_soon(campaign.pk)
    assert cache_calls == ["add", "get"]  # taken, and until when: it asks no more
    assert len(queued) == 1


@pytest.mark.django_db
def test_eager_tasks_coalesce_too(campaign, sales, builds, django_capture_on_commit_callbacks):
    # The embedded default runs the refresh at once; the rest of the burst is still coalesced.
    for _ in range(50):
        with django_capture_on_commit_callbacks(execute=True):
            factories.make_response(campaign, sales)
    assert len(builds) == 1
    assert snapshots.campaign_dashboard(campaign).company.size == 50  # stale, so rebuilt once
    assert len(builds) == 2


@pytest.mark.django_db
def test_new_response_makes_the_snapshot_stale_and_a_read_rebuilds_it(campaign, sales, builds):
    factories.make_responses(campaign, sales, 5)
    assert snapshots.campaign_dashboard(campaign).company.size == 5
    assert snapshots.campaign_dashboard(campaign).company.size == 5
    factories.make_response(campaign, sales)  # no signal: as if the broker had been down
    assert not snapshots.snapshot_is_fresh(campaign)
    assert snapshots.campaign_dashboard(campaign).company.size == 6
    assert len(builds) == 2


@pytest.mark.django_db
def test_raising_the_threshold_hides_groups_at_once(campaign, sales, support, builds):
    factories.make_responses(campaign, sales, 6)
    factories.make_responses(campaign, support, 6)
    assert len(snapshots.campaign_dashboard(campaign).departments) == 2
    Campaign.objects.filter(pk=campaign.pk).update(anonymity_threshold=7, comment_threshold=10)
    campaign.refresh_from_db()
    assert snapshots.campaign_dashboard(campaign).departments == ()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "change",
    [
        {"closed_at": timezone.now()},
        {"closes_at": timezone.now() + timedelta(days=40)},
        {"open_link_enabled": False},
        {"name": "Renamed round"},
    ],
)
def test_closing_reopening_or_renaming_a_round_shows_at_once(campaign, sales, builds, change):
    """A round closed (or reopened) by the admin read "open" (or "closed") for up to an hour: the
    version counted only responses and thresholds."""
    factories.make_responses(campaign, sales, 5)
    before = snapshots.campaign_dashboard(campaign)
    Campaign.objects.filter(pk=campaign.pk).update(**change)
    assert not snapshots.snapshot_is_fresh(campaign)
    after = snapshots.campaign_dashboard(campaign)
    assert after is not before and len(builds) == 2


@pytest.mark.django_db
def test_a_renamed_department_or_pillar_shows_at_once_in_every_round(
    admin_client, leader_client, questions, sales
):
    """Renamed in the admin, "Sales" stayed "Sales" for up to an hour in the rounds whose
    reports had been read, while a round rebuilt for another reason said "Sales EMEA"."""
    rounds = [factories.make_campaign(name=name) for name in ("Autumn", "Spring")]
    for campaign in rounds:
        factories.make_responses(campaign, sales, 5)
        snapshots.campaign_dashboard(campaign)
    admin_client.post(
        reverse("admin:questionnaire_department_change", args=[sales.pk]), {"name": "Sales EMEA"}
    )
    pillar = Pillar.objects.order_by("order").first()
    pillar.name = "Leading the way"
    pillar.save()
    for campaign in rounds:
        assert not snapshots.snapshot_is_fresh(campaign)
        page = leader_client.get(reverse("reports:campaign_dashboard", args=[campaign.pk]))
        html = page.content.decode()
        assert "Sales EMEA" in html and "Leading the way" in html


@pytest.mark.django_db
def test_a_limited_leader_gets_the_cached_snapshot_narrowed(campaign, sales, support, builds):
    factories.make_responses(campaign, sales, 6)
    factories.make_responses(campaign, support, 6)
    snapshots.campaign_dashboard(campaign)
    narrowed = snapshots.campaign_dashboard(campaign, departments={support.pk})
    assert [d.group.department_id for d in narrowed.departments] == [support.pk]
    assert len(builds) == 1


@pytest.mark.django_db
def test_dashboard_is_computed_when_the_cache_is_down(campaign, sales, monkeypatch):
    factories.make_responses(campaign, sales, 5)

    def down(*args, **kwargs):
        raise ConnectionError("Redis is down")

    for method in ("get", "set", "add"):
        monkeypatch.setattr(cache, method, down)
    assert snapshots.campaign_dashboard(campaign).company.size == 5
    assert snapshots.refresh_soon(campaign.pk) is False  # logged, not raised


@pytest.mark.django_db
def test_a_redis_outage_costs_no_traceback_per_page(campaign, sales, monkeypatch, caplog):
    """The cache logs an outage once per few seconds; each dashboard read and write logged a
    traceback besides: 4,900 lines for 350 pages. A snapshot that cannot be read for another
    reason (pickled by older code) keeps its traceback."""
    factories.make_responses(campaign, sales, 5)
    failures = itertools.cycle([CacheSkipped("skipped"), RedisConnectionError("refused")])

    def down(*args, **kwargs):
        raise next(failures)

    monkeypatch.setattr(cache, "get", down)
    monkeypatch.setattr(cache, "set", down)
    for _ in range(3):
        snapshots.local_clear()
        assert snapshots.campaign_dashboard(campaign).company.size == 5
    logged = [r for r in caplog.records if r.name == "reports.snapshots"]
    assert not [r for r in logged if r.exc_info]
    assert len([r for r in logged if r.levelname == "WARNING"]) == 3  # "refused", not "skipped"

    caplog.clear()
    failures = itertools.repeat(AttributeError("Can't get attribute 'OldGroupResult'"))
    snapshots.local_clear()
    assert snapshots.campaign_dashboard(campaign).company.size == 5
    assert any(r.exc_info for r in caplog.records if r.name == "reports.snapshots")


@pytest.mark.django_db
def test_submission_schedules_one_refresh_after_commit(
    campaign, sales, queued, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        factories.make_response(campaign, sales)
    assert len(callbacks) == 1
    assert queued == [{"args": (campaign.pk,), "countdown": snapshots.REFRESH_DELAY}]


@pytest.mark.django_db
def test_refresh_task_twice_computes_once(campaign, sales, builds):
    factories.make_responses(campaign, sales, 3)
    assert tasks.refresh_snapshot.delay(campaign.pk).get() is True
    assert tasks.refresh_snapshot.delay(campaign.pk).get() is False
    assert tasks.refresh_snapshot.delay(999_999).get() is False  # deleted campaign: no error
    assert len(builds) == 1


@pytest.mark.django_db
def test_sweep_rebuilds_only_stale_running_campaigns(questions, sales, builds):
    running = factories.make_campaign(name="Running")
    long_closed = factories.make_campaign(name="Old")
    Campaign.objects.filter(pk=long_closed.pk).update(
        closed_at=timezone.now() - timezone.timedelta(days=30)
    )
    factories.make_responses(running, sales, 3)
    assert services.snapshots_refresh_stale(now=timezone.now()) == 1
    assert services.snapshots_refresh_stale(now=timezone.now()) == 0
    assert builds == [running.pk]


@pytest.mark.django_db
def test_a_process_keeps_its_copy_and_still_sees_every_new_response(campaign, sales, builds):
    factories.make_responses(campaign, sales, 5)
    first = snapshots.campaign_dashboard(campaign)
    cache.clear()  # the shared snapshot is gone; this process's own copy is still current
    assert snapshots.campaign_dashboard(campaign) is first
    factories.make_response(campaign, sales)
    assert snapshots.campaign_dashboard(campaign).company.size == 6
    assert len(builds) == 2


@pytest.mark.django_db
def test_the_refresh_task_stores_the_snapshot_even_when_this_process_holds_it(
    campaign, sales, builds
):
    factories.make_responses(campaign, sales, 5)
    snapshots.campaign_dashboard(campaign)
    cache.clear()  # e.g. Redis restarted
    assert tasks.refresh_snapshot.delay(campaign.pk).get() is True
    assert snapshots.snapshot_is_fresh(campaign)


@pytest.mark.django_db
def test_a_deleted_response_makes_the_snapshot_stale(campaign, sales, builds):
    factories.make_responses(campaign, sales, 6)
    assert snapshots.campaign_dashboard(campaign).company.size == 6
    Response.objects.filter(campaign=campaign).first().delete()  # as the admin deletes one
    assert snapshots.campaign_dashboard(campaign).company.size == 5
    assert len(builds) == 2


@pytest.mark.django_db
def test_saving_a_campaign_form_loaded_earlier_never_turns_the_version_back(
    campaign, sales, builds
):
    factories.make_responses(campaign, sales, 5)
    form_copy = Campaign.objects.get(pk=campaign.pk)  # an admin opens the campaign's page
    snapshots.campaign_dashboard(campaign)  # stored under the version of 5 responses
    factories.make_response(campaign, sales)
    assert snapshots.campaign_dashboard(campaign).company.size == 6
    form_copy.name = "Renamed"
    form_copy.save()  # its copy still holds the count from before the sixth response
    cache.clear()
    snapshots.local_clear()
    outdated = f"changes 5:{campaign.anonymity_threshold}:{campaign.comment_threshold}"
    snapshots._cache_set(
        snapshots._key(campaign.pk), (outdated, "a snapshot of 5 responses", time.time())
    )
    assert snapshots.campaign_dashboard(campaign).company.size == 6


@pytest.mark.django_db
def test_the_version_check_reads_one_row_and_counts_nothing(campaign, sales):
    factories.make_responses(campaign, sales, 5)
    snapshots.campaign_dashboard(campaign)
    with CaptureQueriesContext(connection) as queries:
        snapshots.campaign_dashboard(campaign)
    assert len(queries) == 1
    assert "COUNT" not in queries[0]["sql"].upper()


@pytest.fixture
def two_rounds(questions, sales, support):
    now = timezone.now()
    spring = factories.make_campaign(name="Spring", opens_at=now - timedelta(days=200))
    spring.closes_at = now - timedelta(days=150)
    spring.save()
    autumn = factories.make_campaign(name="Autumn", opens_at=now - timedelta(days=2))
    for department in (sales, support):
        factories.make_responses(spring, department, 6, now=now - timedelta(days=190))
        factories.make_responses(autumn, department, 6)
    return spring, autumn


def _compared(autumn) -> set[int | None]:
    comparison = snapshots.campaign_dashboard(autumn).comparison
    return {g.group.department_id for g in comparison.groups}


@pytest.mark.django_db
def test_raising_the_previous_rounds_threshold_reaches_the_comparison_at_once(
    two_rounds, sales, support
):
    spring, autumn = two_rounds
    assert _compared(autumn) == {None, sales.pk, support.pk}
    Campaign.objects.filter(pk=spring.pk).update(anonymity_threshold=7, comment_threshold=10)
    assert _compared(autumn) == {None}


@pytest.mark.django_db
def test_a_response_deleted_from_the_previous_round_reaches_the_comparison_at_once(
    two_rounds, sales, support
):
    spring, autumn = two_rounds
    assert _compared(autumn) == {None, sales.pk, support.pk}
    for response in Response.objects.filter(campaign=spring, department=sales)[:2]:
        response.delete()  # Sales down to 4 in spring: hidden, and Support with it
    assert _compared(autumn) == {None}


@pytest.mark.django_db
def test_a_threshold_raised_while_a_reader_holds_the_old_campaign_is_never_served_old(
    campaign, sales, support
):
    """The view loads the campaign, the admin's raise commits, then the dashboard is read: it
    must not be built with the old threshold and cached under the new one's version."""
    factories.make_responses(campaign, sales, 6)
    factories.make_responses(campaign, support, 8)
    held = Campaign.objects.get(pk=campaign.pk)  # the view's copy: threshold 5
    Campaign.objects.filter(pk=campaign.pk).update(anonymity_threshold=7, comment_threshold=10)
    served = snapshots.campaign_dashboard(held)
    assert served.campaign.anonymity_threshold == 7
    assert served.departments == ()  # Sales (6) hidden, and Support with it
    later = snapshots.campaign_dashboard(Campaign.objects.get(pk=campaign.pk))
    assert later.departments == ()


def _invited(campaign) -> dict[int, int | None]:
    rows = snapshots.campaign_dashboard(campaign).participation.rows
    return {row.group.department_id: row.invited for row in rows}


@pytest.mark.django_db
def test_issued_edited_or_deleted_invitations_show_at_once(
    campaign, sales, support, builds, admin_client
):
    from questionnaire import services as questionnaire_services

    factories.make_responses(campaign, sales, 5)
    factories.make_responses(campaign, support, 5)
    assert _invited(campaign) == {sales.pk: None, support.pk: None}

    people = [
        {"email": f"p{i}@example.com", "department": sales, "role": "staff", "language": "en"}
        for i in range(3)
    ]
    issued = questionnaire_services.invitations_issue(campaign=campaign, people=people)
    assert _invited(campaign) == {sales.pk: 3, support.pk: None}  # an import, no response since

    invitation = issued[0].invitation
    invitation.department = support
    invitation.save()  # as the admin's form saves it
    assert _invited(campaign) == {sales.pk: 2, support.pk: 1}

    admin_client.post(  # deleted in the admin's list, as admins delete them
        reverse("admin:questionnaire_invitation_changelist"),
        {"action": "delete_selected", "_selected_action": [invitation.pk], "post": "yes"},
    )
    assert _invited(campaign) == {sales.pk: 2, support.pk: None}
    assert len(builds) == 4  # rebuilt after each change, and only then
    _invited(campaign)
    assert len(builds) == 4


@pytest.mark.django_db
def test_a_database_restored_from_a_backup_never_gets_the_lost_answers_snapshot(
    campaign, sales, builds
):
    """Restored, then answered once: the change count was again the one a snapshot of the lost
    answers was stored under, and leaders read answers (and comments) no longer in the database
    for up to an hour. The same for a staging copy sharing the cache."""
    factories.make_responses(campaign, sales, 5, (3,) * 15)
    backup = Campaign.objects.values("responses_changed", "changes_mark").get(pk=campaign.pk)
    lost = factories.make_response(campaign, sales, (1,) * 15)
    assert snapshots.campaign_dashboard(campaign).company.overall == pytest.approx(250 / 6)
    # The restore: the lost response's rows and the campaign's row as the backup has them.
    lost.answers.all()._raw_delete(using="default")
    Response.objects.filter(pk=lost.pk)._raw_delete(using="default")
    Campaign.objects.filter(pk=campaign.pk).update(**backup)
    factories.make_response(campaign, sales, (5,) * 15)
    assert snapshots.campaign_dashboard(campaign).company.overall == pytest.approx(350 / 6)
    assert len(builds) == 2
