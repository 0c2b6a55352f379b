from datetime import UTC

from django.db import migrations, models
from django.db.models.functions import TruncHour


def used_at_to_the_hour(apps, schema_editor):
    """Times kept before to the microsecond, sorted beside the responses (saved in order),
    matched each used invitation to its answers: they are cut to the hour, in UTC as new ones."""
    Invitation = apps.get_model("questionnaire", "Invitation")
    Invitation.objects.filter(used_at__isnull=False).update(
        used_at=TruncHour("used_at", tzinfo=UTC)
    )


class Migration(migrations.Migration):
    dependencies = [
        ("questionnaire", "0013_earlier_invitation_links"),
    ]

    operations = [
        migrations.AlterField(
            model_name="invitation",
            name="used_at",
            field=models.DateTimeField(
                blank=True, editable=False, null=True, verbose_name="answered (hour)"
            ),
        ),
        migrations.RunPython(used_at_to_the_hour, migrations.RunPython.noop),
    ]
