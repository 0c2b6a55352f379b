from django.urls import path, register_converter

from . import views


class GeneratedKeyConverter:
    """A key we generated with secrets.token_urlsafe: URL-safe base64 only. Anything else
    cannot be one of ours, so it is a 404 before any query (a NUL, for one, would make
    PostgreSQL refuse the lookup with an error). Invitation tokens stay `str`: imported lists
    bring their own, and those are only ever hashed, never looked up as typed."""

    regex = "[A-Za-z0-9_-]{1,64}"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(GeneratedKeyConverter, "generated_key")

app_name = "questionnaire"
urlpatterns = [
    path("", views.home, name="home"),
    path("i/<str:token>/", views.invitation_answer, name="invitation"),
    path("c/<generated_key:key>/", views.open_link_answer, name="open_link"),
    path("result/<generated_key:result_key>/", views.result, name="result"),
    path("privacy/<int:campaign_id>/", views.privacy, name="privacy"),
]
