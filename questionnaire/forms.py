import uuid

from django import forms
from django.core.exceptions import ValidationError
from django.utils.choices import BaseChoiceIterator
from django.utils.translation import gettext_lazy as _

from . import selectors
from .defaults import STANDARD_PARTS, STANDARD_QUESTIONS
from .models import Department, Role
from .selectors import PillarSection


class PreparedChoices(BaseChoiceIterator):
    """Choices already in Django's normal form, handed to fields as they are. A plain list is
    normalised again by every ChoiceField and its widget: for the answer form's fifteen
    questions that was a third of building and checking it, on every answer sent."""

    def __init__(self, choices: list[tuple[str, object]]) -> None:
        self.choices = choices

    def __iter__(self):
        return iter(self.choices)


DONT_KNOW = "dk"
SCALE_CHOICES = PreparedChoices(
    [
        ("1", _("Strongly disagree")),
        ("2", _("Disagree")),
        ("3", _("Neither agree nor disagree")),
        ("4", _("Agree")),
        ("5", _("Strongly agree")),
        (DONT_KNOW, _("I don't know")),
    ]
)
ROLE_CHOICES = PreparedChoices([("", _("Choose your role")), *Role.choices])
# Fields a browser may send besides the form's own: anything else is a tampered request.
TRANSPORT_FIELDS = {"csrfmiddlewaretoken"}
COMMENT_MAX_LENGTH = 2000


def question_field_name(question_id: int) -> str:
    return f"q_{question_id}"


def comment_field_name(pillar_id: int) -> str:
    return f"comment_{pillar_id}"


class AnswerForm(forms.Form):
    """The whole test on one page. Validates and exposes plain data; never saves."""

    # A plain Field: a CharField would refuse a NUL in it before clean_submission_key could
    # replace the garbled key, and a 400 about a hidden field names no problem to fix.
    submission_key = forms.Field(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, sections: list[PillarSection], ask_group: bool, **kwargs) -> None:
        kwargs.setdefault("initial", {}).setdefault("submission_key", uuid.uuid4())
        super().__init__(*args, **kwargs)
        self.sections = sections
        self.ask_group = ask_group
        if ask_group:
            self.fields["department"] = DepartmentField(
                label=_("Your department"),
                queryset=Department.objects.all(),
                empty_label=_("Choose your department"),
                error_messages={"required": _("Please choose your department.")},
            )
            self.fields["role"] = forms.ChoiceField(
                label=_("Your role"),
                choices=ROLE_CHOICES,
                error_messages={"required": _("Please choose your role.")},
            )
        for section in sections:
            for cq in section.questions:
                field = self.fields[question_field_name(cq.question_id)] = forms.ChoiceField(
                    label=cq.text(),
                    choices=SCALE_CHOICES,
                    widget=forms.RadioSelect,
                    error_messages={"required": _("Please choose an answer, or “I don't know”.")},
                )
                # An untranslated statement is shown in English: marked so, a screen reader
                # reads it with an English voice, not a Chinese one.
                field.label_lang = "en" if cq.fell_back_to_english() else ""
            self.fields[comment_field_name(section.pillar.pk)] = CommentField(
                label=_("Anything to add about %(pillar)s? (optional)")
                % {"pillar": section.pillar.local_name},
                required=False,
                max_length=COMMENT_MAX_LENGTH,
                # Named, so two comments too long give two summary links a reader tells apart.
                error_messages={"max_length": comment_too_long_message(section.pillar.local_name)},
                # dir="auto": an Arabic or Hebrew comment reads right to left, punctuation too.
                widget=forms.Textarea(attrs={"rows": 2, "dir": "auto"}),
            )

    @property
    def is_the_standard_test(self) -> bool:
        """The fifteen questions in five parts that the page's introduction describes; an admin
        who switched questions off gets a plainer introduction that gives no number."""
        questions = sum(len(section.questions) for section in self.sections)
        return (questions, len(self.sections)) == (STANDARD_QUESTIONS, STANDARD_PARTS)

    def bound_sections(
        self,
    ) -> list[tuple[PillarSection, list[forms.BoundField], forms.BoundField]]:
        """What the template loops over: each pillar with its question fields and comment box."""
        return [
            (
                section,
                [self[question_field_name(cq.question_id)] for cq in section.questions],
                self[comment_field_name(section.pillar.pk)],
            )
            for section in self.sections
        ]

    def clean(self) -> dict:
        cleaned = super().clean()
        unexpected = set(self.data) - set(self.fields) - TRANSPORT_FIELDS - {"submit"}
        if unexpected:
            raise forms.ValidationError(
                _("The form contained fields it should not have. Please answer again."),
                code="unexpected_fields",
            )
        if any(len(self.data.getlist(name)) > 1 for name in self.data if name in self.fields):
            raise forms.ValidationError(
                _("Each question takes one answer. Please answer again."), code="repeated_fields"
            )
        return cleaned

    @property
    def unanswered(self) -> bool:
        """Whether a statement was left without an answer: the error summary says then, and
        only then, that each needs one (a comment too long is no missing answer)."""
        return any(
            self.has_error(question_field_name(cq.question_id), code="required")
            for section in self.sections
            for cq in section.questions
        )

    def clean_submission_key(self) -> uuid.UUID:
        """The form's one-time key. A missing or garbled one (a broken client, a form made by
        hand) gets a fresh key: a 400 named no problem, and came back with the same bad key."""
        try:
            return uuid.UUID(self.cleaned_data["submission_key"])
        except (TypeError, ValueError):
            return uuid.uuid4()

    def answers(self) -> dict[int, int | None]:
        return {
            cq.question_id: _answer_value(self.cleaned_data[question_field_name(cq.question_id)])
            for section in self.sections
            for cq in section.questions
        }

    def comments(self) -> dict[int, str]:
        return {
            section.pillar.pk: self.cleaned_data.get(comment_field_name(section.pillar.pk), "")
            for section in self.sections
        }


DEPARTMENT_GONE = _("That department was just taken off the list. Please choose yours again.")


class DepartmentField(forms.ModelChoiceField):
    """The department chosen, checked against the list this process keeps rather than with a
    query per answer sent; one not on that list is looked up as before."""

    def to_python(self, value):
        if isinstance(value, str) and (department := selectors.departments_kept().get(value)):
            return department
        if isinstance(value, str) and value and not _written_as_an_id(value):
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        try:
            return super().to_python(value)
        except ValidationError as error:
            # An id the form offered, deleted since the page was loaded: say so, not Django's
            # "Select a valid choice", which does not even name the field in the summary.
            raise ValidationError(DEPARTMENT_GONE, code="invalid_choice") from error


def _written_as_an_id(value: str) -> bool:
    """An id as the form writes one: int() would also read " 1", "01", "+1" or "١" as 1."""
    return value.isascii() and value.isdigit() and not value.startswith("0")


def comment_too_long_message(pillar_name: str) -> str:
    """Django's max_length message with the pillar named: the length and limit stay
    %-placeholders for the validator to fill."""
    return _(
        "Your comment on the %(pillar)s pillar is too long: %(show_value)s characters, where the"
        " limit is %(limit_value)s."
    ) % {
        "pillar": pillar_name.replace("%", "%%"),
        "show_value": "%(show_value)s",
        "limit_value": "%(limit_value)s",
    }


class CommentField(forms.CharField):
    """Free text whose line breaks count once: browsers send a textarea's line breaks as CRLF
    but count them as one character against maxlength, so a comment the box accepted whole was
    refused as too long."""

    def to_python(self, value):
        value = super().to_python(value)
        return value.replace("\r\n", "\n").replace("\r", "\n")


def _answer_value(raw: str) -> int | None:
    return None if raw == DONT_KNOW else int(raw)
