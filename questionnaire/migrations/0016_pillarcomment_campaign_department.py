from django.db import migrations, models
from django.db.models import OuterRef, Subquery
from django.db.models.deletion import CASCADE, PROTECT


def copy_from_responses(apps, schema_editor):
    """Each comment takes its response's campaign and department."""
    PillarComment = apps.get_model("questionnaire", "PillarComment")
    Response = apps.get_model("questionnaire", "Response")
    response = Response.objects.filter(pk=OuterRef("response"))
    PillarComment.objects.update(
        campaign=Subquery(response.values("campaign")[:1]),
        department=Subquery(response.values("department")[:1]),
    )


def copied(to: str, on_delete, verbose_name: str, *, null: bool) -> models.ForeignKey:
    return models.ForeignKey(
        editable=False,
        null=null,
        on_delete=on_delete,
        related_name="+",
        to=to,
        verbose_name=verbose_name,
    )


class Migration(migrations.Migration):
    dependencies = [
        ("questionnaire", "0015_invitation_send_requested_at"),
    ]

    operations = [
        migrations.AddField(
            "pillarcomment",
            "campaign",
            copied("questionnaire.campaign", CASCADE, "campaign", null=True),
        ),
        migrations.AddField(
            "pillarcomment",
            "department",
            copied("questionnaire.department", PROTECT, "department", null=True),
        ),
        migrations.RunPython(copy_from_responses, migrations.RunPython.noop),
        migrations.AlterField(
            "pillarcomment",
            "campaign",
            copied("questionnaire.campaign", CASCADE, "campaign", null=False),
        ),
        migrations.AlterField(
            "pillarcomment",
            "department",
            copied("questionnaire.department", PROTECT, "department", null=False),
        ),
    ]
