"""Month names as Italian and Romanian write them, in lower case ("8 maggio 2026"): Django's own
catalogues capitalise them. Marked here only so that makemessages keeps them in this project's
catalogues, which take precedence over Django's for the same message ("F" in a date format)."""

from django.utils.translation import gettext_noop

MONTHS = (
    gettext_noop("January"),
    gettext_noop("February"),
    gettext_noop("March"),
    gettext_noop("April"),
    gettext_noop("May"),
    gettext_noop("June"),
    gettext_noop("July"),
    gettext_noop("August"),
    gettext_noop("September"),
    gettext_noop("October"),
    gettext_noop("November"),
    gettext_noop("December"),
)
