"""The tab icon: pages name it, and /favicon.ico (which browsers ask for anyway) leads to it."""

from django.contrib.staticfiles import finders


def test_favicon_ico_redirects_to_the_icon_pages_name(client, db):
    page = client.get("/accounts/login/")
    assert b'rel="icon" href="/static/favicon.svg"' in page.content

    reply = client.get("/favicon.ico")
    assert reply.status_code == 301
    assert reply["Location"] == "/static/favicon.svg"
    assert finders.find("favicon.svg")
