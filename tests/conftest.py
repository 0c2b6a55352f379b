import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission

from questionnaire.content import default_questions_load
from reports.models import LeaderScope

from . import factories


@pytest.fixture(autouse=True)
def _in_process_tasks_and_local_email(settings):
    """Tests run tasks eagerly and keep mail in memory even when a broker is configured."""
    from cxassess.celery import app

    settings.CELERY_TASK_ALWAYS_EAGER = True
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    app.conf.task_always_eager = True
    app.conf.task_eager_propagates = True
    yield
    app.conf.task_always_eager = settings.CELERY_TASK_ALWAYS_EAGER


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    # PBKDF2's deliberate slowness costs about a second per test user; tests need no such guard.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _english_until_asked_otherwise():
    # LocaleMiddleware leaves the last request's language active in this thread: reset it so no
    # test depends on which test ran before it.
    from django.utils import translation

    translation.activate("en")
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _fresh_cache():
    from django.core.cache import cache

    from questionnaire import selectors
    from reports import snapshots

    cache.clear()
    snapshots.local_clear()
    selectors.kept_forget()
    yield
    cache.clear()
    snapshots.local_clear()
    selectors.kept_forget()


@pytest.fixture
def questions(db):
    default_questions_load()


@pytest.fixture
def campaign(questions):
    return factories.make_campaign()


@pytest.fixture
def sales(db):
    return factories.make_department("Sales")


@pytest.fixture
def support(db):
    return factories.make_department("Support")


def _leader(username: str, departments=()):
    user = get_user_model().objects.create_user(username=username, password="pw-for-tests-1")
    user.user_permissions.add(Permission.objects.get(codename="view_reports"))
    if departments:
        LeaderScope.objects.create(user=user).departments.set(departments)
    return user


@pytest.fixture
def leader(db):
    return _leader("leader")


@pytest.fixture
def leader_client(client, leader):
    client.force_login(leader)
    return client


@pytest.fixture
def other_department_leader_client(client, support):
    client.force_login(_leader("support-lead", [support]))
    return client
