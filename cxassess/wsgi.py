import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cxassess.settings")
django_application = get_wsgi_application()

from cxassess.middleware import CompleteBodies  # noqa: E402 (needs the settings configured)

application = CompleteBodies(django_application)
