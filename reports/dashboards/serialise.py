"""The dashboard as JSON-ready data: the JSON endpoint, the charts and report snapshots.

Documented in README.md, "Reports JSON API". Undefined statistics are null, never 0 or 1
(AGREEMENT.md section 1). Only what the dashboard holds is written, so nothing here can show a
group that anonymity hid.
"""

from typing import Any

from .types import (
    HIDDEN,
    CampaignInfo,
    Comments,
    Comparison,
    DepartmentSpread,
    Disagreement,
    GapFinding,
    Group,
    GroupResult,
    HiddenGroup,
    Hotspots,
    Participation,
    PillarResult,
    QuestionResult,
)

VERSION = 1
JSON = dict[str, Any]


def campaign_json(info: CampaignInfo) -> JSON:
    return {
        "id": info.id,
        "name": info.name,
        "opens_at": info.opens_at.isoformat(),
        "closes_at": info.closes_at.isoformat() if info.closes_at else None,
        "closed": info.closed,
        "anonymity_threshold": info.anonymity_threshold,
        "comment_threshold": info.comment_threshold,
    }


def group_ref_json(group: Group) -> JSON:
    return {
        "type": str(group.kind),
        "key": group.slug,
        "department_id": group.department_id,
        "department": group.department_name or None,
        "role": group.role,
        "label": group.label,
    }


def question_result_json(result: QuestionResult) -> JSON:
    s = result.stats
    return {
        "question_id": result.question.id,
        "n": s.n,
        "counts": list(s.counts),
        "dont_know": result.dont_know,
        "mean": s.mean,
        "sd": s.sd,
        "variance": s.variance,
        "score": s.score,
        "rwg": s.rwg,
        "ad_m": s.ad_m,
        "cns": s.cns,
        "agreement_a": s.agreement_a,
        "polarised": s.polarised,
        "agreement": result.agreement,
        "small": result.small,
    }


def pillar_result_json(result: PillarResult) -> JSON:
    s = result.stats
    return {
        "pillar_id": result.pillar.id,
        "n_answers": s.n_answers,
        "score": s.score,
        "rwg_j": s.rwg_j,
        "rwg_j_lindell": s.rwg_j_lindell,
        "mean_item_variance": s.mean_item_variance,
        "agreement": s.agreement,
        "polarised_items": s.polarised_items,
    }


def group_json(result: GroupResult) -> JSON:
    return {
        **group_ref_json(result.group),
        "n": result.size,
        "small": result.small,
        "overall_score": result.overall,
        "band": result.band,
        "questions": [question_result_json(q) for q in result.questions],
        "pillars": [pillar_result_json(p) for p in result.pillars],
    }


def hidden_json(hidden: HiddenGroup) -> JSON:
    return {
        **group_ref_json(hidden.group),
        "reason": HIDDEN,
        "explanation": hidden.explanation,
    }


def spread_json(spread: DepartmentSpread) -> JSON:
    subject = (
        {"question_id": spread.question.id}
        if spread.question is not None
        else {"pillar_id": spread.pillar.id}
    )
    return {
        **subject,
        "icc1": spread.icc.icc1,
        "icc2": spread.icc.icc2,
        "departments_differ": spread.differs,
        "reliable": spread.reliable,
    }


def participation_json(participation: Participation) -> JSON:
    return {
        "responses": participation.responses,
        "invited": participation.invited,
        "completed": participation.completed if participation.responses is not None else None,
        "completion_rate": participation.rate,
        "low": participation.low,
        "departments": [
            {
                **group_ref_json(row.group),
                "responses": row.responses,
                "invited": row.invited,
                "completed": row.completed,
                "completion_rate": row.rate,
                "low": row.low,
                "hidden_reason": HIDDEN if row.hidden else None,
            }
            for row in participation.rows
        ],
    }


def gap_json(finding: GapFinding) -> JSON:
    return {
        "kind": str(finding.kind),
        "a": group_ref_json(finding.a),
        "b": group_ref_json(finding.b),
        "pillar_id": finding.pillar.id if finding.pillar else None,
        "question_id": finding.question.id if finding.question else None,
        "a_score": finding.a_score,
        "b_score": finding.b_score,
        "difference": finding.difference,
        "too_few_to_tell": finding.too_few_to_tell,
        "about_the_same": finding.about_the_same,
        "prompt": finding.prompt,
    }


def disagreement_json(item: Disagreement) -> JSON:
    return {
        "group": group_ref_json(item.group),
        "question_id": item.result.question.id,
        "agreement": item.result.agreement,
        "variance": item.result.stats.variance,
        "polarised": item.result.stats.polarised,
        "prompt": item.prompt,
    }


def hotspots_json(hotspots: Hotspots) -> JSON:
    return {
        "company_disagreement": [disagreement_json(d) for d in hotspots.company_disagreement],
        "department_disagreement": [disagreement_json(d) for d in hotspots.department_disagreement],
        "department_gaps": [gap_json(f) for f in hotspots.department_gaps],
        "leadership_gaps": [gap_json(f) for f in hotspots.leadership_gaps],
        "leadership_vs_departments": [gap_json(f) for f in hotspots.leadership_vs_departments],
        "departments_differ": [
            {**spread_json(s), "prompt": s.prompt} for s in hotspots.departments_differ
        ],
    }


def comparison_json(comparison: Comparison | None) -> JSON | None:
    if comparison is None:
        return None
    return {
        "previous": campaign_json(comparison.previous),
        "groups": [
            {
                **group_ref_json(change.group),
                "overall_before": change.overall_before,
                "overall_after": change.overall_after,
                "overall_delta": change.overall_delta,
                "overall_too_few_to_tell": change.overall_too_few_to_tell,
                "overall_about_the_same": change.overall_about_the_same,
                "questions_rated_once": change.questions_rated_once,
                "pillars": [
                    {
                        "pillar_id": p.pillar.id,
                        "score_before": p.before.score,
                        "score_after": p.after.score,
                        "delta": p.delta,
                        "rwg_j_lindell_before": p.before.rwg_j_lindell,
                        "rwg_j_lindell_after": p.after.rwg_j_lindell,
                        "agreement_before": p.before.agreement,
                        "agreement_after": p.after.agreement,
                        "agreement_delta": p.agreement_delta,
                        "too_few_to_tell": p.too_few_to_tell,
                        "about_the_same": p.about_the_same,
                    }
                    for p in change.pillars
                ],
            }
            for change in comparison.groups
        ],
        "not_comparable": [group_ref_json(g) for g in comparison.not_comparable],
        "questions_compared": comparison.questions_compared,
        "same_questions": comparison.same_questions,
        "pillars_not_compared": [p.id for p in comparison.pillars_not_compared],
        "pillars_not_asked_now": [p.id for p in comparison.pillars_not_asked_now],
        # Asked in both rounds in other words: left out of every change above.
        "questions_reworded": [q.id for q in comparison.reworded],
        "company_questions": [
            {
                "question_id": q.question.id,
                "score_before": q.before,
                "score_after": q.after,
                "delta": q.delta,
                "too_few_to_tell": q.too_few_to_tell,
                "about_the_same": q.about_the_same,
            }
            for q in comparison.company_questions
        ],
    }


def comments_json(comments: Comments) -> JSON:
    return {
        "visible": comments.visible,
        "threshold": comments.threshold,
        "pillars": [
            {
                "pillar_id": p.pillar.id,
                "groups": [
                    {**group_ref_json(g.group), "comments": list(g.comments)} for g in p.groups
                ],
            }
            for p in comments.pillars
        ],
    }


def dashboard_json(dashboard) -> JSON:
    return {
        "version": VERSION,
        "campaign": campaign_json(dashboard.campaign),
        "scope": sorted(dashboard.scope) if dashboard.scope is not None else None,
        "pillars": [
            {"id": p.id, "slug": p.slug, "name": p.local_name, "question_ids": list(p.question_ids)}
            for p in dashboard.pillars
        ],
        "questions": [
            {
                "id": q.id,
                "key": q.key,
                "number": q.number,
                "pillar_id": q.pillar_id,
                "text": q.text,
                "wording": dict(q.wording),
            }
            for q in dashboard.questions
        ],
        "groups": [group_json(g) for g in dashboard.groups],
        "hidden_groups": [hidden_json(h) for h in dashboard.hidden],
        "between_departments": {
            "questions": [spread_json(s) for s in dashboard.question_spreads],
            "pillars": [spread_json(s) for s in dashboard.pillar_spreads],
        },
        "participation": participation_json(dashboard.participation),
        "hotspots": hotspots_json(dashboard.hotspots),
        "comparison": comparison_json(dashboard.comparison),
        "comments": comments_json(dashboard.comments),
        "recommendations": [
            {
                "pillar_id": p.pillar.id,
                "score": p.stats.score,
                "items": p.pillar.recommendation_list,
            }
            for p in dashboard.weakest_pillars
        ],
        "radar": dashboard.radar,
    }
