import pytest
from django.urls import reverse

from tests import factories


def _result(client, response):
    return client.get(reverse("questionnaire:result", args=[response.result_key])).content.decode()


@pytest.mark.django_db
def test_result_shows_own_scores_and_band(client, campaign, sales):
    response = factories.make_response(campaign, sales, (5,) * 15)
    html = _result(client, response)
    assert ">100<" in html.replace("<strong>", "").replace("</strong>", "") or "100" in html
    assert "Customer-centric core" in html or "core" in html.lower()


@pytest.mark.django_db
def test_small_department_average_is_hidden_without_saying_how_many_answered(
    client, campaign, sales, support
):
    factories.make_responses(campaign, support, 5, (2,) * 15)
    mine = factories.make_response(campaign, sales, (5,) * 15)
    html = _result(client, mine)
    # Sales has 1 of 5: its average must not appear, and the complement rule hides Support too,
    # so the company (6 answers) is shown but not Sales.
    assert "Sales's average is not shown yet" in html
    assert html.count("not shown") == 6  # the sentence and the five pillars
    assert "4 more" not in html and "1 of 5" not in html  # the hidden group's size stays unknown


@pytest.mark.django_db
def test_department_average_appears_once_the_group_is_large_enough(
    client, campaign, sales, support
):
    factories.make_responses(campaign, support, 5, (1,) * 15)
    factories.make_responses(campaign, sales, 4, (3,) * 15)
    mine = factories.make_response(campaign, sales, (5,) * 15)
    html = _result(client, mine)
    assert "not shown" not in html
    # Sales: four 3s and one 5 per question → mean 3.4 → score 60.
    assert ">60<" in html


@pytest.mark.django_db
def test_unknown_result_key_is_not_found(client, campaign):
    assert client.get(reverse("questionnaire:result", args=["nope"])).status_code == 404


@pytest.mark.django_db
def test_result_page_is_never_kept_by_a_browser_or_proxy(client, campaign, sales):
    """The page shows one person's own answers: a shared computer's back button or a caching
    proxy must not serve it to the next person."""
    response = factories.make_response(campaign, sales, (4,) * 15)
    page = client.get(reverse("questionnaire:result", args=[response.result_key]))
    cache_control = {part.strip() for part in page["Cache-Control"].split(",")}
    assert {"no-store", "private"} <= cache_control


@pytest.mark.django_db
def test_a_pillar_everyone_left_unanswered_says_so_instead_of_not_shown_yet(
    client, campaign, sales
):
    """Sales and the company are shown, but nobody gave Leadership a number: "not shown yet"
    would promise a score that never comes."""
    dont_know_leadership = (None,) * 3 + (4,) * 12
    factories.make_responses(campaign, sales, 4, dont_know_leadership)
    mine = factories.make_response(campaign, sales, dont_know_leadership)
    html = _result(client, mine)
    assert "not shown yet" not in html
    assert html.count("everyone answered “I don't know”") == 2  # Sales and the company
