"""A database that is away is a 503 with Retry-After and two short log lines, the reason and
Django's "Service Unavailable: <path>" (cxassess.middleware.DatabaseUnavailableMiddleware), not
a 500 with two tracebacks per request."""

import logging

import psycopg
import pytest
from django.db import OperationalError, connection

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
        cursor.execute("SET lock_timeout = '300ms'")  # the settings' 10 s, shortened for the test
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
