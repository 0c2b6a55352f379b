import pytest
from django.contrib.auth import get_user_model


@pytest.fixture
def admin_client(client, db):
    """Shares `client` with any other logged-in fixture: use one of them per test."""
    user = get_user_model().objects.create_superuser("root", "root@example.com", "pw-for-tests-1")
    client.force_login(user)
    return client
