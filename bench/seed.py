"""An open campaign ready for load: default questions, twelve departments, invitations.

Run inside the app's environment (`python -m bench.seed --invitations 3000`); prints the ids and
links a load generator needs as JSON. The load tests and bench/run share it.
"""

import argparse
import json
from datetime import timedelta

import django

DEPARTMENTS = (  # skewed sizes, as in a real company: weights in percent
    ("Sales", 22),
    ("Engineering", 18),
    ("Customer Support", 14),
    ("Operations", 10),
    ("Marketing", 8),
    ("Product", 7),
    ("Finance", 5),
    ("People & HR", 4),
    ("IT", 4),
    ("Legal", 3),
    ("Procurement", 3),
    ("Executive Office", 2),
)


def departments_ensure() -> list[int]:
    from questionnaire.models import Department

    return [Department.objects.get_or_create(name=name)[0].pk for name, _weight in DEPARTMENTS]


def campaign_open(*, name: str, invitations: int = 0) -> dict:
    from django.utils import timezone

    from questionnaire import services, tokens
    from questionnaire.content import default_questions_load
    from questionnaire.models import Invitation, Role

    default_questions_load()
    department_ids = departments_ensure()
    campaign = services.campaign_create(
        name=name,
        opens_at=timezone.now() - timedelta(days=1),
        closes_at=timezone.now() + timedelta(days=30),
        open_link_enabled=True,
    )
    issued = [tokens.token_make() for _ in range(invitations)]
    Invitation.objects.bulk_create(  # the service's fields, in bulk: thousands in a second
        Invitation(
            campaign=campaign,
            email=f"person{n}@example.com",
            department_id=department_ids[n % len(department_ids)],
            role=Role.CONTRIBUTOR,
            token_hash=tokens.token_hash(token),
        )
        for n, token in enumerate(issued)
    )
    question_ids = list(
        campaign.campaign_questions.order_by("position").values_list("question_id", flat=True)
    )
    return {
        "campaign_id": campaign.pk,
        "open_path": campaign.get_open_link_path(),
        "question_ids": question_ids,
        "department_ids": department_ids,
        "invitation_tokens": issued,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--name", default="Load test")
    parser.add_argument("--invitations", type=int, default=0)
    args = parser.parse_args()
    django.setup()
    print(json.dumps(campaign_open(name=args.name, invitations=args.invitations)))


if __name__ == "__main__":
    main()
