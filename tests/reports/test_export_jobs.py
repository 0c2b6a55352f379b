"""PDF export jobs over their life: a build that died, a file that went missing, an owner or a
campaign deleted, and a leader asking again and again."""

from datetime import timedelta
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage
from django.db import transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from reports import pdf, services, tasks
from reports.models import ExportJob


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _fake_pdf(monkeypatch):
    # These tests are about the job around the PDF, not the PDF itself: skip WeasyPrint.
    monkeypatch.setattr(pdf, "dashboard_pdf", lambda **kwargs: b"%PDF-1.7 fake")


def _post(client, campaign, capture):
    with capture(execute=True):
        return client.post(reverse("reports:export_request", args=[campaign.pk]))


def _job_at(campaign, user, *, status, age: timedelta, progress: int = 60) -> ExportJob:
    job = ExportJob.objects.create(campaign=campaign, requested_by=user)
    ExportJob.objects.filter(pk=job.pk).update(
        status=status, progress=progress, created_at=timezone.now() - age
    )
    return job


def _done_with_file(campaign, user) -> ExportJob:
    job = ExportJob.objects.create(
        campaign=campaign, requested_by=user, status=ExportJob.Status.DONE, progress=100
    )
    job.file.save("export.pdf", ContentFile(b"%PDF-1.7 fake"), save=True)
    return job


# A build whose process died (F3) -----------------------------------------------------------------


@pytest.mark.django_db
def test_pdf_request_after_a_build_died_gets_a_new_pdf_not_the_dead_job(
    campaign, leader, leader_client, django_capture_on_commit_callbacks
):
    dead = _job_at(campaign, leader, status=ExportJob.Status.RUNNING, age=timedelta(hours=6))
    response = _post(leader_client, campaign, django_capture_on_commit_callbacks)
    fresh = ExportJob.objects.exclude(pk=dead.pk).get()
    assert response.url == reverse("reports:export_status", args=[fresh.pk])
    assert fresh.status == ExportJob.Status.DONE
    status = leader_client.get(reverse("reports:export_status_json", args=[dead.pk])).json()
    assert status["status"] == "failed"


@pytest.mark.django_db
def test_a_full_disk_fails_the_job_at_once_and_leaves_no_partial_file(
    campaign, leader, settings, monkeypatch
):
    """The job hung at "building, 90 %" until the sweep gave up on it, and half a PDF stayed on
    the media volume, pointed to by no job, so no purge ever removed it."""

    def write_half_then_fill_the_disk(storage, name, content):
        path = Path(storage.path(name))
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content.read()[:4])
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(FileSystemStorage, "_save", write_half_then_fill_the_disk)
    job = ExportJob.objects.create(campaign=campaign, requested_by=leader)
    with pytest.raises(OSError):
        services.export_job_run(job_id=str(job.pk))
    job.refresh_from_db()
    assert job.status == ExportJob.Status.FAILED and "No space left" in job.error
    assert not job.file
    assert not [p for p in Path(settings.MEDIA_ROOT).rglob("*") if p.is_file()]


@pytest.mark.django_db
def test_a_failed_write_never_touches_another_exports_file(campaign, leader, settings, monkeypatch):
    """Two exports of one round in the same minute were given the same name: a failed write
    could delete the other job's finished PDF and leave its own partial one under another."""
    done = ExportJob.objects.create(campaign=campaign, requested_by=leader)
    services.export_job_run(job_id=str(done.pk))
    done.refresh_from_db()
    kept = Path(done.file.path).read_bytes()

    def fill_the_disk(storage, name, content):
        Path(storage.path(name)).write_bytes(b"%PDF")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(FileSystemStorage, "_save", fill_the_disk)
    failed = ExportJob.objects.create(campaign=campaign, requested_by=leader)
    with pytest.raises(OSError):
        services.export_job_run(job_id=str(failed.pk))
    assert Path(done.file.path).read_bytes() == kept
    files = [p for p in Path(settings.MEDIA_ROOT).rglob("*") if p.is_file()]
    assert files == [Path(done.file.path)]


@pytest.mark.django_db
def test_the_download_is_named_after_the_round_and_when_it_was_made(
    campaign, leader, leader_client
):
    job = ExportJob.objects.create(campaign=campaign, requested_by=leader)
    services.export_job_run(job_id=str(job.pk))
    job.refresh_from_db()
    assert job.file.name.endswith(f"{job.pk}.pdf")  # on disk: the job's own name
    page = leader_client.get(reverse("reports:export_download", args=[job.pk]))
    made = timezone.localtime(job.finished_at)
    assert f'filename="autumn-round-{made:%Y%m%d-%H%M}.pdf"' in page["Content-Disposition"]


@pytest.mark.django_db
def test_pdf_request_while_a_build_is_under_way_still_waits_for_it(
    campaign, leader, leader_client, django_capture_on_commit_callbacks
):
    running = _job_at(campaign, leader, status=ExportJob.Status.RUNNING, age=timedelta(minutes=4))
    response = _post(leader_client, campaign, django_capture_on_commit_callbacks)
    assert response.url == reverse("reports:export_status", args=[running.pk])
    assert ExportJob.objects.get().status == ExportJob.Status.RUNNING


@pytest.mark.django_db
def test_a_waiting_pdf_page_never_reloads_itself(campaign, leader, leader_client):
    """Without JavaScript it reloaded every 3 s, taking a screen reader's place each time: now
    a link asks again when the reader wants to."""
    running = _job_at(campaign, leader, status=ExportJob.Status.RUNNING, age=timedelta(minutes=1))
    url = reverse("reports:export_status", args=[running.pk])
    page = leader_client.get(url).content.decode()
    assert 'http-equiv="refresh"' not in page
    assert f'<noscript><p><a href="{url}">Check again whether the PDF is ready</a>' in page
    assert "{#" not in page and "WCAG" not in page  # a two-line {# #} is printed, not hidden


@pytest.mark.django_db
def test_sweep_marks_a_dead_build_failed_and_its_page_offers_to_try_again(
    campaign, leader, leader_client
):
    dead = _job_at(campaign, leader, status=ExportJob.Status.RUNNING, age=timedelta(hours=1))
    tasks.requeue_waiting_exports.delay().get()
    page = leader_client.get(reverse("reports:export_status", args=[dead.pk])).content.decode()
    assert "could not be built" in page and "60%" not in page
    assert f'action="{reverse("reports:export_request", args=[campaign.pk])}"' in page
    assert "Try again" in page


@pytest.mark.django_db
def test_sweep_leaves_a_build_within_the_time_limit_alone(campaign, leader, settings):
    running = _job_at(
        campaign,
        leader,
        status=ExportJob.Status.RUNNING,
        age=timedelta(seconds=settings.CELERY_TASK_TIME_LIMIT - 10),
    )
    tasks.requeue_waiting_exports.delay().get()
    assert ExportJob.objects.get(pk=running.pk).status == ExportJob.Status.RUNNING


@pytest.mark.django_db
def test_give_up_time_follows_the_celery_time_limit(campaign, leader, settings):
    settings.CELERY_TASK_TIME_LIMIT = 60
    running = _job_at(campaign, leader, status=ExportJob.Status.RUNNING, age=timedelta(minutes=5))
    tasks.requeue_waiting_exports.delay().get()
    assert ExportJob.objects.get(pk=running.pk).status == ExportJob.Status.FAILED


# A file that went missing (F8) -------------------------------------------------------------------


@pytest.mark.django_db
def test_download_of_a_file_gone_from_disk_says_so_instead_of_500(campaign, leader, leader_client):
    job = _done_with_file(campaign, leader)
    job.file.storage.delete(job.file.name)
    download = leader_client.get(reverse("reports:export_download", args=[job.pk]), follow=True)
    assert download.status_code == 200
    page = download.content.decode()
    assert "no longer on the server" in page
    assert reverse("reports:export_download", args=[job.pk]) not in page
    assert f'action="{reverse("reports:export_request", args=[campaign.pk])}"' in page
    status = leader_client.get(reverse("reports:export_status_json", args=[job.pk])).json()
    assert status["download_url"] is None


@pytest.mark.django_db
def test_status_page_offers_the_download_while_the_file_is_there(campaign, leader, leader_client):
    job = _done_with_file(campaign, leader)
    page = leader_client.get(reverse("reports:export_status", args=[job.pk])).content.decode()
    assert f'href="{reverse("reports:export_download", args=[job.pk])}"' in page
    assert "no longer on the server" not in page


# Files of deleted rows (F9) ----------------------------------------------------------------------


@pytest.mark.django_db
def test_deleting_the_leader_deletes_their_pdf_files(
    campaign, leader, django_capture_on_commit_callbacks
):
    job = _done_with_file(campaign, leader)
    path = job.file.path
    with django_capture_on_commit_callbacks(execute=True):
        leader.delete()
    assert not ExportJob.objects.exists()
    assert not _exists(path)


@pytest.mark.django_db
def test_deleting_a_campaign_without_responses_deletes_its_pdf_files(
    campaign, leader, django_capture_on_commit_callbacks
):
    job = _done_with_file(campaign, leader)
    path = job.file.path
    with django_capture_on_commit_callbacks(execute=True):
        campaign.delete()
    assert not ExportJob.objects.exists()
    assert not _exists(path)


@pytest.mark.django_db
def test_a_delete_that_is_rolled_back_keeps_the_pdf(
    campaign, leader, django_capture_on_commit_callbacks
):
    job = _done_with_file(campaign, leader)
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError):
        with transaction.atomic():
            leader.delete()
            raise RuntimeError("changed my mind")
    assert ExportJob.objects.get(pk=job.pk).file.name == job.file.name
    assert _exists(job.file.path)


@pytest.mark.django_db
def test_the_weekly_purge_still_deletes_old_pdfs(
    campaign, leader, django_capture_on_commit_callbacks
):
    job = _done_with_file(campaign, leader)
    ExportJob.objects.filter(pk=job.pk).update(created_at=timezone.now() - timedelta(days=8))
    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.purge_old_exports.delay().get() == 1
    assert not _exists(job.file.path)


@pytest.mark.django_db
def test_the_purge_leaves_no_empty_month_folders(campaign, leader, settings):
    """A year of weekly purges left exports/2026/01/ … exports/2026/12/ behind, all empty."""
    old, kept = _done_with_file(campaign, leader), _done_with_file(campaign, leader)
    ExportJob.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=8))
    month = Path(old.file.path).parent
    assert month == Path(kept.file.path).parent  # another export still in it: it stays
    assert services.export_jobs_purge(now=timezone.now()) == 1
    assert month.is_dir() and _exists(kept.file.path)

    ExportJob.objects.filter(pk=kept.pk).update(created_at=timezone.now() - timedelta(days=8))
    assert services.export_jobs_purge(now=timezone.now()) == 1
    assert not month.exists() and not month.parent.exists()
    assert (Path(settings.MEDIA_ROOT) / "exports").is_dir()


def _exists(path: str) -> bool:
    from pathlib import Path

    return Path(path).exists()


# Requests per leader (F10) -----------------------------------------------------------------------


@pytest.fixture
def export_limit(settings, monkeypatch):
    settings.CXASSESS_RATELIMIT_EXPORT = "10/m"
    # Counts live in fixed windows: pin the clock so a test never straddles two of them.
    monkeypatch.setattr("django_ratelimit.core.time", SimpleNamespace(time=lambda: 1.8e9))


@pytest.mark.django_db
def test_eleventh_pdf_request_in_a_minute_gets_429_and_makes_no_pdf(
    campaign, leader_client, export_limit, django_capture_on_commit_callbacks
):
    for _ in range(10):
        assert _post(leader_client, campaign, django_capture_on_commit_callbacks).status_code == 302
    refused = _post(leader_client, campaign, django_capture_on_commit_callbacks)
    assert refused.status_code == 429
    assert "Too many attempts" in refused.content.decode()
    assert ExportJob.objects.count() == 10


@pytest.mark.django_db
def test_pdf_limit_counts_per_leader_not_per_address(
    campaign, leader_client, export_limit, django_capture_on_commit_callbacks
):
    for _ in range(11):
        _post(leader_client, campaign, django_capture_on_commit_callbacks)
    colleague = get_user_model().objects.create_superuser("colleague", "c@example.com", None)
    same_address = Client()  # the test client's REMOTE_ADDR is always 127.0.0.1
    same_address.force_login(colleague)
    response = _post(same_address, campaign, django_capture_on_commit_callbacks)
    assert response.status_code == 302


@pytest.mark.django_db
def test_an_empty_export_limit_turns_it_off(
    campaign, leader_client, export_limit, settings, django_capture_on_commit_callbacks
):
    settings.CXASSESS_RATELIMIT_EXPORT = ""
    statuses = {
        _post(leader_client, campaign, django_capture_on_commit_callbacks).status_code
        for _ in range(15)
    }
    assert statuses == {302}
