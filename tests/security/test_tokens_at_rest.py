"""Invitation tokens are stored only as hashes: a copy of the database opens no survey link.

Each test scans every text column of every table for the raw token, so a future table that
keeps a link (an e-mail log, say) fails here too.
"""

import re

import pytest
from django.apps import apps
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection, models
from django.urls import reverse
from django.utils import timezone

from questionnaire import emails, imports, services, tokens
from questionnaire.models import Invitation

LINK = re.compile(r"/i/([A-Za-z0-9_-]{20,})/")
TEXT = (models.CharField, models.TextField, models.JSONField)


def _places_holding(needle: str) -> list[str]:
    found = []
    with connection.cursor() as cursor:
        for model in apps.get_models():
            table = connection.ops.quote_name(model._meta.db_table)
            for field in model._meta.concrete_fields:
                if not isinstance(field, TEXT):
                    continue
                column = connection.ops.quote_name(field.column)
                cursor.execute(
                    f"SELECT 1 FROM {table} WHERE CAST({column} AS TEXT) LIKE %s LIMIT 1",
                    [f"%{needle}%"],
                )
                if cursor.fetchone():
                    found.append(f"{model._meta.label}.{field.name}")
    return found


def _assert_only_hashes(token: str) -> None:
    assert _places_holding(token) == []
    stored = Invitation.objects.get(token_hash=tokens.token_hash(token))
    assert re.fullmatch(r"[0-9a-f]{64}", stored.token_hash)


@pytest.mark.django_db
def test_issued_token_is_not_stored(campaign, sales):
    issued = services.invitation_issue(
        campaign=campaign, email="a@example.com", department=sales, role="contributor"
    )
    _assert_only_hashes(issued.token)


@pytest.mark.django_db
def test_imported_tokens_are_not_stored(campaign, sales):
    rows, errors = imports.parse_invitation_csv(
        b"email,department,role\na@example.com,Sales,staff\nb@example.com,Sales,leader\n"
    )
    outcome = imports.invitations_import(campaign=campaign, rows=rows)
    assert errors == [] and outcome.errors == [] and len(outcome.issued) == 2
    for issued in outcome.issued:
        _assert_only_hashes(issued.token)


@pytest.mark.django_db
def test_links_shown_once_by_the_admin_import_are_not_stored(admin_client, campaign, sales):
    upload = SimpleUploadedFile("people.csv", b"email,department,role\nc@example.com,Sales,ic\n")
    page = admin_client.post(
        reverse("admin:questionnaire_invitation_import"), {"campaign": campaign.pk, "file": upload}
    )
    shown = LINK.findall(page.content.decode())
    assert len(shown) == 1
    _assert_only_hashes(shown[0])


@pytest.mark.django_db
def test_link_in_the_invitation_email_is_not_stored(campaign, sales):
    issued = services.invitation_issue(
        campaign=campaign, email="d@example.com", department=sales, role="contributor"
    )
    emails.invitation_send(
        invitation=issued.invitation, token=issued.token, kind="invitation", now=timezone.now()
    )
    (sent,) = LINK.findall(mail.outbox[0].body)
    _assert_only_hashes(sent)


@pytest.mark.django_db
def test_the_stored_hash_does_not_open_the_survey(client, campaign, sales):
    issued = services.invitation_issue(
        campaign=campaign, email="e@example.com", department=sales, role="contributor"
    )
    stolen = issued.invitation.token_hash
    assert client.get(reverse("questionnaire:invitation", args=[stolen])).status_code == 404
    assert client.get(reverse("questionnaire:invitation", args=[issued.token])).status_code == 200
