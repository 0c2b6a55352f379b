import django.utils.timezone
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("questionnaire", "0009_campaign_invitations_changed"),
    ]

    # Added empty, then given its default: existing departments keep NULL ("made before this was
    # kept", listed in every round) instead of the time of this migration.
    operations = [
        migrations.AddField(
            model_name="department",
            name="created_at",
            field=models.DateTimeField(editable=False, null=True),
        ),
        migrations.AlterField(
            model_name="department",
            name="created_at",
            field=models.DateTimeField(
                default=django.utils.timezone.now, editable=False, null=True
            ),
        ),
    ]
