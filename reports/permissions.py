"""Who may see reports, and which departments: the only place that decides.

Seeing reports needs the permission reports.view_reports (superusers have every permission).
A LeaderScope limits a leader to its departments (none, if it has none); company-wide numbers (the
whole company, the roles) stay visible to them, because they reveal nothing about one department
that the company total does not.
"""

from collections.abc import Callable
from functools import wraps

from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse

from reports.models import LeaderScope

VIEW_REPORTS = "reports.view_reports"

View = Callable[..., HttpResponse]


def can_view_reports(user: AbstractBaseUser | AnonymousUser) -> bool:
    return user.is_active and user.has_perm(VIEW_REPORTS)


def departments_for(user: AbstractBaseUser) -> frozenset[int] | None:
    """The ids of the departments this leader may see; None means every department.

    No scope means every department. A scope with no departments means none (company-wide
    numbers only): deleting a leader's last department empties the scope, and that must not
    widen what the leader sees. Someone without the permission may see none.
    """
    if not can_view_reports(user):
        return frozenset()
    if user.is_superuser:
        return None
    scope = LeaderScope.objects.filter(user=user).first()
    if scope is None:
        return None
    return frozenset(scope.departments.values_list("pk", flat=True))


def may_see_department(departments: frozenset[int] | None, department_id: int) -> bool:
    return departments is None or department_id in departments


def leader_required(view: View) -> View:
    """Anonymous visitors go to the login page; signed-in people without the permission get
    403, never data."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
        if not can_view_reports(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return login_required(wrapped)
