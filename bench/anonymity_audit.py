"""What the anonymity audit of answers keeps, and what it costs: bench/run-independent.

    PYTHONPATH=. .venv/bin/python -m bench.anonymity_audit [--companies 30] [--sizes 100,300]
        [--departments 12]

Simulates companies of 12 departments (or --departments) of skewed (Pareto) sizes, 6 % leaders
and 16 % managers, answering 15 questions (leaders a little more positive, 4 % "I don't know"),
and runs `visible_crossed` on each with and without the answer counts. Prints, per size, how many
companies keep each role and how many departments are lost, and the audit's time. Pure Python:
no database, no Django settings needed.
"""

import argparse
import random
import statistics
import time

from reports.anonymity import visible_crossed

ROLES = ("leadership", "manager", "contributor")


def company(people: int, seed: int, departments: int = 12) -> tuple[dict, list[list[dict]]]:
    rng = random.Random(seed)
    weights = [rng.paretovariate(1.2) for _ in range(departments)]
    everyone = []
    for department, weight in enumerate(weights):
        for _ in range(max(1, round(people * weight / sum(weights)))):
            draw = rng.random()
            everyone.append((department, ROLES[0 if draw < 0.06 else 1 if draw < 0.22 else 2]))
    sizes: dict = {}
    for cell in everyone:
        sizes[cell] = sizes.get(cell, 0) + 1
    questions = []
    for _question in range(15):
        level = rng.uniform(2.3, 4.0)
        counts: list[dict] = [{} for _ in range(6)]  # answers 1..5, then "I don't know"
        for cell in everyone:
            if rng.random() < 0.04:
                option = 5
            else:
                mean = level + (0.6 if cell[1] == "leadership" else 0)
                option = min(4, max(0, round(rng.gauss(mean, 1.0)) - 1))
            counts[option][cell] = counts[option].get(cell, 0) + 1
        questions.append(counts)
    return sizes, questions


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--companies", type=int, default=30)
    parser.add_argument("--sizes", default="100,300,1000,3000")
    parser.add_argument("--threshold", type=int, default=5)
    # Many small departments: the search for a small set took 41 s at 60 before 2026-11-25.
    parser.add_argument("--departments", type=int, default=12)
    args = parser.parse_args()
    print(
        f"{'people':>7} {'leaders kept':>13} {'managers':>9} {'contributors':>13}"
        f" {'departments lost':>17} {'audit ms (median)':>18}"
    )
    for people in (int(s) for s in args.sizes.split(",")):
        kept = dict.fromkeys(ROLES, 0)
        lost = shown = 0
        times = []
        for seed in range(args.companies):
            sizes, questions = company(people, seed, args.departments)
            by_size = visible_crossed(sizes, threshold=args.threshold)
            started = time.perf_counter()
            result = visible_crossed(
                sizes, threshold=args.threshold, questions=questions, keep=("leadership",)
            )
            times.append((time.perf_counter() - started) * 1000)
            for role in ROLES:
                kept[role] += role in result.columns
            shown += len(by_size.rows)
            lost += len(by_size.rows - result.rows)
        print(
            f"{people:>7} {kept['leadership']:>10}/{args.companies} {kept['manager']:>6}/"
            f"{args.companies} {kept['contributor']:>10}/{args.companies}"
            f" {lost:>11} of {shown:<4} {statistics.median(times):>17.1f}"
        )


if __name__ == "__main__":
    main()
