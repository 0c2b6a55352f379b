from django.db import migrations, models


def english_means_not_given(apps, schema_editor):
    """Until now every invitation without a language was stored as English, and the language
    only chose the e-mails. It now also opens the answer page in it, so a stored "en" would
    override the browser of everyone whose import had no language column: those become empty,
    which still sends English e-mails and leaves the page to the browser, as before."""
    Invitation = apps.get_model("questionnaire", "Invitation")
    Invitation.objects.filter(language="en").update(language="")


class Migration(migrations.Migration):
    dependencies = [
        ("questionnaire", "0011_reminder_interval_at_most_a_year"),
    ]

    operations = [
        migrations.AlterField(
            model_name="invitation",
            name="language",
            field=models.CharField(
                blank=True,
                choices=[
                    ("en", "English"),
                    ("ro", "Romanian"),
                    ("it", "Italian"),
                    ("zh-hans", "Simplified Chinese"),
                ],
                default="",
                help_text=(
                    "The language of this person's e-mails and answer page. Empty: e-mails in "
                    "English, the page in their browser's language."
                ),
                max_length=10,
                verbose_name="language",
            ),
        ),
        migrations.RunPython(english_means_not_given, migrations.RunPython.noop),
    ]
