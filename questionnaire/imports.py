"""Invitation import from a CSV of email, department, role: every row valid, or none imported."""

import codecs
import csv
import io
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cxassess.spreadsheets import FORMULA_START, spreadsheet_cell

from . import emails, services
from .models import Campaign, Department, Invitation, Role, department_name_key, language_key

MAX_IMPORT_BYTES = 2 * 1024 * 1024
MAX_IMPORT_ROWS = 20_000
# validate_email allows 320 characters; PostgreSQL refuses more than the column holds.
EMAIL_MAX_LENGTH = Invitation._meta.get_field("email").max_length
LANGUAGE_BASES = {code.split("-")[0] for code, _name in settings.LANGUAGES}
ROLE_ALIASES = {  # what people type in a spreadsheet, mapped to our roles
    **{value: value for value in Role.values},
    **{str(label).lower(): value for value, label in Role.choices},
    "leader": Role.LEADERSHIP,
    "leadership team": Role.LEADERSHIP,
    "manager": Role.MANAGER,
    "people manager": Role.MANAGER,
    "ic": Role.CONTRIBUTOR,
    "individual contributor": Role.CONTRIBUTOR,
    "staff": Role.CONTRIBUTOR,
}


@dataclass(frozen=True)
class InvitationRow:
    line: int
    email: str
    department: str
    role: str
    language: str = ""  # optional; empty: e-mails in the site's language, the page the browser's


@dataclass
class ImportOutcome:
    issued: list[services.IssuedInvitation] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


class LineError(str):
    """A message about one line of the file: the admin lists them in the file's order."""

    line: int


def _line_error(line: int, message: str) -> LineError:
    error = LineError(message)
    error.line = line
    return error


def _delimiter(header_line: str) -> str:
    """Commas, or semicolons or tabs where the header uses more of them: spreadsheets in
    Italian, Romanian and many other locales save "CSV" with semicolons, the comma being their
    decimal point, and a table copied out of one is separated by tabs."""
    return max(",;\t", key=header_line.count)  # a tie (none of them) is a comma


def _header_and_rest(text: str) -> tuple[str, str, int]:
    """(delimiter, the text from the header line on, lines skipped before it): blank lines
    before the header are skipped, and Excel's "sep=;" line, which names the delimiter, is read
    and dropped."""
    # Line breaks as the csv module counts them (\n, \r, \r\n), not str.splitlines's \f and
    # others, so that reported line numbers match the file.
    lines = io.StringIO(text, newline="").readlines()
    skipped, delimiter = 0, None
    while skipped < len(lines):
        line = lines[skipped].rstrip("\r\n")
        if delimiter is None and line.lower().startswith("sep=") and len(line) == 5:
            delimiter = line[4]  # "sep=\t" too: not stripped of its tab
        elif line.strip(" \t,;"):  # a spreadsheet writes its empty rows as delimiters only
            break
        skipped += 1
    first = lines[skipped] if skipped < len(lines) else ""
    return delimiter or _delimiter(first), "".join(lines[skipped:]), skipped


def _fitted(cells: list[str], width: int, required: int) -> list[str] | None:
    """A row's cells, `width` of them: empty cells beyond the header (a trailing delimiter) are
    dropped, and optional columns left off the end (language) are empty. None if the row still
    does not fit, or lacks one of the first `required` columns."""
    while len(cells) > width and not cells[-1].strip():
        cells = cells[:-1]
    if required <= len(cells) < width:
        cells = cells + [""] * (width - len(cells))
    return cells if len(cells) == width else None


def _decoded(raw: bytes) -> str:
    """UTF-8, as "CSV UTF-8" saves it (with a BOM) or without one; or UTF-16, as Excel's
    "Unicode Text" saves it (tab-separated, which the import reads too), with a BOM or without."""
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return raw.decode("utf-16")
    # UTF-16 without a BOM: a NUL beside each ASCII letter, which UTF-8 text never has. It was
    # read as UTF-8 and refused as a file that does not name its columns.
    if raw[1:2] == b"\x00" and raw[:1] != b"\x00":
        return raw.decode("utf-16-le")
    if raw[:1] == b"\x00" and raw[1:2] != b"\x00":
        return raw.decode("utf-16-be")
    return raw.decode("utf-8-sig")


def _columns_error(line: int, cells: list[str], header: list[str], delimiter: str) -> str:
    found = {"line": line, "n": len(header), "found": len(cells)}
    if len(cells) < len(header):
        return _("Line %(line)d: expected %(n)d columns, found %(found)d.") % found
    # More cells than columns: most often a name with the separator in it, "Smith, Ltd".
    separator = {",": _("comma"), ";": _("semicolon")}.get(delimiter, _("tab"))
    return _(
        "Line %(line)d: expected %(n)d columns, found %(found)d. Put a value that contains a "
        "%(separator)s in double quotes."
    ) % {**found, "separator": separator}


def parse_invitation_csv(raw: bytes) -> tuple[list[InvitationRow], list[str]]:
    """Rows from a CSV with a header email, department, role (any order, any case), separated
    by commas, semicolons or tabs."""
    try:
        text = _decoded(raw)
    except UnicodeDecodeError:
        return [], [_("The file is not UTF-8 text. Save it as “CSV UTF-8” and try again.")]
    delimiter, text, skipped = _header_and_rest(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    header = [h.strip().lower() for h in next(reader, [])]
    missing = {"email", "department", "role"} - set(header)
    if missing:
        return [], [_("The first line must name the columns email, department and role.")]
    # "Role" and "role" both in an HR export: which one is meant cannot be guessed. Columns
    # the import does not read may repeat.
    read = ("email", "department", "role", "language")
    repeated = [name for name in read if header.count(name) > 1]
    if repeated:
        return [], [
            _("The first line names the column %(name)s more than once; keep one of them.")
            % {"name": name}
            for name in repeated
        ]
    index = {name: header.index(name) for name in ("email", "department", "role")}
    required = max(index.values()) + 1  # cells a row needs before any it may leave off
    rows, errors = [], []
    try:
        while True:
            # A quoted field may span lines: report where a row starts, in the file as sent.
            line = skipped + reader.line_num + 1
            cells = next(reader, None)
            if cells is None:
                break
            if not any(c.strip() for c in cells):
                continue
            fitted = _fitted(cells, len(header), required)
            if fitted is None:
                errors.append(_line_error(line, _columns_error(line, cells, header, delimiter)))
                continue
            cells = fitted
            rows.append(
                InvitationRow(
                    line,
                    *(cells[index[k]].strip() for k in ("email", "department", "role")),
                    language=cells[header.index("language")].strip()
                    if "language" in header
                    else "",
                )
            )
    except csv.Error as error:
        errors.append(_("The file is not valid CSV: %(error)s") % {"error": error})
    if len(rows) > MAX_IMPORT_ROWS:
        errors.append(_("At most %(n)d invitations per file.") % {"n": MAX_IMPORT_ROWS})
    return rows, errors


@dataclass(frozen=True)
class ValidRow:
    email: str
    department: Department
    role: str
    language: str


TRADITIONAL_CHINESE = frozenset({"hant", "tw", "hk", "mo"})  # script or region subtags


def _language(raw: str) -> str | None:
    """A language code we offer, from what a spreadsheet holds ("ro", "RO", "zh", "zh-Hans")."""
    if not raw.strip():
        return ""  # not given: e-mails in the site's language, the page in the browser's
    code = raw.strip().lower().replace("_", "-")
    base, *rest = code.split("-")
    if base == "zh" and TRADITIONAL_CHINESE & set(rest):
        return None  # not silently Simplified: the importer chooses, knowing we offer only that
    return language_key(code) if base in LANGUAGE_BASES else None


def mailbox_taken(*, campaign: Campaign, email: str, other_than: int | None = None) -> bool:
    """Whether another invitation of the round goes to the same mailbox as `email`."""
    others = campaign.invitations.exclude(pk=other_than).values_list("email", flat=True)
    return _mailbox(email) in {_mailbox(e) for e in others}


def _mailbox(email: str) -> str:
    """One spelling per mailbox, to compare: IDN domains as punycode, full-width as ASCII."""
    local, at, domain = email.lower().rpartition("@")
    try:
        return local + at + domain.encode("idna").decode("ascii").lower()
    except UnicodeError:  # a label the codec refuses (empty, over 63 characters)
        return email.lower()


class _DepartmentNames:
    """Finds a department by the name in a file: exactly as written if one is named so, else
    ignoring case and accent composition if that names only one (departments made before names
    were unique ignoring case can differ only in case, "Sales" and "sales")."""

    def __init__(self, departments: Iterable[Department]) -> None:
        self.exact: dict[str, Department] = {}
        self.loose: dict[str, list[Department]] = defaultdict(list)
        for department in departments:
            self.exact[department.name] = department
            self.loose[department_name_key(department.name)].append(department)

    def find(self, name: str) -> tuple[Department | None, list[str]]:
        """(the department, []) or (None, []) for none, or (None, the names it could be)."""
        if (department := self.exact.get(name)) is not None:
            return department, []
        found = self.loose.get(department_name_key(name), [])
        if len(found) > 1:
            return None, sorted(d.name for d in found)
        return (found[0] if found else None), []


def validate_rows(
    *, campaign: Campaign, rows: Sequence[InvitationRow]
) -> tuple[list[ValidRow], list[str]]:
    departments = _DepartmentNames(Department.objects.all())
    # Normalised here, not in SQL: no database function knows IDNA.
    taken = {_mailbox(e) for e in campaign.invitations.values_list("email", flat=True)}
    seen: set[str] = set()
    valid, errors = [], []
    for row in rows:
        problems = []
        email = row.email.lower()
        email_missing = not email.strip()
        if email_missing:
            problems.append(_("the e-mail address is missing"))
        elif len(email) > EMAIL_MAX_LENGTH:
            problems.append(
                _("the e-mail address is longer than %(n)d characters") % {"n": EMAIL_MAX_LENGTH}
            )
        else:
            try:
                validate_email(email)
                # Only a non-ASCII address can pass the validator and still not be writable (an
                # ASCII domain label is at most 63 characters already), and the check costs
                # 40 µs: most of a 20,000-row import's time.
                writable = email.isascii() or emails.address_is_writable(email)
            except ValidationError:
                writable = False
            if not writable:
                problems.append(_("“%(email)s” is not an e-mail address") % {"email": row.email})
            elif email.startswith(FORMULA_START):
                # Valid, but the links' CSV would have to mark it as text with a "'", and a mail
                # merge would then write to an address that does not exist.
                problems.append(
                    _(
                        "“%(email)s” starts with “%(first)s”, which a spreadsheet reads as a"
                        " formula: the list of links could not carry it safely"
                    )
                    % {"email": row.email, "first": email[0]}
                )
        mailbox = _mailbox(email)
        if email_missing:  # said above; two empty cells are not "the same address twice"
            pass
        elif mailbox in taken:
            problems.append(_("%(email)s is already invited to this campaign") % {"email": email})
        elif mailbox in seen:
            problems.append(_("%(email)s appears twice in the file") % {"email": email})
        seen.add(mailbox)
        department, alike = departments.find(row.department)
        if not row.department.strip():
            problems.append(_("the department is missing"))
        elif alike:
            problems.append(
                _("“%(name)s” could be any of the departments %(names)s: write it exactly")
                % {"name": row.department, "names": ", ".join(f"“{n}”" for n in alike)}
            )
        elif department is None:
            problems.append(_("unknown department “%(name)s”") % {"name": row.department})
        role = ROLE_ALIASES.get(row.role.lower())
        if not row.role.strip():
            problems.append(_("the role is missing (write leadership, manager or contributor)"))
        elif role is None:
            problems.append(
                _("unknown role “%(role)s” (write leadership, manager or contributor)")
                % {"role": row.role}
            )
        language = _language(row.language)
        if language is None:
            problems.append(_("unknown language “%(language)s”") % {"language": row.language})
        if problems:
            errors.append(
                _line_error(
                    row.line,
                    _("Line %(line)d: %(problems)s.")
                    % {"line": row.line, "problems": "; ".join(problems)},
                )
            )
        else:
            valid.append(ValidRow(email, department, role, language))
    return valid, errors


def invitations_import(
    *, campaign: Campaign, rows: Sequence[InvitationRow], parse_errors: Sequence[str] = ()
) -> ImportOutcome:
    """Issue an invitation per row, or none: any error, from parsing or validation, stops all."""
    if campaign.is_over():  # its links would answer "closed" at once
        return ImportOutcome(errors=[_("“%(name)s” is closed.") % {"name": campaign.name}])
    try:
        with transaction.atomic():
            # One import per campaign at a time (a double-clicked upload): the second one waits
            # here, then finds everybody already invited, instead of failing on the constraint.
            Campaign.objects.select_for_update().get(pk=campaign.pk)
            valid, errors = validate_rows(campaign=campaign, rows=rows)
            # Every bad row at once, not one kind per upload, in the file's order (messages about
            # the whole file first).
            errors = sorted([*parse_errors, *errors], key=lambda e: getattr(e, "line", 0))
            if errors:
                return ImportOutcome(errors=errors)  # one bad row imports nothing
            issued = services.invitations_issue(
                campaign=campaign,
                people=[
                    {
                        "email": r.email,
                        "department": r.department,
                        "role": r.role,
                        "language": r.language,
                    }
                    for r in valid
                ],
            )
    except IntegrityError:  # SQLite takes no row lock: the other import won the race
        return ImportOutcome(
            errors=[
                _(
                    "Another import invited some of these people at the same moment. Nothing "
                    "from this file was imported; upload it again to see who."
                )
            ]
        )
    return ImportOutcome(issued=issued)


LINKS_ON_PAGE, LINKS_AS_CSV = "page", "csv"


class InvitationImportForm(forms.Form):
    campaign = forms.ModelChoiceField(
        queryset=Campaign.objects.all(), label=gettext_lazy("Campaign")
    )
    file = forms.FileField(
        label=gettext_lazy("CSV file"),
        help_text=gettext_lazy(
            "Columns: email, department, role (leadership, manager or contributor), and "
            "optionally language (en, ro, it or zh-hans) for the e-mails and the answer page. "
            "Departments must already exist."
        ),
    )

    links = forms.ChoiceField(
        label=gettext_lazy("New links"),
        choices=[
            (LINKS_ON_PAGE, gettext_lazy("show them on the page")),
            (LINKS_AS_CSV, gettext_lazy("download them as a CSV file (for a mail merge)")),
        ],
        initial=LINKS_ON_PAGE,
        required=False,  # not given (an older form, a script): on the page
        widget=forms.RadioSelect,
        help_text=gettext_lazy("Either way they are given only once."),
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # Only campaigns people can still answer: an invitation to a closed one is a dead link.
        now = timezone.now()
        self.fields["campaign"].queryset = Campaign.objects.filter(
            Q(closed_at__isnull=True) & (Q(closes_at__isnull=True) | Q(closes_at__gt=now))
        )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_IMPORT_BYTES:
            raise ValidationError(_("The file is larger than 2 MB."), code="too_large")
        rows, errors = parse_invitation_csv(upload.read())
        if errors and not rows:  # nothing readable: say why at the file
            raise ValidationError(errors, code="bad_csv")
        if not rows:
            raise ValidationError(_("The file has no invitations in it."), code="empty")
        # Row-level parse errors travel on, to be reported with the invalid rows in one list.
        self.cleaned_data["rows"], self.cleaned_data["parse_errors"] = rows, errors
        return upload


def invitation_links_rows(issued: Sequence[tuple[Invitation, str]]) -> Iterator[tuple]:
    """The new invitations and their links as spreadsheet rows, header first."""
    yield ("email", "department", "role", "language", "link")
    for invitation, link in issued:
        yield tuple(
            spreadsheet_cell(value)
            for value in (
                invitation.email,
                invitation.department.name,
                invitation.role,
                invitation.language,
                link,
            )
        )
