"""Our own error pages, as a person meets them with DEBUG off: in their language, in the site's
look, saying what to do next, and within the Content-Security-Policy (no inline style)."""

import pytest
from django.contrib.auth import get_user_model
from django.template.loader import render_to_string
from django.test import Client
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape

from questionnaire.models import Response
from tests import factories


@pytest.fixture(autouse=True)
def no_debug(settings):
    settings.DEBUG = False


def _page(response) -> str:
    html = response.content.decode()
    assert "<style" not in html  # Django's own error pages carry one, which the CSP blocks
    return html


@pytest.mark.django_db
def test_an_unknown_invitation_link_says_to_check_it_was_copied_whole(client):
    """A link cut short by a mail program is the likely cause. The page used to say that each
    reminder replaces the link before, which stopped being true when earlier links were kept
    (EarlierInvitationLink): it sent people hunting for a newer e-mail they did not need."""
    page = client.get("/i/a-link-cut-short-by-a-mail-prog/")
    assert page.status_code == 404
    html = _page(page)
    assert "Check that the whole link was copied" in html
    assert "The link in any of our e-mails works until you have answered." in html
    assert "replaces the link" not in html


@pytest.mark.django_db
def test_the_not_found_page_is_in_the_readers_language(client):
    page = client.get("/no-such-page/", HTTP_ACCEPT_LANGUAGE="it")
    assert page.status_code == 404
    assert "Questa pagina non esiste" in _page(page)


@pytest.mark.django_db
def test_a_form_sent_without_its_security_cookie_says_what_to_do(questions, sales):
    """Cookies cleared while filling in: not Django's English "CSRF verification failed"."""
    campaign = factories.make_campaign()
    browser = Client(enforce_csrf_checks=True)
    data = factories.form_data(campaign, department=sales.pk, role="contributor")
    page = browser.post(campaign.get_open_link_path(), data)
    assert page.status_code == 403
    html = _page(page)
    assert "This was not sent" in html and "reload the page" in html
    assert "CSRF" not in html
    assert not Response.objects.exists()


@pytest.mark.django_db
def test_an_unreadable_request_gets_our_400_page(questions):
    campaign = factories.make_campaign()
    page = Client().post(
        campaign.get_open_link_path(),
        b"q=1",
        content_type="application/x-www-form-urlencoded; charset=latin-1",
    )
    assert page.status_code == 400
    assert "Nothing was saved" in _page(page)


@pytest.mark.django_db
def test_a_signed_in_person_without_access_gets_our_403_page(client, campaign):
    client.force_login(get_user_model().objects.create_user("no-reports"))
    page = client.get(reverse("reports:campaign_dashboard", args=[campaign.pk]))
    assert page.status_code == 403
    assert "ask your administrator" in _page(page)


def test_the_server_error_page_needs_no_request_and_says_resending_is_safe():
    html = render_to_string("500.html")  # Django's server_error renders it without a context
    assert "sending the same form again is safe" in html and "<style" not in html


@pytest.mark.django_db
def test_the_server_error_page_is_marked_in_the_language_it_is_written_in(questions, monkeypatch):
    """Romanian text under <html lang="en">: a screen reader read it with English sounds."""
    campaign = factories.make_campaign()

    def broken(*args, **kwargs):
        raise RuntimeError("a bug")

    monkeypatch.setattr("questionnaire.views.AnswerForm", broken)
    client = Client(raise_request_exception=False)
    page = client.get(campaign.get_open_link_path(), HTTP_ACCEPT_LANGUAGE="ro")
    assert page.status_code == 500
    html = page.content.decode()
    assert '<html lang="ro" dir="ltr">' in html
    with translation.override("ro"):
        assert escape(translation.gettext("Something went wrong on our side")) in html
