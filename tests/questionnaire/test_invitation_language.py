"""Each invited person gets their e-mails in the language given for them at import."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone, translation

from questionnaire import emails, imports
from questionnaire.models import Invitation


def _import(campaign, text: str):
    rows, errors = imports.parse_invitation_csv(text.encode())
    return imports.invitations_import(campaign=campaign, rows=rows, parse_errors=errors)


@pytest.mark.django_db
def test_language_column_is_optional_and_read_per_row(campaign, sales):
    outcome = _import(
        campaign,
        "email,department,role,language\n"
        "ana@example.com,Sales,staff,RO\n"
        "bo@example.com,Sales,staff,zh\n"
        "cy@example.com,Sales,staff,\n",
    )
    assert outcome.errors == []
    languages = dict(Invitation.objects.values_list("email", "language"))
    assert languages == {
        "ana@example.com": "ro",
        "bo@example.com": "zh-hans",
        "cy@example.com": "",  # not given: English e-mails, the page in the browser's language
    }


@pytest.mark.django_db
def test_unknown_language_is_a_bad_row_and_nothing_is_imported(campaign, sales):
    outcome = _import(
        campaign,
        "email,department,role,language\nana@example.com,Sales,staff,ro\nbo@example.com,Sales,staff,klingon\n",
    )
    assert outcome.errors == ["Line 3: unknown language “klingon”."]
    assert not Invitation.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("code", ["zh-Hant", "zh-Hant-TW", "zh_TW", "zh-HK"])
def test_traditional_chinese_is_not_silently_made_simplified(campaign, sales, code):
    outcome = _import(
        campaign, f"email,department,role,language\nana@example.com,Sales,staff,{code}\n"
    )
    assert outcome.errors == [f"Line 2: unknown language “{code}”."]
    assert not Invitation.objects.exists()
    assert (
        _import(
            campaign, "email,department,role,language\nb@example.com,Sales,staff,zh-CN\n"
        ).errors
        == []
    )


@pytest.mark.django_db
def test_invitation_email_is_written_in_the_persons_language(campaign, sales):
    _import(campaign, "email,department,role,language\nana@example.com,Sales,staff,ro\n")
    invitation = Invitation.objects.get()
    with translation.override("en"):  # the sender's own language must not leak into it
        message = emails.invitation_message(
            invitation=invitation, token="tok", kind="invitation", now=timezone.now()
        )
        english = emails.invitation_message(
            invitation=Invitation(campaign=campaign, email="x@example.com", language="en"),
            token="tok",
            kind="invitation",
            now=timezone.now(),
        )
    assert message.subject != english.subject
    assert message.body != english.body
    assert "/i/tok/" in message.body


def test_admin_form_explains_the_language_column():
    form = imports.InvitationImportForm(files={"file": SimpleUploadedFile("a.csv", b"")})
    assert "language" in str(form.fields["file"].help_text)
