"""A database that is away is a 503 with Retry-After and two short log lines, the reason and
Django's "Service Unavailable: <path>" (cxassess.middleware.DatabaseUnavailableMiddleware), not
a 500 with two tracebacks per request."""

import logging

import psycopg
import pytest
from django.db import InterfaceError, InternalError, OperationalError, ProgrammingError, connection
from django.test import Client

from cxassess.middleware import database_is_away
from questionnaire import selectors


@pytest.mark.django_db
def test_a_database_error_in_a_view_is_a_503_that_says_sending_again_is_safe(
    client, campaign, monkeypatch, caplog
):
    def away(key):
        raise OperationalError("connection to server at 127.0.0.1 failed: Connection refused\nmore")

    monkeypatch.setattr(selectors, "open_link_campaign", away)
    with caplog.at_level(logging.WARNING):
        page = client.get(campaign.get_open_link_path())
    assert page.status_code == 503 and page["Retry-After"] == "5"
    assert "sending the same form again is safe" in page.content.decode()
    logged = [r for r in caplog.records if r.levelno >= logging.WARNING]
    assert len(logged) == 2 and not any(r.exc_info for r in logged)
    assert "Connection refused" in logged[0].getMessage()
    assert "more" not in logged[0].getMessage()  # the first line of the error only


@pytest.mark.django_db(transaction=True)
def test_a_table_kept_locked_is_given_up_on_instead_of_holding_the_worker(client, campaign):
    if connection.vendor != "postgresql":
        pytest.skip("lock_timeout is PostgreSQL's")
    settings_dict = connection.settings_dict
    with connection.cursor() as cursor:
        cursor.execute("SHOW lock_timeout")
        assert cursor.fetchone() == ("10s",)  # from the settings (DATABASE_LOCK_TIMEOUT)
        cursor.execute("SET lock_timeout = '300ms'")  # shortened for the test
    holder = psycopg.connect(
        dbname=settings_dict["NAME"],
        user=settings_dict["USER"],
        host=settings_dict["HOST"],
        port=settings_dict["PORT"] or 5432,
        password=settings_dict["PASSWORD"] or None,
    )
    try:
        holder.execute("LOCK TABLE questionnaire_campaign IN ACCESS EXCLUSIVE MODE")
        page = client.get(campaign.get_open_link_path())
    finally:
        holder.rollback()
        holder.close()
    assert page.status_code == 503
    assert client.get(campaign.get_open_link_path()).status_code == 200  # and back at once


@pytest.mark.django_db(transaction=True)
def test_a_database_that_only_reads_is_a_503_and_saves_nothing(client, campaign, sales, caplog):
    """A standby after a failover, or a database turned read-only when its disk filled up: the
    form is refused as "try again", with one line in the log, not a 500 with two tracebacks."""
    if connection.vendor != "postgresql":
        pytest.skip("a read-only transaction is PostgreSQL's")
    from questionnaire.models import Response
    from tests import factories

    data = factories.form_data(campaign, department=sales.pk, role="manager")
    with connection.cursor() as cursor:
        cursor.execute("SET default_transaction_read_only = on")
    try:
        with caplog.at_level(logging.WARNING):
            page = Client(raise_request_exception=False).post(campaign.get_open_link_path(), data)
    finally:
        with connection.cursor() as cursor:
            cursor.execute("RESET default_transaction_read_only")
    assert page.status_code == 503 and page["Retry-After"] == "5"
    assert not any(r.exc_info for r in caplog.records)
    assert Response.objects.count() == 0
    assert client.post(campaign.get_open_link_path(), data).status_code == 302  # and back


def _error(kind, message: str, sqlstate: str | None = None) -> Exception:
    """A Django database error as Django raises it: psycopg's own error as its cause."""
    error = kind(message)
    error.__cause__ = psycopg.errors.lookup(sqlstate)(message) if sqlstate else None
    return error


@pytest.mark.parametrize(
    ("error", "away"),
    [
        (_error(OperationalError, "connection to server at 127.0.0.1 failed: refused"), True),
        (_error(OperationalError, "server closed the connection unexpectedly"), True),
        (_error(OperationalError, "database is locked"), True),  # SQLite busy
        (_error(OperationalError, "canceling statement due to lock timeout", "55P03"), True),
        (_error(OperationalError, "the database system is shutting down", "57P03"), True),
        (_error(OperationalError, "sorry, too many clients already", "53300"), True),
        (_error(OperationalError, "terminating connection", "08006"), True),
        (_error(OperationalError, "deadlock detected", "40P01"), True),
        (_error(InterfaceError, "the connection is closed"), True),
        (_error(OperationalError, "could not extend file: No space left on device", "53100"), True),
        (_error(InternalError, "cannot execute INSERT in a read-only transaction", "25006"), True),
        (_error(InternalError, "current transaction is aborted", "25P02"), False),
        (_error(InternalError, "connection"), False),
        (_error(OperationalError, "no such table: questionnaire_campaign"), False),
        (_error(OperationalError, "number of parameters must be between 0 and 65535"), False),
        (_error(OperationalError, "too many columns", "54011"), False),
        (_error(ProgrammingError, "relation does not exist", "42P01"), False),
        (ValueError("connection"), False),
    ],
)
def test_only_errors_that_pass_are_a_503(error, away):
    assert database_is_away(error) is away


@pytest.mark.django_db
def test_a_database_error_that_is_a_bug_stays_a_500_with_its_traceback(
    campaign, monkeypatch, caplog
):
    """A missing migration would otherwise read "try again in a moment", without a traceback."""

    def bug(key):
        raise OperationalError("no such table: questionnaire_campaign")

    monkeypatch.setattr(selectors, "open_link_campaign", bug)
    with caplog.at_level(logging.ERROR):
        page = Client(raise_request_exception=False).get(campaign.get_open_link_path())
    assert page.status_code == 500
    assert any(r.exc_info for r in caplog.records)
