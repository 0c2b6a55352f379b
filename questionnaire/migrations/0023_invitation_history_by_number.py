"""The admin's history named invitations by their e-mail address, which outlived an invitation
deleted on request: its entries now name them by number, as new ones do (admin.history_by_number)."""

from django.db import migrations
from django.db.models import Value
from django.db.models.functions import Concat


def name_by_number(apps, schema_editor):
    LogEntry = apps.get_model("admin", "LogEntry")
    ContentType = apps.get_model("contenttypes", "ContentType")
    invitation = ContentType.objects.filter(app_label="questionnaire", model="invitation").first()
    if invitation is not None:
        LogEntry.objects.filter(content_type=invitation).update(
            object_repr=Concat(Value("invitation "), "object_id")
        )


class Migration(migrations.Migration):
    dependencies = [
        ("questionnaire", "0022_invitation_used_without_time"),
        ("admin", "0003_logentry_add_action_flag_choices"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    # Going back, the addresses are gone: nothing to undo.
    operations = [migrations.RunPython(name_by_number, migrations.RunPython.noop)]
