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


@pytest.mark.django_db(transaction=True)
def test_invitations_stored_as_english_by_default_become_not_given():
    """Stored "en" was the import's default: kept, it would now override people's browsers."""
    before = [("questionnaire", "0011_reminder_interval_at_most_a_year")]
    after = [("questionnaire", "0012_invitation_language_may_be_empty")]
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    apps = executor.loader.project_state(before).apps
    campaign = apps.get_model("questionnaire", "Campaign").objects.create(name="Old round")
    sales = apps.get_model("questionnaire", "Department").objects.create(name="Sales")
    Invitation = apps.get_model("questionnaire", "Invitation")
    for email, language in (("a@example.com", "en"), ("b@example.com", "ro")):
        Invitation.objects.create(
            campaign=campaign,
            email=email,
            department=sales,
            role="manager",
            language=language,
            token_hash=email,
        )
    executor = MigrationExecutor(connection)
    executor.migrate(after)
    apps = executor.loader.project_state(after).apps
    languages = dict(
        apps.get_model("questionnaire", "Invitation").objects.values_list("email", "language")
    )
    assert languages == {"a@example.com": "", "b@example.com": "ro"}
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())


@pytest.mark.django_db(transaction=True)
def test_the_times_invitations_were_used_are_cut_to_the_hour():
    """Kept to the microsecond, and answers saved in order, they matched invitations to answers."""
    from datetime import UTC, datetime

    before = [("questionnaire", "0013_earlier_invitation_links")]
    after = [("questionnaire", "0014_invitation_used_at_to_the_hour")]
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    apps = executor.loader.project_state(before).apps
    campaign = apps.get_model("questionnaire", "Campaign").objects.create(name="Old round")
    sales = apps.get_model("questionnaire", "Department").objects.create(name="Sales")
    Invitation = apps.get_model("questionnaire", "Invitation")
    for email, used_at in (
        ("a@example.com", datetime(2026, 5, 4, 13, 47, 12, 345678, tzinfo=UTC)),
        ("b@example.com", None),
    ):
        Invitation.objects.create(
            campaign=campaign,
            email=email,
            department=sales,
            role="manager",
            used_at=used_at,
            token_hash=email,
        )
    executor = MigrationExecutor(connection)
    executor.migrate(after)
    apps = executor.loader.project_state(after).apps
    Invitation = apps.get_model("questionnaire", "Invitation")
    used = dict(Invitation.objects.values_list("email", "used_at"))
    assert used == {"a@example.com": datetime(2026, 5, 4, 13, tzinfo=UTC), "b@example.com": None}
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())


@pytest.mark.django_db(transaction=True)
def test_comments_kept_before_they_carried_their_round_take_their_responses():
    """The dashboard finds a round's comments by their own campaign and department: without
    them, an earlier round's comments would vanish from its report."""
    before = [("questionnaire", "0015_invitation_send_requested_at")]
    after = [("questionnaire", "0016_pillarcomment_campaign_department")]
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    apps = executor.loader.project_state(before).apps
    Campaign = apps.get_model("questionnaire", "Campaign")
    sales = apps.get_model("questionnaire", "Department").objects.create(name="Sales")
    pillar = apps.get_model("questionnaire", "Pillar").objects.create(
        slug="old-pillar", order=99, name="Old pillar"
    )
    rounds = [Campaign.objects.create(name=name) for name in ("Spring", "Autumn")]
    for number, campaign in enumerate(rounds):
        response = apps.get_model("questionnaire", "Response").objects.create(
            campaign=campaign,
            department=sales,
            role="manager",
            submission_key=f"00000000-0000-0000-0000-00000000000{number}",
            result_key=f"key{number}",
        )
        apps.get_model("questionnaire", "PillarComment").objects.create(
            response=response, pillar=pillar, text=f"About {campaign.name}"
        )
    executor = MigrationExecutor(connection)
    executor.migrate(after)
    apps = executor.loader.project_state(after).apps
    kept = apps.get_model("questionnaire", "PillarComment").objects.values_list(
        "campaign__name", "department__name", "text"
    )
    assert sorted(kept) == [
        ("Autumn", "Sales", "About Autumn"),
        ("Spring", "Sales", "About Spring"),
    ]
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())


@pytest.mark.django_db(transaction=True)
def test_used_invitations_stay_used_without_their_hour():
    from datetime import UTC, datetime

    before = [("questionnaire", "0021_invitation_refused_at")]
    after = [("questionnaire", "0022_invitation_used_without_time")]
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    apps = executor.loader.project_state(before).apps
    campaign = apps.get_model("questionnaire", "Campaign").objects.create(name="Old round")
    sales = apps.get_model("questionnaire", "Department").objects.create(name="Sales")
    Invitation = apps.get_model("questionnaire", "Invitation")
    for email, used_at in (
        ("a@example.com", datetime(2026, 5, 4, 13, tzinfo=UTC)),
        ("b@x.io", None),
    ):
        Invitation.objects.create(
            campaign=campaign,
            email=email,
            department=sales,
            role="manager",
            used_at=used_at,
            token_hash=email,
        )
    executor = MigrationExecutor(connection)
    executor.migrate(after)
    apps = executor.loader.project_state(after).apps
    Invitation = apps.get_model("questionnaire", "Invitation")
    assert dict(Invitation.objects.values_list("email", "used")) == {
        "a@example.com": True,
        "b@x.io": False,
    }
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())


@pytest.mark.django_db(transaction=True)
def test_the_admin_history_stops_naming_invitations_by_address():
    from django.contrib.admin.models import ADDITION, LogEntry
    from django.contrib.auth import get_user_model
    from django.contrib.contenttypes.models import ContentType

    before = [("questionnaire", "0022_invitation_used_without_time")]
    after = [("questionnaire", "0023_invitation_history_by_number")]
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    admin = get_user_model().objects.create(username="old-admin", is_staff=True)
    for model, object_repr in (("invitation", "someone@example.com"), ("department", "Sales")):
        LogEntry.objects.create(
            user=admin,
            content_type=ContentType.objects.get(app_label="questionnaire", model=model),
            object_id="7",
            object_repr=object_repr,
            action_flag=ADDITION,
        )
    executor = MigrationExecutor(connection)
    executor.migrate(after)
    assert sorted(LogEntry.objects.values_list("object_repr", flat=True)) == [
        "Sales",
        "invitation 7",
    ]
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
