from django.conf import settings
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.templatetags.static import static
from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from django.views.generic import RedirectView

from cxassess.forms import LoginForm
from cxassess.health import health
from cxassess.ratelimit import account_tried, compose, ratelimit


class FaviconRedirect(RedirectView):
    permanent = True

    def get_redirect_url(self, *args, **kwargs) -> str:
        return static("favicon.svg")  # per request: the manifest exists only after collectstatic


# Django's "Django administration" told admins nothing about which site they were on.
admin.site.site_header = _("cxassess administration")
admin.site.site_title = _("cxassess admin")

# Both login forms share each budget, so guessing passwords is slow on either: per account
# tried, and per address at ten times the rate. Counted per address alone, 19 of 30 leaders
# signing in at nine from one office were turned away.
login_limited = compose(
    ratelimit(group="login-address", setting="CXASSESS_RATELIMIT_LOGIN", times=10),
    ratelimit(group="login", setting="CXASSESS_RATELIMIT_LOGIN", key=account_tried),
)

urlpatterns = [
    path("", include("questionnaire.urls")),
    path("reports/", include("reports.urls")),
    path(
        "accounts/login/",
        login_limited(auth_views.LoginView.as_view(authentication_form=LoginForm)),
        name="login",
    ),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/login/", login_limited(admin.site.login)),  # shadows the admin's own, unlimited
    path("admin/", admin.site.urls),
    # Browsers ask for /favicon.ico whatever the page says; the admin's pages do not name one.
    path("favicon.ico", FaviconRedirect.as_view()),
    path("healthz/", health, name="health"),
]

if (
    settings.CXASSESS_BENCH_BARE_VIEW
):  # the benchmark's baseline (bench/bare_view.py), never in production
    urlpatterns.append(path("bench/", include("bench.bare_view")))
