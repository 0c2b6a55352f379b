"""The admin's lists filter by their sidebar's filters only (cxassess/admin_lookups.py).

Django accepts any lookup on a model's own fields from the query string: an admin found a
respondent's private result link one character at a time with ?result_key__startswith=.
"""

import re
from html import unescape

import pytest
from django.contrib import admin
from django.contrib.admin import DateFieldListFilter, SimpleListFilter
from django.urls import reverse

from cxassess.admin_lookups import ListedFiltersOnly
from questionnaire.models import Invitation

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("changelist", "lookup"),
    [
        ("questionnaire_response", "result_key__startswith"),
        ("questionnaire_response", "result_key__gt"),
        ("questionnaire_response", "submission_key__startswith"),
        ("questionnaire_response", "submitted_at__gte"),
        ("questionnaire_response", "department__name__startswith"),
        ("questionnaire_invitation", "used__exact"),
        ("questionnaire_invitation", "token_hash__startswith"),
        ("questionnaire_campaign", "open_link_key__startswith"),
        ("auth_user", "password__startswith"),
    ],
)
def test_a_lookup_the_list_does_not_offer_is_refused(visitor, world, changelist, lookup):
    url = reverse(f"admin:{changelist}_changelist")
    page = visitor("admin").get(url, {lookup: "a"})
    assert page.status_code == 400


@pytest.mark.parametrize(
    ("changelist", "lookup"),
    [
        ("questionnaire_response", "role__exact"),
        ("questionnaire_response", "language"),  # a filter of ours, with the interface languages
        ("questionnaire_invitation", "role__exact"),
    ],
)
def test_a_nul_in_a_listed_filter_is_refused_not_a_server_error(visitor, world, changelist, lookup):
    """PostgreSQL refuses NUL in text: ?role__exact=%00 was a 500 there."""
    page = visitor("admin").get(reverse(f"admin:{changelist}_changelist"), {lookup: "a\x00"})
    assert page.status_code == 400


def test_the_result_key_cannot_be_found_by_prefix(visitor, world):
    """The attack itself: with the right first character the list still had the row."""
    admin = visitor("admin")
    url = reverse("admin:questionnaire_response_changelist")
    for first in {world.result_key[0], "A", "z"}:
        assert admin.get(url, {"result_key__startswith": first}).status_code == 400


@pytest.mark.parametrize(
    "changelist", ["questionnaire_response", "questionnaire_invitation", "auth_user"]
)
def test_every_filter_link_in_the_sidebar_still_works(visitor, world, changelist):
    admin = visitor("admin")
    url = reverse(f"admin:{changelist}_changelist")
    sidebar = admin.get(url).content.decode()
    links = {unescape(h) for h in re.findall(r'href="(\?[^"]+)"', sidebar)}
    filters = {link for link in links if "__" in link}
    assert filters, "the list offers filters"
    for link in filters:
        assert admin.get(url + link).status_code == 200, link


class _Answered(SimpleListFilter):
    title, parameter_name = "answered", "answered"

    def lookups(self, request, model_admin):
        return [("yes", "yes")]

    def queryset(self, request, queryset):
        return queryset.filter(used=self.value() == "yes")


def test_a_custom_filter_a_date_filter_and_a_date_hierarchy_still_work(rf):
    """The next filter someone adds (an "answered" filter beside the answered column) must not
    be a 400 on its first click."""

    class WithMoreFilters(ListedFiltersOnly, admin.ModelAdmin):
        list_filter = [_Answered, ("sent_at", DateFieldListFilter), "campaign"]
        date_hierarchy = "sent_at"

    listed = WithMoreFilters(Invitation, admin.site)
    request = rf.get("/")
    for lookup in (
        "answered",
        "sent_at__gte",
        "sent_at__lt",
        "sent_at__year",
        "campaign__id__exact",
    ):
        assert listed.lookup_allowed(lookup, "1", request), lookup
    for lookup in ("used__exact", "email__startswith", "sent_at__regex", "token_hash__gt"):
        assert not listed.lookup_allowed(lookup, "1", request), lookup
