"""Realistic campaigns in bulk, written with COPY: generation speed is not what we measure.

Answers come from a small latent model so the dashboard has real work to do: each question has
its own level, departments differ (and differ by question), leaders see the company more kindly
than staff, each person is a bit more or less positive overall, a couple of department-question
pairs split into two camps, and "don't know" is commoner for the platform questions.
"""

import io
import random
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

import psycopg
from django.utils import timezone

from questionnaire import services
from questionnaire.content import default_questions_load
from questionnaire.models import Answer, Campaign, PillarComment, Response

from .seed import DEPARTMENTS, departments_ensure

ROLES = (("leadership", 4), ("manager", 14), ("contributor", 82))
LANGUAGES = (("en", 80), ("ro", 8), ("it", 7), ("zh-hans", 5))
ROLE_LIFT = {"leadership": 0.6, "manager": 0.25, "contributor": 0.0}
COMMENT_RATE = 0.06
COMMENTS = (
    "We talk about customers a lot but rarely change anything because of what they say.",
    "Our tools do not show the whole customer journey, so every team sees a piece of it.",
    "Leadership means it, but targets still reward internal numbers first.",
    "Good progress this year; the feedback loop with support is much faster.",
)
CHUNK = 10_000  # responses per COPY batch
NULL = "\\N"  # COPY's text format for NULL: "I don't know"


@dataclass(frozen=True)
class Organisation:
    """The fixed traits of the generated company, so every round looks like the same place."""

    question_ids: list[int]
    pillar_of: dict[int, int]
    department_ids: list[int]
    question_level: dict[int, float]
    department_lift: dict[int, float]
    pair_lift: dict[tuple[int, int], float]
    split_pairs: frozenset[tuple[int, int]]
    platform_questions: frozenset[int]


def organisation(campaign: Campaign, rng: random.Random) -> Organisation:
    rows = list(
        campaign.campaign_questions.order_by("question__pillar__order", "position").values_list(
            "question_id", "question__pillar_id"
        )
    )
    question_ids = [q for q, _pillar in rows]
    departments = departments_ensure()
    pairs = [(d, q) for d in departments for q in question_ids]
    return Organisation(
        question_ids=question_ids,
        pillar_of=dict(rows),
        department_ids=departments,
        question_level={q: rng.uniform(2.6, 3.9) for q in question_ids},
        department_lift={d: rng.gauss(0, 0.35) for d in departments},
        pair_lift={pair: rng.gauss(0, 0.25) for pair in pairs},
        split_pairs=frozenset(rng.sample(pairs, 2)),
        platform_questions=frozenset(question_ids[-3:]),  # the fifth pillar: platforms
    )


def _answer(org: Organisation, rng: random.Random, dept: int, role: str, q: int, person: float):
    dont_know = 0.12 if q in org.platform_questions else 0.04
    if role == "contributor":
        dont_know *= 1.5  # staff see less of what the organisation does
    if rng.random() < dont_know:
        return None
    latent = org.question_level[q] + org.department_lift[dept] + org.pair_lift[dept, q]
    latent += ROLE_LIFT[role] + person + rng.gauss(0, 0.75)
    if (dept, q) in org.split_pairs:
        latent += 1.4 if rng.random() < 0.5 else -1.4
    return min(5, max(1, round(latent)))


def _weighted(rng: random.Random, options, weights):
    return rng.choices(options, weights)[0]


def _batch(org: Organisation, campaign: Campaign, count: int, rng: random.Random, start: datetime):
    responses, answers, comments = io.StringIO(), io.StringIO(), io.StringIO()
    department_weights = [w for _name, w in DEPARTMENTS]
    roles, role_weights = zip(*ROLES, strict=True)
    languages, language_weights = zip(*LANGUAGES, strict=True)
    pillars = sorted(set(org.pillar_of.values()))
    for _ in range(count):
        rid = uuid.uuid4()
        dept = _weighted(rng, org.department_ids, department_weights)
        role = _weighted(rng, roles, role_weights)
        hour = start + timedelta(hours=rng.randrange(14 * 24))
        responses.write(
            f"{rid}\t{campaign.pk}\t{dept}\t{role}\t{_weighted(rng, languages, language_weights)}"
            f"\t{hour.isoformat()}\t{uuid.uuid4().hex}{uuid.uuid4().hex}\t{uuid.uuid4()}\n"
        )
        person = rng.gauss(0, 0.5)
        for q in org.question_ids:
            value = _answer(org, rng, dept, role, q, person)
            answers.write(f"{rid}\t{q}\t{NULL if value is None else value}\n")
        if rng.random() < COMMENT_RATE:
            pillar, text = rng.choice(pillars), rng.choice(COMMENTS)
            comments.write(f"{rid}\t{campaign.pk}\t{dept}\t{pillar}\t{text}\n")
    return responses.getvalue(), answers.getvalue(), comments.getvalue()


def _copy(conn: psycopg.Connection, table: str, columns: str, data: str) -> None:
    with conn.cursor().copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
        copy.write(data)


def campaign_generate(
    *, database_url: str, name: str, responses: int, opens_at: datetime, seed: int
) -> Campaign:
    """A closed round of `responses` responses (15 answers each) of the generated company."""
    rng = random.Random(seed)
    campaign = services.campaign_create(
        name=name, opens_at=opens_at, closes_at=opens_at + timedelta(days=14)
    )
    Campaign.objects.filter(pk=campaign.pk).update(closed_at=opens_at + timedelta(days=14))
    org = organisation(campaign, random.Random(0))  # the same company in every round
    start = opens_at.replace(minute=0, second=0, microsecond=0)
    response_columns = (
        "id, campaign_id, department_id, role, language, submitted_at, result_key, submission_key"
    )
    with psycopg.connect(database_url) as conn:
        for offset in range(0, responses, CHUNK):
            batch = _batch(org, campaign, min(CHUNK, responses - offset), rng, start)
            _copy(conn, Response._meta.db_table, response_columns, batch[0])
            _copy(conn, Answer._meta.db_table, "response_id, question_id, value", batch[1])
            comment_columns = "response_id, campaign_id, department_id, pillar_id, text"
            _copy(conn, PillarComment._meta.db_table, comment_columns, batch[2])
    # COPY bypasses response_submit, which raises the change count that versions the round's
    # report snapshots: raise it as the submissions would have.
    Campaign.objects.filter(pk=campaign.pk).update(responses_changed=responses)
    return campaign


def vacuum_analyze(database_url: str) -> None:
    """Fresh statistics and visibility maps, as a database in steady use has."""
    with psycopg.connect(database_url, autocommit=True) as conn:
        for model in (Response, Answer, PillarComment):
            conn.execute(f"VACUUM ANALYZE {model._meta.db_table}")


PLAIN_RESPONSE, PLAIN_ANSWER = "bench_plain_response", "bench_plain_answer"


def plain_copy_ensure(database_url: str) -> None:
    """The generated responses and answers once more, in tables with only the indexes Django
    makes by default (primary keys, one per foreign key). The bare aggregate on these is the
    one a straightforward implementation would run; ours has the covering answer_by_response."""
    response, answer = Response._meta.db_table, Answer._meta.db_table
    with psycopg.connect(database_url, autocommit=True) as conn:
        (there,) = conn.execute("SELECT to_regclass(%s) IS NOT NULL", [PLAIN_ANSWER]).fetchone()
        if there:
            return
        statements = [
            f"CREATE TABLE {PLAIN_RESPONSE} AS SELECT id, campaign_id, department_id, role"
            f" FROM {response}",
            f"ALTER TABLE {PLAIN_RESPONSE} ADD PRIMARY KEY (id)",
            f"CREATE INDEX ON {PLAIN_RESPONSE} (campaign_id)",
            f"CREATE INDEX ON {PLAIN_RESPONSE} (department_id)",
            f"CREATE TABLE {PLAIN_ANSWER} AS SELECT id, response_id, question_id, value"
            f" FROM {answer}",
            f"ALTER TABLE {PLAIN_ANSWER} ADD PRIMARY KEY (id)",
            f"CREATE INDEX ON {PLAIN_ANSWER} (response_id)",
            f"CREATE INDEX ON {PLAIN_ANSWER} (question_id)",
            f"VACUUM ANALYZE {PLAIN_RESPONSE}",
            f"VACUUM ANALYZE {PLAIN_ANSWER}",
        ]
        for statement in statements:
            conn.execute(statement)


def rounds_generate(*, database_url: str, sizes: list[int], seed: int = 42) -> dict[int, Campaign]:
    """For each size, a previous round and the measured round, both of that size.

    Rounds are placed in time so that each measured round's previous round (the one its
    dashboard compares with) is the same size's earlier round.
    """
    default_questions_load()
    measured = {}
    base = timezone.now() - timedelta(days=400)
    for n, size in enumerate(sizes):
        spring = base + timedelta(days=60 * n)
        campaign_generate(
            database_url=database_url,
            name=f"Bench {size:,} (previous round)",
            responses=size,
            opens_at=spring,
            seed=seed + 2 * n,
        )
        measured[size] = campaign_generate(
            database_url=database_url,
            name=f"Bench {size:,}",
            responses=size,
            opens_at=spring + timedelta(days=30),
            seed=seed + 2 * n + 1,
        )
    vacuum_analyze(database_url)
    plain_copy_ensure(database_url)
    return measured
