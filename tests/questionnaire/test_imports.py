"""CSV invitation import: every bad row is reported with its line, and a bad file imports nothing.

Through questionnaire.imports directly and through the admin import view.
"""

import codecs
import csv
import io

import pytest
from django.conf import settings as django_settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError
from django.urls import reverse
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from questionnaire import imports, services, tokens
from questionnaire.models import Invitation
from tests import factories

HEADER = "email,department,role\n"
GOOD_ROWS = "ana@example.com,Sales,staff\nbo@example.com,support,Leader\n"


def _import(campaign, text: str | bytes):
    raw = text.encode() if isinstance(text, str) else text
    rows, errors = imports.parse_invitation_csv(raw)
    if errors:
        return errors
    return imports.invitations_import(campaign=campaign, rows=rows).errors


# --- through the functions ---------------------------------------------------------------


@pytest.mark.django_db
def test_an_empty_cell_is_called_missing_not_an_unknown_value(campaign, sales):
    """An empty e-mail read “” is not an e-mail address, an empty role unknown role “”."""
    errors = _import(campaign, HEADER + ",Sales,staff\nx@example.com,,\n,Sales,staff\n")
    assert errors == [
        "Line 2: the e-mail address is missing.",
        "Line 3: the department is missing; the role is missing (write leadership, manager or"
        " contributor).",
        "Line 4: the e-mail address is missing.",  # not also "appears twice in the file"
    ]
    assert Invitation.objects.count() == 0


@pytest.mark.django_db
def test_good_file_imports_every_row(campaign, sales, support):
    assert _import(campaign, HEADER + GOOD_ROWS) == []
    invited = dict(Invitation.objects.values_list("email", "department__name"))
    assert invited == {"ana@example.com": "Sales", "bo@example.com": "Support"}
    assert set(Invitation.objects.values_list("role", flat=True)) == {"contributor", "leadership"}


@pytest.mark.django_db
def test_a_file_saved_with_semicolons_imports_too(campaign, sales, support):
    """Excel in Italian or Romanian saves "CSV" with semicolons; the import said the header did
    not name the columns, although it did."""
    text = (HEADER + GOOD_ROWS).replace(",", ";")
    assert _import(campaign, text) == []
    invited = dict(Invitation.objects.values_list("email", "department__name"))
    assert invited == {"ana@example.com": "Sales", "bo@example.com": "Support"}


@pytest.mark.django_db
def test_a_large_file_is_inserted_in_batches_with_a_working_link_each(
    campaign, sales, django_assert_max_num_queries
):
    """2,500 people, not 2,500 INSERTs: one each made a 20,000-row import take seconds."""
    text = HEADER + "".join(f"p{n}@example.com,Sales,staff\n" for n in range(2_500))
    rows, _errors = imports.parse_invitation_csv(text.encode())
    with django_assert_max_num_queries(100):  # SQLite splits batches at its variable limit
        outcome = imports.invitations_import(campaign=campaign, rows=rows)
    assert outcome.errors == [] and len(outcome.issued) == 2_500
    assert Invitation.objects.filter(campaign=campaign).count() == 2_500
    last = outcome.issued[-1]
    assert last.invitation.pk is not None
    assert (
        Invitation.objects.get(token_hash=tokens.token_hash(last.token)).email
        == "p2499@example.com"
    )


@pytest.mark.django_db
def test_header_in_any_order_and_case_with_a_bom(campaign, sales):
    text = "\ufeffRole, EMAIL ,Department\nmanager,cy@example.com,Sales\n"
    assert _import(campaign, text) == []
    assert Invitation.objects.get().role == "manager"


@pytest.mark.django_db
def test_each_bad_row_is_reported_with_its_line_and_nothing_is_imported(campaign, sales, support):
    text = (
        HEADER
        + "ana@example.com,Sales,staff\n"  # line 2: fine
        + "not-an-address,Sales,staff\n"  # 3: e-mail
        + "cy@example.com,Nowhere,staff\n"  # 4: department
        + "di@example.com,Sales,intern\n"  # 5: role
        + "ana@example.com,Support,manager\n"  # 6: twice in the file
        + "ed@example.com,Sales\n"  # 7: a column short
        + ",,\n"  # 8: empty rows (spreadsheets export them) are skipped, not errors
        + "fi@example.com,Support,ic\n"  # 9: fine
    )
    rows, parse_errors = imports.parse_invitation_csv(text.encode())
    outcome = imports.invitations_import(campaign=campaign, rows=rows)
    reported = parse_errors + outcome.errors
    assert [e.split(":")[0] for e in reported] == [f"Line {n}" for n in (7, 3, 4, 5, 6)]
    assert "not-an-address" in reported[1] and "Nowhere" in reported[2] and "intern" in reported[3]
    assert Invitation.objects.count() == 0
    assert outcome.issued == []


@pytest.mark.django_db
def test_one_row_with_several_problems_is_one_report_naming_all(campaign):
    (error,) = _import(campaign, HEADER + "nope,Nowhere,intern\n")
    assert error.startswith("Line 2:")
    assert "nope" in error and "Nowhere" in error and "intern" in error


@pytest.mark.django_db
def test_a_department_is_found_exactly_before_ignoring_case(campaign, sales):
    """With "Sales" and "sales" both there, "Sales" went to whichever came last by name."""
    from questionnaire.models import Department

    lower = Department.objects.create(name="sales")  # from before names were unique in any case
    text = HEADER + "a@example.com,Sales,staff\nb@example.com,sales,staff\n"
    assert _import(campaign, text) == []
    invited = dict(Invitation.objects.values_list("email", "department"))
    assert invited == {"a@example.com": sales.pk, "b@example.com": lower.pk}

    assert _import(campaign, HEADER + "c@example.com,SALES,staff\n") == [
        "Line 2: “SALES” could be any of the departments “Sales”, “sales”: write it exactly."
    ]
    assert not Invitation.objects.filter(email="c@example.com").exists()


@pytest.mark.django_db
def test_a_department_typed_with_decomposed_accents_is_found(campaign):
    from questionnaire.models import Department

    rd = Department.objects.create(name="R\u00e9ception")  # é as one character
    assert _import(campaign, HEADER + "a@example.com,re\u0301ception,staff\n") == []
    assert Invitation.objects.get().department == rd


@pytest.mark.django_db
def test_the_admin_refuses_a_department_named_like_another_but_for_case(admin_client, sales):
    from questionnaire.models import Department

    page = admin_client.post(reverse("admin:questionnaire_department_add"), {"name": "SALES"})
    assert page.status_code == 200
    assert "There is already a department named “Sales”." in page.content.decode()
    assert list(Department.objects.values_list("name", flat=True)) == ["Sales"]

    Department.objects.create(name="\u00c9quipe")  # É as one character
    # Lower case (SQLite folds ASCII case only), and decomposed.
    for alike in ("\u00e9quipe", "E\u0301quipe"):
        page = admin_client.post(reverse("admin:questionnaire_department_add"), {"name": alike})
        assert "There is already a department named" in page.content.decode()
    assert Department.objects.count() == 2


@pytest.mark.django_db
def test_the_admin_refuses_a_department_name_nobody_can_see(admin_client, sales):
    """A lone zero-width space was saved: a blank row in the list, a blank choice on the form."""
    from questionnaire.models import Department

    for invisible in ("\u200b", "\u200b\u00a0\u2060", "\ufeff"):
        page = admin_client.post(reverse("admin:questionnaire_department_add"), {"name": invisible})
        assert "This name has only invisible characters" in page.content.decode()
    assert list(Department.objects.values_list("name", flat=True)) == ["Sales"]


@pytest.mark.django_db
def test_a_department_spaced_differently_is_the_same_department(admin_client, campaign):
    """A non-breaking space, a tab or two spaces look like one space on every page: the admin
    made look-alike departments of them, and the import said "unknown department “Customer
    Support”" of a name it printed just like the real one."""
    from questionnaire.models import Department

    support = Department.objects.create(name="Customer Support")
    add = reverse("admin:questionnaire_department_add")
    for alike in (
        "Customer\u00a0Support",
        "Customer  Support",
        "Customer\tSupport",
        "Customer Sup\u200bport",
        "Customer \u200b Support",
    ):
        page = admin_client.post(add, {"name": alike})
        assert "There is already a department named “Customer Support”." in page.content.decode()
    assert Department.objects.count() == 1
    # A new name is saved with its spacing tidied.
    admin_client.post(add, {"name": "Field\u00a0 Sales"})
    assert Department.objects.filter(name="Field Sales").exists()

    rows = "".join(
        f"p{i}@example.com,{name},staff\n"
        for i, name in enumerate(("Customer\u00a0Support", '"Customer\r\nSupport"'))
    )
    assert _import(campaign, HEADER + rows) == []
    assert {i.department for i in Invitation.objects.all()} == {support}


@pytest.mark.django_db
def test_already_invited_people_are_reported(campaign, sales):
    services.invitation_issue(
        campaign=campaign, email="ana@example.com", department=sales, role="contributor"
    )
    (error,) = _import(campaign, HEADER + "ANA@example.com,Sales,staff\nnew@example.com,Sales,ic\n")
    assert error.startswith("Line 2:") and "already invited" in error
    assert Invitation.objects.count() == 1


def _address(length: int) -> str:
    return "a" * (length - len("@example.com")) + "@example.com"


@pytest.mark.django_db
def test_an_address_too_long_to_store_is_reported_with_the_other_bad_rows(campaign, sales):
    # validate_email allows 320 characters, the column 254: PostgreSQL would refuse the insert.
    text = HEADER + f"{_address(300)},Sales,ic\nok@example.com,Sales,ic\nnope,Sales,ic\n"
    errors = _import(campaign, text)
    assert [e.split(":")[0] for e in errors] == ["Line 2", "Line 4"]
    assert "longer than 254 characters" in errors[0]
    assert Invitation.objects.count() == 0


@pytest.mark.django_db
def test_an_address_of_254_characters_imports(campaign, sales):
    assert _import(campaign, HEADER + f"{_address(254)},Sales,ic\n") == []
    assert Invitation.objects.get().email == _address(254)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("zz@bücher.de", "zz@xn--bcher-kva.de"),  # a domain and its punycode
        ("zz@\uff45xample.com", "zz@example.com"),  # full-width "e"
    ],
)
def test_one_mailbox_spelled_two_ways_is_a_duplicate(campaign, sales, first, second):
    (error,) = _import(campaign, HEADER + f"{first},Sales,ic\n{second},Sales,ic\n")
    assert error.startswith("Line 3:") and "appears twice" in error
    assert Invitation.objects.count() == 0


@pytest.mark.django_db
def test_an_address_invited_in_punycode_is_already_invited_in_unicode(campaign, sales):
    services.invitation_issue(
        campaign=campaign, email="zz@xn--bcher-kva.de", department=sales, role="contributor"
    )
    (error,) = _import(campaign, HEADER + "zz@Bücher.de,Sales,ic\n")
    assert error.startswith("Line 2:") and "already invited" in error
    assert Invitation.objects.count() == 1


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (b"\xff\xfe\x00garbage\x00", "not UTF-8"),  # a UTF-16 BOM, then an odd byte out
        (b"email,department,role\n\xe9quipe@example.com,Sales,ic\n", "not UTF-8"),  # Latin-1
        (b"mail,department,role\na@example.com,Sales,ic\n", "must name the columns"),
        (b"", "must name the columns"),
        (b'email,department,role\n"a@example.com,Sales,ic\n', "expected 3 columns"),
        # Which of two role columns is meant cannot be guessed; the first was taken silently.
        (b"email,department,Role,role\na@example.com,Sales,ic,manager\n", "role more than once"),
    ],
)
def test_unreadable_files_are_refused_whole(campaign, sales, raw, message):
    errors = _import(campaign, raw)
    assert len(errors) == 1 and message in errors[0]
    assert Invitation.objects.count() == 0


@pytest.mark.django_db
def test_columns_the_import_does_not_read_may_repeat(campaign, sales):
    raw = b"email,note,department,note,role\na@example.com,x,Sales,y,ic\n"
    assert _import(campaign, raw) == []
    assert Invitation.objects.count() == 1


@pytest.mark.django_db
def test_too_many_rows_are_refused(campaign, sales, monkeypatch):
    monkeypatch.setattr(imports, "MAX_IMPORT_ROWS", 3)
    rows = "".join(f"p{n}@example.com,Sales,ic\n" for n in range(4))
    assert "At most 3" in _import(campaign, HEADER + rows)[0]
    assert Invitation.objects.count() == 0


@pytest.mark.django_db
def test_same_address_in_another_campaign_is_fine(campaign, sales):
    from tests import factories

    other = factories.make_campaign(name="Spring round")
    assert _import(other, HEADER + "ana@example.com,Sales,ic\n") == []
    assert _import(campaign, HEADER + "ana@example.com,Sales,ic\n") == []
    assert Invitation.objects.count() == 2


@pytest.mark.django_db
@pytest.mark.parametrize(
    "text",
    [
        "sep=;\n" + (HEADER + GOOD_ROWS).replace(",", ";"),  # Excel's line naming the delimiter
        (HEADER + GOOD_ROWS).replace(",", "\t"),  # a table copied out of a spreadsheet
        "\n \n" + HEADER + GOOD_ROWS,  # blank lines above the header
        HEADER + GOOD_ROWS.replace("\n", ",\n"),  # a delimiter after every row
        "sep=\t\n\n" + (HEADER + GOOD_ROWS).replace(",", "\t"),  # a tab named, a blank line
        ";;;\r\n;;;\r\n" + (HEADER + GOOD_ROWS).replace(",", ";"),  # empty spreadsheet rows
        "email,department,role,language\n"
        "ana@example.com,Sales,staff,it\n"
        "bo@example.com,support,Leader\n",  # the empty language left off the end
        # Excel's "Unicode Text": UTF-16 with its byte order mark, tabs, Windows line ends.
        ("\ufeff" + (HEADER + GOOD_ROWS).replace(",", "\t").replace("\n", "\r\n")).encode(
            "utf-16-le"
        ),
        ("\ufeff" + HEADER + GOOD_ROWS).encode("utf-16-be"),
    ],
    ids=[
        "sep-line",
        "tabs",
        "blank-lines",
        "trailing-delimiter",
        "sep-tab",
        "empty-rows",
        "language-left-off",
        "excel-unicode-text",
        "utf-16-big-endian",
    ],
)
def test_files_as_spreadsheets_save_them_import(campaign, sales, support, text):
    """Each was refused whole: "the first line must name the columns" or "expected 3 columns"."""
    assert _import(campaign, text) == []
    invited = dict(Invitation.objects.values_list("email", "department__name"))
    assert invited == {"ana@example.com": "Sales", "bo@example.com": "Support"}


def test_a_row_without_a_role_is_still_reported_and_lines_count_from_the_files_top():
    raw = b"\nsep=,\nemail,department,role,language\x0c\nana@example.com,Sales\n"
    _rows, errors = imports.parse_invitation_csv(raw)
    assert errors == ["Line 4: expected 4 columns, found 2."]


def test_line_numbers_count_lines_inside_quoted_fields():
    raw = b'email,department,role\n"a@example.com","Sa\nles",ic\nshort,row\n'
    _rows, errors = imports.parse_invitation_csv(raw)
    assert errors == ["Line 4: expected 3 columns, found 2."]


def test_a_name_with_the_separator_in_it_is_told_to_go_in_quotes():
    raw = b"email,department,role\nana@example.com,Smith, Ltd,ic\n"
    _rows, errors = imports.parse_invitation_csv(raw)
    assert errors == [
        "Line 2: expected 3 columns, found 4. Put a value that contains a comma in double quotes."
    ]
    _rows, errors = imports.parse_invitation_csv(raw.replace(b",", b";"))
    assert errors[0].endswith("Put a value that contains a semicolon in double quotes.")


@pytest.mark.django_db
@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_byte_order_mark_imports(campaign, sales, codec):
    """It was read as UTF-8 and refused: "The first line must name the columns"."""
    text = "email\tdepartment\trole\nzoe@example.com\tSales\tic\n"
    assert _import(campaign, text.encode(codec)) == []
    assert Invitation.objects.get().email == "zoe@example.com"


@pytest.mark.django_db
def test_admin_reports_short_rows_and_invalid_rows_together(admin_client, campaign, sales):
    page = _upload(admin_client, campaign, (HEADER + "short,row\nbad-email,Sales,ic\n").encode())
    html = page.content.decode()
    assert "Line 2" in html and "Line 3" in html


@pytest.mark.django_db
def test_bad_rows_are_listed_in_the_files_order(campaign, sales):
    """ "Line 6: expected 4 columns." came before "Line 3 …": rows that do not parse were
    listed before rows that do not validate."""
    text = HEADER + "bad-email,Sales,ic\nok@example.com,Sales,ic\nshort,row\n"
    rows, parse_errors = imports.parse_invitation_csv(text.encode())
    outcome = imports.invitations_import(campaign=campaign, rows=rows, parse_errors=parse_errors)
    errors = outcome.errors
    assert [e.split(":")[0] for e in errors] == ["Line 2", "Line 4"]


good_row = st.builds(
    lambda n, dept, role: f"person{n}@example.com,{dept},{role}",
    st.integers(0, 20),  # small, so the same person now and then appears twice
    st.sampled_from(["Sales", "sales", "Support"]),
    st.sampled_from(["staff", "ic", "manager", "Leader", "contributor"]),
)
BAD_ROWS = [
    "not-an-address,Sales,ic",
    "x@example.com,Nowhere,ic",
    "y@example.com,Sales,intern",
    "a@b,Sales,ic",
]


def _bad_lines(rows: list[str]) -> set[int]:
    bad, seen = set(), set()
    for line, row in enumerate(rows, start=2):
        email = row.split(",")[0]
        if row in BAD_ROWS or email in seen:
            bad.add(line)
        seen.add(email)
    return bad


@pytest.mark.django_db
def test_any_mix_of_rows_imports_all_or_reports_each_bad_one(campaign, sales, support):
    @settings(
        max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
    )
    @given(st.lists(good_row | st.sampled_from(BAD_ROWS), min_size=1, max_size=12))
    def run(rows):
        Invitation.objects.all().delete()
        errors = _import(campaign, HEADER + "\n".join(rows) + "\n")
        if bad := _bad_lines(rows):
            assert Invitation.objects.count() == 0
            assert {int(e.split(":")[0].removeprefix("Line ")) for e in errors} == bad
            assert len(errors) == len(bad)  # one report per bad row
        else:
            assert errors == []
            assert Invitation.objects.count() == len(rows)

    run()


# --- through the admin import view ---------------------------------------------------------


def _upload(admin_client, campaign, content: bytes, name: str = "people.csv"):
    return admin_client.post(
        reverse("admin:questionnaire_invitation_import"),
        {"campaign": campaign.pk, "file": SimpleUploadedFile(name, content, "text/csv")},
    )


@pytest.mark.django_db
def test_admin_import_of_a_good_file_shows_each_link_once(admin_client, campaign, sales, support):
    page = _upload(admin_client, campaign, (HEADER + GOOD_ROWS).encode())
    html = page.content.decode()
    assert page.status_code == 200
    assert html.count("/i/") == 2
    assert Invitation.objects.count() == 2


@pytest.mark.django_db
def test_admin_import_of_a_bad_file_lists_every_bad_row_and_imports_none(
    admin_client, campaign, sales
):
    text = HEADER + "ok@example.com,Sales,ic\nnope,Sales,ic\nq@example.com,Mars,ic\n"
    page = _upload(admin_client, campaign, text.encode())
    html = page.content.decode()
    assert "Nothing was imported" in html
    assert "Line 3" in html and "Line 4" in html and "Line 2" not in html
    assert "Mars" in html
    assert Invitation.objects.count() == 0


@pytest.mark.django_db
def test_admin_import_lists_the_first_hundred_bad_rows_and_counts_the_rest(
    admin_client, campaign, sales
):
    """A file of 50,000 bad rows made a page of 50,000 lines."""
    text = HEADER + "".join(f"nope{n},Sales,ic\n" for n in range(250))
    html = _upload(admin_client, campaign, text.encode()).content.decode()
    assert html.count("<li>Line ") == 100
    assert "Line 101:" in html and "Line 102:" not in html
    assert "… and 150 more rows with problems." in html
    assert Invitation.objects.count() == 0


@pytest.mark.django_db
def test_admin_import_refuses_a_file_that_is_not_csv_text(admin_client, campaign, sales):
    page = _upload(admin_client, campaign, b"\x89PNG\r\n\x1a\n\x00\x00", name="photo.png")
    assert "not UTF-8" in page.content.decode()
    assert Invitation.objects.count() == 0


@pytest.mark.django_db
def test_admin_import_refuses_a_file_over_two_megabytes(admin_client, campaign, sales, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = None  # reach the form's own limit
    big = (HEADER + "a@example.com,Sales,ic\n" * 100_000).encode()
    assert len(big) > imports.MAX_IMPORT_BYTES
    page = _upload(admin_client, campaign, big)
    assert "larger than 2 MB" in page.content.decode()
    assert Invitation.objects.count() == 0


@pytest.mark.django_db
def test_admin_import_of_an_empty_file_says_so(admin_client, campaign, sales):
    page = _upload(admin_client, campaign, HEADER.encode())
    assert "no invitations" in page.content.decode()
    assert Invitation.objects.count() == 0


@pytest.mark.django_db
def test_admin_import_needs_staff(client, leader, campaign, sales):
    client.force_login(leader)  # may read reports, is not staff
    page = _upload(client, campaign, (HEADER + GOOD_ROWS).encode())
    assert page.status_code == 302 and page["Location"].startswith("/admin/login/")
    assert Invitation.objects.count() == 0


@pytest.mark.django_db
def test_nobody_is_invited_to_a_closed_campaign(admin_client, campaign, sales):
    """Their link would say "closed" the moment they opened it."""
    campaign.closed_at = timezone.now()
    campaign.save()
    rows, _errors = imports.parse_invitation_csv((HEADER + "ana@example.com,Sales,ic\n").encode())
    outcome = imports.invitations_import(campaign=campaign, rows=rows)
    assert outcome.errors == [f"“{campaign.name}” is closed."]
    page = _upload(admin_client, campaign, (HEADER + "ana@example.com,Sales,ic\n").encode())
    assert page.status_code == 200
    assert "Select a valid choice" in page.content.decode()  # not offered in the form
    assert not Invitation.objects.exists()


@pytest.mark.django_db
def test_an_import_beaten_by_another_says_so_and_imports_nothing(
    campaign, sales, support, monkeypatch
):
    """Where the database takes no row lock (SQLite), a racing import can still hit the
    one-invitation-per-person constraint: a clear message, not a 500."""

    def raced(**kwargs):
        raise IntegrityError("one_invitation_per_person")

    monkeypatch.setattr(services, "invitations_issue", raced)
    rows, _errors = imports.parse_invitation_csv((HEADER + GOOD_ROWS).encode())
    outcome = imports.invitations_import(campaign=campaign, rows=rows)
    assert outcome.issued == [] and "at the same moment" in outcome.errors[0]
    assert not Invitation.objects.exists()


@pytest.mark.django_db
def test_an_address_no_e_mail_can_be_written_to_is_a_bad_row(campaign, sales):
    # 60 "ü" pass Django's validator (a label under 64 characters) but not punycode (over 63).
    unwritable = f"person@{'ü' * 60}.de"
    (error,) = _import(campaign, HEADER + f"first@example.com,Sales,ic\n{unwritable},Sales,ic\n")
    assert error.startswith("Line 3:") and "is not an e-mail address" in error
    assert Invitation.objects.count() == 0


@pytest.mark.django_db
def test_admin_import_can_give_the_links_as_a_csv_file_for_a_mail_merge(
    admin_client, campaign, sales, support
):
    factories.make_department("=Partners")
    text = HEADER + GOOD_ROWS + "partner@example.com,=Partners,manager\n"
    page = admin_client.post(
        reverse("admin:questionnaire_invitation_import"),
        {
            "campaign": campaign.pk,
            "file": SimpleUploadedFile("people.csv", text.encode(), "text/csv"),
            "links": imports.LINKS_AS_CSV,
        },
    )
    assert page.status_code == 200
    assert page["Content-Type"].startswith("text/csv")
    assert page["Content-Disposition"].startswith('attachment; filename="invitation-links-')
    assert "no-store" in page["Cache-Control"]  # secrets: no shared cache may keep them
    assert page.content.startswith(codecs.BOM_UTF8)  # Excel reads it as UTF-8
    rows = list(csv.reader(io.StringIO(page.content.decode("utf-8-sig"))))
    assert rows[0] == ["email", "department", "role", "language", "link"]
    assert len(rows) == 1 + Invitation.objects.count() == 4
    # Each link is a working invitation: the one for its own row.
    by_email = {row[0]: row for row in rows[1:]}
    assert by_email["partner@example.com"][1] == "'=Partners"  # a formula stays text
    for email, _department, role, _language, link in rows[1:]:
        invitation = Invitation.objects.get(email=email)
        assert invitation.role == role
        path = link.removeprefix(django_settings.SITE_URL)
        assert admin_client.get(path).status_code == 200


@pytest.mark.django_db
def test_uploading_the_same_file_again_after_the_download_imports_nothing(
    admin_client, campaign, sales, support
):
    """The import page stays on screen after the download: a second click must not double."""
    for _ in range(2):
        page = admin_client.post(
            reverse("admin:questionnaire_invitation_import"),
            {
                "campaign": campaign.pk,
                "file": SimpleUploadedFile("p.csv", (HEADER + GOOD_ROWS).encode(), "text/csv"),
                "links": imports.LINKS_AS_CSV,
            },
        )
    assert "Nothing was imported" in page.content.decode()
    assert Invitation.objects.count() == 2


@pytest.mark.django_db
def test_an_address_a_spreadsheet_would_read_as_a_formula_is_a_bad_row(campaign, sales):
    """Valid, but the links' CSV marked it "'-2+3@example.com" and a mail merge wrote to that."""
    rows = (
        "first@example.com,Sales,ic\n-2+3@example.com,Sales,ic\n=cmd|'/Ccalc'!A0@x.org,Sales,ic\n"
    )
    errors = _import(campaign, HEADER + rows)
    assert [e.split(":")[0] for e in errors] == ["Line 3", "Line 4"]
    assert "starts with “-”, which a spreadsheet reads as a formula" in errors[0]
    assert not Invitation.objects.exists()
