from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class QuestionnaireConfig(AppConfig):
    name = "questionnaire"
    verbose_name = _("Questionnaire")

    def ready(self) -> None:
        from cxassess import checks  # noqa: F401  (registers the deployment checks)

        from . import signals  # noqa: F401  (connects the receivers)
