"""An admin's save or deletion at the moment a respondent, a job or another admin changes the
same row: each race is replayed by doing the other side's change between the admin's read and
its write, where it landed when clicked at the same moment (the helper found each with threads
against gunicorn and PostgreSQL)."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from questionnaire import admin as questionnaire_admin
from questionnaire import services, tokens
from questionnaire.models import Campaign, Department, Invitation, Response
from tests import factories


def _after_the_admins_read(monkeypatch, admin_class, meanwhile) -> None:
    """Run `meanwhile` just after the admin's request has read the object it will save."""
    read = admin_class.get_object

    def get_object(self, request, object_id, from_field=None):
        obj = read(self, request, object_id, from_field)
        if request.method == "POST":
            meanwhile()
        return obj

    monkeypatch.setattr(admin_class, "get_object", get_object)


@pytest.mark.django_db
def test_an_invitation_edited_while_its_person_answers_stays_used(
    admin_client, campaign, sales, monkeypatch
):
    """The admin's copy said "not used yet": saved, the link took a second response."""
    issued = services.invitation_issue(
        campaign=campaign, email="ana@example.com", department=sales, role="contributor"
    )
    invitation = issued.invitation

    def answers_meanwhile():
        factories.submit(campaign, sales, invitation=invitation)

    _after_the_admins_read(monkeypatch, questionnaire_admin.InvitationAdmin, answers_meanwhile)
    url = reverse("admin:questionnaire_invitation_change", args=[invitation.pk])
    post = {"email": "ana@example.com", "department": sales.pk, "role": "contributor"}
    assert admin_client.post(url, post | {"language": "ro"}).status_code == 302
    invitation.refresh_from_db()
    assert invitation.language == "ro" and invitation.used
    assert admin_client.get(f"/i/{issued.token}/").status_code == 410  # used: no second form
    assert campaign.responses.count() == 1


@pytest.mark.django_db
def test_an_invitation_edited_while_it_is_reminded_keeps_the_link_just_sent(
    admin_client, campaign, sales, monkeypatch
):
    """The admin's copy held the old link's hash: the reminder's link was a page not found."""
    invitation = services.invitation_issue(
        campaign=campaign, email="bo@example.com", department=sales, role="contributor"
    ).invitation
    links = []

    def reminded_meanwhile():
        token = tokens.token_make()
        links.append(token)
        Invitation.objects.filter(pk=invitation.pk).update(
            token_hash=tokens.token_hash(token), reminded_at=timezone.now(), reminders_sent=1
        )

    _after_the_admins_read(monkeypatch, questionnaire_admin.InvitationAdmin, reminded_meanwhile)
    url = reverse("admin:questionnaire_invitation_change", args=[invitation.pk])
    post = {"email": "bo@example.com", "department": sales.pk, "role": "manager", "language": ""}
    assert admin_client.post(url, post).status_code == 302
    invitation.refresh_from_db()
    assert invitation.role == "manager" and invitation.reminders_sent == 1
    assert invitation.token_hash == tokens.token_hash(links[0])
    assert admin_client.get(f"/i/{links[0]}/").status_code == 200


@pytest.mark.django_db
def test_a_campaign_saved_while_its_open_link_is_renewed_keeps_the_new_address(
    admin_client, client, campaign, monkeypatch
):
    """A link that leaked must stop working, whatever another admin saves at that moment."""
    old_path = campaign.get_open_link_path()
    _after_the_admins_read(
        monkeypatch,
        questionnaire_admin.CampaignAdmin,
        lambda: services.open_links_renew(campaigns=[campaign]),
    )
    url = reverse("admin:questionnaire_campaign_change", args=[campaign.pk])
    assert (
        admin_client.post(url, factories.campaign_admin_form(campaign, name="Renamed")).status_code
        == 302
    )
    saved = Campaign.objects.get(pk=campaign.pk)
    assert saved.name == "Renamed" and saved.open_link_key != campaign.open_link_key
    assert client.get(old_path).status_code == 404


@pytest.mark.django_db
def test_a_campaign_saved_while_the_hourly_job_closes_it_stays_closed(
    admin_client, questions, monkeypatch
):
    now = timezone.now()
    campaign = factories.make_campaign(
        opens_at=now - timedelta(days=9), closes_at=now + timedelta(days=3)
    )
    _after_the_admins_read(
        monkeypatch,
        questionnaire_admin.CampaignAdmin,
        lambda: Campaign.objects.filter(pk=campaign.pk).update(closed_at=now, closed_once=True),
    )
    url = reverse("admin:questionnaire_campaign_change", args=[campaign.pk])
    assert (
        admin_client.post(url, factories.campaign_admin_form(campaign, name="Renamed")).status_code
        == 302
    )
    saved = Campaign.objects.get(pk=campaign.pk)
    assert saved.name == "Renamed" and saved.closed_at is not None and saved.closed_once


@pytest.mark.django_db
def test_a_department_deleted_as_its_first_answer_arrives_is_kept_and_says_why(
    admin_client, campaign, monkeypatch
):
    """The confirmation page found nothing that keeps it; the answer came before the deletion."""
    newcomers = Department.objects.create(name="Newcomers")
    check = questionnaire_admin.DepartmentAdmin.get_deleted_objects

    def answer_after_the_check(self, objs, request):
        found = check(self, objs, request)
        factories.make_response(campaign, newcomers, (4,) * 15)
        return found

    monkeypatch.setattr(
        questionnaire_admin.DepartmentAdmin, "get_deleted_objects", answer_after_the_check
    )
    url = reverse("admin:questionnaire_department_delete", args=[newcomers.pk])
    page = admin_client.post(url, {"post": "yes"}, follow=True)
    assert page.status_code == 200
    assert "Nothing was deleted" in page.content.decode()
    assert Department.objects.filter(pk=newcomers.pk).exists()
    assert Response.objects.filter(department=newcomers).count() == 1

    bulk = admin_client.post(
        reverse("admin:questionnaire_department_changelist"),
        {"action": "delete_selected", "_selected_action": [newcomers.pk], "post": "yes"},
        follow=True,
    )
    assert bulk.status_code == 200
    assert Department.objects.filter(pk=newcomers.pk).exists()
