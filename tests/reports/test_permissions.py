"""Who may see which report: every report URL, four kinds of visitor."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.urls import reverse

from reports import permissions
from reports.models import LeaderScope
from tests import factories


def _report_urls(campaign, department, question_id):
    c = campaign.pk
    return [
        reverse("reports:campaign_list"),
        reverse("reports:campaign_dashboard", args=[c]),
        reverse("reports:question_detail", args=[c, question_id]),
        reverse("reports:department_detail", args=[c, department.pk]),
        reverse("reports:comparison", args=[c]),
        reverse("reports:comments", args=[c]),
        reverse("reports:export_csv", args=[c]),
        reverse("reports:dashboard_json", args=[c]),
    ]


@pytest.fixture
def answered(campaign, sales, support):
    factories.make_responses(campaign, sales, 5, (2,) * 15)
    factories.make_responses(campaign, support, 5, (4,) * 15)
    return campaign


def _urls(answered, department):
    return _report_urls(answered, department, factories.question_ids(answered)[0])


@pytest.mark.django_db
def test_anonymous_visitors_are_sent_to_the_login_page_for_every_report_url(
    client, answered, sales
):
    for url in _urls(answered, sales):
        page = client.get(url)
        assert page.status_code == 302, url
        assert page.url.startswith(reverse("login")), url


@pytest.mark.django_db
def test_signed_in_people_without_the_permission_get_403_and_no_data(client, answered, sales):
    client.force_login(get_user_model().objects.create_user("respondent"))
    for url in _urls(answered, sales):
        page = client.get(url)
        assert page.status_code == 403, url
        assert b"Sales" not in page.content, url


@pytest.mark.django_db
def test_a_leader_with_the_permission_sees_every_report_url(leader_client, answered, sales):
    for url in _urls(answered, sales):
        assert leader_client.get(url).status_code == 200, url


@pytest.mark.django_db
def test_a_superuser_sees_reports_without_an_explicit_permission(client, answered, sales):
    client.force_login(
        get_user_model().objects.create_superuser("root", "root@example.com", "x-1234567")
    )
    for url in _urls(answered, sales):
        assert client.get(url).status_code == 200, url


@pytest.mark.django_db
def test_a_limited_leader_gets_403_for_another_departments_page(
    other_department_leader_client, answered, sales, support
):
    c = answered.pk
    other = reverse("reports:department_detail", args=[c, sales.pk])
    own = reverse("reports:department_detail", args=[c, support.pk])
    assert other_department_leader_client.get(other).status_code == 403
    assert other_department_leader_client.get(own).status_code == 200


@pytest.mark.django_db
def test_a_limited_leader_sees_only_their_departments_everywhere_else(
    other_department_leader_client, answered, sales, support
):
    c = answered.pk
    data = other_department_leader_client.get(reverse("reports:dashboard_json", args=[c])).json()
    shown = {g["department_id"] for g in data["groups"] if g["department_id"] is not None}
    assert shown == {support.pk}
    assert data["scope"] == [support.pk]
    assert any(g["type"] == "company" for g in data["groups"])  # company-wide numbers are fine
    for name in ("campaign_dashboard", "comparison", "comments", "export_csv"):
        page = other_department_leader_client.get(reverse(f"reports:{name}", args=[c]))
        assert b"Sales" not in page.content, name


@pytest.mark.django_db
def test_unknown_campaign_question_or_department_is_not_found(leader_client, answered, sales):
    c = answered.pk
    assert leader_client.get(reverse("reports:campaign_dashboard", args=[999])).status_code == 404
    assert (
        leader_client.get(reverse("reports:question_detail", args=[c, 999999])).status_code == 404
    )
    assert (
        leader_client.get(reverse("reports:department_detail", args=[c, 999999])).status_code == 404
    )


@pytest.mark.django_db
def test_report_pages_are_not_cached_by_browsers_or_proxies(leader_client, answered):
    page = leader_client.get(reverse("reports:campaign_dashboard", args=[answered.pk]))
    assert "no-store" in page["Cache-Control"] or "no-cache" in page["Cache-Control"]


def _user(username, *, permission=True, departments=()):
    user = get_user_model().objects.create_user(username)
    if permission:
        user.user_permissions.add(Permission.objects.get(codename="view_reports"))
    if departments is not None:
        LeaderScope.objects.create(user=user).departments.set(departments)
    return get_user_model().objects.get(pk=user.pk)  # fresh: permission caches are per object


@pytest.mark.django_db
def test_departments_for(sales, support):
    assert permissions.departments_for(_user("a", departments=None)) is None
    assert permissions.departments_for(_user("b", departments=())) == frozenset()  # none
    assert permissions.departments_for(_user("c", departments=[sales])) == frozenset({sales.pk})
    assert permissions.departments_for(_user("d", permission=False)) == frozenset()
    inactive = _user("e", departments=None)
    inactive.is_active = False
    assert permissions.departments_for(inactive) == frozenset()


@pytest.mark.django_db
def test_deleting_a_leaders_only_department_does_not_widen_what_they_see(
    client, campaign, sales, support
):
    """Removing a team from the admin must never turn a limited leader into one who sees all."""
    factories.make_responses(campaign, sales, 6)
    factories.make_responses(campaign, support, 6)
    tiny = factories.make_department("Tiny")
    user = _user("tiny-lead", departments=[tiny])
    tiny.delete()
    assert permissions.departments_for(user) == frozenset()
    client.force_login(user)
    data = client.get(reverse("reports:dashboard_json", args=[campaign.pk])).json()
    assert [g for g in data["groups"] if g["department_id"] is not None] == []
    page = client.get(reverse("reports:department_detail", args=[campaign.pk, sales.pk]))
    assert page.status_code == 403


@pytest.mark.django_db
def test_an_admin_limits_a_leader_on_the_users_page(admin_client, sales, support):
    user = _user("new-lead", departments=None)
    change = reverse("admin:auth_user_change", args=[user.pk])
    page = admin_client.get(change)
    assert page.status_code == 200 and "report scope" in page.content.decode()
    # The model's own help text says what an empty scope means (it used to say the opposite).
    assert "with a scope and no departments, only company-wide results" in page.content.decode()
    form = page.context["adminform"].form
    data = {k: v for k, v in form.initial.items() if v is not None and k != "password"}
    data.update(
        {
            "username": user.username,
            "date_joined_0": user.date_joined.strftime("%Y-%m-%d"),
            "date_joined_1": user.date_joined.strftime("%H:%M:%S"),
            "report_scope-TOTAL_FORMS": "1",
            "report_scope-INITIAL_FORMS": "0",
            "report_scope-MIN_NUM_FORMS": "0",
            "report_scope-MAX_NUM_FORMS": "1",
            "report_scope-0-departments": [str(support.pk)],
        }
    )
    data.pop("groups", None), data.pop("user_permissions", None)
    data["user_permissions"] = [str(p.pk) for p in user.user_permissions.all()]
    saved = admin_client.post(change, data)
    assert saved.status_code == 302, saved.content.decode()[:3000]
    assert permissions.departments_for(get_user_model().objects.get(pk=user.pk)) == frozenset(
        {support.pk}
    )


@pytest.mark.django_db
def test_a_departments_delete_page_names_the_leaders_who_would_lose_it(admin_client, sales):
    """It listed "LeaderScope_departments object (3)" for each leader limited to the department."""
    _user("sales-lead", departments=[sales])
    url = reverse("admin:questionnaire_department_delete", args=[sales.pk])
    page = admin_client.get(url).content.decode()
    assert "sales-lead sees Sales" in page
    assert "LeaderScope_departments object" not in page
