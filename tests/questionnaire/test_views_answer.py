import re
from datetime import datetime, timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import escape

from questionnaire import selectors, services
from questionnaire.models import (
    Answer,
    Campaign,
    Invitation,
    Pillar,
    PillarComment,
    Question,
    Response,
)
from tests import factories


def _open_url(campaign):
    return reverse("questionnaire:open_link", args=[campaign.open_link_key])


def _valid(campaign, sales, **extra):
    return factories.form_data(campaign, department=str(sales.pk), role="contributor", **extra)


@pytest.mark.django_db
def test_form_groups_fifteen_radio_groups_under_five_pillars(client, campaign, sales):
    page = client.get(_open_url(campaign))
    html = page.content.decode()
    assert page.status_code == 200
    assert html.count("<fieldset") == 15  # one per question, each with a legend
    assert html.count("<legend") == 15
    assert html.count('type="radio"') == 15 * 6
    assert "I don&#x27;t know" in html or "I don't know" in html
    assert reverse("questionnaire:privacy", args=[campaign.pk]) in html
    assert "Fifteen short statements" in html and "5 short parts" in html


@pytest.mark.django_db
def test_a_round_without_fifteen_questions_is_not_introduced_as_fifteen(questions, sales):
    """With one question switched off the page said "Fifteen short statements" above a
    progress bar counting to 14."""
    Question.objects.filter(pk=Question.objects.order_by("pk").last().pk).update(is_active=False)
    campaign = factories.make_campaign()
    html = Client().get(_open_url(campaign)).content.decode()
    assert html.count("<fieldset") == 14
    assert "Fifteen" not in html and "5 short parts" not in html
    assert "Short statements about how our company puts customers first" in html


@pytest.mark.django_db
def test_valid_answers_are_saved_and_lead_to_the_result_page(client, campaign, sales):
    page = client.post(_open_url(campaign), _valid(campaign, sales))
    response = Response.objects.get()
    assert page.status_code == 302
    assert page.url == reverse("questionnaire:result", args=[response.result_key])
    assert Answer.objects.filter(response=response).count() == 15
    assert response.department == sales and response.role == "contributor"


@pytest.mark.django_db
def test_missing_answer_is_reported_and_given_answers_are_kept(client, campaign, sales):
    data = _valid(campaign, sales)
    first, missing = (f"q_{q}" for q in factories.question_ids(campaign)[:2])
    data[first] = "2"
    del data[missing]
    page = client.post(_open_url(campaign), data)
    html = page.content.decode()
    assert page.status_code == 400
    assert "Please check your answers" in html
    assert re.search(rf'name="{first}" value="2"[^>]*checked', html)  # kept on the re-shown form
    assert Response.objects.count() == 0


@pytest.mark.django_db
@pytest.mark.parametrize("value", ["6", "0", "-1", "four", "", "1.5", "dk2"])
def test_out_of_range_values_are_rejected_and_nothing_is_stored(client, campaign, sales, value):
    data = _valid(campaign, sales)
    data[f"q_{factories.question_ids(campaign)[3]}"] = value
    page = client.post(_open_url(campaign), data)
    assert page.status_code == 400
    assert Response.objects.count() == 0 and Answer.objects.count() == 0


@pytest.mark.django_db
def test_unknown_fields_are_rejected_with_a_clear_message(client, campaign, sales):
    page = client.post(_open_url(campaign), _valid(campaign, sales, q_999999="5"))
    assert page.status_code == 400
    assert "fields it should not have" in page.content.decode()
    assert Response.objects.count() == 0


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("body", "content_type"),
    [("", "application/x-www-form-urlencoded"), ('{"q_1": 4}', "application/json")]
    + [("q_1=4", "text/plain")],
)
def test_a_post_that_is_not_a_form_is_a_bad_request(client, campaign, sales, body, content_type):
    """It was answered 200 with a blank form, as if nothing had been sent."""
    page = client.post(_open_url(campaign), body, content_type=content_type)
    assert page.status_code == 400
    assert "Please check your answers" in page.content.decode()
    assert not Response.objects.exists()


@pytest.mark.django_db
def test_a_question_answered_twice_in_one_post_is_rejected(client, campaign, sales):
    data = _valid(campaign, sales)
    name = f"q_{factories.question_ids(campaign)[0]}"
    data[name] = ["1", "5"]
    page = client.post(_open_url(campaign), data)
    assert page.status_code == 400
    assert Response.objects.count() == 0


@pytest.mark.django_db
def test_tampered_department_is_rejected(client, campaign, sales):
    page = client.post(_open_url(campaign), {**_valid(campaign, sales), "department": "99999"})
    assert page.status_code == 400
    assert Response.objects.count() == 0


@pytest.mark.django_db
@pytest.mark.parametrize(
    "written",
    [
        lambda pk: f" {pk}",
        lambda pk: f"0{pk}",
        lambda pk: f"+{pk}",
        lambda pk: f"{pk}\n",
        lambda pk: f"{pk}.0",
        lambda pk: f"{pk}_0",
        lambda pk: str(pk).translate({48 + d: 0x660 + d for d in range(10)}),  # Arabic-Indic
        lambda pk: str(pk).translate({48 + d: 0xFF10 + d for d in range(10)}),  # full width
    ],
    ids=["space", "zero", "plus", "newline", "decimal", "underscore", "arabic", "full-width"],
)
def test_a_department_written_otherwise_than_the_form_writes_it_is_rejected(
    client, campaign, sales, written
):
    """int() reads " 1", "01", "１" or "١" as 1: a tampered form must not land in a department
    by a spelling the form never sends (the answers are refused whole, as for a role)."""
    data = {**_valid(campaign, sales), "department": written(sales.pk)}
    assert client.post(_open_url(campaign), data).status_code == 400
    assert Response.objects.count() == 0


@pytest.mark.django_db
def test_double_click_on_open_link_creates_one_response(client, campaign, sales):
    data = _valid(campaign, sales)
    first = client.post(_open_url(campaign), data)
    second = client.post(_open_url(campaign), data)
    assert Response.objects.count() == 1
    assert first.url == second.url


@pytest.mark.django_db
def test_a_form_sent_again_after_the_round_closed_returns_to_its_result(client, campaign, sales):
    """Saved just before the deadline, its reply lost: the retry said the round was closed."""
    data = _valid(campaign, sales)
    first = client.post(_open_url(campaign), data)
    campaign.closes_at = timezone.now() - timedelta(minutes=1)
    campaign.save()
    again = client.post(_open_url(campaign), data)
    assert again.status_code == 302 and again.url == first.url
    late = client.post(_open_url(campaign), _valid(campaign, sales))  # a new form: too late
    assert late.status_code == 410
    assert Response.objects.count() == 1


@pytest.mark.django_db
def test_an_invitation_opens_in_its_persons_language_until_they_choose_another(
    client, campaign, sales, settings
):
    """A Romanian invitation opened in an English browser was in English, e-mail aside."""
    issued = services.invitation_issue(
        campaign=campaign, email="a@example.com", department=sales, role="manager", language="ro"
    )
    url = reverse("questionnaire:invitation", args=[issued.token])
    page = client.get(url, HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9")
    assert '<html lang="ro">' in page.content.decode()
    sent = client.post(url, factories.form_data(campaign), HTTP_ACCEPT_LANGUAGE="en")
    assert Response.objects.get().language == "ro"
    result = client.get(sent.url, HTTP_ACCEPT_LANGUAGE="en")
    assert '<html lang="ro">' in result.content.decode()  # the result as it was answered

    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "it"  # chosen with the language menu
    assert '<html lang="it">' in client.get(sent.url).content.decode()

    used = client.get(url, HTTP_ACCEPT_LANGUAGE="en")  # the link again, after answering
    assert used.status_code == 410 and '<html lang="it">' in used.content.decode()
    del client.cookies[settings.LANGUAGE_COOKIE_NAME]
    assert '<html lang="ro">' in client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()


@pytest.mark.django_db
def test_an_invitation_without_a_language_opens_in_the_browsers(client, campaign, sales):
    """Every invitation imported without a language column was stored as English and opened in
    English, whatever the browser said."""
    issued = services.invitation_issue(
        campaign=campaign, email="a@example.com", department=sales, role="manager"
    )
    page = client.get(
        reverse("questionnaire:invitation", args=[issued.token]), HTTP_ACCEPT_LANGUAGE="ro-RO"
    )
    assert '<html lang="ro">' in page.content.decode()


@pytest.mark.django_db
def test_the_same_form_sent_again_with_other_answers_saves_nothing_and_shows_no_result(
    client, campaign, sales
):
    """Back, other answers, send: the first result came up as if the new answers were saved;
    and at a shared screen the next person saw the previous person's result."""
    first = _valid(campaign, sales)
    result_url = client.post(_open_url(campaign), first).url
    again = dict(first) | {k: "1" for k in first if k.startswith("q_")}
    page = client.post(_open_url(campaign), again)
    assert page.status_code == 409
    html = page.content.decode()
    assert "This form was sent before" in html and result_url not in html
    assert campaign.get_open_link_path() in html  # a fresh form for the next person
    assert Response.objects.count() == 1
    assert set(Answer.objects.values_list("value", flat=True)) == {4}
    assert client.post(_open_url(campaign), first).url == result_url  # the same answers: result


@pytest.mark.django_db
def test_a_used_invitation_sent_again_with_other_answers_does_not_show_the_result(
    client, campaign, sales
):
    issued = services.invitation_issue(
        campaign=campaign, email="a@example.com", department=sales, role="manager"
    )
    url = reverse("questionnaire:invitation", args=[issued.token])
    data = factories.form_data(campaign)
    client.post(url, data)
    changed = dict(data) | {k: "dk" for k in data if k.startswith("q_")}
    page = client.post(url, changed)
    assert page.status_code == 410 and "already been used" in page.content.decode()
    assert set(Answer.objects.values_list("value", flat=True)) == {4}


@pytest.mark.django_db
def test_a_comment_too_long_is_not_reported_as_a_missing_answer(client, campaign, sales):
    """The summary said every statement needed an answer when all fifteen had one."""
    pillar_id = Question.objects.order_by("pk").first().pillar_id
    page = client.post(
        _open_url(campaign), _valid(campaign, sales, **{f"comment_{pillar_id}": "x" * 2001})
    )
    html = page.content.decode()
    assert page.status_code == 400 and "2001 characters, where the limit is 2000" in html
    assert "Each statement needs an answer" not in html
    missing = {
        k: v
        for k, v in _valid(campaign, sales).items()
        if not k.endswith(f"_{campaign.campaign_questions.first().question_id}")
    }
    assert (
        "Each statement needs an answer"
        in client.post(_open_url(campaign), missing).content.decode()
    )


@pytest.mark.django_db
def test_answers_sent_after_the_round_closed_are_said_to_be_unsaved(client, campaign, sales):
    """ "No longer accepts answers. Thank you for your interest." after five minutes of answers."""
    form_page = client.get(_open_url(campaign))
    assert form_page.status_code == 200
    campaign.closes_at = timezone.now() - timedelta(minutes=1)
    campaign.save()
    page = client.post(_open_url(campaign), _valid(campaign, sales))
    assert page.status_code == 410
    assert "The answers you just sent were not saved" in page.content.decode()
    assert "were not saved" not in client.get(_open_url(campaign)).content.decode()


@pytest.mark.django_db
def test_invitation_link_works_once(client, campaign, sales):
    issued = services.invitation_issue(
        campaign=campaign, email="a@example.com", department=sales, role="manager"
    )
    url = reverse("questionnaire:invitation", args=[issued.token])
    form_page = client.get(url).content.decode()
    assert 'name="department"' not in form_page  # preset by the invitation
    assert client.post(url, factories.form_data(campaign)).status_code == 302
    again = client.get(url)
    assert again.status_code == 410
    assert "already been used" in again.content.decode()
    resend = client.post(url, factories.form_data(campaign))
    assert resend.status_code == 410
    response = Response.objects.get()
    assert (response.department, response.role) == (sales, "manager")


@pytest.mark.django_db
def test_an_invitation_tells_its_person_what_their_answers_count_for(client, campaign, sales):
    """An import that put someone in the wrong department could not be seen by that person."""
    issued = services.invitation_issue(
        campaign=campaign, email="a@example.com", department=sales, role="manager"
    )
    page = client.get(reverse("questionnaire:invitation", args=[issued.token])).content.decode()
    said = " ".join(page.split("data-cx-counted-as>")[1].split("</p>")[0].split())
    assert said.startswith(
        "Your answers are counted for <strong>Sales</strong> (<strong>People manager</strong>)."
    )
    assert "data-cx-counted-as" not in client.get(_open_url(campaign)).content.decode()


@pytest.mark.django_db
def test_refreshing_a_sent_invitation_form_returns_to_its_result(client, campaign, sales):
    issued = services.invitation_issue(
        campaign=campaign, email="a@example.com", department=sales, role="manager"
    )
    url = reverse("questionnaire:invitation", args=[issued.token])
    data = factories.form_data(campaign)
    first = client.post(url, data)
    again = client.post(url, data)  # the browser re-sends the same form
    assert again.status_code == 302 and again.url == first.url
    assert Response.objects.count() == 1


@pytest.mark.django_db
def test_a_form_key_from_another_round_neither_saves_silently_nor_opens_that_result(
    client, campaign, sales
):
    """The key of a form sent in one round, posted to another round's pages, led to the first
    round's result page and saved nothing: a "thank you" for answers that were never kept."""
    sent = _valid(campaign, sales)
    first_result = client.post(_open_url(campaign), sent).url
    other = factories.make_campaign(name="Other round")
    copied = _valid(other, sales, submission_key=sent["submission_key"])

    page = client.post(_open_url(other), copied, follow=True)
    assert first_result not in [url for url, _status in page.redirect_chain]
    assert "This form was already sent once. Please answer again." in page.content.decode()
    assert not other.responses.exists()

    unused = services.invitation_issue(
        campaign=other, email="b@example.com", department=sales, role="manager"
    )
    url = reverse("questionnaire:invitation", args=[unused.token])
    page = client.post(url, factories.form_data(other, submission_key=sent["submission_key"]))
    assert page.status_code == 302 and page.url == url  # the form again, with the message
    unused.invitation.refresh_from_db()
    assert not unused.invitation.used and not other.responses.exists()

    used = services.invitation_issue(
        campaign=other, email="c@example.com", department=sales, role="manager"
    )
    url = reverse("questionnaire:invitation", args=[used.token])
    assert client.post(url, factories.form_data(other)).status_code == 302
    replay = client.post(url, factories.form_data(other, submission_key=sent["submission_key"]))
    assert replay.status_code == 410  # "already used", not the other round's result
    assert Response.objects.filter(campaign=campaign).count() == 1


@pytest.mark.django_db
def test_unknown_invitation_is_not_found(client, campaign):
    assert client.get(reverse("questionnaire:invitation", args=["not-a-token"])).status_code == 404


@pytest.mark.django_db
def test_closed_and_not_yet_open_campaigns_show_a_clear_page(client, questions, sales):
    now = timezone.now()
    closed = factories.make_campaign(
        name="Old", opens_at=now - timedelta(days=9), closes_at=now - timedelta(days=1)
    )
    future = factories.make_campaign(
        name="Next", opens_at=now + timedelta(days=3), closes_at=now + timedelta(days=9)
    )
    assert "is closed" in client.get(_open_url(closed)).content.decode()
    not_yet = client.get(_open_url(future)).content.decode()
    assert "has not opened yet" in not_yet
    assert "(UTC time). Please come back then." in not_yet  # the zone, and one full stop
    assert client.post(_open_url(closed), _valid(closed, sales)).status_code == 410
    assert Response.objects.count() == 0


@pytest.mark.django_db
def test_disabled_open_link_is_not_found(client, questions):
    campaign = factories.make_campaign(open_link_enabled=False)
    assert client.get(_open_url(campaign)).status_code == 404


@pytest.mark.django_db
def test_comments_and_language_are_recorded(client, campaign, sales):
    pillar_id = campaign.campaign_questions.first().question.pillar_id
    client.cookies["django_language"] = "it"
    client.post(
        _open_url(campaign), _valid(campaign, sales, **{f"comment_{pillar_id}": "Più ascolto"})
    )
    response = Response.objects.get()
    assert response.language == "it"
    assert PillarComment.objects.get().text == "Più ascolto"


@pytest.mark.django_db
def test_a_comment_the_box_accepted_whole_is_saved_whole(client, campaign, sales):
    """The box counts a line break as one character, the browser sends it as two (CRLF): a
    comment of 2,000 characters with 19 line breaks was refused as 2,019 long."""
    pillar_id = campaign.campaign_questions.first().question.pillar_id
    lines = ["x" * 99] * 20
    text = "\r\n".join(lines)  # 1,980 + 19 line breaks: 1,999 in the box, 2,018 on the wire
    reply = client.post(
        _open_url(campaign), _valid(campaign, sales, **{f"comment_{pillar_id}": text})
    )
    assert reply.status_code == 302
    assert PillarComment.objects.get().text == "\n".join(lines)
    too_long = "x" * 2001
    reply = client.post(
        _open_url(campaign), _valid(campaign, sales, **{f"comment_{pillar_id}": too_long})
    )
    assert reply.status_code == 400 and Response.objects.count() == 1


@pytest.mark.django_db
def test_privacy_page_states_the_campaigns_real_thresholds(client, questions):
    campaign = factories.make_campaign(anonymity_threshold=7, comment_threshold=12)
    html = client.get(reverse("questionnaire:privacy", args=[campaign.pk])).content.decode()
    assert "at least 7 people" in html and "at least 12 people" in html
    assert "never stored" in html


@pytest.mark.django_db
@pytest.mark.parametrize("open_link", [True, False])
def test_privacy_page_warns_of_what_an_open_link_allows_only_when_there_is_one(
    client, questions, open_link
):
    """Anyone with an open link can send several made-up answers into a small group; the people
    answering should know, and those with personal links only should not be alarmed."""
    campaign = factories.make_campaign(open_link_enabled=open_link)
    html = client.get(reverse("questionnaire:privacy", args=[campaign.pk])).content.decode()
    assert ("Made-up answers sent that way" in html) is open_link
    assert "updated as answers arrive" in html


@pytest.mark.django_db
def test_privacy_page_does_not_name_the_round(client, questions):
    """Public by number, so anyone counting 1, 2, 3 … would read every round's name."""
    campaign = factories.make_campaign(name="Restructuring pulse")
    html = client.get(reverse("questionnaire:privacy", args=[campaign.pk])).content.decode()
    assert "Restructuring" not in html
    assert "What happens to your answers" in html


@pytest.mark.django_db
@pytest.mark.parametrize("change", ["department", "role", "comment added", "comment changed"])
def test_the_same_form_sent_again_with_anything_changed_saves_nothing_and_says_so(
    client, campaign, sales, change
):
    """Back, add a comment (or pick another department), send: the first result came up and the
    change was silently dropped."""
    pillar_id = Question.objects.order_by("pk").first().pillar_id
    first = _valid(campaign, sales, **{f"comment_{pillar_id}": "Good start"})
    result_url = client.post(_open_url(campaign), first).url
    support = factories.make_department("Support")
    changed = {
        "department": {"department": str(support.pk)},
        "role": {"role": "manager"},
        "comment added": {f"comment_{pillar_id + 1}": "Also this"},
        "comment changed": {f"comment_{pillar_id}": "Good start, slow finish"},
    }[change]
    page = client.post(_open_url(campaign), dict(first) | changed)
    assert page.status_code == 409
    assert "This form was sent before" in page.content.decode()
    response = Response.objects.get()
    assert (response.department, response.role) == (sales, "contributor")
    assert list(PillarComment.objects.values_list("text", flat=True)) == ["Good start"]
    # Unchanged, with the browser's CRLF and spaces around the comment: its own result.
    same = dict(first) | {f"comment_{pillar_id}": "  Good start\r\n"}
    assert client.post(_open_url(campaign), same).url == result_url


@pytest.mark.django_db
def test_a_closed_rounds_open_link_sent_again_with_another_group_shows_no_result(
    client, campaign, sales
):
    first = _valid(campaign, sales)
    result_url = client.post(_open_url(campaign), first).url
    campaign.closes_at = timezone.now() - timedelta(minutes=1)
    campaign.save()
    assert client.post(_open_url(campaign), first).url == result_url  # its reply was lost
    page = client.post(_open_url(campaign), dict(first) | {"role": "manager"})
    assert page.status_code == 410 and result_url not in page.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("digit", ["²", "①", "٣"])
def test_a_used_invitation_sent_again_with_odd_digits_is_not_an_error(client, campaign, digit):
    """ "²".isdigit() is true and int("²") raised: a 500."""
    sales = factories.make_department("Sales")
    issued = services.invitation_issue(
        campaign=campaign, email="a@example.com", department=sales, role="manager"
    )
    url = reverse("questionnaire:invitation", args=[issued.token])
    data = factories.form_data(campaign)
    client.post(url, data)
    page = client.post(url, dict(data) | {k: digit for k in data if k.startswith("q_")})
    assert page.status_code == 410


@pytest.mark.django_db
def test_a_comment_without_a_visible_character_is_not_kept(client, campaign, sales):
    """Zero-width spaces and direction marks were kept, and leaders saw an empty quote."""
    pillar_id = Question.objects.order_by("pk").first().pillar_id
    data = _valid(campaign, sales, **{f"comment_{pillar_id}": "\u200b\u200f \u2060"})
    assert client.post(_open_url(campaign), data).status_code == 302
    assert not PillarComment.objects.exists()
    assert services.comment_as_kept(" \u200bok\r\nthen ") == "\u200bok\nthen"


@pytest.mark.parametrize(
    "blank",
    [
        "\u3164\u115f\u1160\uffa0",  # Hangul fillers
        "\u2800",  # Braille blank
        "\ufe0f\u034f",  # a variation selector, the combining grapheme joiner
        "\u0301 \u20dd",  # accents and an enclosing circle with nothing to sit on
        "\U000e0041\x01",  # a tag character, a control character
    ],
)
def test_other_characters_that_show_nothing_are_no_comment(blank):
    assert services.comment_as_kept(blank) == ""


@pytest.mark.parametrize("text", ["e\u0301", "สวัสดี", "👍🏽", "\u2764\ufe0f", "ㅤㅤ가"])
def test_a_comment_with_something_to_read_is_kept_whole(text):
    # Marks on a letter (Thai vowels, accents), emoji with their modifiers stay.
    assert services.comment_as_kept(text) == text


@pytest.mark.django_db
def test_answers_sent_from_a_form_opened_before_a_reminder_are_saved(client, questions, sales):
    """The reminder's new link made the open form's link unknown: its answers met "page not
    found" and were lost."""
    from django.core import mail

    from questionnaire import tasks

    campaign = factories.make_campaign(reminder_interval_days=2)
    issued = services.invitation_issue(
        campaign=campaign, email="a@example.com", department=sales, role="manager"
    )
    tasks.send_invitations.delay(campaign.pk)
    first_link = re.search(r"/i/[^/\s]+/", mail.outbox[0].body).group(0)
    assert client.get(first_link).status_code == 200  # the form is open
    issued.invitation.__class__.objects.update(sent_at=timezone.now() - timedelta(days=3))
    tasks.send_reminders.delay()
    assert len(mail.outbox) == 2
    sent = client.post(first_link, factories.form_data(campaign))
    assert sent.status_code == 302 and Response.objects.count() == 1
    reminder_link = re.search(r"/i/[^/\s]+/", mail.outbox[1].body).group(0)
    assert client.get(reminder_link).status_code == 410  # used, by either link


@pytest.mark.django_db
def test_an_invitation_keeps_that_it_was_used_not_when(client, campaign, sales):
    """Kept even to the hour, the time matched most invitations (e-mail addresses) to their
    responses by department, role, language and hour: 198 of 209 in the demo's autumn round."""
    issued = services.invitation_issue(
        campaign=campaign, email="a@example.com", department=sales, role="manager"
    )
    url = reverse("questionnaire:invitation", args=[issued.token])
    client.post(url, factories.form_data(campaign))
    issued.invitation.refresh_from_db()
    assert issued.invitation.used
    submitted = Response.objects.get().submitted_at
    kept = [getattr(issued.invitation, f.attname) for f in Invitation._meta.concrete_fields]
    assert submitted not in kept


@pytest.mark.django_db
@pytest.mark.parametrize("key", [None, "", "zzz", "\x00"])
def test_a_form_without_a_usable_one_time_key_is_saved_not_refused(client, campaign, sales, key):
    """A 400 "Please check your answers" named no problem and came back with the same bad key,
    so every later send failed the same way."""
    data = _valid(campaign, sales)
    if key is None:
        del data["submission_key"]
    else:
        data["submission_key"] = key
    assert client.post(_open_url(campaign), data).status_code == 302
    assert Response.objects.count() == 1


# Each process keeps an open link's round for a few seconds
# (selectors.open_link_campaign_for_sending): the first answer below reads it, and the change
# comes after, as an admin's would.


@pytest.mark.django_db
def test_an_answer_sent_just_after_the_round_closed_is_refused_and_not_saved(
    client, campaign, sales
):
    assert client.post(_open_url(campaign), _valid(campaign, sales)).status_code == 302
    Campaign.objects.filter(pk=campaign.pk).update(closed_at=timezone.now())
    page = client.post(_open_url(campaign), _valid(campaign, sales))
    assert page.status_code == 410
    assert "closed" in page.content.decode()
    assert Response.objects.count() == 1


@pytest.mark.django_db
@pytest.mark.parametrize("switch", ["off", "renewed"])
def test_an_answer_sent_just_after_the_open_link_went_is_not_found_and_not_saved(
    client, campaign, sales, switch
):
    url = _open_url(campaign)
    assert client.post(url, _valid(campaign, sales)).status_code == 302
    if switch == "off":
        Campaign.objects.filter(pk=campaign.pk).update(open_link_enabled=False)
    else:
        services.open_links_renew(campaigns=[campaign])
    assert client.post(url, _valid(campaign, sales)).status_code == 404
    assert Response.objects.count() == 1


@pytest.mark.django_db
def test_a_round_reopened_takes_answers_at_once(client, campaign, sales):
    """A copy that says the round is closed is read again before anyone is turned away."""
    Campaign.objects.filter(pk=campaign.pk).update(closed_at=timezone.now())
    assert client.post(_open_url(campaign), _valid(campaign, sales)).status_code == 410
    Campaign.objects.filter(pk=campaign.pk).update(closed_at=None)
    assert client.post(_open_url(campaign), _valid(campaign, sales)).status_code == 302
    assert Response.objects.count() == 1


@pytest.mark.django_db(transaction=True)  # the foreign key is checked when the answer commits
def test_a_department_deleted_while_someone_answered_asks_to_choose_again(
    client, campaign, sales, monkeypatch
):
    from questionnaire import selectors
    from questionnaire.models import Department

    gone = Department.objects.create(name="Pilot team")
    Department.objects.filter(pk=gone.pk).delete()
    # Another process's list, read a moment before the admin deleted the department.
    monkeypatch.setattr(selectors, "departments_kept", lambda: {str(gone.pk): gone})
    page = client.post(_open_url(campaign), _valid(campaign, gone))
    assert page.status_code == 400
    assert "That department was just taken off the list" in page.content.decode()
    assert (Response.objects.count(), Answer.objects.count()) == (0, 0)
    monkeypatch.undo()
    assert client.post(_open_url(campaign), _valid(campaign, sales)).status_code == 302


@pytest.mark.django_db
def test_a_department_deleted_before_this_process_read_its_list_says_so_too(
    client, campaign, sales
):
    """Deleted before the kept list was read, the department failed as Django's "Select a
    valid choice", which the summary did not tie to the department."""
    from questionnaire import selectors
    from questionnaire.models import Department

    gone = Department.objects.create(name="Pilot team")
    form = client.get(_open_url(campaign))  # the page offered it
    assert f'value="{gone.pk}"' in form.content.decode()
    Department.objects.filter(pk=gone.pk).delete()
    selectors.kept_forget()  # this process reads the list afresh, without it
    page = client.post(_open_url(campaign), _valid(campaign, gone))
    assert page.status_code == 400
    text = page.content.decode()
    assert "That department was just taken off the list" in text
    assert "Select a valid choice" not in text
    assert (Response.objects.count(), Answer.objects.count()) == (0, 0)


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["en", "ro", "it", "zh-hans"])
def test_two_comments_too_long_get_two_summary_links_that_name_their_pillars(
    client, campaign, sales, language
):
    """Both links read "Ensure this value has at most 2000 characters": which box was which?"""
    pillars = list(Pillar.objects.order_by("order")[:2])
    data = _valid(campaign, sales) | {f"comment_{p.pk}": "x" * 2005 for p in pillars}
    page = client.post(_open_url(campaign), data, HTTP_ACCEPT_LANGUAGE=language)
    summary = page.content.decode().split('id="error-summary"')[1].split("</ul>")[0]
    links = re.findall(r'<a href="#id_comment_(\d+)">([^<]+)</a>', summary)
    assert page.status_code == 400 and len(links) == 2 and links[0][1] != links[1][1]
    for (pillar_id, text), pillar in zip(links, pillars, strict=True):
        with translation.override(language):
            assert int(pillar_id) == pillar.pk and escape(pillar.local_name) in text
        assert "2005" in text and "2000" in text and "%(" not in text
    assert not Response.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("change", ["switched_off", "renewed"])
def test_answers_sent_to_an_open_link_gone_meanwhile_are_said_not_saved(
    client, campaign, sales, change
):
    """The reply was "This page does not exist. Check the address for a typing slip": nothing
    said the answers were lost, nor what to do."""
    url = _open_url(campaign)
    client.get(url)
    if change == "switched_off":
        Campaign.objects.filter(pk=campaign.pk).update(open_link_enabled=False)
    else:
        services.open_links_renew(campaigns=[campaign])
    selectors._open_links.clear()  # as another process, or a minute later, would read it
    page = client.post(url, _valid(campaign, sales), HTTP_ACCEPT_LANGUAGE="ro")
    html = page.content.decode()
    assert page.status_code == 404
    with translation.override("ro"):
        assert escape(translation.gettext("This link no longer works")) in html
    assert not Response.objects.exists()
    assert client.get(url).status_code == 404  # opening it afresh: the plain "not found"


@pytest.mark.django_db
def test_the_form_says_until_when_it_can_be_answered(client, settings, questions):
    """The form never named its deadline: someone arriving by a shared link learnt it only
    when their answers were refused."""
    settings.TIME_ZONE = "Europe/Bucharest"
    at_midnight = factories.make_campaign(closes_at=timezone.make_aware(datetime(2099, 12, 9)))
    html = client.get(_open_url(at_midnight)).content.decode()
    assert "Please answer by the end of Dec. 8, 2099 (Europe/Bucharest time)." in html
    in_the_afternoon = factories.make_campaign(
        closes_at=timezone.make_aware(datetime(2099, 12, 9, 14, 30))
    )
    html = client.get(_open_url(in_the_afternoon)).content.decode()
    assert "Please answer before Dec. 9, 2099, 2:30 p.m. (Europe/Bucharest time)." in html
    no_end = factories.make_campaign(closes_at=None)
    assert "data-cx-deadline" not in client.get(_open_url(no_end)).content.decode()


@pytest.mark.django_db
def test_a_statement_shown_in_english_for_want_of_a_translation_is_marked_english(
    client, questions
):
    """A Chinese screen reader read the English fallback with a Chinese voice."""
    question = Question.objects.get(key="people-1")
    question.translations.pop("zh-hans", None)
    question.save()
    campaign = factories.make_campaign()
    html = client.get(_open_url(campaign), HTTP_ACCEPT_LANGUAGE="zh-Hans").content.decode()
    assert html.count('<legend class="cx-statement" lang="en">') == 1
    assert f'lang="en">{escape(question.text)}</legend>' in html
    english = client.get(_open_url(campaign), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert 'lang="en">' not in english.split("<main", 1)[1]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "said"), [("it", "Cioè %(when)s"), ("ro", "Adică %(when)s"), ("zh-Hans", "即您")]
)
def test_the_deadline_on_the_readers_own_clock_is_in_their_language(
    client, questions, language, said
):
    """Its msgid holds a %: the template's doubled %% had to be the catalogue's too, or every
    language read English."""
    campaign = factories.make_campaign()
    html = client.get(_open_url(campaign), HTTP_ACCEPT_LANGUAGE=language).content.decode()
    assert f'data-your-time="{said}' in html
