"""A data set with known statistics, submitted through the real answer form, read back from the
JSON endpoint and the CSV export. Expected values are worked out by hand in the comments
(AGREEMENT.md's worked examples for n = 5)."""

import csv
import io
import math

import pytest
from django.urls import reverse

from questionnaire.models import Response
from tests import factories

# Five people in Sales, one row each, questions in pillar order; "dk" is "I don't know".
SALES = [
    ["4", "2", "1", "3", "3"] + ["4"] * 10,
    ["4", "2", "1", "4", "3"] + ["4"] * 10,
    ["4", "4", "1", "4", "4"] + ["4"] * 10,
    ["5", "4", "5", "4", "5"] + ["4"] * 10,
    ["5", "4", "5", "5", "dk"] + ["4"] * 10,
]
SUPPORT = [["3"] * 15] * 5

# question number → (counts, dont_know, mean, sd, rwg, ad_m, cns, agreement_a, polarised)
SALES_EXPECTED = {
    # 4 4 4 5 5: variance (3·0.16 + 2·0.36)/4 = 0.3; AD (3·0.4 + 2·0.6)/5;
    # Cns 1 + 0.6·log2(0.9) + 0.4·log2(0.85); A: layers 00011 (4/5 · 0.75) and 00010 (1/5 · 1)
    1: (
        [0, 0, 0, 3, 2],
        0,
        4.4,
        math.sqrt(0.3),
        0.85,
        0.48,
        1 + 0.6 * math.log2(0.9) + 0.4 * math.log2(0.85),
        0.8,
        False,
    ),
    # 2 2 4 4 4: variance 1.2; AD 4.8/5; Cns 1 + 0.4·log2(0.7) + 0.6·log2(0.8);
    # A: layer 01010 has TU = 2, TDU = 1, U = 2/9, A = 1/6 (weight 4/5), then 00010 (1/5)
    2: (
        [0, 2, 0, 3, 0],
        0,
        3.2,
        math.sqrt(1.2),
        0.4,
        0.96,
        1 + 0.4 * math.log2(0.7) + 0.6 * math.log2(0.8),
        4 / 5 / 6 + 1 / 5,
        True,
    ),
    # 1 1 1 5 5: variance 4.8 > 2, so rwg is truncated to 0; AD 9.6/5;
    # Cns 1 + 0.6·log2(0.6) + 0.4·log2(0.4); A: layer 10001 is −1 (4/5), then 10000 (1/5)
    3: (
        [3, 0, 0, 0, 2],
        0,
        2.6,
        math.sqrt(4.8),
        0.0,
        1.92,
        1 + 0.6 * math.log2(0.6) + 0.4 * math.log2(0.4),
        -0.6,
        True,
    ),
    # 3 4 4 4 5: variance 0.5; AD 0.4; Cns 1 + 0.4·log2(0.75); A 3/5 · 0.5 + 2/5 · 1
    4: (
        [0, 0, 1, 3, 1],
        0,
        4.0,
        math.sqrt(0.5),
        0.75,
        0.4,
        1 + 0.4 * math.log2(0.75),
        0.7,
        False,
    ),
    # 3 3 4 5 and one "I don't know", left out: n = 4, variance 2.75/3; AD 3/4;
    # Cns 1 + 0.5·log2(1 − 0.75/4) + 0.25·log2(1 − 0.25/4) + 0.25·log2(1 − 1.25/4);
    # A: layer 00111 (3/4 · 0.5), then 00100 (1/4 · 1)
    5: (
        [0, 0, 2, 1, 1],
        1,
        3.75,
        math.sqrt(2.75 / 3),
        1 - 2.75 / 6,
        0.75,
        1 + 0.5 * math.log2(0.8125) + 0.25 * math.log2(0.9375) + 0.25 * math.log2(0.6875),
        0.625,
        False,
    ),
}


@pytest.fixture
def submitted(client, campaign, sales, support):
    url = reverse("questionnaire:open_link", args=[campaign.open_link_key])
    for department, rows in ((sales, SALES), (support, SUPPORT)):
        for answers in rows:
            data = factories.form_data(
                campaign, answers, department=str(department.pk), role="contributor"
            )
            assert client.post(url, data).status_code == 302
    assert Response.objects.filter(campaign=campaign).count() == 10
    return campaign


def _question_ids(campaign):
    return {number: q for number, q in enumerate(factories.question_ids(campaign), start=1)}


def _approx(value):
    return pytest.approx(value, abs=1e-9)


@pytest.mark.django_db
def test_json_matches_hand_computed_statistics(leader_client, submitted, sales):
    data = leader_client.get(reverse("reports:dashboard_json", args=[submitted.pk])).json()
    ids = _question_ids(submitted)
    sales_group = next(g for g in data["groups"] if g["key"] == f"department-{sales.pk}")
    by_question = {q["question_id"]: q for q in sales_group["questions"]}
    for number, expected in SALES_EXPECTED.items():
        counts, dont_know, mean, sd, rwg, ad_m, cns, agreement_a, polarised = expected
        got = by_question[ids[number]]
        assert got["counts"] == counts, number
        assert got["n"] == sum(counts) and got["dont_know"] == dont_know, number
        assert (got["mean"], got["sd"], got["rwg"], got["ad_m"]) == (
            _approx(mean),
            _approx(sd),
            _approx(rwg),
            _approx(ad_m),
        ), number
        assert (got["cns"], got["agreement_a"]) == (_approx(cns), _approx(agreement_a)), number
        assert got["polarised"] is polarised, number

    pillars = {p["pillar_id"]: p for p in sales_group["pillars"]}
    leadership, strategy = (pillars[p["id"]] for p in data["pillars"][:2])
    # Leadership: item scores 85, 55, 40; mean item variance (0.3 + 1.2 + 4.8)/3 = 2.1 ≥ 2
    assert leadership["score"] == pytest.approx(60.0)
    assert leadership["rwg_j"] == 0.0
    assert leadership["rwg_j_lindell"] == pytest.approx(1 - 2.1 / 2)
    # Strategy: scores 75, 68.75, 75; mean variance (0.5 + 2.75/3 + 0)/3, r = that / 2
    r = (0.5 + 2.75 / 3) / 3 / 2
    assert strategy["score"] == pytest.approx((75 + 68.75 + 75) / 3)
    assert strategy["rwg_j"] == pytest.approx(3 * (1 - r) / (3 * (1 - r) + r))
    assert strategy["rwg_j_lindell"] == pytest.approx(1 - r)


@pytest.mark.django_db
def test_json_company_and_between_department_statistics(leader_client, submitted):
    data = leader_client.get(reverse("reports:dashboard_json", args=[submitted.pk])).json()
    ids = _question_ids(submitted)
    company = next(g for g in data["groups"] if g["type"] == "company")
    first = next(q for q in company["questions"] if q["question_id"] == ids[1])
    # 4 4 4 5 5 3 3 3 3 3: S1 = 37, S2 = 143; variance (143 − 37²/10)/9
    assert first["mean"] == pytest.approx(3.7)
    assert first["sd"] == pytest.approx(math.sqrt(6.1 / 9))
    icc = {q["question_id"]: q for q in data["between_departments"]["questions"]}
    # SSB 4.9 (1 df), SSW 1.2 (8 df): MSB 4.9, MSW 0.15, k = 5
    assert icc[ids[1]]["icc1"] == pytest.approx(4.75 / 5.5)
    assert icc[ids[1]]["icc2"] == pytest.approx(4.75 / 4.9)
    # Leadership pooled per department: Sales [3, 2, 0, 6, 4], Support fifteen 3s.
    # SSB = 308.4 − 307.2 = 1.2 = MSB; SSW = 342 − 308.4 = 33.6 over 28 df = 1.2 = MSW → 0 exactly
    leadership_id = data["pillars"][0]["id"]
    pillar_icc = {p["pillar_id"]: p for p in data["between_departments"]["pillars"]}
    assert pillar_icc[leadership_id]["icc1"] == 0.0
    assert pillar_icc[leadership_id]["icc2"] == 0.0
    # Q6..Q15: Sales all 4, Support all 3: MSW = 0, so ICC(1) = 1 and ICC(2) = 1
    assert icc[ids[6]]["icc1"] == pytest.approx(1.0) and icc[ids[6]]["icc2"] == pytest.approx(1.0)


@pytest.mark.django_db
def test_csv_carries_the_same_numbers(leader_client, submitted, sales):
    page = leader_client.get(reverse("reports:export_csv", args=[submitted.pk]))
    text = page.content.decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    ids = _question_ids(submitted)
    key = f"department-{sales.pk}"
    for number, expected in SALES_EXPECTED.items():
        counts, dont_know, mean, sd, rwg, ad_m, cns, agreement_a, polarised = expected
        row = next(
            r
            for r in rows
            if r["section"] == "group_question"
            and r["group_key"] == key
            and r["question_id"] == str(ids[number])
        )
        assert [int(row[f"count_{k}"]) for k in range(1, 6)] == counts, number
        assert (int(row["n"]), int(row["dont_know"])) == (sum(counts), dont_know), number
        for column, value in (("mean", mean), ("sd", sd), ("rwg", rwg), ("ad_m", ad_m)):
            assert float(row[column]) == pytest.approx(value, abs=1e-9), (number, column)
        assert float(row["cns"]) == pytest.approx(cns, abs=1e-9), number
        assert float(row["agreement_a"]) == pytest.approx(agreement_a, abs=1e-9), number
        assert row["polarised"] == ("true" if polarised else "false"), number
    pillar = next(r for r in rows if r["section"] == "group_pillar" and r["group_key"] == key)
    assert float(pillar["score"]) == pytest.approx(60.0)
    assert float(pillar["rwg_j"]) == 0.0
    assert float(pillar["rwg_j_lindell"]) == pytest.approx(-0.05)
