"""The five kinds of visitor of the security tests, and the links and objects they may hold.

- anonymous: no account and no link (guesses addresses)
- respondent: no account, but holds an invitation link and a result link
- limited leader: may view reports of Sales only
- leader: may view reports of every department
- admin: superuser, staff
"""

from dataclasses import dataclass

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.files.base import ContentFile

from questionnaire import services
from reports.models import ExportJob, LeaderScope
from tests import factories

ROLES = ("anonymous", "respondent", "limited_leader", "leader", "admin")


@dataclass(frozen=True)
class World:
    campaign: object
    sales: object
    support: object
    question_id: int
    invitation_token: str
    result_key: str
    export_job: object  # finished, asked for by `leader`
    users: dict


def _user(username: str, *, departments=(), superuser: bool = False):
    # No passwords: hashing them would cost seconds per test; the tests log in with force_login.
    model = get_user_model()
    if superuser:
        return model.objects.create_superuser(username, f"{username}@example.com", None)
    user = model.objects.create_user(username=username)
    user.user_permissions.add(Permission.objects.get(codename="view_reports"))
    if departments:
        LeaderScope.objects.create(user=user).departments.set(departments)
    return user


@pytest.fixture
def world(campaign, sales, support, settings, tmp_path) -> World:
    settings.MEDIA_ROOT = tmp_path
    Group.objects.create(name="Leaders")  # so the admin's group pages have an object to show
    factories.make_responses(campaign, sales, 6)
    factories.make_responses(campaign, support, 6, answers=(2,) * 15)
    result = factories.make_response(campaign, sales)
    issued = services.invitation_issue(
        campaign=campaign, email="person@example.com", department=sales, role="contributor"
    )
    users = {
        "limited_leader": _user("sales-lead", departments=[sales]),
        "leader": _user("leader-all"),
        "admin": _user("root", superuser=True),
    }
    job = ExportJob.objects.create(
        campaign=campaign, requested_by=users["leader"], status=ExportJob.Status.DONE
    )
    job.file.save("export.pdf", ContentFile(b"%PDF-1.4 test"), save=True)
    return World(
        campaign=campaign,
        sales=sales,
        support=support,
        question_id=factories.question_ids(campaign)[0],
        invitation_token=issued.token,
        result_key=result.result_key,
        export_job=job,
        users=users,
    )


@pytest.fixture
def visitor(client, world: World):
    """A client logged in as `role` (anonymous and respondent stay logged out)."""

    def as_role(role: str):
        client.logout()
        if role in world.users:
            client.force_login(world.users[role])
        return client

    return as_role
