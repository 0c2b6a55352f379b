"""PDF exports: asked for by a leader, built by a task, shown with progress, then downloaded."""

import re
import shutil
import subprocess
from html import unescape

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.urls import reverse
from django.utils import translation

from questionnaire import services as questionnaire_services
from questionnaire.models import Campaign, Pillar, Question, Role
from reports import pdf, services, snapshots, stats
from reports.models import ExportJob
from tests import factories


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def answered(campaign, sales, support):
    factories.make_responses(campaign, sales, 6)
    factories.make_responses(campaign, support, 5)
    factories.make_responses(campaign, factories.make_department("Legal"), 2)  # too small
    return campaign


def _request(client, campaign, capture):
    with capture(execute=True):
        response = client.post(reverse("reports:export_request", args=[campaign.pk]))
    assert response.status_code == 302
    return ExportJob.objects.get()


@pytest.mark.django_db
def test_leader_requests_a_pdf_sees_progress_and_downloads_it(
    answered, leader_client, django_capture_on_commit_callbacks
):
    job = _request(leader_client, answered, django_capture_on_commit_callbacks)
    page = leader_client.get(reverse("reports:export_status", args=[job.pk]))
    assert page.status_code == 200 and b"progress" in page.content
    status = leader_client.get(reverse("reports:export_status_json", args=[job.pk])).json()
    assert status["status"] == "done" and status["progress"] == 100
    download = leader_client.get(status["download_url"])
    assert download["Content-Type"] == "application/pdf"
    assert b"".join(download.streaming_content).startswith(b"%PDF")
    assert "attachment" in download["Content-Disposition"]


@pytest.mark.django_db
def test_status_shows_progress_while_the_pdf_is_being_built(answered, leader, leader_client):
    job = services.export_job_create(campaign=answered, user=leader, departments=None)
    ExportJob.objects.filter(pk=job.pk).update(status=ExportJob.Status.RUNNING, progress=40)
    status = leader_client.get(reverse("reports:export_status_json", args=[job.pk])).json()
    assert status == {
        "status": "running",
        "label": "building",
        "progress": 40,
        "download_url": None,
    }
    not_ready = leader_client.get(reverse("reports:export_download", args=[job.pk]))
    assert not_ready.status_code == 404


@pytest.mark.django_db
def test_double_click_makes_one_export(answered, leader):
    first = services.export_job_create(campaign=answered, user=leader, departments=None)
    second = services.export_job_create(campaign=answered, user=leader, departments=None)
    assert first.pk == second.pk


@pytest.mark.django_db
def test_small_department_is_hidden_from_the_pdf(answered):
    html = pdf.dashboard_html(dashboard=snapshots.campaign_dashboard(answered))
    assert "Sales" in html and "Support" in html
    assert "Legal" in html and "fewer than 5 answers" in html


@pytest.mark.parametrize(
    ("closes", "said"),
    [
        ((2026, 12, 10, 6, 4), "open until Dec. 10, 2026, 6:04 a.m. (UTC time)"),
        ((2026, 12, 10, 0, 0), "open until the end of Dec. 9, 2026 (UTC time)"),
    ],
)
@pytest.mark.django_db
def test_the_pdf_says_when_answering_stops_as_the_emails_do(answered, closes, said, monkeypatch):
    """A round closing at 06:04 on Dec. 10 read "open until the end of Dec. 10"."""
    from datetime import UTC, datetime

    monkeypatch.setattr("django.utils.timezone.now", lambda: datetime(2026, 12, 1, tzinfo=UTC))
    answered.closes_at = datetime(*closes, tzinfo=UTC)
    answered.save()
    html = pdf.dashboard_html(dashboard=snapshots.campaign_dashboard(answered))
    assert said in html


@pytest.mark.django_db
def test_the_pdf_of_a_closed_round_says_when_it_closed(answered):
    from datetime import UTC, datetime

    answered.closed_at = datetime(2026, 11, 20, 17, 30, tzinfo=UTC)
    answered.save()
    html = pdf.dashboard_html(dashboard=snapshots.campaign_dashboard(answered))
    assert "closed Nov. 20, 2026, 5:30 p.m. (UTC time)" in html and "open until" not in html


@pytest.mark.django_db
def test_a_round_closed_by_the_job_at_midnight_reads_closed_at_the_end_of_the_day_before(
    answered,
):
    """The closing job stamps closed_at when it runs (00:01, or hours later with the worker
    down): "closed March 8, 12:01 a.m." for a round that took answers until the end of the 7th."""
    from datetime import UTC, datetime

    answered.closes_at = datetime(2026, 3, 8, tzinfo=UTC)
    answered.opens_at = datetime(2026, 2, 20, tzinfo=UTC)
    answered.save()
    Campaign.objects.filter(pk=answered.pk).update(closed_at=datetime(2026, 3, 8, 0, 1, tzinfo=UTC))
    answered.refresh_from_db()
    html = pdf.dashboard_html(dashboard=snapshots.campaign_dashboard(answered))
    assert "closed at the end of March 7, 2026 (UTC time)" in html


@pytest.mark.django_db
def test_the_pdf_carries_what_to_talk_about_and_how_to_read_it(campaign, sales, support):
    """It had the scores only: no conversation starters, no gaps, no key to the labels."""
    factories.make_responses(campaign, support, 5, (5, 5, 4) + (4,) * 12, role=Role.LEADERSHIP)
    factories.make_responses(campaign, sales, 3, (1, 2, 1) + (4,) * 12)
    factories.make_responses(campaign, sales, 3, (2, 1, 5) + (4,) * 12)
    dashboard = snapshots.campaign_dashboard(campaign)
    html = unescape(pdf.dashboard_html(dashboard=dashboard))
    assert dashboard.start_here and all(item.prompt in html for item in dashboard.start_here)
    assert "The leadership team and everybody else" in html
    # A department against the leadership team is filed under the leadership team, as on the
    # dashboard, not under "Departments that see things differently".
    leadership = _section(html, "The leadership team and everybody else")
    assert dashboard.department_leadership_pillar_findings[0].prompt in leadership
    assert dashboard.department_leadership_overall  # else the next line would hold for nothing
    assert all(f.a.label in leadership for f in dashboard.department_leadership_overall)
    assert dashboard.hotspots.department_disagreement
    departments = _section(html, "Departments that see things differently")
    assert dashboard.hotspots.department_disagreement[0].prompt in departments
    assert dashboard.hotspots.company_disagreement[0].prompt in _section(
        html, "Where colleagues disagree most"
    )
    assert "How to read this report" in html and "Too few to tell" in html
    text = _pdf_text(pdf.dashboard_pdf(dashboard=dashboard))
    assert "Some dis-" not in text and "Some dis‐" not in text  # labels are not hyphenated


def _section(html: str, heading: str) -> str:
    """The PDF's HTML from a heading to the next one of its level."""
    start = html.index(f"<h2>{heading}</h2>")
    end = html.find("<h2>", start + 1)
    return html[start : end if end != -1 else None]


def _pdf_text(data: bytes) -> str:
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext is not installed (apt-get install poppler-utils)")
    done = subprocess.run(["pdftotext", "-", "-"], input=data, capture_output=True, check=True)
    return done.stdout.decode()


@pytest.mark.django_db
def test_the_pdf_is_tagged_for_screen_readers(answered):
    """Untagged, a screen reader met one stream of words: no headings, no table cells."""
    if shutil.which("pdfinfo") is None:
        pytest.skip("pdfinfo is not installed (apt-get install poppler-utils)")
    data = pdf.dashboard_pdf(dashboard=snapshots.campaign_dashboard(answered))
    info = subprocess.run(["pdfinfo", "-"], input=data, capture_output=True, check=True)
    assert re.search(r"^Tagged:\s+yes$", info.stdout.decode(), re.MULTILINE)
    structure = subprocess.run(["pdfinfo", "-struct", "-"], input=data, capture_output=True)
    tags = structure.stdout.decode()
    assert "H1" in tags and "Table" in tags and "TH" in tags and "TD" in tags


@pytest.mark.django_db
def test_pdf_of_a_limited_leader_covers_only_their_departments(
    answered, support, other_department_leader_client, django_capture_on_commit_callbacks
):
    job = _request(other_department_leader_client, answered, django_capture_on_commit_callbacks)
    assert job.departments == [support.pk] and job.status == ExportJob.Status.DONE
    html = pdf.dashboard_html(
        dashboard=snapshots.campaign_dashboard(answered, departments=[support.pk])
    )
    assert "Support" in html and "Sales" not in html


@pytest.mark.django_db
def test_outstanding_invitations_are_counted_per_visible_department_only(answered, sales):
    for i in range(8):
        questionnaire_services.invitation_issue(
            campaign=answered, email=f"s{i}@example.com", department=sales, role=Role.MANAGER
        )
    rows = dict(
        (row.group.label, outstanding)
        for row, outstanding in pdf.participation_rows(snapshots.campaign_dashboard(answered))
    )
    assert rows["Sales"] == 8
    assert rows["Legal"] is None  # hidden department: no counts at all


@pytest.mark.django_db
def test_someone_elses_export_is_not_found(answered, leader, client, support):
    job = services.export_job_create(campaign=answered, user=leader, departments=None)
    other = get_user_model().objects.create_user(username="other", password="pw-for-tests-1")
    other.user_permissions.add(Permission.objects.get(codename="view_reports"))
    client.force_login(other)
    for name in ("export_status", "export_status_json", "export_download"):
        assert client.get(reverse(f"reports:{name}", args=[job.pk])).status_code == 404


@pytest.mark.django_db
def test_export_of_a_wider_scope_is_gone_after_the_leader_was_narrowed(
    answered, leader, leader_client, support
):
    job = services.export_job_create(campaign=answered, user=leader, departments=None)
    from reports.models import LeaderScope

    LeaderScope.objects.create(user=leader).departments.set([support])
    assert leader_client.get(reverse("reports:export_status", args=[job.pk])).status_code == 404


@pytest.mark.django_db
def test_people_without_the_report_permission_cannot_request(answered, client):
    user = get_user_model().objects.create_user(username="staff", password="pw-for-tests-1")
    client.force_login(user)
    response = client.post(reverse("reports:export_request", args=[answered.pk]))
    assert response.status_code == 403
    assert not ExportJob.objects.exists()


@pytest.mark.django_db
def test_a_failed_build_is_shown_as_failed(answered, leader, monkeypatch):
    job = ExportJob.objects.create(campaign=answered, requested_by=leader)

    def broken(**kwargs):
        raise RuntimeError("no fonts")

    monkeypatch.setattr(pdf, "dashboard_pdf", broken)
    with pytest.raises(RuntimeError):
        services.export_job_run(job_id=str(job.pk))
    job.refresh_from_db()
    assert job.status == ExportJob.Status.FAILED and "no fonts" in job.error


@pytest.mark.django_db
def test_running_a_finished_export_again_changes_nothing(answered, leader, monkeypatch):
    job = ExportJob.objects.create(campaign=answered, requested_by=leader)
    monkeypatch.setattr(pdf, "dashboard_pdf", lambda **kwargs: b"%PDF-1.7 fake")
    services.export_job_run(job_id=str(job.pk))
    first = ExportJob.objects.get(pk=job.pk).file.name
    services.export_job_run(job_id=str(job.pk))
    assert ExportJob.objects.get(pk=job.pk).file.name == first


@pytest.mark.django_db
def test_an_abandoned_export_is_not_built_when_its_message_comes_back(
    answered, leader, monkeypatch
):
    """Worker killed mid-build: the sweep marked the job failed, the leader asked again and got a
    PDF, then the dead build's message came back an hour later and built the failed job too."""
    from django.utils import timezone

    job = ExportJob.objects.create(campaign=answered, requested_by=leader)
    ExportJob.objects.filter(pk=job.pk).update(
        status=ExportJob.Status.RUNNING, created_at=timezone.now() - timezone.timedelta(hours=1)
    )
    ExportJob.objects.fail_abandoned(now=timezone.now())
    monkeypatch.setattr(pdf, "dashboard_pdf", lambda **kwargs: b"%PDF-1.7 fake")
    services.export_job_run(job_id=str(job.pk))  # the redelivered message
    job.refresh_from_db()
    assert (job.status, job.file.name) == (ExportJob.Status.FAILED, "")


@pytest.mark.django_db
def test_a_database_blink_mid_build_leaves_the_export_to_the_retry(answered, leader, monkeypatch):
    from django.db import OperationalError

    job = ExportJob.objects.create(campaign=answered, requested_by=leader)

    def blink(**kwargs):
        raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr(pdf, "dashboard_pdf", blink)
    with pytest.raises(OperationalError):  # run_export's autoretry
        services.export_job_run(job_id=str(job.pk))
    assert ExportJob.objects.get(pk=job.pk).status == ExportJob.Status.RUNNING  # not "failed"
    monkeypatch.setattr(pdf, "dashboard_pdf", lambda **kwargs: b"%PDF-1.7 fake")
    services.export_job_run(job_id=str(job.pk))
    assert ExportJob.objects.get(pk=job.pk).status == ExportJob.Status.DONE


@pytest.mark.django_db
def test_an_admin_sees_why_an_export_failed(answered, leader, admin_client):
    """The leader's page says "tell your administrator"; the administrator had nowhere to look."""
    ExportJob.objects.create(
        campaign=answered, requested_by=leader, status=ExportJob.Status.FAILED, error="no fonts"
    )
    listed = admin_client.get(reverse("admin:reports_exportjob_changelist")).content.decode()
    assert "no fonts" in listed
    assert admin_client.get(reverse("admin:reports_exportjob_add")).status_code == 403


@pytest.mark.django_db
def test_an_export_whose_message_was_lost_is_built_by_the_sweep(answered, leader, monkeypatch):
    from django.utils import timezone

    from reports import tasks

    job = ExportJob.objects.create(campaign=answered, requested_by=leader)  # never enqueued
    ExportJob.objects.filter(pk=job.pk).update(
        created_at=timezone.now() - timezone.timedelta(minutes=5)
    )
    monkeypatch.setattr(pdf, "dashboard_pdf", lambda **kwargs: b"%PDF-1.7 fake")
    assert tasks.requeue_waiting_exports.delay().get() == 1
    assert ExportJob.objects.get(pk=job.pk).status == ExportJob.Status.DONE
    assert tasks.requeue_waiting_exports.delay().get() == 0


@pytest.mark.django_db
def test_dashboard_offers_the_pdf_download(answered, leader_client):
    html = leader_client.get(reverse("reports:campaign_dashboard", args=[answered.pk])).content
    action = reverse("reports:export_request", args=[answered.pk])
    assert f'action="{action}"'.encode() in html
    assert b"Download PDF" in html


@pytest.mark.parametrize(
    ("name", "escaped"),
    [
        ("Q4-2025 R&D", r"Q4-2025 R\26 D"),
        ('"survey" it\'s', r"\22 survey\22  it\27 s"),
        ("a\\b", r"a\5c b"),
        ("</style><b>", r"\3c /style\3e \3c b\3e "),
        ("one\r\ntwo\x0b", r"one\d \a two\b "),
        ("Lumière 季度 (Sales, 2/3): ok.", "Lumière 季度 (Sales, 2/3): ok."),
    ],
)
def test_css_string_escapes_everything_that_could_end_or_bend_the_string(name, escaped):
    from reports.templatetags.reports_format import css_string

    assert css_string(name) == escaped


@pytest.mark.django_db
@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs pdftotext (poppler-utils)")
def test_campaign_name_prints_as_written_in_every_page_footer(answered):
    answered.name = 'Q4-2025 R&D "survey" it\'s'
    answered.save()
    content = pdf.dashboard_pdf(dashboard=snapshots.campaign_dashboard(answered))
    text = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", "-", "-"], input=content, capture_output=True, check=True
    ).stdout.decode()
    pages = text.split("\f")[:-1]  # pdftotext ends every page with a form feed
    footer = 'Q4-2025 R&D "survey" it\'s · cxassess'
    assert len(pages) >= 2 and all(footer in page for page in pages)


Box = tuple[float, float, float, float, str]  # x0, y0, x1, y1 and the word drawn there

WORD = re.compile(
    r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>'
)


def _pdf_words(data: bytes) -> list[list[Box]]:
    """Every word of every page with the box pdftotext says it was drawn in."""
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext is not installed (apt-get install poppler-utils)")
    html = subprocess.run(
        ["pdftotext", "-bbox", "-enc", "UTF-8", "-", "-"],
        input=data,
        capture_output=True,
        check=True,
    ).stdout.decode()
    return [
        [
            (float(a), float(b), float(c), float(d), unescape(w))
            for a, b, c, d, w in WORD.findall(page)
        ]
        for page in html.split("<page ")[1:]
    ]


def _drawn_over_each_other(words: list[Box], slack: float = 0.5) -> list[tuple[str, str]]:
    return [
        (a[4], b[4])
        for i, a in enumerate(words)
        for b in words[i + 1 :]
        if a[0] < b[2] - slack
        and b[0] < a[2] - slack
        and a[1] < b[3] - slack
        and b[1] < a[3] - slack
    ]


@pytest.mark.django_db
def test_a_long_name_without_spaces_breaks_inside_its_column(answered):
    """A department named without a space wider than its column ran across the next columns,
    over their scores and labels, which could no longer be read."""
    name = "Customer-Experience-Operations" + "x" * 60  # hyphens break; the rest must too
    factories.make_responses(answered, factories.make_department(name), 5)
    pages = _pdf_words(pdf.dashboard_pdf(dashboard=snapshots.campaign_dashboard(answered)))
    assert "x" * 20 in "".join(w[4] for w in pages[0])  # the name is there, in pieces
    for number, words in enumerate(pages, start=1):
        assert _drawn_over_each_other(words) == [], f"page {number}"
    numbers = [w[4] for page in pages for w in page if w[4].isdigit()]
    assert {"10", "15"} <= set(numbers)  # statements' numbers stay whole beside long text


@pytest.mark.django_db
def test_a_department_name_keeps_its_words_whole_beside_long_italian_column_names(answered):
    """Squeezed by "Non hanno ancora risposto", "Engineering" broke as "Enginee" over "ring"."""
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext is not installed (apt-get install poppler-utils)")
    engineering = factories.make_department("Engineering")
    factories.make_responses(answered, engineering, 5)
    for n in range(3):
        questionnaire_services.invitation_issue(
            campaign=answered, email=f"e{n}@example.com", department=engineering, role="manager"
        )
    with translation.override("it"):
        data = pdf.dashboard_pdf(dashboard=snapshots.campaign_dashboard(answered))
    text = subprocess.run(
        ["pdftotext", "-layout", "-enc", "UTF-8", "-", "-"], input=data, capture_output=True
    ).stdout.decode()
    participation = re.split(r"^\s*Partecipazione\s*$", text, flags=re.M)[1].split("Domanda per")[0]
    assert re.search(r"^ *Reparto +Risposte", participation, re.M)
    assert re.search(r"^ *Engineering +5 +3 +0 +3$", participation, re.M)


@pytest.mark.django_db
def test_a_round_without_invitations_prints_no_invitation_columns(answered, sales):
    """ "Answers 16 | Invited – | Answered – | Not yet answered –" for an open-link round."""
    participation = (
        unescape(pdf.dashboard_html(dashboard=snapshots.campaign_dashboard(answered)))
        .split("Participation")[1]
        .split("</table>")[0]
    )
    assert "Answers" in participation and "Invited" not in participation
    assert "Not yet answered" not in participation
    questionnaire_services.invitation_issue(
        campaign=answered, email="s@example.com", department=sales, role=Role.MANAGER
    )
    participation = (
        unescape(pdf.dashboard_html(dashboard=snapshots.campaign_dashboard(answered)))
        .split("Participation")[1]
        .split("</table>")[0]
    )
    assert "Invited" in participation and "Not yet answered" in participation


@pytest.mark.django_db
def test_a_question_with_too_few_answers_has_no_agreement_label_in_the_pdf(campaign, sales):
    """The dashboard said "Too few answers" where the PDF printed the label of three answers."""
    factories.make_responses(campaign, sales, 3, (1,) + (4,) * 14)
    factories.make_responses(campaign, sales, 3, (None,) + (4,) * 14)
    dashboard = snapshots.campaign_dashboard(campaign)
    assert dashboard.company.questions[0].agreement == stats.TOO_FEW
    html = unescape(pdf.dashboard_html(dashboard=dashboard))
    first_row = html.split("Question by question")[1].split("</tr>")[1]
    assert "Too few answers" in first_row


@pytest.mark.django_db
def test_the_pdf_compares_each_department_with_the_last_round(questions, sales, support):
    """ "Since the last round" covered the company only; the page shows every department."""
    from datetime import timedelta

    from django.utils import timezone

    now = timezone.now()
    spring = factories.make_campaign(name="Spring", opens_at=now - timedelta(days=200))
    autumn = factories.make_campaign(name="Autumn", opens_at=now - timedelta(days=2))
    factories.make_responses(spring, sales, 5, (2,) * 15)
    factories.make_responses(spring, support, 5, (3,) * 15)
    factories.make_responses(autumn, sales, 5, (4,) * 15)
    factories.make_responses(autumn, support, 5, (3,) * 15)
    html = unescape(pdf.dashboard_html(dashboard=snapshots.campaign_dashboard(autumn)))
    since = html.split("Since the last round")[1]
    rows = since.split("Departments, overall")[1].split("</table>")[0]
    assert ">Sales</td>" in rows and "+50" in rows  # 25 → 75
    assert ">Support</td>" in rows


@pytest.mark.django_db
def test_a_limited_leaders_pdf_says_the_spread_between_departments_counts_them_all(
    campaign, sales, support
):
    """ "Departments see this differently" over departments the PDF's reader cannot see."""
    factories.make_responses(campaign, sales, 6, [5] * 15)
    factories.make_responses(campaign, support, 6, [1] * 15)
    everything = pdf.dashboard_html(dashboard=snapshots.campaign_dashboard(campaign))
    limited = pdf.dashboard_html(
        dashboard=snapshots.campaign_dashboard(campaign, departments=[support.pk])
    )
    differ = "Questions on which departments differ from each other"
    assert differ in limited and differ in everything
    assert "including those you do not see" in limited.split(differ)[1].split("<h3>")[0]
    assert "including those you do not see" not in everything


@pytest.mark.django_db
def test_labels_stay_whole_words_with_six_pillars(campaign, sales, support):
    """With a sixth pillar the columns narrowed: "Some disagreeme" over "nt", five times."""
    pillar = Pillar.objects.create(slug="culture", name="Culture", order=6)
    Question.objects.create(pillar=pillar, key="culture-1", text="We celebrate wins.", order=1)
    six = factories.make_campaign(name="Six pillars")
    # 2 2 4 4 5 on every question: "some disagreement" in every pillar of the company
    for answer in (2, 2, 4, 4, 5):
        factories.make_response(six, sales, (answer,) * 16)
    factories.make_responses(six, support, 5, (3,) * 16)
    text = _pdf_text(pdf.dashboard_pdf(dashboard=snapshots.campaign_dashboard(six)))
    assert "Some disagreement" in text
    assert "disagreeme\n" not in text
