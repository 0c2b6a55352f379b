"""Migrations that must treat existing rows with care."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("questionnaire", "0009_campaign_invitations_changed")]
AFTER = [("questionnaire", "0010_department_created_at")]


@pytest.mark.django_db(transaction=True)
def test_departments_made_before_their_time_was_kept_have_none():
    """Not the time of the migration: that would drop them from every earlier round's lists."""
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps.get_model("questionnaire", "Department")
    old.objects.create(name="Sales")
    executor = MigrationExecutor(connection)
    executor.migrate(AFTER)
    new = executor.loader.project_state(AFTER).apps.get_model("questionnaire", "Department")
    assert new.objects.get(name="Sales").created_at is None
    assert new.objects.create(name="Marketing").created_at is not None
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())  # as the other tests expect it
