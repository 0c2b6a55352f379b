"""Response headers Django 5.2 does not set by itself."""

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse


class ContentSecurityPolicyMiddleware:
    """Sends settings.CXASSESS_CONTENT_SECURITY_POLICY on every response that has none yet.

    Every script is a file served from our own static folder, so an injected <script> or
    onclick= never runs, even where escaping failed. A header rather than a library: Django 6.0
    brings its own, and until then one fixed policy is all we need.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.policy = settings.CXASSESS_CONTENT_SECURITY_POLICY

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if self.policy:
            response.headers.setdefault("Content-Security-Policy", self.policy)
        return response
