"""Load the default pillars and questions into the database, idempotently."""

from django.db import transaction

from .defaults import PILLARS
from .models import Pillar, Question


def _translations(texts: dict[str, str]) -> dict[str, str]:
    return {lang: text for lang, text in texts.items() if lang != "en"}


@transaction.atomic
def default_questions_load() -> tuple[int, int]:
    """Create missing pillars and questions; never overwrite what an admin has edited.

    Returns how many pillars and questions were created.
    """
    pillars_created = questions_created = 0
    for order, spec in enumerate(PILLARS, start=1):
        pillar, created = Pillar.objects.get_or_create(
            slug=spec["slug"],
            defaults={
                "order": order,
                "name": spec["name"]["en"],
                "description": spec["description"]["en"],
                "recommendations": "\n".join(spec["recommendations"]["en"]),
                "translations": {
                    lang: {
                        "name": spec["name"][lang],
                        "description": spec["description"][lang],
                        "recommendations": "\n".join(spec["recommendations"][lang]),
                    }
                    for lang in spec["name"]
                    if lang != "en"
                },
            },
        )
        pillars_created += created
        for position, question in enumerate(spec["questions"], start=1):
            _question, created = Question.objects.get_or_create(
                key=question["key"],
                defaults={
                    "pillar": pillar,
                    "order": position,
                    "text": question["text"]["en"],
                    "translations": _translations(question["text"]),
                },
            )
            questions_created += created
    return pillars_created, questions_created
