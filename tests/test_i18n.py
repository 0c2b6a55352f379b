"""Four languages: complete catalogues, and pages that show interface and content in the reader's.

The catalogues are read as plain text (no gettext tools needed) and compared with the compiled .mo
files that Django loads, so an untranslated, fuzzy or uncompiled string fails here.
"""

import ast
import gettext
import html
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

import django
import pytest
from django.conf import settings
from django.contrib import admin
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone, translation

from questionnaire.defaults import MATURITY_BANDS, PILLARS
from questionnaire.models import Response, Role

from . import factories

LOCALE_DIR = Path(settings.BASE_DIR) / "locale"
# Django's own strings that its catalogues leave untranslated (see settings.LOCALE_PATHS).
DJANGO_GAPS_DIR = Path(settings.BASE_DIR) / "cxassess" / "django_locale"
# Django's locale folder name, the language code it serves, and the catalogue's plural rule.
CATALOGUES = {
    "ro": ("ro", "nplurals=3; plural=(n==1?0:(((n%100>19)||((n%100==0)&&(n!=0)))?2:1));"),
    "it": ("it", "nplurals=2; plural=(n != 1);"),
    "zh_Hans": ("zh-hans", "nplurals=1; plural=0;"),
}
TRANSLATED = [code for code, _name in settings.LANGUAGES if code != "en"]
# Every catalogue file the project keeps, as (language folder, path).
PO_FILES = [(folder, LOCALE_DIR / folder / "LC_MESSAGES" / "django.po") for folder in CATALOGUES]
PO_FILES += [
    (folder, DJANGO_GAPS_DIR / folder / "LC_MESSAGES" / f"{domain}.po")
    for folder in CATALOGUES
    for domain in ("django", "djangojs")
]
PO_IDS = [str(path.relative_to(settings.BASE_DIR)) for _folder, path in PO_FILES]
PLACEHOLDER = re.compile(r"%%|%\(\w+\)[sdfr]|%[sdfr]")


@dataclass
class Entry:
    msgid: str = ""
    msgid_plural: str | None = None
    msgctxt: str | None = None
    msgstr: dict[int, str] = field(default_factory=dict)
    flags: set[str] = field(default_factory=set)
    references: list[str] = field(default_factory=list)
    line: int = 0

    @property
    def key(self) -> str:
        return f"{self.msgctxt}\x04{self.msgid}" if self.msgctxt is not None else self.msgid


def parse_po(path: Path) -> list[Entry]:
    """Every entry of a .po file, header included; obsolete (#~) entries left out."""
    entries: list[Entry] = []
    entry, target = Entry(), None

    def finish():
        nonlocal entry, target
        if target is not None:
            entries.append(entry)
        entry, target = Entry(), None

    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        line = raw.strip()
        if not line:
            finish()
        elif line.startswith("#,"):
            if target is not None and target[0] == "msgstr":
                finish()
            entry.flags |= {flag.strip() for flag in line[2:].split(",")}
        elif line.startswith("#"):
            if target is not None and target[0] == "msgstr":
                finish()
            if line.startswith("#:"):
                entry.references += line[2:].split()
        elif line.startswith('"'):
            assert target is not None, f"{path}:{number}: text outside an entry"
            _append(entry, target, ast.literal_eval(line))
        else:
            keyword, _space, rest = line.partition(" ")
            if keyword in ("msgctxt", "msgid") and target is not None and target[0] == "msgstr":
                finish()
            match = re.fullmatch(r"msgstr\[(\d)\]", keyword)
            if match:
                target = ("msgstr", int(match[1]))
            elif keyword in ("msgctxt", "msgid", "msgid_plural", "msgstr"):
                target = (keyword, 0)
            else:
                raise AssertionError(f"{path}:{number}: unexpected line {raw!r}")
            if keyword == "msgid":
                entry.line = number
            _set(entry, target, ast.literal_eval(rest))
    finish()
    return entries


def _set(entry: Entry, target: tuple[str, int], text: str) -> None:
    name, index = target
    if name == "msgstr":
        entry.msgstr[index] = text
    else:
        setattr(entry, name, text)


def _append(entry: Entry, target: tuple[str, int], text: str) -> None:
    name, index = target
    if name == "msgstr":
        entry.msgstr[index] += text
    else:
        setattr(entry, name, getattr(entry, name) + text)


def _catalogue(folder: str, path: Path | None = None) -> tuple[Entry, list[Entry]]:
    entries = parse_po(path or LOCALE_DIR / folder / "LC_MESSAGES" / "django.po")
    assert entries and entries[0].msgid == "", "the header comes first"
    return entries[0], entries[1:]


def _placeholders(text: str) -> list[str]:
    return sorted(PLACEHOLDER.findall(text))


# Catalogues --------------------------------------------------------------------------------------


def test_every_interface_language_has_a_catalogue():
    served = {code for code, _plural in CATALOGUES.values()}
    assert served == set(TRANSLATED)
    assert LOCALE_DIR in [Path(p) for p in settings.LOCALE_PATHS]


@pytest.mark.parametrize(("folder", "po"), PO_FILES, ids=PO_IDS)
def test_catalogue_header_is_final_and_has_the_right_plural_rule(folder, po):
    header, _entries = _catalogue(folder, po)
    assert "fuzzy" not in header.flags, "the header is still marked fuzzy"
    fields = dict(line.split(": ", 1) for line in header.msgstr[0].splitlines() if ": " in line)
    assert fields["Content-Type"] == "text/plain; charset=UTF-8"
    assert fields["Plural-Forms"] == CATALOGUES[folder][1]
    assert fields["Language"] == folder


@pytest.mark.parametrize(("folder", "po"), PO_FILES, ids=PO_IDS)
def test_every_string_is_translated_and_none_is_fuzzy(folder, po):
    _header, entries = _catalogue(folder, po)
    nplurals = int(re.search(r"nplurals=(\d)", CATALOGUES[folder][1])[1])
    assert entries
    untranslated, fuzzy = [], []
    for entry in entries:
        if "fuzzy" in entry.flags:
            fuzzy.append(f"line {entry.line}: {entry.msgid!r}")
        expected_forms = set(range(nplurals)) if entry.msgid_plural is not None else {0}
        if set(entry.msgstr) != expected_forms or not all(
            text.strip() for text in entry.msgstr.values()
        ):
            untranslated.append(f"line {entry.line}: {entry.msgid!r}")
    assert not untranslated, f"untranslated in {folder}: " + "; ".join(untranslated)
    assert not fuzzy, f"fuzzy in {folder} (check them, then drop the flag): " + "; ".join(fuzzy)


@pytest.mark.parametrize(("folder", "po"), PO_FILES, ids=PO_IDS)
def test_translations_keep_every_placeholder(folder, po):
    _header, entries = _catalogue(folder, po)
    wrong = []
    for entry in entries:
        if "python-format" not in entry.flags and "%" not in entry.msgid:
            continue
        for index, text in entry.msgstr.items():
            got = set(_placeholders(text))
            if entry.msgid_plural is None:
                ok = _placeholders(text) == _placeholders(entry.msgid)
            else:
                wanted = set(_placeholders(entry.msgid_plural))
                allowed = wanted | set(_placeholders(entry.msgid))
                # Only a form used for n == 1 alone may leave the number out ("one invitation").
                ok = got <= allowed and (wanted <= got or (index == 0 and folder != "zh_Hans"))
            if not ok:
                wrong.append(f"line {entry.line}: {entry.msgid!r} -> {text!r}")
    assert not wrong, "placeholders differ: " + "; ".join(wrong)


# How each language writes "N points" right after the number in a gap sentence.
POINTS_UNIT = {"it": "punt", "ro": "punct", "zh_Hans": "分"}


@pytest.mark.parametrize("folder", CATALOGUES)
def test_a_gap_in_points_says_points_in_every_language(folder):
    """Romanian read "un scor mai mare cu 33": 33 what? Every form names the unit."""
    _header, entries = _catalogue(folder)
    missing = [
        f"line {entry.line}: {text!r}"
        for entry in entries
        if entry.msgid_plural and "%(points)s point" in entry.msgid
        for text in entry.msgstr.values()
        if not re.search(r"%\(points\)s\s*(de )?" + POINTS_UNIT[folder], text)
    ]
    assert not missing, "no unit after the points: " + "; ".join(missing)


def test_romanian_uses_comma_below_letters():
    entries = [e for folder, po in PO_FILES if folder == "ro" for e in _catalogue(folder, po)[1]]
    cedillas = set("\u015e\u015f\u0162\u0163")  # Ş ş Ţ ţ: the wrong look-alikes of Ș ș Ț ț
    wrong = [e.msgid for e in entries if any(set(t) & cedillas for t in e.msgstr.values())]
    assert not wrong


@pytest.mark.parametrize(("folder", "po"), PO_FILES, ids=PO_IDS)
def test_compiled_catalogue_matches_the_po_file(folder, po):
    """The .mo that Django loads holds exactly what the .po says: nobody forgot to compile."""
    _header, entries = _catalogue(folder, po)
    mo = po.with_suffix(".mo")
    assert mo.exists(), f"run: manage.py compilemessages --ignore=.venv ({mo} is missing)"
    with mo.open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)._catalog
    stale = []
    for entry in entries:
        if entry.msgid_plural is None:
            if compiled.get(entry.key) != entry.msgstr[0]:
                stale.append(entry.msgid)
        else:
            for index, text in entry.msgstr.items():
                if compiled.get((entry.key, index)) != text:
                    stale.append(entry.msgid)
    assert not stale, "the .mo is out of date; run compilemessages: " + "; ".join(stale[:5])


@pytest.mark.parametrize("language", TRANSLATED)
def test_django_serves_each_catalogue(language):
    with translation.override(language):
        assert translation.gettext("Send my answers") != "Send my answers"
        assert translation.gettext("Strongly agree") != "Strongly agree"


DJANGO_DIR = Path(django.__file__).parent
# Django's strings that no page shows: language names and the debug welcome page.
NEVER_SHOWN = ("conf/global_settings.py", "views/templates/default_urlconf.html")


def _django_source_entries(base: str, domain: str) -> list[Entry]:
    """Django's English entries under django/<base>, those a page can show."""
    english = DJANGO_DIR / base / "locale" / "en" / "LC_MESSAGES" / f"{domain}.po"
    _header, *entries = parse_po(english)
    return [e for e in entries if not all(r.startswith(NEVER_SHOWN) for r in e.references)]


@pytest.mark.parametrize("language", TRANSLATED)
def test_django_own_strings_are_in_the_language_too(language):
    """Django's Romanian catalogue stops short of 5.2 ("Skip to main content", "Reset password",
    the admin's theme switch, form errors) and its Italian and Chinese ones miss the newer
    password switch and "Forgotten your login credentials?". cxassess/django_locale fills them."""
    catalogue = translation.trans_real.translation(language)._catalog
    missing = [
        entry.msgid
        for base in ("contrib/admin", "contrib/auth", "conf")
        for entry in _django_source_entries(base, "django")
        if not catalogue.get(entry.key if entry.msgid_plural is None else (entry.key, 0))
    ]
    assert not missing, f"{len(missing)} of Django's strings in English: " + "; ".join(missing[:8])


@pytest.mark.parametrize("language", TRANSLATED)
def test_admin_scripts_speak_the_language(language):
    """The admin's department picker for a leader read "Choose 组" and "Scegli tutti i" was
    "Choose all": the scripts' catalogue, served at /admin/jsi18n/, has every string."""
    with translation.override(language):
        script = admin.site.i18n_javascript(RequestFactory().get("/admin/jsi18n/"))
    catalogue = re.search(r"const newcatalog = (\{.*?\});", script.content.decode(), re.S)[1]
    served = json.loads(catalogue)
    missing = [
        entry.msgid
        for entry in _django_source_entries("contrib/admin", "djangojs")
        if not served.get(entry.key)
    ]
    assert not missing, "in English: " + "; ".join(missing)


# Pages -------------------------------------------------------------------------------------------

# Literal expectations, so a missing or unloaded catalogue cannot pass by accident.
SEND = {
    "en": "Send my answers",
    "ro": "Trimiteți răspunsurile",
    "it": "Invia le mie risposte",
    "zh-hans": "提交我的回答",
}
PRIVACY = {
    "en": "How your answers are protected",
    "ro": "Cum sunt protejate răspunsurile dumneavoastră",
    "it": "Come sono protette le tue risposte",
    "zh-hans": "您的回答如何受到保护",
}
SCALE = ("Strongly disagree", "Neither agree nor disagree", "Strongly agree", "I don't know")
LANGUAGES = [code for code, _name in settings.LANGUAGES]


def _text(response) -> str:
    return html.unescape(response.content.decode())


def _in(language: str, msgid: str) -> str:
    with translation.override(language):
        return translation.gettext(msgid)


def _pillar_names(language: str) -> list[str]:
    return [pillar["name"][language] for pillar in PILLARS]


def _question_texts(language: str) -> list[str]:
    return [q["text"][language] for pillar in PILLARS for q in pillar["questions"]]


@pytest.fixture
def in_language(client):
    def use(language: str):
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
        return client

    return use


@pytest.mark.parametrize("language", LANGUAGES)
def test_answer_page_shows_interface_questions_and_pillars_in_the_language(
    in_language, campaign, sales, language
):
    response = in_language(language).get(campaign.get_open_link_path())
    assert response.status_code == 200
    page = _text(response)
    assert f'<html lang="{language}">' in page
    assert SEND[language] in page
    assert PRIVACY[language] in page
    for msgid in SCALE:
        assert _in(language, msgid) in page
    for text in _question_texts(language) + _pillar_names(language):
        assert text in page
    for pillar in PILLARS:
        assert pillar["description"][language] in page
    if language != "en":
        assert "Send my answers" not in page
        assert "Strongly disagree" not in page
        assert PILLARS[0]["questions"][0]["text"]["en"] not in page


@pytest.mark.parametrize("language", TRANSLATED)
def test_answer_page_errors_are_in_the_language(in_language, campaign, sales, language):
    data = factories.form_data(campaign)
    data.pop(next(name for name in data if name.startswith("q_")))
    response = in_language(language).post(campaign.get_open_link_path(), data)
    assert response.status_code == 400
    page = _text(response)
    assert _in(language, "Please check your answers") in page
    assert _in(language, "Please choose an answer, or “I don't know”.") in page
    assert "Please check your answers" not in page


@pytest.mark.parametrize(("language", "colon"), [("en", ": "), ("zh-hans", "：")])
def test_a_page_title_naming_a_problem_uses_the_languages_own_colon(
    in_language, campaign, sales, language, colon
):
    data = factories.form_data(campaign)
    data.pop(next(name for name in data if name.startswith("q_")))
    page = in_language(language).post(campaign.get_open_link_path(), data).content.decode()
    title = re.search(r"<title>(.*?)</title>", page, re.S).group(1)
    assert title.startswith(_in(language, "Please check your answers") + colon + campaign.name)


@pytest.mark.parametrize("language", LANGUAGES)
def test_response_records_the_language_the_respondent_used(in_language, campaign, sales, language):
    data = factories.form_data(campaign, department=sales.pk, role=Role.MANAGER)
    response = in_language(language).post(campaign.get_open_link_path(), data)
    assert response.status_code == 302, _text(response)[:2000]
    assert Response.objects.get().language == language


@pytest.mark.parametrize(
    ("header", "language"),
    [("ro-RO,ro;q=0.9", "ro"), ("it-IT", "it"), ("zh-CN,zh;q=0.9", "zh-hans"), ("de-DE", "en")],
)
def test_browser_language_is_used_and_recorded(client, campaign, sales, header, language):
    page = _text(client.get(campaign.get_open_link_path(), HTTP_ACCEPT_LANGUAGE=header))
    assert SEND[language] in page
    data = factories.form_data(campaign, department=sales.pk, role=Role.CONTRIBUTOR)
    client.post(campaign.get_open_link_path(), data, HTTP_ACCEPT_LANGUAGE=header)
    assert Response.objects.get().language == language


def test_language_switcher_changes_the_interface_and_the_recorded_language(client, campaign, sales):
    path = campaign.get_open_link_path()
    switched = client.post(reverse("set_language"), {"language": "ro", "next": path})
    assert switched.status_code == 302 and switched["Location"] == path
    assert SEND["ro"] in _text(client.get(path))
    client.post(path, factories.form_data(campaign, department=sales.pk, role=Role.MANAGER))
    assert Response.objects.get().language == "ro"


def _core_band(language: str) -> str:
    return next(b for b in MATURITY_BANDS if b["key"] == "core")["name"][language]


@pytest.mark.parametrize("language", LANGUAGES)
def test_result_page_shows_interface_pillars_band_and_ideas_in_the_language(
    in_language, campaign, sales, language
):
    response = factories.make_response(campaign, sales, (5,) * 15)
    page = _text(
        in_language(language).get(reverse("questionnaire:result", args=[response.result_key]))
    )
    assert f'<html lang="{language}">' in page
    assert _in(language, "Your result") in page
    assert _in(language, "Your overall score") in page
    assert _in(language, "Whole company") in page
    assert _core_band(language) in page
    for name in _pillar_names(language):
        assert name in page
    for pillar in PILLARS:
        assert pillar["recommendations"][language][0] in page
    if language != "en":
        assert _in(language, "Your result") != "Your result"
        assert _core_band("en") not in page
        assert PILLARS[1]["recommendations"]["en"][0] not in page


@pytest.mark.parametrize("language", TRANSLATED)
def test_result_page_follows_the_reader_not_the_answering_language(
    in_language, campaign, sales, language
):
    """The stored language records how someone answered; the page follows who is reading."""
    response = factories.make_response(campaign, sales, (5,) * 15)
    url = reverse("questionnaire:result", args=[response.result_key])
    assert _pillar_names(language)[1] in _text(in_language(language).get(url))
    assert _pillar_names("en")[1] in _text(in_language("en").get(url))


@pytest.mark.parametrize("language", LANGUAGES)
def test_privacy_page_is_in_the_language(in_language, campaign, language):
    page = _text(in_language(language).get(reverse("questionnaire:privacy", args=[campaign.pk])))
    assert PRIVACY[language] in page
    assert _in(language, "What is stored") in page
    assert _in(language, "Who sees what") in page
    with translation.override(language):
        leaders = translation.gettext(
            "Leaders see results only for groups of at least %(threshold)s people: departments, "
            "roles and departments by role. A group that could be worked out by subtracting other "
            "groups from a total is hidden too."
        ) % {"threshold": campaign.anonymity_threshold}
    assert leaders in page
    if language != "en":
        assert "What is stored" not in page


@pytest.mark.parametrize("language", TRANSLATED)
def test_unavailable_page_is_in_the_language(in_language, campaign, language):
    campaign.closed_at = timezone.now()
    campaign.save()
    response = in_language(language).get(campaign.get_open_link_path())
    assert response.status_code == 410
    assert _in(language, "This survey is closed") in _text(response)


# Leader reports ----------------------------------------------------------------------------------


@pytest.fixture
def answered_campaign(campaign, sales, support):
    """Enough answers in two departments and two roles for every group to be shown."""
    factories.make_responses(campaign, sales, 6, (5,) * 15, role=Role.CONTRIBUTOR)
    factories.make_responses(campaign, support, 6, (5,) * 15, role=Role.MANAGER)
    return campaign


def _leader_in(client, language: str):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    return client


@pytest.mark.parametrize("language", LANGUAGES)
def test_leader_dashboard_is_in_the_leaders_language(leader_client, answered_campaign, language):
    url = reverse("reports:campaign_dashboard", args=[answered_campaign.pk])
    response = _leader_in(leader_client, language).get(url)
    assert response.status_code == 200
    page = _text(response)
    assert f'<html lang="{language}">' in page
    for msgid in ("Whole company", "Every question", "Where to start improving", "Log out"):
        assert _in(language, msgid) in page
    for text in _pillar_names(language) + _question_texts(language):
        assert text in page
    assert _core_band(language) in page
    assert _in(language, "People manager") in page  # a role group, named in the reader's words
    if language != "en":
        for msgid in ("Every question", "Where to start improving", "People manager"):
            assert _in(language, msgid) != msgid
            assert msgid not in page
        assert PILLARS[0]["questions"][0]["text"]["en"] not in page
        assert _core_band("en") not in page


def test_one_dashboard_is_read_in_each_leaders_own_language(leader_client, answered_campaign):
    """Cached dashboard data carries no language: the second reader is not served the first's."""
    url = reverse("reports:campaign_dashboard", args=[answered_campaign.pk])
    for language in ("ro", "zh-hans", "it", "en"):
        page = _text(_leader_in(leader_client, language).get(url))
        assert _pillar_names(language)[1] in page
        assert _in(language, "Every question") in page


def test_leader_switches_language_with_the_switcher(leader_client, answered_campaign):
    url = reverse("reports:campaign_dashboard", args=[answered_campaign.pk])
    leader_client.post(reverse("set_language"), {"language": "it", "next": url})
    page = _text(leader_client.get(url))
    assert '<html lang="it">' in page
    assert _pillar_names("it")[1] in page
    assert _in("it", "Every question") in page


@pytest.mark.parametrize("language", TRANSLATED)
def test_question_and_department_pages_are_in_the_leaders_language(
    leader_client, answered_campaign, sales, language
):
    client = _leader_in(leader_client, language)
    question_id = factories.question_ids(answered_campaign)[0]
    question = _text(
        client.get(reverse("reports:question_detail", args=[answered_campaign.pk, question_id]))
    )
    assert _question_texts(language)[0] in question
    assert _pillar_names(language)[0] in question
    assert _in(language, "Answers by group") in question
    department = _text(
        client.get(reverse("reports:department_detail", args=[answered_campaign.pk, sales.pk]))
    )
    for text in _pillar_names(language):
        assert text in department
    assert _in(language, "Roles in this department") in department
    assert "Roles in this department" not in department


@pytest.mark.parametrize("language", TRANSLATED)
def test_leader_report_list_is_in_the_leaders_language(leader_client, campaign, language):
    page = _text(_leader_in(leader_client, language).get(reverse("reports:campaign_list")))
    assert f'<html lang="{language}">' in page
    assert _in(language, "Campaigns") in page
    assert _in(language, "Log out") in page
    assert "Log out" not in page


@pytest.mark.parametrize("language", TRANSLATED)
def test_pdf_export_is_in_the_language_it_was_asked_in(answered_campaign, language):
    from reports import pdf, snapshots

    dashboard = snapshots.campaign_dashboard(answered_campaign, departments=None)
    with translation.override(language):
        html_text = html.unescape(pdf.dashboard_html(dashboard=dashboard))
    assert f'<html lang="{language}">' in html_text
    assert _in(language, "Where to start improving") in html_text
    for text in _pillar_names(language) + _question_texts(language):
        assert text in html_text
    assert _core_band(language) in html_text
    assert "Where to start improving" not in html_text


# E-mails -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("language", TRANSLATED)
@pytest.mark.parametrize("kind", ["invitation", "reminder"])
def test_email_templates_are_translated(campaign, language, kind):
    """Messages go out in the site's language today; the templates are ready for any other."""
    from django.template.loader import render_to_string

    context = {"campaign": campaign, "link": "https://example.test/i/x", "closes_at": None}
    with translation.override(language):
        subject = render_to_string(f"emails/{kind}_subject.txt", context)
        text = html.unescape(render_to_string(f"emails/{kind}_body.txt", context))
        body = html.unescape(render_to_string(f"emails/{kind}_body.html", context))
        personal_link = translation.gettext("Your personal link (it works once):")
    with translation.override("en"):
        english = render_to_string(f"emails/{kind}_subject.txt", context)
    assert campaign.name in subject and subject != english
    assert personal_link != "Your personal link (it works once):"
    assert personal_link in text and personal_link in body


@pytest.mark.parametrize(
    ("language", "written"),
    [("it", "8 maggio 2026, 14:05"), ("ro", "8 mai 2026, 14:05"), ("en", "May 8, 2026, 2:05 p.m.")],
)
def test_dates_are_written_as_each_language_writes_them(language, written):
    """Django's catalogues gave "08 Maggio 2026" and "Venerdì 08 Maggio 2026 14:05": Italian
    and Romanian write months in lower case, and the day without a leading zero."""
    from datetime import datetime

    from django.utils import formats, translation

    with translation.override(language):
        assert formats.date_format(datetime(2026, 5, 8, 14, 5), "DATETIME_FORMAT") == written
