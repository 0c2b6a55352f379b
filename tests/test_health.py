"""/healthz/ for compose and load balancers: 503 while the database is away, whatever Redis does.

The health check asked for the home page, which renders a template and nothing else: it said 200
with the database down while every real page was a 503.
"""

import pytest
from django.db import OperationalError
from django.urls import reverse
from redis.exceptions import ConnectionError as RedisConnectionError

from cxassess import health


@pytest.mark.django_db
def test_healthy_when_the_database_answers(client):
    response = client.get(reverse("health"))
    assert response.status_code == 200
    assert response.json() == {"database": "ok", "cache": "ok"}
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.django_db
def test_unhealthy_while_the_database_is_away(client, monkeypatch):
    def away():
        raise OperationalError("connection to server at 127.0.0.1, port 5999 failed")

    monkeypatch.setattr(health.connection, "cursor", away)
    response = client.get(reverse("health"))
    assert response.status_code == 503
    assert response.json()["database"] == "unavailable"


@pytest.mark.django_db
def test_redis_away_is_reported_but_the_app_still_serves(client, monkeypatch):
    def away(*args, **kwargs):
        raise RedisConnectionError("Error 111 connecting to 127.0.0.1:6399")

    monkeypatch.setattr(health.cache, "get", away)
    response = client.get(reverse("health"))
    assert (response.status_code, response.json()["cache"]) == (200, "unavailable")


def test_compose_asks_the_health_check():
    from pathlib import Path

    import yaml

    compose = yaml.safe_load((Path(__file__).parent.parent / "docker-compose.yml").read_text())
    assert "/healthz/" in " ".join(compose["services"]["web"]["healthcheck"]["test"])
