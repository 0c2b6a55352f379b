from django.core.management.base import BaseCommand

from questionnaire.content import default_questions_load


class Command(BaseCommand):
    help = "Create the five pillars and fifteen default questions (skips those that exist)."

    def handle(self, *args, **options) -> None:
        pillars, questions = default_questions_load()
        self.stdout.write(f"Default content: {pillars} pillars and {questions} questions created.")
