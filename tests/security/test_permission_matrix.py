"""Every URL of the project against every kind of visitor.

The URL list comes from the resolver, so a new URL without an entry here fails
`test_every_url_has_an_entry`. Admin URLs form one family: the admin site lets in staff only,
and the test checks that on each of them, so a new model admin is covered without an entry.
Outcomes are coarse on purpose (ok, login, forbidden, missing...): the point is who gets in.
"""

import re

import pytest
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.http import HttpResponse
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from .conftest import ROLES, World

BOGUS = "not-a-real-link-0123456789"
ADMIN_ONLY = "admin only"  # the admin family: staff in, everybody else to the admin login


def routes(patterns=None, prefix: str = "", namespace: str = "") -> list[tuple[str, str | None]]:
    """(route, namespaced name) of every URL the project serves."""
    found = []
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            inner = namespace
            if pattern.namespace:
                inner = f"{namespace}:{pattern.namespace}" if namespace else pattern.namespace
            found += routes(pattern.url_patterns, prefix + str(pattern.pattern), inner)
        elif isinstance(pattern, URLPattern):
            name = pattern.name and (f"{namespace}:{pattern.name}" if namespace else pattern.name)
            found.append((prefix + str(pattern.pattern), name))
    return found


def outcome(response: HttpResponse) -> str:
    location = response.get("Location", "")
    if response.status_code in (301, 302):
        if location.startswith("/admin/login/"):
            return "admin login"
        if location.startswith("/accounts/login/"):
            return "login"
        return "redirect"
    if 200 <= response.status_code < 300:
        return "ok"
    return {403: "forbidden", 404: "missing", 405: "method"}.get(
        response.status_code, str(response.status_code)
    )


def _link(world: World, role: str, real: str) -> str:
    return real if role == "respondent" else BOGUS  # only the respondent holds the links


def _everyone(result: str) -> dict[str, str]:
    return dict.fromkeys(ROLES, result)


def _leaders(result_for_leaders: str = "ok", **overrides: str) -> dict[str, str]:
    expected = {"anonymous": "login", "respondent": "login"}
    expected |= dict.fromkeys(("limited_leader", "leader", "admin"), result_for_leaders)
    return expected | overrides


def _reverse(name: str, **kwargs) -> str:
    return reverse(name, kwargs=kwargs)


# route -> (how to build the address for a visitor, expected outcome per visitor)
MATRIX = {
    "": (lambda w, r: _reverse("questionnaire:home"), _everyone("ok")),
    "i/<str:token>/": (
        lambda w, r: _reverse("questionnaire:invitation", token=_link(w, r, w.invitation_token)),
        _everyone("missing") | {"respondent": "ok"},
    ),
    "c/<generated_key:key>/": (
        lambda w, r: _reverse("questionnaire:open_link", key=_link(w, r, w.campaign.open_link_key)),
        _everyone("missing") | {"respondent": "ok"},
    ),
    "result/<generated_key:result_key>/": (
        lambda w, r: _reverse("questionnaire:result", result_key=_link(w, r, w.result_key)),
        _everyone("missing") | {"respondent": "ok"},
    ),
    "privacy/<int:campaign_id>/": (  # the privacy notice is public: it names no person
        lambda w, r: _reverse("questionnaire:privacy", campaign_id=w.campaign.pk),
        _everyone("ok"),
    ),
    "reports/": (lambda w, r: _reverse("reports:campaign_list"), _leaders()),
    "reports/<int:campaign_id>/": (
        lambda w, r: _reverse("reports:campaign_dashboard", campaign_id=w.campaign.pk),
        _leaders(),
    ),
    "reports/<int:campaign_id>/questions/<int:question_id>/": (
        lambda w, r: _reverse(
            "reports:question_detail", campaign_id=w.campaign.pk, question_id=w.question_id
        ),
        _leaders(),
    ),
    "reports/<int:campaign_id>/departments/<int:department_id>/": (  # outside Sales
        lambda w, r: _reverse(
            "reports:department_detail", campaign_id=w.campaign.pk, department_id=w.support.pk
        ),
        _leaders(limited_leader="forbidden"),
    ),
    "reports/<int:campaign_id>/compare/": (
        lambda w, r: _reverse("reports:comparison", campaign_id=w.campaign.pk),
        _leaders(),
    ),
    "reports/<int:campaign_id>/comments/": (
        lambda w, r: _reverse("reports:comments", campaign_id=w.campaign.pk),
        _leaders(),
    ),
    "reports/<int:campaign_id>/results.csv": (
        lambda w, r: _reverse("reports:export_csv", campaign_id=w.campaign.pk),
        _leaders(),
    ),
    "reports/<int:campaign_id>/dashboard.json": (
        lambda w, r: _reverse("reports:dashboard_json", campaign_id=w.campaign.pk),
        _leaders(),
    ),
    "reports/<int:campaign_id>/pdf/": (  # POST only; see test_export_request_needs_a_leader
        lambda w, r: _reverse("reports:export_request", campaign_id=w.campaign.pk),
        _everyone("method"),
    ),
    # An export belongs to the leader who asked for it: nobody else, not even an admin, gets it.
    "reports/exports/<uuid:job_id>/": (
        lambda w, r: _reverse("reports:export_status", job_id=w.export_job.pk),
        _leaders("missing", leader="ok"),
    ),
    "reports/exports/<uuid:job_id>/status.json": (
        lambda w, r: _reverse("reports:export_status_json", job_id=w.export_job.pk),
        _leaders("missing", leader="ok"),
    ),
    "reports/exports/<uuid:job_id>/download/": (
        lambda w, r: _reverse("reports:export_download", job_id=w.export_job.pk),
        _leaders("missing", leader="ok"),
    ),
    "accounts/login/": (lambda w, r: _reverse("login"), _everyone("ok")),
    "accounts/logout/": (lambda w, r: _reverse("logout"), _everyone("method")),  # POST only
    "i18n/setlang/": (lambda w, r: _reverse("set_language"), _everyone("redirect")),
    "favicon.ico": (lambda w, r: "/favicon.ico", _everyone("redirect")),
    "healthz/": (lambda w, r: _reverse("health"), _everyone("ok")),
    # The rate-limited admin login that shadows the admin's own (cxassess/urls.py).
    "admin/login/": (lambda w, r: "/admin/login/", _everyone("ok") | {"admin": "redirect"}),
    # Logging out takes a POST; the admin sends a GET from anyone but staff to its index first.
    "admin/logout/": (lambda w, r: "/admin/logout/", _everyone("redirect") | {"admin": "method"}),
    "admin/questionnaire/invitation/import/": (
        lambda w, r: _reverse("admin:questionnaire_invitation_import"),
        _everyone("admin login") | {"admin": "ok"},
    ),
}


def _admin_path(route: str) -> str:
    """A concrete address for an admin route, with real objects where the route needs one."""
    model_route = re.match(r"admin/(\w+)/(\w+)/", route)
    if "(?P<app_label>" in route:
        return "/admin/questionnaire/"
    if "(?P<url>" in route:
        return "/admin/no-such-page/"
    if route.startswith("admin/r/"):
        campaign = apps.get_model("questionnaire", "Campaign").objects.first()
        return f"/admin/r/{ContentType.objects.get_for_model(campaign).pk}/{campaign.pk}/"
    path = "/" + route
    if model_route and ("<path:object_id>" in route or "<id>" in route):
        model = apps.get_model(model_route[1], model_route[2])
        obj = model.objects.order_by("pk").first()
        pk = str(obj.pk) if obj else "1"
        path = path.replace("<path:object_id>", pk).replace("<id>", pk)
    return path


def _entry(route: str):
    if route in MATRIX:
        return MATRIX[route]
    if route.startswith("admin/"):
        return (lambda w, r: _admin_path(route), ADMIN_ONLY)
    return None


def test_every_url_has_an_entry() -> None:
    missing = [route for route, _name in routes() if _entry(route) is None]
    assert missing == [], f"add these URLs to MATRIX in {__file__}: {missing}"


def test_matrix_names_no_url_that_does_not_exist() -> None:
    assert set(MATRIX) - {route for route, _name in routes()} == set()


def _allowed(expected, role: str, got: str) -> bool:
    if expected == ADMIN_ONLY:
        if role == "admin":  # in, whatever the page then says (a read-only model refuses add)
            return got in {"ok", "redirect", "forbidden", "missing", "method"}
        return got == "admin login"
    return got == expected[role]


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
def test_each_visitor_reaches_exactly_what_they_may(world: World, visitor, role: str) -> None:
    client = visitor(role)
    wrong = []
    for route, _name in routes():
        build, expected = _entry(route)
        path = build(world, role)
        got = outcome(client.get(path))
        if not _allowed(expected, role, got):
            want = expected if expected == ADMIN_ONLY else expected[role]
            wrong.append(f"{path}: got {got}, want {want}")
    assert wrong == [], "\n".join(wrong)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("role", "expected"),
    [("anonymous", "login"), ("respondent", "login"), ("limited_leader", "redirect")]
    + [("leader", "redirect"), ("admin", "redirect")],
)
def test_export_request_needs_a_leader(world: World, visitor, role: str, expected: str) -> None:
    path = reverse("reports:export_request", args=[world.campaign.pk])
    assert outcome(visitor(role).post(path)) == expected


@pytest.mark.django_db
def test_limited_leader_sees_their_own_department(world: World, visitor) -> None:
    path = reverse("reports:department_detail", args=[world.campaign.pk, world.sales.pk])
    assert outcome(visitor("limited_leader").get(path)) == "ok"


@pytest.mark.django_db
def test_limited_leader_json_and_csv_name_no_other_department(world: World, visitor) -> None:
    client = visitor("limited_leader")
    for name in ("reports:dashboard_json", "reports:export_csv"):
        body = client.get(reverse(name, args=[world.campaign.pk])).content.decode()
        assert "Sales" in body
        assert "Support" not in body, name
