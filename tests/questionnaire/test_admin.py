import re
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone

from questionnaire import services
from questionnaire.models import Campaign, Department, Pillar, PillarComment, Question, Response
from tests import factories


@pytest.mark.django_db
def test_admin_edits_a_question_and_its_translations(admin_client, questions):
    question = Question.objects.get(key="people-1")
    url = reverse("admin:questionnaire_question_change", args=[question.pk])
    form = admin_client.get(url).content.decode()
    assert 'name="text_ro"' in form and 'name="text_zh_hans"' in form
    page = admin_client.post(
        url,
        {
            "pillar": question.pillar_id,
            "key": question.key,
            "order": question.order,
            "text": "We learn about our customers every quarter.",
            "text_ro": "Învățăm despre clienții noștri în fiecare trimestru.",
            "text_it": "",
            "text_zh_hans": "我们每个季度都了解客户。",
            "is_active": "on",
        },
    )
    assert page.status_code == 302
    question.refresh_from_db()
    assert question.text == "We learn about our customers every quarter."
    assert question.translations == {
        "ro": "Învățăm despre clienții noștri în fiecare trimestru.",
        "zh-hans": "我们每个季度都了解客户。",
    }


LANGUAGE_KEYS = (("ro", "ro"), ("it", "it"), ("zh_hans", "zh-hans"))  # field suffix, stored key


@pytest.mark.django_db
def test_changing_only_the_english_statement_warns_about_its_translations(admin_client, questions):
    question = Question.objects.get(key="people-1")
    url = reverse("admin:questionnaire_question_change", args=[question.pk])
    form = admin_client.get(url).content.decode()
    assert "Statement (Romanian)" in form  # labelled like the English field, capital first
    unchanged = {f"text_{c}": question.translations.get(k, "") for c, k in LANGUAGE_KEYS}
    post = {**_question_post(question, question.pillar_id), **unchanged}
    page = admin_client.post(url, post | {"text": "New English wording."}, follow=True)
    assert "these translations did not: Romanian, Italian, Simplified Chinese" in (
        page.content.decode()
    )
    one = post | {"text": "Newer wording.", "text_it": "Nuova formulazione."}
    page = admin_client.post(url, one, follow=True)
    assert "these translations did not: Romanian, Simplified Chinese." in page.content.decode()
    every = one | {"text": "Newest.", "text_ro": "Cea mai nouă.", "text_zh_hans": "最新。"}
    every["text_it"] = "La più nuova."
    page = admin_client.post(url, every, follow=True)
    assert "translations did not" not in page.content.decode()


@pytest.mark.django_db
def test_rewording_an_answered_question_says_it_will_not_be_compared(
    admin_client, campaign, sales, questions
):
    """Reports compare a question between rounds only in the same words; the admin who turned a
    statement round was told only about its translations."""
    question = Question.objects.get(key="processes-2")
    url = reverse("admin:questionnaire_question_change", args=[question.pk])
    same = {f"text_{c}": question.translations.get(k, "") for c, k in LANGUAGE_KEYS}
    post = {**_question_post(question, question.pillar_id), **same, "text": "Turned round."}
    warning = "Reports will not compare it between those rounds"
    assert warning not in admin_client.post(url, post, follow=True).content.decode()  # unanswered
    factories.make_responses(campaign, sales, 1)
    page = admin_client.post(url, post | {"text": "Turned round again."}, follow=True)
    assert warning in " ".join(page.content.decode().split())


@pytest.mark.django_db
def test_renaming_an_answered_department_says_past_rounds_follow(admin_client, campaign, sales):
    """ "Customer Support" renamed "Support Americas" for a split: every past round then showed
    the whole old team under the new name, compared like for like with half of it."""
    url = reverse("admin:questionnaire_department_change", args=[sales.pk])
    advice = "For a team split, merged or made anew, add a new department instead."
    assert advice in admin_client.get(url).content.decode()  # beside the name, before saving
    saved = admin_client.post(url, {"name": "Sales EMEA"}, follow=True).content.decode()
    assert 'class="warning"' not in saved  # nobody has answered for it yet
    factories.make_responses(campaign, sales, 1)
    saved = admin_client.post(url, {"name": "Sales Europe"}, follow=True).content.decode()
    assert re.search(r'<li class="warning">[^<]*' + re.escape(advice), saved)


@pytest.mark.django_db
def test_language_names_inside_labels_and_sentences_follow_the_languages_case(
    admin_client, questions, settings
):
    """Italian wrote "inglese" in a sentence beside "Rumeno" in the labels next to it."""
    admin_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "it"
    question = Question.objects.get(key="people-1")
    url = reverse("admin:questionnaire_question_change", args=[question.pk])
    form = admin_client.get(url).content.decode()
    assert "(rumeno)" in form and "(cinese semplificato)" in form and "Rumeno" not in form
    unchanged = {f"text_{c}": question.translations.get(k, "") for c, k in LANGUAGE_KEYS}
    post = {**_question_post(question, question.pillar_id), **unchanged, "text": "New wording."}
    page = admin_client.post(url, post, follow=True).content.decode()
    assert "rumeno, italiano, cinese semplificato" in page


@pytest.mark.django_db
def test_editing_a_question_says_which_coming_rounds_will_ask_the_new_wording(
    admin_client, campaign
):
    coming = services.campaign_create(
        name="Spring round", opens_at=timezone.now() + timedelta(days=20)
    )
    question = Question.objects.get(key="people-1")
    url = reverse("admin:questionnaire_question_change", args=[question.pk])
    post = _question_post(question, question.pillar_id) | {"text": "Sharper wording."}
    page = admin_client.post(url, post, follow=True).content.decode()
    assert "Campaigns not yet open will ask the questions as they are now: Spring round." in page
    asked = coming.campaign_questions.get(question=question)
    assert asked.wording["en"] == "Sharper wording."
    assert campaign.campaign_questions.get(question=question).wording["en"] != "Sharper wording."
    page = admin_client.get(reverse("admin:questionnaire_campaign_change", args=[coming.pk]))
    assert "until the campaign opens, they follow edits to the questions" in page.content.decode()


def _question_post(question, pillar_id):
    return {
        "pillar": pillar_id,
        "key": question.key,
        "order": question.order,
        "text": question.text,
        "text_ro": "",
        "text_it": "",
        "text_zh_hans": "",
        "is_active": "on",
    }


@pytest.mark.django_db
def test_an_answered_question_cannot_move_to_another_pillar(admin_client, campaign, sales):
    """Its answers would count towards another pillar in rounds already run."""
    factories.make_response(campaign, sales, (4,) * 15)
    question = Question.objects.get(key="people-1")
    elsewhere = Pillar.objects.exclude(pk=question.pillar_id).first()
    url = reverse("admin:questionnaire_question_change", args=[question.pk])
    page = admin_client.post(url, _question_post(question, elsewhere.pk))
    assert page.status_code == 200
    assert "would change past results" in page.content.decode()
    question.refresh_from_db()
    assert question.pillar_id != elsewhere.pk


@pytest.mark.django_db
def test_a_question_nobody_answered_can_move_to_another_pillar(admin_client, questions):
    question = Question.objects.get(key="people-1")
    elsewhere = Pillar.objects.exclude(pk=question.pillar_id).first()
    url = reverse("admin:questionnaire_question_change", args=[question.pk])
    assert admin_client.post(url, _question_post(question, elsewhere.pk)).status_code == 302
    question.refresh_from_db()
    assert question.pillar_id == elsewhere.pk


@pytest.mark.django_db
def test_campaign_created_in_admin_freezes_current_wording(admin_client, questions):
    page = admin_client.post(
        reverse("admin:questionnaire_campaign_add"),
        {
            "name": "Winter round",
            "opens_at_0": "2026-01-05",
            "opens_at_1": "09:00:00",
            "closes_at_0": "2026-01-30",
            "closes_at_1": "17:00:00",
            "anonymity_threshold": 5,
            "comment_threshold": 10,
            "open_link_enabled": "on",
            "campaign_questions-TOTAL_FORMS": 0,
            "campaign_questions-INITIAL_FORMS": 0,
        },
    )
    assert page.status_code == 302, page.content.decode()[:2000]
    campaign = Campaign.objects.get(name="Winter round")
    assert campaign.campaign_questions.count() == 15


def _campaign_add(admin_client, name: str, **fields):
    form = {
        "name": name,
        "opens_at_0": "2026-01-05",
        "opens_at_1": "09:00:00",
        "anonymity_threshold": 5,
        "comment_threshold": 10,
        "campaign_questions-TOTAL_FORMS": 0,
        "campaign_questions-INITIAL_FORMS": 0,
    }
    return admin_client.post(reverse("admin:questionnaire_campaign_add"), form | fields)


@pytest.mark.parametrize(
    ("fields", "said"),
    [
        ({"anonymity_threshold": 2}, "greater than or equal to 3"),
        # A huge interval put the reminder job's dates out of range (SQLite keeps any integer).
        ({"reminder_interval_days": 1_000_000}, "less than or equal to 365"),
    ],
)
@pytest.mark.django_db
def test_admin_refuses_out_of_range_settings_and_saves_nothing(
    admin_client, questions, fields, said
):
    page = _campaign_add(admin_client, "Refused", **fields)
    assert page.status_code == 200
    assert said in page.content.decode()
    assert not Campaign.objects.filter(name="Refused").exists()


@pytest.mark.django_db
def test_admin_refuses_a_round_while_no_question_is_active(admin_client, questions):
    Question.objects.update(is_active=False)
    page = _campaign_add(admin_client, "Nothing to ask")
    assert page.status_code == 200
    assert "There is no active question to ask." in page.content.decode()
    assert not Campaign.objects.filter(name="Nothing to ask").exists()


@pytest.mark.django_db
def test_campaign_list_shows_a_copyable_open_link(admin_client, campaign):
    html = admin_client.get(reverse("admin:questionnaire_campaign_changelist")).content.decode()
    assert campaign.get_open_link_path() in html


@pytest.mark.django_db
def test_responses_are_read_only_and_not_linked_to_invitations(admin_client, campaign, sales):
    from questionnaire import services

    issued = services.invitation_issue(
        campaign=campaign, email="a@example.com", department=sales, role="manager"
    )
    response = factories.make_response(campaign, sales)
    change = admin_client.get(reverse("admin:questionnaire_response_change", args=[response.pk]))
    html = change.content.decode()
    assert change.status_code == 200
    assert "a@example.com" not in html and issued.invitation.token_hash not in html
    assert 'name="_save"' not in html  # view only
    assert admin_client.get(reverse("admin:questionnaire_response_add")).status_code == 403
    invitations = admin_client.get(
        reverse("admin:questionnaire_invitation_changelist")
    ).content.decode()
    assert str(response.pk) not in invitations


@pytest.mark.django_db
def test_pillar_admin_shows_questions_inline_in_order(admin_client, questions):
    pillar = Pillar.objects.get(slug="strategy")
    html = admin_client.get(
        reverse("admin:questionnaire_pillar_change", args=[pillar.pk])
    ).content.decode()
    keys = [q.key for q in pillar.questions.order_by("order")]
    positions = [html.index(f"<p>{key}</p>") for key in keys]
    assert positions == sorted(positions)
    assert 'name="recommendations_it"' in html


@pytest.mark.django_db
def test_questions_are_worded_and_deleted_on_their_own_page_not_in_the_pillars(
    admin_client, campaign, sales
):
    """Deleted from the pillar's list, an answered question got Django's refusal naming every
    answer ("answer to question 1" 400 times, 47 KB, growing with every response); its wording
    changed there skipped the warning about translations left behind."""
    factories.make_responses(campaign, sales, 3)
    question = Question.objects.order_by("pillar__order", "order").first()
    html = admin_client.get(
        reverse("admin:questionnaire_pillar_change", args=[question.pillar_id])
    ).content.decode()
    assert "DELETE" not in html and "__prefix__" not in html  # no delete box, no empty row
    assert 'name="questions-0-text"' not in html  # read here, edited on the question's page
    assert reverse("admin:questionnaire_question_change", args=[question.pk]) in html
    assert 'name="questions-0-order"' in html and 'name="questions-0-is_active"' in html
    delete_page = admin_client.get(
        reverse("admin:questionnaire_question_delete", args=[question.pk])
    ).content.decode()
    assert "Answers: 3" in delete_page and len(delete_page) < 20_000


@pytest.mark.django_db
def test_a_response_in_the_admin_shows_neither_its_answers_nor_its_comments(
    admin_client, campaign, sales
):
    """One person in a department and role: the invitation list names them, so the admin must
    not show what they answered (the privacy page promises as much)."""
    response = factories.make_response(campaign, sales, (2,) * 15)
    first = response.answers.select_related("question__pillar").first()
    PillarComment.objects.create(
        response=response,
        campaign=campaign,
        department=sales,
        pillar=first.question.pillar,
        text="A very telling remark",
    )
    html = admin_client.get(
        reverse("admin:questionnaire_response_change", args=[response.pk])
    ).content.decode()
    assert "A very telling remark" not in html
    for answer in response.answers.select_related("question"):
        assert answer.question.text not in html
    # The confirmation pages (one response, and "delete selected") say how many answers and
    # comments go, never what they say.
    delete_url = reverse("admin:questionnaire_response_delete", args=[response.pk])
    confirm = admin_client.get(delete_url).content.decode()
    bulk = admin_client.post(
        reverse("admin:questionnaire_response_changelist"),
        {"action": "delete_selected", "_selected_action": [response.pk]},
    ).content.decode()
    for page in (confirm, bulk):
        assert "A very telling remark" not in page and "Answers: 15" in page
        assert re.search(r"\d+: 2<", page) is None  # an answer as "question: value"
        assert str(response) in page
        # Results are live: a report read before and one read after give the answers away.
        assert "can work out the deleted answers" in page
    deleted = admin_client.post(delete_url, {"post": "yes"})
    assert deleted.status_code == 302 and not campaign.responses.exists()


@pytest.mark.django_db
def test_a_later_end_date_reopens_a_closed_campaign(admin_client, client, questions):
    now = timezone.now()
    campaign = factories.make_campaign(opens_at=now - timedelta(days=9), closes_at=now)
    Campaign.objects.filter(pk=campaign.pk).update(closed_at=now)  # as beat records it
    campaign.refresh_from_db()
    assert client.get(campaign.get_open_link_path()).status_code == 410
    later = timezone.localtime(now + timedelta(days=7))
    page = admin_client.post(
        reverse("admin:questionnaire_campaign_change", args=[campaign.pk]),
        factories.campaign_admin_form(campaign, closes_at_0=later.strftime("%Y-%m-%d")),
    )
    assert page.status_code == 302, page.content.decode()[:2000]
    campaign.refresh_from_db()
    assert campaign.closed_at is None and campaign.is_open()
    assert client.get(campaign.get_open_link_path()).status_code == 200


@pytest.mark.django_db
def test_a_round_cannot_be_given_an_end_before_its_last_answer(admin_client, campaign, sales):
    """Reports would say it closed before answers they count."""
    response = factories.make_response(campaign, sales, (4,) * 15)
    last = timezone.localtime(response.submitted_at)
    url = reverse("admin:questionnaire_campaign_change", args=[campaign.pk])
    early = last - timedelta(hours=2)
    post = factories.campaign_admin_form(
        campaign, closes_at_0=early.strftime("%Y-%m-%d"), closes_at_1=early.strftime("%H:%M:%S")
    )
    page = admin_client.post(url, post)
    assert page.status_code == 200
    assert "Answers arrived until" in page.content.decode()
    assert Campaign.objects.get(pk=campaign.pk).closes_at == campaign.closes_at
    end = last.replace(second=0, microsecond=0) + timedelta(minutes=1)  # the time it names
    post |= {"closes_at_0": end.strftime("%Y-%m-%d"), "closes_at_1": end.strftime("%H:%M:%S")}
    assert admin_client.post(url, post).status_code == 302
    assert Campaign.objects.get(pk=campaign.pk).closes_at == end


@pytest.mark.django_db
def test_a_closed_campaign_saved_unchanged_stays_closed(admin_client, questions):
    now = timezone.now()
    campaign = factories.make_campaign(
        opens_at=now - timedelta(days=9), closes_at=now + timedelta(days=3)
    )
    Campaign.objects.filter(pk=campaign.pk).update(closed_at=now)  # closed early by hand
    campaign.refresh_from_db()
    page = admin_client.post(
        reverse("admin:questionnaire_campaign_change", args=[campaign.pk]),
        factories.campaign_admin_form(campaign, name="Renamed"),
    )
    assert page.status_code == 302
    campaign.refresh_from_db()
    assert campaign.closed_at is not None and campaign.name == "Renamed"


@pytest.mark.django_db
@pytest.mark.parametrize("year", ["0001", "9999"])
def test_admin_refuses_a_mistyped_year(admin_client, questions, year):
    campaign = factories.make_campaign()
    page = admin_client.post(
        reverse("admin:questionnaire_campaign_change", args=[campaign.pk]),
        factories.campaign_admin_form(campaign, opens_at_0=f"{year}-01-05"),
    )
    assert page.status_code == 200
    assert "Choose a date between 2000 and 2100" in page.content.decode()
    campaign.refresh_from_db()
    assert campaign.opens_at.year != int(year)


@pytest.mark.django_db
@pytest.mark.parametrize("field", ["text", "text_it"])
def test_admin_refuses_a_statement_that_turns_text_around(admin_client, questions, field):
    """Statements stand inside sentences too ("Colleagues answer “…” all across the scale")."""
    question = Question.objects.get(key="people-1")
    url = reverse("admin:questionnaire_question_change", args=[question.pk])
    post = _question_post(question, question.pillar_id) | {field: "We act\u202e on feedback."}
    page = admin_client.post(url, post)
    assert page.status_code == 200
    assert "text-direction characters" in page.content.decode()
    question.refresh_from_db()
    assert "\u202e" not in question.text + str(question.translations)


@pytest.mark.django_db
def test_admin_refuses_a_pillar_name_that_turns_text_around(admin_client, questions):
    """The answer form read "Anything to add about Lead‮ership …?", the rest reversed."""
    pillar = Pillar.objects.get(slug="leadership")
    url = reverse("admin:questionnaire_pillar_change", args=[pillar.pk])
    form = {
        "slug": pillar.slug,
        "order": pillar.order,
        "name": "Lead\u202eership",
        "description": pillar.description,
        "recommendations": pillar.recommendations,
    }
    form |= {
        f"{f}_{c}": ""
        for f in ("name", "description", "recommendations")
        for c, _k in LANGUAGE_KEYS
    }
    page = admin_client.post(url, form)
    assert page.status_code == 200
    assert "text-direction characters" in page.content.decode()
    pillar.refresh_from_db()
    assert pillar.name == "Leadership"


@pytest.mark.django_db
@pytest.mark.parametrize("control", ["\u202e", "\u2067"])
def test_admin_refuses_a_department_name_that_turns_text_around(admin_client, control):
    """Shown inside sentences ("Legal: fewer than 5 answers"), an unclosed right-to-left
    override would reverse everything after the name."""
    page = admin_client.post(
        reverse("admin:questionnaire_department_add"), {"name": f"Legal{control}"}
    )
    assert page.status_code == 200
    assert "text-direction characters" in page.content.decode()
    assert not Department.objects.exists()
    assert (
        admin_client.post(
            reverse("admin:questionnaire_department_add"), {"name": "משפטי"}
        ).status_code
        == 302
    )  # right-to-left letters themselves are fine


@pytest.mark.django_db
def test_responses_of_a_closed_round_cannot_be_deleted(admin_client, campaign, sales):
    """A deletion after the close changes which groups are shown: a report read before and one
    read after could then be subtracted (an exploratory round recovered four people that way)."""
    response = factories.make_response(campaign, sales)
    Campaign.objects.filter(pk=campaign.pk).update(closed_at=timezone.now())
    delete_url = reverse("admin:questionnaire_response_delete", args=[response.pk])
    for reply in (
        admin_client.get(delete_url, follow=True),
        admin_client.post(delete_url, {"post": "yes"}, follow=True),
        admin_client.post(
            reverse("admin:questionnaire_response_changelist"),
            {"action": "delete_selected", "_selected_action": [response.pk], "post": "yes"},
            follow=True,
        ),
    ):
        assert "results are final" in reply.content.decode()
    assert campaign.responses.count() == 1


def _delete_refused(admin_client, response) -> bool:
    page = admin_client.post(
        reverse("admin:questionnaire_response_changelist"),
        {"action": "delete_selected", "_selected_action": [response.pk], "post": "yes"},
        follow=True,
    )
    return "results are final" in page.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("closed_by", ["the job", "its end date alone"])
def test_a_round_opened_again_keeps_the_responses_it_held_undeletable(
    admin_client, questions, sales, closed_by
):
    """Reopen, delete, close again: the round ended with one response fewer than its final
    results, the very comparison the rule is there to stop (found by an exploratory admin)."""
    now = timezone.now()
    campaign = factories.make_campaign(opens_at=now - timedelta(days=9))
    response = factories.make_response(campaign, sales)
    Campaign.objects.filter(pk=campaign.pk).update(closes_at=now)  # the end date passes
    if closed_by == "the job":
        assert services.campaigns_close_due(now=now) == 1
    campaign.refresh_from_db()
    later = timezone.localtime(now + timedelta(days=7))
    page = admin_client.post(
        reverse("admin:questionnaire_campaign_change", args=[campaign.pk]),
        factories.campaign_admin_form(campaign, closes_at_0=later.strftime("%Y-%m-%d")),
    )
    assert page.status_code == 302
    campaign.refresh_from_db()
    assert campaign.is_open() and campaign.closed_once
    assert _delete_refused(admin_client, response)
    delete_url = reverse("admin:questionnaire_response_delete", args=[response.pk])
    assert "results are final" in admin_client.get(delete_url, follow=True).content.decode()
    assert campaign.responses.count() == 1


@pytest.mark.django_db
def test_a_running_round_that_never_closed_still_lets_a_response_be_deleted(
    admin_client, campaign, sales
):
    response = factories.make_response(campaign, sales)
    assert not _delete_refused(admin_client, response)
    assert not campaign.responses.exists()


@pytest.mark.django_db
def test_a_round_with_answers_cannot_open_later_but_may_open_earlier(
    admin_client, questions, sales
):
    """Moved a week on, a round with answers read "not open yet · 10 people answered", and the
    round it is compared with changed."""
    now = timezone.now()
    campaign = factories.make_campaign(
        opens_at=now - timedelta(days=2), closes_at=now + timedelta(days=30)
    )
    factories.make_response(campaign, sales)
    change_url = reverse("admin:questionnaire_campaign_change", args=[campaign.pk])
    later = timezone.localtime(now + timedelta(days=7))
    page = admin_client.post(
        change_url, factories.campaign_admin_form(campaign, opens_at_0=later.strftime("%Y-%m-%d"))
    )
    assert page.status_code == 200
    assert "A round cannot open later once answers have arrived" in page.content.decode()
    assert Campaign.objects.get(pk=campaign.pk).opens_at == campaign.opens_at
    earlier = timezone.localtime(now - timedelta(days=5))
    page = admin_client.post(
        change_url, factories.campaign_admin_form(campaign, opens_at_0=earlier.strftime("%Y-%m-%d"))
    )
    assert page.status_code == 302
    assert Campaign.objects.get(pk=campaign.pk).opens_at.date() == earlier.date()


@pytest.mark.django_db
def test_emptying_a_closed_rounds_end_date_says_how_to_open_it_again(admin_client, questions):
    """Saved, the round stayed closed with no end date shown and no word why."""
    now = timezone.now()
    campaign = factories.make_campaign(opens_at=now - timedelta(days=9), closes_at=now)
    services.campaigns_close_due(now=now)
    campaign.refresh_from_db()
    page = admin_client.post(
        reverse("admin:questionnaire_campaign_change", args=[campaign.pk]),
        factories.campaign_admin_form(campaign, closes_at_0="", closes_at_1=""),
    )
    assert page.status_code == 200
    assert "give it an end date in the future" in page.content.decode()
    assert Campaign.objects.get(pk=campaign.pk).closes_at == campaign.closes_at


@pytest.mark.django_db
def test_admin_gives_a_leaked_open_link_a_new_address(admin_client, client, campaign, sales):
    old_url = campaign.get_open_link_path()
    data = factories.form_data(campaign, department=str(sales.pk), role="contributor")
    result_url = client.post(old_url, data).url
    page = admin_client.post(
        reverse("admin:questionnaire_campaign_changelist"),
        {"action": "open_link_renew", "_selected_action": [campaign.pk]},
        follow=True,
    )
    assert "1 campaign has a new open link." in page.content.decode()
    campaign.refresh_from_db()
    assert campaign.get_open_link_path() != old_url
    assert client.get(old_url).status_code == 404
    assert client.get(campaign.get_open_link_path()).status_code == 200
    assert client.get(result_url).status_code == 200  # answers given through it are kept


@pytest.mark.django_db
def test_no_round_may_open_before_one_whose_comparison_it_would_change(
    admin_client, questions, sales
):
    """Round 4, answered, moved to open a minute before round 3: round 3's comparison page then
    read "Each group against Round 4", a later round, and round 4's changed too."""
    now = timezone.now()
    autumn = factories.make_campaign(name="Autumn", opens_at=now - timedelta(days=60))
    spring = factories.make_campaign(name="Spring", opens_at=now - timedelta(days=20))
    summer = factories.make_campaign(name="Summer", opens_at=now - timedelta(days=2))
    for campaign in (autumn, spring, summer):
        factories.make_response(campaign, sales)

    def moved(campaign, when):
        day = timezone.localtime(when).strftime("%Y-%m-%d")
        url = reverse("admin:questionnaire_campaign_change", args=[campaign.pk])
        return admin_client.post(url, factories.campaign_admin_form(campaign, opens_at_0=day))

    page = moved(summer, now - timedelta(days=25))
    assert page.status_code == 200
    assert "Opening before “Spring” would change which round is compared" in page.content.decode()
    assert Campaign.objects.get(pk=summer.pk).opens_at == summer.opens_at
    assert moved(summer, now - timedelta(days=10)).status_code == 302  # still after Spring

    # A new round dated back before an answered one would become that one's "last round".
    add = reverse("admin:questionnaire_campaign_add")
    earlier = timezone.localtime(now - timedelta(days=30)).strftime("%Y-%m-%d")
    trial = Campaign(name="Trial", opens_at=now, closes_at=now + timedelta(days=30))
    page = admin_client.post(add, factories.campaign_admin_form(trial, opens_at_0=earlier))
    assert "Opening before “Spring”" in page.content.decode()
    assert not Campaign.objects.filter(name="Trial").exists()


def _text(client, url) -> str:
    return client.get(url).content.decode()


def _text_post(client, url, data) -> str:
    return client.post(url, data).content.decode()


@pytest.mark.django_db
def test_a_trial_round_is_left_out_of_comparisons(admin_client, questions, sales):
    """A test round run before the real one became its "last round": every group read "not
    compared", and once the test round had closed it could no longer be deleted."""
    now = timezone.now()
    autumn = factories.make_campaign(name="Autumn", opens_at=now - timedelta(days=60))
    trial = factories.make_campaign(name="Test, please ignore", opens_at=now - timedelta(days=9))
    spring = factories.make_campaign(name="Spring", opens_at=now - timedelta(days=2))
    for campaign in (autumn, trial, spring):
        factories.make_responses(campaign, sales, 5)
    compare = reverse("reports:comparison", args=[spring.pk])
    assert "Each group against <strong>Test, please ignore</strong>" in _text(admin_client, compare)

    trial.compared_with_later_rounds = False
    page = admin_client.post(
        reverse("admin:questionnaire_campaign_change", args=[trial.pk]),
        factories.campaign_admin_form(trial),
    )
    assert page.status_code == 302
    # At once: the snapshot's version names the previous round.
    assert "Each group against <strong>Autumn</strong>" in _text(admin_client, compare)
    # A new trial round may be dated back before answered rounds: it changes no comparison.
    back = Campaign(
        name="Old trial", opens_at=now - timedelta(days=90), closes_at=now + timedelta(days=3)
    )
    back.compared_with_later_rounds = False
    assert (
        admin_client.post(
            add := reverse("admin:questionnaire_campaign_add"), factories.campaign_admin_form(back)
        ).status_code
        == 302
    )
    back.compared_with_later_rounds = True
    back.name = "Old real round"
    assert "Opening before “Autumn”" in _text_post(
        admin_client, add, factories.campaign_admin_form(back)
    )


def test_renewing_a_switched_off_open_link_does_not_ask_to_share_it(admin_client, questions):
    """ "2 campaigns have a new open link. Share them again" when one had its link off."""
    shared = factories.make_campaign(name="Shared round")
    off = factories.make_campaign(name="Invitations only", open_link_enabled=False)
    page = admin_client.post(
        reverse("admin:questionnaire_campaign_changelist"),
        {"action": "open_link_renew", "_selected_action": [shared.pk, off.pk]},
        follow=True,
    ).content.decode()
    assert "1 campaign has a new open link." in page
    assert "The open link is switched off in Invitations only" in page
    old_key = off.open_link_key
    off.refresh_from_db()
    assert off.open_link_key != old_key  # renewed too, ready for when it is switched on


@pytest.mark.django_db
def test_the_campaign_list_gives_short_dates_and_still_sorts_by_them(admin_client, questions):
    """Three long dates ("Giovedì 12 Novembre 2026 06:21") pushed the list off a 1280 screen."""
    from datetime import UTC, datetime

    early = factories.make_campaign(name="Early", opens_at=datetime(2026, 3, 2, 9, 0, tzinfo=UTC))
    factories.make_campaign(name="Late", opens_at=datetime(2026, 9, 1, 9, 0, tzinfo=UTC))
    early.open_link_enabled = False
    early.save()
    url = reverse("admin:questionnaire_campaign_changelist")
    html = admin_client.get(url, {"o": "2"}).content.decode()
    assert "2026-03-02 09:00" in html and "March 2, 2026" not in html  # not 03/02: 3 February?
    assert html.index("Early") < html.index("Late")
    html = admin_client.get(url, {"o": "-2"}).content.decode()
    assert html.index("Late") < html.index("Early")


@pytest.mark.django_db
def test_a_rounds_page_shows_the_wording_it_asked_not_the_questions_current_one(
    admin_client, campaign
):
    """The current text stood beside the frozen one, and nothing said which was asked."""
    question = campaign.campaign_questions.order_by("position").first().question
    asked = question.text
    question.text = "Reworded after the round began."
    question.save()
    html = admin_client.get(
        reverse("admin:questionnaire_campaign_change", args=[campaign.pk])
    ).content.decode()
    assert asked in html and "Reworded after the round began." not in html
    assert "Wording in this round" in html and question.key in html


@pytest.mark.django_db
def test_a_campaign_with_many_invitations_is_deleted_in_few_queries(
    campaign, sales, django_assert_max_num_queries
):
    """A delete signal on invitations made Django delete them one by one, each with an UPDATE
    of the campaign: 20,000 of them took 20 seconds, past the server's timeout."""
    from questionnaire import services

    people = [
        {"email": f"p{n}@example.com", "department": sales, "role": "contributor", "language": "en"}
        for n in range(200)
    ]
    services.invitations_issue(campaign=campaign, people=people)
    with django_assert_max_num_queries(30):
        campaign.delete()
    assert not Campaign.objects.exists()


@pytest.mark.django_db
def test_an_invitation_stays_in_its_round_when_edited(admin_client, campaign, sales, questions):
    from questionnaire import services
    from questionnaire.models import Invitation

    other = factories.make_campaign(name="Other round")
    issued = services.invitation_issue(
        campaign=campaign, email="a@example.com", department=sales, role="contributor"
    )
    url = reverse("admin:questionnaire_invitation_change", args=[issued.invitation.pk])
    form = {"email": "a@example.com", "campaign": other.pk, "department": sales.pk}
    admin_client.post(url, form | {"role": "contributor", "language": "en"})
    assert Invitation.objects.get().campaign == campaign


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("FIRST@Example.com", "already goes to this address"),  # one person, two links
        ("first@ｅxample.com", "already goes to this address"),  # full-width "e"
        (f"person@{'ü' * 60}.de", "No e-mail can be sent"),  # over 63 once in punycode
    ],
)
def test_a_corrected_address_meets_the_imports_rules(admin_client, campaign, sales, typed, message):
    from questionnaire import services
    from questionnaire.models import Invitation

    for email in ("first@example.com", "second@example.com"):
        services.invitation_issue(
            campaign=campaign, email=email, department=sales, role="contributor"
        )
    second = Invitation.objects.get(email="second@example.com")
    url = reverse("admin:questionnaire_invitation_change", args=[second.pk])
    form = {"department": sales.pk, "role": "contributor", "language": "en"}

    page = admin_client.post(url, form | {"email": typed})
    assert page.status_code == 200 and message in page.content.decode()
    assert Invitation.objects.get(pk=second.pk).email == "second@example.com"

    page = admin_client.post(url, form | {"email": " Fixed@Example.com "})
    assert page.status_code == 302
    assert Invitation.objects.get(pk=second.pk).email == "fixed@example.com"


@pytest.mark.django_db
def test_staff_who_may_only_view_campaigns_cannot_renew_links_or_send_invitations(
    client, campaign, sales, django_capture_on_commit_callbacks
):
    from django.contrib.auth.models import Permission
    from django.core import mail

    from questionnaire import services

    services.invitation_issue(
        campaign=campaign, email="a@example.com", department=sales, role="contributor"
    )
    viewer = get_user_model().objects.create_user(
        "viewer", password="pw-1-for-tests", is_staff=True
    )
    viewer.user_permissions.add(Permission.objects.get(codename="view_campaign"))
    client.force_login(viewer)
    key = campaign.open_link_key
    for action in ("open_link_renew", "email_invitations"):
        with django_capture_on_commit_callbacks(execute=True):
            client.post(
                reverse("admin:questionnaire_campaign_changelist"),
                {"action": action, "_selected_action": [campaign.pk]},
            )
    campaign.refresh_from_db()
    assert campaign.open_link_key == key
    assert mail.outbox == []


@pytest.mark.django_db
@pytest.mark.parametrize("kind", ["campaign", "department", "question"])
def test_deleting_what_answers_protect_is_refused_with_counts_in_few_queries(
    admin_client, campaign, sales, kind, django_assert_max_num_queries
):
    """Django named each protecting response, a query each: a campaign with 100,000 responses
    timed out after 60 s on this page."""
    factories.make_responses(campaign, sales, 120)
    target = {
        "campaign": campaign,
        "department": sales,
        "question": Question.objects.order_by("pk").first(),
    }[kind]
    url = reverse(f"admin:questionnaire_{kind}_delete", args=[target.pk])
    with django_assert_max_num_queries(20):
        page = admin_client.get(url)
    html = page.content.decode()
    counted = {
        "campaign": "Responses: 120",
        "department": "Responses: 120",
        "question": "Answers: 120",
    }
    assert page.status_code == 200 and counted[kind] in html
    assert str(campaign.responses.first()) not in html  # counted, not named one by one
    admin_client.post(url, {"post": "yes"})
    assert type(target).objects.filter(pk=target.pk).exists()


@pytest.mark.django_db
def test_a_deletion_names_a_hundred_objects_and_counts_the_rest(admin_client, questions):
    from questionnaire import services
    from questionnaire.models import Invitation

    round_ = factories.make_campaign()
    sales = factories.make_department("Sales")
    services.invitations_issue(
        campaign=round_,
        people=[
            {
                "email": f"p{i:03d}@example.com",
                "department": sales,
                "role": "contributor",
                "language": "",
            }
            for i in range(150)
        ],
    )
    url = reverse("admin:questionnaire_campaign_delete", args=[round_.pk])
    html = admin_client.get(url).content.decode()
    # Under the campaign: its 15 questions as asked, then invitations up to a hundred lines.
    assert "p084@example.com" in html and "p085@example.com" not in html
    assert "… and 65 more" in html and "Invitations: 150" in html
    assert admin_client.post(url, {"post": "yes"}).status_code == 302
    assert not Invitation.objects.exists() and not Campaign.objects.filter(pk=round_.pk).exists()


@pytest.mark.django_db
def test_deleting_many_responses_names_a_hundred_and_counts_answers(
    admin_client, campaign, sales, django_assert_max_num_queries
):
    chosen = factories.make_responses(campaign, sales, 130)
    changelist = reverse("admin:questionnaire_response_changelist")
    action = {"action": "delete_selected", "_selected_action": [r.pk for r in chosen]}
    with django_assert_max_num_queries(25):
        html = admin_client.post(changelist, action).content.decode()
    assert "… and 30 more" in html and "Answers: 1950" in html
    assert html.count(str(chosen[0])) <= 101  # a hundred names (and perhaps the title)
    admin_client.post(changelist, action | {"post": "yes"})
    assert not campaign.responses.exists()


@pytest.mark.django_db
def test_a_delete_page_counts_what_blocks_it_only_for_those_who_may_see_it(client, campaign, sales):
    """Someone allowed to delete departments but not to see responses read "Responses: 1" on
    the delete page of a department the reports keep hidden."""
    from django.contrib.auth.models import Permission, User

    factories.make_responses(campaign, sales, 1)
    editor = User.objects.create_user("editor", password="pw-editor-123", is_staff=True)
    editor.user_permissions.add(
        *Permission.objects.filter(codename__in=["view_department", "delete_department"])
    )
    client.force_login(editor)
    url = reverse("admin:questionnaire_department_delete", args=[sales.pk])
    html = client.get(url).content.decode()
    assert "<li>Responses</li>" in html and "Responses: 1" not in html
    editor.user_permissions.add(Permission.objects.get(codename="view_response"))
    editor = User.objects.get(pk=editor.pk)  # permissions are cached per user object
    client.force_login(editor)
    assert "Responses: 1" in client.get(url).content.decode()


@pytest.mark.django_db
def test_the_campaign_list_and_page_cost_the_same_queries_however_many_rows(
    admin_client, questions, sales
):
    """A COUNT per campaign in the list, a question lookup per row of the questions asked."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def queries(url: str) -> int:
        admin_client.get(url)  # content types and the like, cached after a first request
        with CaptureQueriesContext(connection) as captured:
            assert admin_client.get(url).status_code == 200
        return len(captured)

    def change(campaign) -> str:
        return reverse("admin:questionnaire_campaign_change", args=[campaign.pk])

    fifteen = factories.make_campaign(name="All questions")
    factories.make_responses(fifteen, sales, 6)
    changelist = reverse("admin:questionnaire_campaign_changelist")
    one_campaign = queries(changelist)
    for i in range(3):
        factories.make_responses(factories.make_campaign(name=f"Round {i}"), sales, 1)
    assert queries(changelist) == one_campaign
    Question.objects.exclude(pk=Question.objects.order_by("pk").first().pk).update(is_active=False)
    one_question = factories.make_campaign(name="One question")
    factories.make_response(one_question, sales, (4,))  # answered too: the same checks run
    assert queries(change(fifteen)) == queries(change(one_question))
    listed = admin_client.get(changelist).content.decode()
    assert ">6<" in listed  # the first round's six
    # The rounds of one answer each: not even the exact number below the threshold, as for
    # leaders (someone who may only list campaigns would learn who of the first few answered).
    assert listed.count(">fewer than 5<") == 4 and ">1<" not in listed


@pytest.mark.django_db
def test_the_response_list_pages_along_its_index_and_filters_by_language(
    admin_client, campaign, sales
):
    """Sorted by the round's date and the department's name, every page sorted the whole table
    (1 s for the last page at 220,000 responses); the language filter read every row's."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    factories.make_responses(campaign, sales, 2)
    campaign.responses.filter(pk=campaign.responses.first().pk).update(language="it")
    url = reverse("admin:questionnaire_response_changelist")
    with CaptureQueriesContext(connection) as captured:
        page = admin_client.get(url)
    sqls = [q["sql"] for q in captured]
    listed = next(q for q in sqls if 'FROM "questionnaire_response"' in q and "ORDER BY" in q)
    order = listed.split("ORDER BY", 1)[1]
    assert "opens_at" not in order and '"name"' not in order
    assert not any("DISTINCT" in q["sql"] for q in captured)
    assert "Italian" in page.content.decode()  # offered from the interface languages
    rows = (
        admin_client.get(url, {"language": "it"}).content.decode().count('name="_selected_action"')
    )
    assert rows == 1


@pytest.mark.django_db
def test_the_admin_names_its_site_pillars_and_questions_in_the_readers_language(
    admin_client, questions, settings
):
    """An Italian admin read "Django administration" and every statement in English."""
    admin_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "it"
    question = Question.objects.get(key="people-1")
    url = reverse("admin:questionnaire_question_change", args=[question.pk])
    page = admin_client.get(url).content.decode()
    assert "Amministrazione di cxassess" in page and "Django" not in page.split("<main")[0]
    # The breadcrumb names the statement, the pillar select its pillars, both in Italian.
    assert question.translations["it"] in page and question.text not in page.split("<form")[0]
    pillar = question.pillar
    assert f">{pillar.translations['it']['name']}</option>" in page
    assert f">{pillar.name}</option>" not in page


@pytest.mark.django_db
def test_show_counts_on_the_responses_list_counts_languages_in_one_pass(
    admin_client, campaign, sales
):
    """At 500,000 responses "Show counts" ran past every timeout: Django counted each language
    as `id IN (SELECT id … WHERE language = …)`, which PostgreSQL re-read for every row."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    italian = factories.make_responses(campaign, sales, 3)
    Response.objects.filter(pk__in=[r.pk for r in italian]).update(language="it")
    factories.make_responses(campaign, sales, 2)
    with CaptureQueriesContext(connection) as queries:
        page = admin_client.get("/admin/questionnaire/response/?_facets=True")
    html = page.content.decode()
    assert "Italian (3)" in html and "English (2)" in html
    assert not any("IN (SELECT" in q["sql"].upper() for q in queries.captured_queries)


def _pillar_post(pillar, **changes):
    """The pillar's change form as the admin sends it, its question rows included."""
    post = {
        "slug": pillar.slug,
        "order": pillar.order,
        "name": pillar.name,
        "description": pillar.description,
        "recommendations": pillar.recommendations,
    }
    post |= {
        f"{f}_{c}": pillar.translations.get(k, {}).get(f, "")
        for f in ("name", "description", "recommendations")
        for c, k in LANGUAGE_KEYS
    }
    questions = list(pillar.questions.order_by("order"))
    post |= {
        "questions-TOTAL_FORMS": len(questions),
        "questions-INITIAL_FORMS": len(questions),
        "questions-MIN_NUM_FORMS": 0,
        "questions-MAX_NUM_FORMS": 1000,
    }
    for i, q in enumerate(questions):
        post |= {
            f"questions-{i}-id": q.pk,
            f"questions-{i}-pillar": pillar.pk,
            f"questions-{i}-order": q.order,
            f"questions-{i}-is_active": "on" if q.is_active else "",
        }
    return post | changes


@pytest.mark.django_db
def test_an_answered_questions_key_and_pillars_slug_are_kept(admin_client, campaign, sales):
    """Exports name questions and pillars by key and slug: renamed, a closed round's CSV and
    JSON changed with only "changed successfully" said, splitting joins across rounds."""
    question = Question.objects.get(key="leadership-1")
    pillar = question.pillar
    question_url = reverse("admin:questionnaire_question_change", args=[question.pk])
    pillar_url = reverse("admin:questionnaire_pillar_change", args=[pillar.pk])
    unanswered = admin_client.post(
        question_url, _question_post(question, pillar.pk) | {"key": "lead-vision"}
    )
    assert unanswered.status_code == 302  # nobody answered yet: free to change
    question.refresh_from_db()
    factories.make_responses(campaign, sales, 1)
    page = admin_client.post(question_url, _question_post(question, pillar.pk) | {"key": "lead-1"})
    assert page.status_code == 200 and "every round&#x27;s exports name it" in page.content.decode()
    page = admin_client.post(pillar_url, _pillar_post(pillar, slug="lead"))
    assert page.status_code == 200 and "every round&#x27;s exports name it" in page.content.decode()
    question.refresh_from_db()
    pillar.refresh_from_db()
    assert (question.key, pillar.slug) == ("lead-vision", "leadership")


@pytest.mark.django_db
def test_renaming_an_answered_pillar_warns_of_past_rounds_and_old_translations(
    admin_client, campaign, sales
):
    pillar = Pillar.objects.get(slug="people")
    url = reverse("admin:questionnaire_pillar_change", args=[pillar.pk])
    factories.make_responses(campaign, sales, 1)
    page = admin_client.post(url, _pillar_post(pillar, name="Employees"), follow=True)
    html = " ".join(page.content.decode().split())
    assert "earlier rounds included" in html
    assert "The English name changed but these translations did not: Romanian, Italian" in html
    pillar.refresh_from_db()
    assert pillar.name == "Employees"


@pytest.mark.django_db
def test_deleting_a_question_a_coming_round_asks_says_what_to_do(admin_client, questions):
    """The page said only "Questions as asked: 1": not which round, nor that making the question
    inactive first lets it go."""
    soon = timezone.now() + timedelta(days=20)
    factories.make_campaign(name="Next quarter", opens_at=soon, closes_at=soon + timedelta(days=14))
    question = Question.objects.get(key="people-1")
    url = reverse("admin:questionnaire_question_delete", args=[question.pk])
    html = " ".join(admin_client.get(url).content.decode().split())
    assert (
        "Campaigns not yet open will ask it: Next quarter. Make the question inactive first" in html
    )
    post = _question_post(question, question.pillar_id) | {"is_active": ""}
    admin_client.post(reverse("admin:questionnaire_question_change", args=[question.pk]), post)
    admin_client.post(url, {"post": "yes"})
    assert not Question.objects.filter(pk=question.pk).exists()


@pytest.mark.django_db
def test_a_comment_naming_someone_can_be_removed_even_after_the_round_closed(
    admin_client, campaign, sales
):
    """No page listed comments, and a closed round's responses cannot be deleted: a comment
    naming a colleague stayed on the comments page for good."""
    leadership = Pillar.objects.get(slug="leadership")
    factories.make_responses(campaign, sales, 9, comments={leadership.pk: "Fine by me"})
    factories.make_response(campaign, sales, comments={leadership.pk: "Dan Popescu ignores us"})
    Campaign.objects.filter(pk=campaign.pk).update(
        closes_at=timezone.now() - timedelta(minutes=1), closed_at=timezone.now(), closed_once=True
    )
    comments_page = reverse("reports:comments", args=[campaign.pk])
    assert "Dan Popescu" in admin_client.get(comments_page).content.decode()  # and kept cached

    changelist = reverse("admin:questionnaire_pillarcomment_changelist")
    listed = admin_client.get(changelist, {"q": "Popescu"}).content.decode()
    assert "Dan Popescu ignores us" in listed and "Sales" not in listed  # who: not said
    comment = PillarComment.objects.get(text__contains="Popescu")
    delete = reverse("admin:questionnaire_pillarcomment_delete", args=[comment.pk])
    assert admin_client.post(delete, {"post": "yes"}).status_code == 302

    assert "Dan Popescu" not in admin_client.get(comments_page).content.decode()
    data = admin_client.get(reverse("reports:dashboard_json", args=[campaign.pk])).content
    assert b"Popescu" not in data
    assert PillarComment.objects.filter(campaign=campaign).count() == 9  # the others stay


@pytest.mark.django_db
def test_the_admin_history_keeps_no_address_of_a_deleted_invitation(admin_client, campaign, sales):
    """An erasure request: the invitation is deleted, and "Recent actions" kept the address."""
    from django.contrib.admin.models import LogEntry

    from questionnaire import services

    invitation = services.invitation_issue(
        campaign=campaign, email="first@example.com", department=sales, role="contributor"
    ).invitation
    url = reverse("admin:questionnaire_invitation_change", args=[invitation.pk])
    form = {"department": sales.pk, "role": "contributor", "language": "en"}
    assert admin_client.post(url, form | {"email": "erase.me@example.com"}).status_code == 302
    delete = reverse("admin:questionnaire_invitation_delete", args=[invitation.pk])
    assert admin_client.post(delete, {"post": "yes"}, follow=True).status_code == 200

    history = LogEntry.objects.order_by("pk")
    assert [entry.get_action_flag_display() for entry in history] == ["Change", "Deletion"]
    assert {entry.object_repr for entry in history} == {f"invitation {invitation.pk}"}
    assert "example.com" not in admin_client.get(reverse("admin:index")).content.decode()


@pytest.mark.django_db
def test_the_pillar_pages_boxes_are_named_for_a_screen_reader(admin_client, questions):
    """The questions' order boxes had only their column's heading ("spin button, 1"), and a
    Chinese translation box was read with the English voice."""
    from questionnaire.models import Pillar

    pillar = Pillar.objects.order_by("order").first()
    question = pillar.questions.order_by("order").first()
    page = admin_client.get(reverse("admin:questionnaire_pillar_change", args=[pillar.pk]))
    html = page.content.decode()
    assert f'aria-label="Order: {question.text}"' in html
    assert f'aria-label="Active: {question.text}"' in html
    (box,) = re.findall(r'<input[^>]*name="name_zh_hans"[^>]*>', html)
    assert 'lang="zh-hans"' in box
    listed = admin_client.get(reverse("admin:questionnaire_pillar_changelist")).content.decode()
    assert f'aria-label="Order: {pillar.name}"' in listed
