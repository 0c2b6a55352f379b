"""Invitations keep whether they were used, no longer when: the hour kept beside the response's
hour matched most invitations (e-mail addresses) to their answers."""

from django.db import migrations, models


def used_from_used_at(apps, schema_editor):
    Invitation = apps.get_model("questionnaire", "Invitation")
    Invitation.objects.filter(used_at__isnull=False).update(used=True)


def used_at_from_used(apps, schema_editor):
    # Going back, the time is gone: the round's opening stands in for it.
    Invitation = apps.get_model("questionnaire", "Invitation")
    Campaign = apps.get_model("questionnaire", "Campaign")
    for campaign in Campaign.objects.filter(invitations__used=True).distinct():
        campaign.invitations.filter(used=True).update(used_at=campaign.opens_at)


class Migration(migrations.Migration):
    dependencies = [("questionnaire", "0021_invitation_refused_at")]

    operations = [
        migrations.AddField(
            model_name="invitation",
            name="used",
            field=models.BooleanField(default=False, editable=False, verbose_name="answered"),
        ),
        migrations.RunPython(used_from_used_at, used_at_from_used),
        migrations.RemoveField(model_name="invitation", name="used_at"),
    ]
