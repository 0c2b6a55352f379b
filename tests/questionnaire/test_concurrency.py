"""Two requests racing for the same invitation or the same form: exactly one response is saved."""

import threading
import uuid

import pytest
from django.db import close_old_connections, connection

from questionnaire import imports, services
from questionnaire.errors import InvitationAlreadyUsed
from questionnaire.models import Answer, Invitation, Response, Role
from reports import services as report_services
from reports.models import ExportJob
from tests import factories

pytestmark = pytest.mark.skipif(
    connection.vendor == "sqlite", reason="needs a database with concurrent writers"
)


def _race(worker, count: int = 4) -> list:
    barrier = threading.Barrier(count)
    outcomes: list = []

    def run() -> None:
        barrier.wait()
        try:
            outcomes.append(worker())
        except Exception as error:  # noqa: BLE001 - the outcome is what we assert on
            outcomes.append(error)
        finally:
            close_old_connections()
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return outcomes


@pytest.mark.django_db(transaction=True)
def test_racing_requests_with_one_invitation_save_one_response(questions, sales):
    campaign = factories.make_campaign()
    invitation = services.invitation_issue(
        campaign=campaign, email="a@example.com", department=sales, role=Role.MANAGER
    ).invitation
    answers = dict.fromkeys(factories.question_ids(campaign), 3)

    def submit():
        return services.response_submit(
            campaign=campaign,
            department=sales,
            role=Role.MANAGER,
            answers=answers,
            comments={},
            submission_key=uuid.uuid4(),
            invitation=invitation,
        )

    outcomes = _race(submit)
    assert sum(isinstance(o, Response) for o in outcomes) == 1
    assert sum(isinstance(o, InvitationAlreadyUsed) for o in outcomes) == 3
    assert Response.objects.count() == 1 and Answer.objects.count() == 15


@pytest.mark.django_db(transaction=True)
def test_racing_copies_of_one_form_save_one_response(questions, sales):
    campaign = factories.make_campaign()
    answers = dict.fromkeys(factories.question_ids(campaign), 3)
    key = uuid.uuid4()

    def submit():
        return services.response_submit(
            campaign=campaign,
            department=sales,
            role=Role.CONTRIBUTOR,
            answers=answers,
            comments={},
            submission_key=key,
        )

    outcomes = _race(submit)
    assert all(isinstance(o, Response) for o in outcomes), outcomes
    assert len({o.pk for o in outcomes}) == 1
    assert Response.objects.count() == 1 and Answer.objects.count() == 15


@pytest.mark.django_db(transaction=True)
def test_the_same_file_imported_twice_at_once_invites_everyone_once(questions, sales):
    """A double-clicked upload: one import issues the links, the other reports everyone as
    already invited; neither fails with the database's duplicate error."""
    campaign = factories.make_campaign()
    text = "email,department,role\n" + "".join(f"p{n}@example.com,Sales,ic\n" for n in range(300))
    rows, _errors = imports.parse_invitation_csv(text.encode())

    outcomes = _race(lambda: imports.invitations_import(campaign=campaign, rows=rows), count=2)
    assert not [o for o in outcomes if isinstance(o, Exception)], outcomes
    issued = [o for o in outcomes if o.issued]
    refused = [o for o in outcomes if o.errors]
    assert len(issued) == 1 and len(issued[0].issued) == 300
    assert len(refused) == 1 and len(refused[0].errors) == 300  # each row: already invited
    assert Invitation.objects.filter(campaign=campaign).count() == 300


@pytest.mark.django_db(transaction=True)
def test_two_sessions_asking_for_the_same_pdf_at_once_make_one(questions, sales, leader):
    """A leader double-clicking in two tabs: one export, both sent to it."""
    campaign = factories.make_campaign()

    def ask():
        return report_services.export_job_create(
            campaign=campaign, user=leader, departments=None
        ).pk

    outcomes = _race(ask, count=2)
    assert len(set(outcomes)) == 1, outcomes
    assert ExportJob.objects.filter(campaign=campaign).count() == 1
