"""Each hotspot as a question for the team to talk about (AGREEMENT.md section 10), in the
reader's language: these run when a page or the JSON is rendered, never when data is cached.

Full sentences per direction and per kind of group, so translators never assemble grammar.
"""

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from questionnaire.scoring import whole
from reports import stats


def _quoted(text: str) -> str:
    """The statement inside our own quotes, without its full stop: the sentence goes on."""
    return text.rstrip(" .。")


def _subject(finding) -> str:
    if finding.question is not None:
        # Quotation marks are the language's own: „…” in Romanian, “…” in English.
        return _("“%(statement)s”") % {"statement": _quoted(finding.question.text)}
    return finding.pillar.local_name


def disagreement_prompt(item) -> str:
    result, group = item.result, item.group
    company = group.kind == "company"
    values = {"question": _quoted(result.question.text), "group": group.label, "n": result.stats.n}
    label = result.agreement
    if label == stats.TWO_CAMPS:
        split = stats.camps(result.stats.counts)
        values |= {"disagree": split.disagree, "agree": split.agree}
        if company:
            text = _(
                "Colleagues are split into two camps on “%(question)s”: %(disagree)s of %(n)s "
                "disagree and %(agree)s of %(n)s agree. What does each side see that the other "
                "does not?"
            )
        else:
            text = _(
                "%(group)s is split into two camps on “%(question)s”: %(disagree)s of %(n)s "
                "disagree and %(agree)s of %(n)s agree. What does each side see that the other "
                "does not?"
            )
    elif label == stats.SPLIT:
        if company:
            text = _(
                "Colleagues' answers to “%(question)s” are widely spread. What different "
                "experiences lie behind them?"
            )
        else:
            text = _(
                "Answers in %(group)s to “%(question)s” are widely spread. What different "
                "experiences lie behind them?"
            )
    elif company:
        text = _(
            "Opinions on “%(question)s” vary. Do people picture the same thing when they answer?"
        )
    else:
        text = _(
            "Opinions on “%(question)s” vary within %(group)s. Do people picture the same thing "
            "when they answer?"
        )
    return text % values


def not_known_prompt(item) -> str:
    values = {"dont_know": item.dont_know, "answered": item.answered}
    if item.pillar is not None:
        values["pillar"] = item.pillar.local_name
        return (
            ngettext(
                "Nobody could rate %(pillar)s: its %(dont_know)s answer was “I don't know”, so it "
                "has no score and the overall score leaves it out. Is this work not done, or done "
                "where colleagues cannot see it?",
                "Nobody could rate %(pillar)s: all %(dont_know)s answers to its questions were "
                "“I don't know”, so it has no score and the overall score leaves it out. Is this "
                "work not done, or done where colleagues cannot see it?",
                item.dont_know,
            )
            % values
        )
    values["question"] = _quoted(item.result.question.text)
    return (
        ngettext(
            "%(dont_know)s of %(answered)s colleague answered “I don't know” to “%(question)s”. "
            "Is this not done, or done where colleagues cannot see it?",
            "%(dont_know)s of %(answered)s colleagues answered “I don't know” to “%(question)s”. "
            "Is this not done, or done where colleagues cannot see it?",
            item.answered,
        )
        % values
    )


def _department_vs_company(finding, above: bool) -> str:
    if finding.pillar is None and finding.question is None:
        if above:
            return ngettext(
                "%(department)s sees the company as more customer-centric than the company as a "
                "whole does: %(points)s point above. What does %(department)s see that others "
                "do not?",
                "%(department)s sees the company as more customer-centric than the company as a "
                "whole does: %(points)s points above. What does %(department)s see that others "
                "do not?",
                finding.points,
            )
        return ngettext(
            "%(department)s sees the company as less customer-centric than the company as a "
            "whole does: %(points)s point below. Where does that view come from?",
            "%(department)s sees the company as less customer-centric than the company as a "
            "whole does: %(points)s points below. Where does that view come from?",
            finding.points,
        )
    if above:
        return ngettext(
            "%(department)s rates %(subject)s %(points)s point above the company as a whole. "
            "What works there that others could learn from?",
            "%(department)s rates %(subject)s %(points)s points above the company as a whole. "
            "What works there that others could learn from?",
            finding.points,
        )
    return ngettext(
        "%(department)s rates %(subject)s %(points)s point below the company as a whole. "
        "What does %(department)s experience that others do not?",
        "%(department)s rates %(subject)s %(points)s points below the company as a whole. "
        "What does %(department)s experience that others do not?",
        finding.points,
    )


def _leadership_vs_everyone(finding, above: bool) -> str:
    if finding.pillar is None and finding.question is None:
        if above:
            return ngettext(
                "The leadership team sees a more customer-centric company than everybody else: "
                "%(points)s point higher overall. Where do the two views part?",
                "The leadership team sees a more customer-centric company than everybody else: "
                "%(points)s points higher overall. Where do the two views part?",
                finding.points,
            )
        return ngettext(
            "The leadership team sees a less customer-centric company than everybody else: "
            "%(points)s point lower overall. What worries leaders that others do not notice?",
            "The leadership team sees a less customer-centric company than everybody else: "
            "%(points)s points lower overall. What worries leaders that others do not notice?",
            finding.points,
        )
    if above:
        return ngettext(
            "The leadership team rates %(subject)s %(points)s point higher than everybody else. "
            "What do leaders see that others do not, and what do others see that leaders miss?",
            "The leadership team rates %(subject)s %(points)s points higher than everybody else. "
            "What do leaders see that others do not, and what do others see that leaders miss?",
            finding.points,
        )
    return ngettext(
        "The leadership team rates %(subject)s %(points)s point lower than everybody else. "
        "What worries leaders that others do not notice?",
        "The leadership team rates %(subject)s %(points)s points lower than everybody else. "
        "What worries leaders that others do not notice?",
        finding.points,
    )


def _department_vs_leadership(finding, above: bool) -> str:
    if finding.pillar is None and finding.question is None:
        if above:
            return ngettext(
                "%(department)s sees the company %(points)s point more customer-centric than "
                "the leadership team does. What does %(department)s see that leaders do not?",
                "%(department)s sees the company %(points)s points more customer-centric than "
                "the leadership team does. What does %(department)s see that leaders do not?",
                finding.points,
            )
        return ngettext(
            "%(department)s sees the company %(points)s point less customer-centric than the "
            "leadership team does. Where do the two views come from?",
            "%(department)s sees the company %(points)s points less customer-centric than the "
            "leadership team does. Where do the two views come from?",
            finding.points,
        )
    if above:
        return ngettext(
            "%(department)s rates %(subject)s %(points)s point above the leadership team. "
            "What does %(department)s see that leaders do not?",
            "%(department)s rates %(subject)s %(points)s points above the leadership team. "
            "What does %(department)s see that leaders do not?",
            finding.points,
        )
    return ngettext(
        "%(department)s rates %(subject)s %(points)s point below the leadership team. "
        "Where do the two views come from?",
        "%(department)s rates %(subject)s %(points)s points below the leadership team. "
        "Where do the two views come from?",
        finding.points,
    )


_GAP_TEXTS = {
    "department_vs_company": _department_vs_company,
    "leadership_vs_everyone": _leadership_vs_everyone,
    "department_vs_leadership": _department_vs_leadership,
}


def gap_prompt(finding) -> str:
    text = _GAP_TEXTS[finding.kind](finding, above=finding.shown_difference > 0)
    subject = "" if finding.pillar is None and finding.question is None else _subject(finding)
    return text % {"department": finding.a.label, "subject": subject, "points": finding.points}


def spread_prompt(spread) -> str:
    values = {
        "subject": _subject(spread),
        "percent": whole(spread.explained_percent or 0),
    }
    text = (
        _(
            "Departments see %(subject)s differently: which department people work in explains "
            "%(percent)s%% of the spread in answers. What is different about each department's "
            "experience?"
        )
        % values
    )
    if not spread.reliable:
        text += " " + _("The departments are small, so this could be chance.")
    return text
