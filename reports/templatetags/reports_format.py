"""Formatting for report templates: numbers, labels and colour classes. No statistics here."""

from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal

from django import template
from django.urls import reverse
from django.utils.formats import number_format
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from questionnaire.models import last_open_day
from questionnaire.scoring import maturity_band, shown, whole
from reports import stats
from reports.dashboards.types import DEPARTMENTS_DIFFER_ICC1, RELIABLE_ICC2
from reports.stats.summary import AGREE_FROM, SOME_DISAGREEMENT_FROM

register = template.Library()


@register.filter
def last_day(closes_at):
    """The last day a round can be answered (see questionnaire.models.last_open_day)."""
    return None if closes_at is None else last_open_day(closes_at)


DASH = "–"


def _labels() -> dict[str, tuple[str, str]]:
    # (label, tooltip), AGREEMENT.md section 10, in our words.
    return {
        stats.AGREE: (
            pgettext("agreement level", "Agree"),  # not the answer option "Agree"
            _("Most people answered within about one step of each other."),
        ),
        stats.SOME_DISAGREEMENT: (
            _("Some disagreement"),
            _("Opinions vary. Worth a conversation."),
        ),
        stats.SPLIT: (_("Split views"), _("People see this very differently.")),
        stats.TWO_CAMPS: (
            _("Two camps"),
            _("Many disagree and many agree, with few in the middle."),
        ),
        stats.TOO_FEW: (
            _("Too few answers"),
            _("Not enough answers to say how much people agree."),
        ),
    }


@register.filter
def agreement_text(label: str) -> str:
    return _labels().get(label, (label, ""))[0]


@register.filter
def agreement_tip(label: str) -> str:
    return _labels().get(label, ("", ""))[1]


@register.filter
def score(value: float | None) -> str:
    """A 0..100 score as a whole number: the precision a leader can act on."""
    return DASH if value is None else str(whole(value))


@register.filter
def score_class(value: float | None) -> str:
    """Heatmap background by maturity band: a second cue beside the number, never the only one."""
    band = maturity_band(value)
    return f"cx-heat-{band}" if band else "cx-heat-none"


@register.filter
def decimal(value: float | None, places: int = 2) -> str:
    return DASH if value is None else _local(shown(value, int(places)))


def _local(value: Decimal) -> str:
    """In the reader's notation, every place kept: 3,42 in Italian and Romanian, 3.42 in English
    (the CSV and the JSON keep points: they are read by programs)."""
    return number_format(value)


# The edges the pages name beside each index ("0.70 or more is reliable", "0.83 or less"), and
# the agreement labels' bands for rwg.
INDEX_EDGES = {
    "rwg": (SOME_DISAGREEMENT_FROM, AGREE_FROM),
    "ad": (5 / 6,),  # Burke & Dunlap's c/6 for five options, which the page writes as 0.83
    "icc1": (DEPARTMENTS_DIFFER_ICC1,),
    "icc2": (RELIABLE_ICC2,),
}


@register.filter
def index(value: float | None, kind: str) -> str:
    """An index to 2 places, or more where 2 would put it on an edge the page names or across
    one: ICC(2) 0.698 printed "0.70" beside "0.70 or more is reliable" and "could be chance".
    Within 0.00005 of an edge it is cut towards its own side (0.69996 reads 0.6999)."""
    if value is None:
        return DASH
    for places in (2, 3, 4):
        rounded = shown(value, places)
        crossed = [e for e in INDEX_EDGES[kind] if _side(value, e) != _side(float(rounded), e)]
        if not crossed:
            return _local(rounded)
    towards = ROUND_FLOOR if value < crossed[0] else ROUND_CEILING
    return _local(Decimal(repr(value)).quantize(Decimal("0.0001"), rounding=towards))


def _side(value: float, edge: float) -> int:
    return (value > edge) - (value < edge)


@register.filter
def percent(value: float | None) -> str:
    # Rounded as a share to 2 places, not 100·value: 100 · 0.145 is 14.4999… in binary.
    return DASH if value is None else f"{shown(value, 2).scaleb(2):.0f}%"


@register.filter
def signed(value: float | None) -> str:
    """A change in score points with its sign; a typographic minus reads better than a hyphen."""
    if value is None:
        return DASH
    points = whole(value)
    if points == 0:
        return "0"
    return f"+{points}" if points > 0 else f"−{-points}"


@register.filter
def change_from(after: float | None, before: float | None) -> str:
    """A change in score points as the difference of the two scores shown beside it, each
    rounded first: "44 → 58, +13" (the exact +13.4) did not add up on the page."""
    if after is None or before is None:
        return DASH
    return signed(whole(after) - whole(before))


@register.filter
def signed_decimal(value: float | None) -> str:
    """A change in an index with its sign, rounded first: −0.001 reads 0.00, not −0.00."""
    if value is None:
        return DASH
    rounded = shown(value, 2)
    if rounded == 0:
        return _local(Decimal("0.00"))
    return ("+" if rounded > 0 else "−") + _local(abs(rounded))


@register.filter
def option_label(index: int) -> str:
    """Short names of the answer options 1..5 for legends."""
    names = (
        pgettext("answer option", "Strongly disagree"),
        pgettext("answer option", "Disagree"),
        pgettext("answer option", "Neutral"),
        pgettext("answer option", "Agree"),
        pgettext("answer option", "Strongly agree"),
    )
    return names[int(index)]


@register.simple_tag
def distribution(counts) -> list[tuple[int, int, str]]:
    """(option 1..5, count, short label) for a distribution's text alternative."""
    return [(k, c, option_label(k - 1)) for k, c in enumerate(counts, start=1)]


def _hotspot_numbers(item, campaign_id: int) -> tuple[str, str]:
    """Where the numbers behind a hotspot are, and that place in words: its question, else its
    department, else the dashboard's leadership section."""
    result = getattr(item, "result", None)
    question = getattr(item, "question", None) or getattr(result, "question", None)
    if question is not None:
        url = reverse("reports:question_detail", args=[campaign_id, question.id])
        return url, _("Question %(number)s") % {"number": question.number}
    group = getattr(item, "a", None)
    if group is not None and group.department_id is not None:
        url = reverse("reports:department_detail", args=[campaign_id, group.department_id])
        return url, group.label
    url = reverse("reports:campaign_dashboard", args=[campaign_id]) + "#leadership"
    return url, _("The leadership team and everybody else")


@register.simple_tag
def see_the_numbers(item, campaign_id: int) -> str:
    """The link from a finding to its numbers, named after where it goes (WCAG 2.4.9): a
    screen reader's list of links otherwise reads "See the numbers" a dozen times."""
    url, place = _hotspot_numbers(item, campaign_id)
    return format_html(
        '<a class="small cx-see" href="{}">{}<span class="visually-hidden">: {}</span></a>',
        url,
        _("See the numbers"),
        place,
    )


_CSS_PLAIN = frozenset(" .,:;!?()-_/")  # kept as they are in a CSS string; all else is escaped


@register.filter
def css_string(value: object) -> str:
    """Text for inside a double-quoted CSS string, such as a print footer's `content: "…"`.

    Letters, digits, spaces and harmless punctuation stay; anything else (quotes, backslash, <, >,
    &, control characters, line breaks) becomes a CSS escape: a backslash, the code point in hex
    and a space that ends the escape (CSS Syntax Level 3, 4.3.7). Not escapejs: CSS reads its
    \\u002D as the letters "u002D".
    """
    return "".join(
        char if char.isalnum() or char in _CSS_PLAIN else f"\\{ord(char):x} " for char in str(value)
    )


@register.filter
def listed(items, attribute: str = "") -> str:
    """Items as the reader's language lists them ("Sales, Support", "销售、客服"); with an
    attribute, that attribute of each ("pillars|listed:'local_name'")."""
    shown_items = [getattr(item, attribute) if attribute else item for item in items]
    return pgettext("between the items of a list", ", ").join(str(i) for i in shown_items)


@register.filter
def within_chance(about_the_same: bool) -> str:
    """A difference that could be chance: "about the same" when the groups are large enough to
    say the two are close (stats.Gap.about_the_same), else "too few to tell"."""
    return _("about the same") if about_the_same else _("too few to tell")
