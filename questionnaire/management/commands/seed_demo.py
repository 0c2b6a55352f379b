import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.management.base import BaseCommand, CommandError
from django.urls import reverse
from django.utils import timezone

from questionnaire.content import default_questions_load
from questionnaire.demo import demo_company_create
from questionnaire.models import Campaign, Department
from reports.models import LeaderScope


class Command(BaseCommand):
    help = "Load the default questions, a demo company with two rounds, and demo logins."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--password", help="Use this password for every demo login.")

    def handle(self, *args, password: str | None = None, **options) -> None:
        # Run by mistake on a real database it would add made-up answers to its reports, give
        # the accounts admin, leader and sales-lead a known password and widen their scopes.
        own = Campaign.objects.exclude(name__startswith="Demo:").order_by("opens_at")
        if names := [c.name for c in own[:3]]:
            raise CommandError(
                f"This database holds rounds of its own ({', '.join(names)}): seed_demo is for "
                "a demo database. It adds made-up answers and resets the logins admin, leader "
                "and sales-lead. Nothing was changed."
            )
        default_questions_load()
        summary = demo_company_create(now=timezone.now())
        if summary.campaigns or summary.responses:
            self.stdout.write(
                f"Demo: {summary.campaigns} campaigns, {summary.responses} responses created."
            )
        else:
            self.stdout.write("Demo data is already here: kept as it is, nothing added.")
        password = password or secrets.token_urlsafe(9)
        users = [
            self._user("admin", password, superuser=True),
            self._user("leader", password),
            self._user("sales-lead", password, departments=["Sales", "Marketing"]),
        ]
        self.stdout.write(self.style.SUCCESS(f"\nDemo logins (password for each: {password})"))
        for username, what in users:
            self.stdout.write(f"  {username:<11} {what}")
        if link := _open_link():
            self.stdout.write(f"\nAnswer the test yourself, as anyone in the company would: {link}")

    def _user(self, username: str, password: str, *, superuser: bool = False, departments=()):
        User = get_user_model()
        user, _ = User.objects.get_or_create(username=username)
        user.is_staff = user.is_superuser = superuser
        user.set_password(password)
        user.save()
        if superuser:
            return username, "admin: everything, at /admin/ and /reports/"
        user.user_permissions.add(Permission.objects.get(codename="view_reports"))
        if departments:
            scope, _ = LeaderScope.objects.get_or_create(user=user)
            scope.departments.set(Department.objects.filter(name__in=departments))
        else:  # no scope at all: every department (an empty scope would mean none)
            LeaderScope.objects.filter(user=user).delete()
        return username, "leader: reports for " + (", ".join(departments) or "every department")


def _open_link() -> str | None:
    """The open link of the demo round people can still answer, for a first look as staff."""
    for campaign in Campaign.objects.filter(open_link_enabled=True).order_by("-opens_at"):
        if campaign.is_open():
            return settings.SITE_URL + reverse(
                "questionnaire:open_link", args=[campaign.open_link_key]
            )
    return None
