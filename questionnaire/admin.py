import copy

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.models import LogEntry
from django.db import transaction
from django.db.models import Count, Q, QuerySet, Value
from django.db.models.functions import Concat
from django.http import HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.text import capfirst, format_lazy
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext, pgettext_lazy

from cxassess.admin_input import WellFormedInput
from cxassess.admin_lookups import ListedFiltersOnly
from cxassess.celery import queue_reachable
from cxassess.spreadsheets import csv_download

from . import emails, imports, services
from .admin_deletion import LISTED, DeletionSummarised, and_more
from .models import (
    Answer,
    Campaign,
    CampaignQuestion,
    Department,
    Invitation,
    Pillar,
    PillarComment,
    Question,
    Response,
    no_direction_controls,
)

# Language names as they read inside a label or a sentence ("Statement (rumeno)", "… queste
# traduzioni no: rumeno"): Italian and Romanian write them in lower case there, unlike the
# capitalised names of the language switcher (settings.LANGUAGES).
NAMES_IN_TEXT = {
    "ro": pgettext_lazy("language name inside a label or sentence", "Romanian"),
    "it": pgettext_lazy("language name inside a label or sentence", "Italian"),
    "zh-hans": pgettext_lazy("language name inside a label or sentence", "Simplified Chinese"),
}
OTHER_LANGUAGES = [
    (code, NAMES_IN_TEXT.get(code, name)) for code, name in settings.LANGUAGES if code != "en"
]


def _field_name(field: str, code: str) -> str:
    return f"{field}_{code.replace('-', '_')}"


def _stale_translations(form, field: str) -> list:
    """The languages whose translation of `field` was there before and was left as it was."""
    return [
        name
        for code, name in OTHER_LANGUAGES
        if form.initial.get(_field_name(field, code))
        and _field_name(field, code) not in form.changed_data
    ]


class TranslatedFieldsForm(forms.ModelForm):
    """Shows the JSON `translations` as one plain text box per language and field."""

    translated: tuple = ()  # (field name, label, widget) triples
    # One translated field is stored flat ({"ro": "…"}), several nested ({"ro": {"name": "…"}}).

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        stored = self.instance.translations or {}
        for field, _label, _widget in self.translated:
            for code, _name in OTHER_LANGUAGES:
                value = stored.get(code, "")
                value = value.get(field, "") if isinstance(value, dict) else value
                self.initial.setdefault(_field_name(field, code), value)

    def _translations_from_fields(self) -> dict:
        result = {}
        for code, _name in OTHER_LANGUAGES:
            texts = {
                field: value
                for field, _label, _widget in self.translated
                if (value := self.cleaned_data.get(_field_name(field, code), "").strip())
            }
            if texts:
                result[code] = next(iter(texts.values())) if len(self.translated) == 1 else texts
        return result

    def save(self, commit: bool = True):
        self.instance.translations = self._translations_from_fields()
        return super().save(commit)


def _in_language(widget: forms.Widget | type[forms.Widget], code: str) -> forms.Widget:
    marked = widget() if isinstance(widget, type) else copy.deepcopy(widget)
    marked.attrs["lang"] = code
    return marked


def with_translation_fields(form: type[TranslatedFieldsForm]) -> type[TranslatedFieldsForm]:
    """The form plus one declared text box per language and translated field, so the admin lays
    them out like any other field."""
    boxes = {
        _field_name(field, code): forms.CharField(
            label=format_lazy("{} ({})", capfirst(label), name),
            required=False,
            # Marked with its language, so a screen reader reads Chinese with a Chinese voice.
            widget=_in_language(widget, code),
            validators=[no_direction_controls],
        )
        for field, label, widget in form.translated
        for code, name in OTHER_LANGUAGES
    }
    return type(form.__name__, (form,), boxes)


@with_translation_fields
class QuestionForm(TranslatedFieldsForm):
    translated = (("text", _("statement"), forms.Textarea(attrs={"rows": 2, "cols": 80})),)

    class Meta:
        model = Question
        fields = ["pillar", "key", "order", "text", "is_active"]

    def clean_pillar(self) -> Pillar:
        # Reports place answers by the question's pillar: moving an answered question would
        # rewrite the scores of rounds already run (only the wording is frozen per campaign).
        pillar = self.cleaned_data["pillar"]
        question = self.instance
        if question.pk and pillar != question.pillar and question.answers.exists():
            raise forms.ValidationError(
                _(
                    "People have already answered this question, so moving it to another pillar "
                    "would change past results. Make it inactive and add a new question instead."
                ),
                code="answered",
            )
        return pillar

    def clean_key(self) -> str:
        # Exports name each question by its key so that rounds can be joined on it.
        key = self.cleaned_data["key"]
        question = self.instance
        if question.pk and key != question.key and services.question_was_answered(question):
            raise forms.ValidationError(KEY_LINKS_ROUNDS, code="answered")
        return key


# Keys and slugs are what CSV and JSON exports name questions and pillars by, in every round:
# renamed, they split one question into two for whoever joins rounds' exports.
KEY_LINKS_ROUNDS = _(
    "People have already answered this, and every round's exports name it by this key: changed,"
    " earlier rounds' exports would change too and no longer match the files already taken."
    " Keep the key; the name shown to people can change."
)


@with_translation_fields
class PillarForm(TranslatedFieldsForm):
    translated = (
        ("name", _("name"), forms.TextInput),
        ("description", _("description"), forms.Textarea(attrs={"rows": 3, "cols": 80})),
        ("recommendations", _("recommendations"), forms.Textarea(attrs={"rows": 5, "cols": 80})),
    )

    class Meta:
        model = Pillar
        fields = ["slug", "order", "name", "description", "recommendations"]

    def clean_slug(self) -> str:
        slug = self.cleaned_data["slug"]
        pillar = self.instance
        if pillar.pk and slug != pillar.slug and services.pillar_was_answered(pillar):
            raise forms.ValidationError(KEY_LINKS_ROUNDS, code="answered")
        return slug


class RowLabelledForm(forms.ModelForm):
    """A table row's boxes named by their column and their row ("Order: When our leaders…"):
    in a tabular inline or an editable list only the column's heading names them, and a screen
    reader announced "spin button, 1"."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        row = str(self.instance) if self.instance.pk else ""
        for field in self.fields.values():
            name = capfirst(field.label or "")
            field.widget.attrs["aria-label"] = f"{name}: {row}" if row else name


class QuestionInline(admin.TabularInline):
    """The pillar's questions in order, to reorder or switch on and off. Wording, adding and
    deleting happen on a question's own page, which shows every language, warns when only the
    English changed and counts what blocks a deletion: here Django listed every answer of a
    deleted question one by one (47 KB of "answer to question 1" at 400 answers)."""

    model = Question
    form = RowLabelledForm
    fields = ["order", "key", "text", "is_active"]
    readonly_fields = ["key", "text"]
    extra = 0
    ordering = ["order"]
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Pillar)
class PillarAdmin(DeletionSummarised, ListedFiltersOnly, WellFormedInput, admin.ModelAdmin):
    form = PillarForm
    list_display = ["name", "order", "slug"]
    list_editable = ["order"]
    ordering = ["order"]
    inlines = [QuestionInline]

    def get_changelist_form(self, request, **kwargs):
        return super().get_changelist_form(request, **{"form": RowLabelledForm, **kwargs})

    def save_model(self, request, obj, form, change) -> None:
        super().save_model(request, obj, form, change)
        if not (change and "name" in form.changed_data):
            return
        if services.pillar_was_answered(obj):
            # Pillar names are read live, as department names are: say so, as for those.
            self.message_user(
                request,
                _("The name shows in every round's reports, earlier rounds included."),
                messages.WARNING,
            )
        if stale := _stale_translations(form, "name"):
            self.message_user(
                request,
                _(
                    "The English name changed but these translations did not: %(languages)s."
                    " Check that they still say the same."
                )
                % {"languages": ", ".join(str(name) for name in stale)},
                messages.WARNING,
            )


@admin.register(Question)
class QuestionAdmin(DeletionSummarised, ListedFiltersOnly, WellFormedInput, admin.ModelAdmin):
    form = QuestionForm
    list_display = ["text", "pillar", "order", "is_active"]
    list_filter = ["pillar", "is_active"]
    ordering = ["pillar__order", "order"]
    search_fields = ["text", "key"]

    def get_deleted_objects(self, objs, request):
        to_delete, counts, perms_needed, protected = super().get_deleted_objects(objs, request)
        coming = services.rounds_not_yet_seen().filter(campaign_questions__question__in=objs)
        if protected and (names := sorted({c.name for c in coming})):
            # "Questions as asked: 1" alone left the admin guessing what to do about it.
            protected.append(
                _(
                    "Campaigns not yet open will ask it: %(campaigns)s. Make the question"
                    " inactive first; they then stop asking it, and it can be deleted."
                )
                % {"campaigns": ", ".join(names)}
            )
        return to_delete, counts, perms_needed, protected

    def save_model(self, request, obj, form, change) -> None:
        super().save_model(request, obj, form, change)  # refreezes rounds not yet open (signals)
        if coming := [campaign.name for campaign in services.rounds_not_yet_seen()]:
            self.message_user(
                request,
                _("Campaigns not yet open will ask the questions as they are now: %(campaigns)s.")
                % {"campaigns": ", ".join(coming)},
            )
        stale = _stale_translations(form, "text")
        if change and "text" in form.changed_data and services.question_was_answered(obj):
            # Reports compare a question between rounds only in the same words (a statement
            # turned round read as the year's largest drop): say what the edit costs.
            self.message_user(
                request,
                _(
                    "Rounds already answered asked this statement in its earlier words. Reports"
                    " will not compare it between those rounds and the rounds that ask the new"
                    " words; its pillar and the overall score are compared without it."
                ),
                messages.WARNING,
            )
        if change and "text" in form.changed_data and stale:
            # New rounds ask the new wording in every language: say so before they differ.
            self.message_user(
                request,
                _(
                    "The English statement changed but these translations did not: %(languages)s."
                    " Check that they still say the same, or new rounds will ask different things"
                    " in different languages."
                )
                % {"languages": ", ".join(str(name) for name in stale)},
                messages.WARNING,
            )


# Names are read live, so a rename rewrites earlier rounds' reports and carries the department's
# comparisons with it: a team split "by renaming" compared its whole past with half its present.
RENAME_APPLIES_TO_PAST_ROUNDS = _(
    "The name shows in every round's reports, earlier rounds included, and the department is"
    " compared with its own earlier results. For a team split, merged or made anew, add a new"
    " department instead."
)


@admin.register(Department)
class DepartmentAdmin(DeletionSummarised, ListedFiltersOnly, WellFormedInput, admin.ModelAdmin):
    search_fields = ["name"]

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.name == "name":
            field.help_text = RENAME_APPLIES_TO_PAST_ROUNDS
        return field

    def save_model(self, request, obj, form, change) -> None:
        super().save_model(request, obj, form, change)
        if change and "name" in form.changed_data and services.department_was_answered(obj):
            self.message_user(request, RENAME_APPLIES_TO_PAST_ROUNDS, messages.WARNING)


class CampaignQuestionInline(admin.TabularInline):
    model = CampaignQuestion
    verbose_name = _("question as respondents see it")
    verbose_name_plural = _(
        "questions as respondents see them (until the campaign opens, they follow edits to the"
        " questions)"
    )
    # The frozen wording only: the question's current text beside it read as if both were asked.
    fields = ["position", "question_key", "wording_asked", "languages_asked"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    @admin.display(description=_("question"))
    def question_key(self, obj: CampaignQuestion) -> str:
        return obj.question.key

    @admin.display(description=_("wording in this round"))
    def wording_asked(self, obj: CampaignQuestion) -> str:
        return obj.text()  # in the admin's language where the round has it, else English

    @admin.display(description=_("languages"))
    def languages_asked(self, obj: CampaignQuestion) -> str:
        return ", ".join(sorted(code for code, text in obj.wording.items() if text))

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("question")  # its key, per row


@admin.register(Campaign)
class CampaignAdmin(DeletionSummarised, ListedFiltersOnly, WellFormedInput, admin.ModelAdmin):
    list_display = ["name", "opens", "closes", "closed", "open_link", "response_count"]
    readonly_fields = ["open_link", "closed_at"]
    fields = [
        "name",
        ("opens_at", "closes_at"),
        "closed_at",
        ("anonymity_threshold", "comment_threshold"),
        "open_link_enabled",
        "open_link",
        "reminder_interval_days",
        "compared_with_later_rounds",
    ]
    inlines = [CampaignQuestionInline]
    actions = ["email_invitations", "open_link_renew"]

    class Media:
        js = ["js/admin.js"]  # the open link's select and copy, the questions' table

    # Both change what people receive or can open: not for staff who may only view campaigns.
    @admin.action(description=_("E-mail the invitations not sent yet"), permissions=["change"])
    def email_invitations(self, request, queryset) -> None:
        # Each e-mail carries a new link; earlier ones, the import's too, keep working until used.
        now = timezone.now()
        waiting = sum(services.campaign_invitations_email(campaign=c, now=now) for c in queryset)
        over = [campaign.name for campaign in queryset if campaign.is_over(now)]
        if waiting:
            text = ngettext(
                "%(n)d invitation e-mail is on its way.",
                "%(n)d invitation e-mails are on their way.",
                waiting,
            )
            messages.success(request, text % {"n": waiting})
        elif len(over) < len(queryset):
            # "0 invitation e-mails are on their way" read as if something had failed.
            messages.info(
                request,
                _(
                    "No invitation was waiting to be sent: every one has gone out already, or the"
                    " round has none yet (add them under Invitations)."
                ),
            )
        if waiting and not queue_reachable():
            # None is lost (each is marked as asked for), but "on their way" alone would mislead.
            messages.warning(
                request,
                _(
                    "The e-mail queue cannot be reached just now. The e-mails are kept and go out"
                    " within about ten minutes of it working again."
                ),
            )
        if over:
            # Nothing sent, without a reason, left the admin to guess why.
            messages.warning(
                request,
                _("A closed round sends no invitations: %(rounds)s.") % {"rounds": ", ".join(over)},
            )

    @admin.action(
        description=_("Give the open link a new address (the old one stops working)"),
        permissions=["change"],
    )
    def open_link_renew(self, request, queryset) -> None:
        # A link that reached people outside the company: switching it off and on again kept it.
        renewed = services.open_links_renew(campaigns=queryset)
        # A round whose link is off has nothing to share yet: "share it again" misled there.
        off = [campaign.name for campaign in queryset if not campaign.open_link_enabled]
        if shared := renewed - len(off):
            text = ngettext(
                "%(n)d campaign has a new open link. Share it again; the old one now says it is "
                "not found.",
                "%(n)d campaigns have a new open link. Share them again; the old ones now say "
                "they are not found.",
                shared,
            )
            messages.success(request, text % {"n": shared})
        if off:
            messages.info(
                request,
                _(
                    "The open link is switched off in %(rounds)s: its new address works once it"
                    " is switched on."
                )
                % {"rounds": ", ".join(off)},
            )

    # The short date format: the long one ("Giovedì 12 Novembre 2026 06:21") does not wrap, and
    # three of them pushed the list past a 1280-pixel screen in Italian.
    @admin.display(description=_("opens at"), ordering="opens_at")
    def opens(self, obj: Campaign) -> str:
        return self._short(obj.opens_at)

    @admin.display(description=_("closes at"), ordering="closes_at")
    def closes(self, obj: Campaign) -> str:
        return self._short(obj.closes_at)

    @admin.display(description=_("closed at"), ordering="closed_at")
    def closed(self, obj: Campaign) -> str:
        return self._short(obj.closed_at)

    def _short(self, when) -> str:
        if when is None:
            return self.get_empty_value_display()
        return date_format(timezone.localtime(when), "SHORT_DATETIME_FORMAT")

    @admin.display(description=_("open link"))
    def open_link(self, obj: Campaign) -> str:
        if not obj.pk or not obj.open_link_enabled:
            return self.get_empty_value_display()  # the list's own "-", as for "closed at"
        url = settings.SITE_URL + obj.get_open_link_path()
        # static/js/admin.js selects and copies: no inline handlers (Content-Security-Policy).
        # Named after its campaign: a list of buttons all called "Copy" told a screen reader
        # nothing; the status beside it says when the link is on the clipboard.
        return format_html(
            '<input type="text" readonly value="{}" size="14" data-cx-select aria-label="{}"> '
            '<button type="button" class="button" data-cx-copy-text="{}" aria-label="{}" '
            'data-cx-copied="{}">{}</button> <span role="status" class="cx-copy-status"></span>',
            url,
            format_lazy("{}: {}", _("Open link"), obj.name),
            url,
            format_lazy("{}: {}", _("Copy the open link"), obj.name),
            _("Copied"),
            _("Copy"),
        )

    def get_queryset(self, request):
        # Counted with the list, not a COUNT per campaign.
        return super().get_queryset(request).annotate(responses_count=Count("responses"))

    @admin.display(description=_("responses"), ordering="responses_count")
    def response_count(self, obj: Campaign) -> int | str:
        # As on the leaders' list: below the threshold not even the exact number (anyone who
        # may list campaigns would learn how many of the first few have answered).
        if obj.responses_count < obj.anonymity_threshold:
            return _("fewer than %(threshold)s") % {"threshold": obj.anonymity_threshold}
        return obj.responses_count

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        # The split date and time boxes had no names of their own ("Date:" is plain text).
        for name in ("opens_at", "closes_at"):
            field = form.base_fields.get(name)
            if field is not None and hasattr(field.widget, "widgets"):
                date, time = field.widget.widgets
                date.attrs["aria-label"] = format_lazy("{}: {}", field.label, _("date"))
                time.attrs["aria-label"] = format_lazy("{}: {}", field.label, _("time"))
        return form

    @transaction.atomic
    def save_model(self, request, obj: Campaign, form, change: bool) -> None:
        if change:
            # Read again under a lock: the hourly job may have closed the round since this
            # request read it, and writing the copy's "open" back reopened it.
            stored = Campaign.objects.select_for_update().get(pk=obj.pk)
            obj.closed_at, obj.closed_once = stored.closed_at, stored.closed_once
            if stored.is_over():
                obj.closed_once = True  # over until this save, whatever it changes
        moved_end = "closes_at" in form.changed_data and obj.closes_at is not None
        if obj.closed_at and moved_end and obj.closes_at > timezone.now():
            # A later end date is how an admin lets people answer again: reopen the round.
            obj.closed_at = None
            messages.info(request, _("The campaign is open again until its new end date."))
        super().save_model(request, obj, form, change)
        services.campaign_questions_freeze(campaign=obj)


class InvitationAdminForm(forms.ModelForm):
    """A corrected address (after the mail server refused the first) meets the import's rules:
    one that e-mail can be sent to, and one invitation per mailbox in a round."""

    class Meta:
        model = Invitation
        fields = ["email", "department", "role", "language"]

    def clean_email(self) -> str:
        email = self.cleaned_data["email"].strip().lower()
        if not emails.address_is_writable(email):
            raise forms.ValidationError(_("No e-mail can be sent to this address."))
        campaign = self.instance.campaign
        if imports.mailbox_taken(campaign=campaign, email=email, other_than=self.instance.pk):
            raise forms.ValidationError(
                _("Another invitation of this campaign already goes to this address.")
            )
        return email


class InvitationEmailFilter(admin.SimpleListFilter):
    """Where each invitation's e-mail stands: an admin told "on their way" could not tell the
    ones still waiting, or refused by the mail server, from the ones sent."""

    title = _("e-mail")
    parameter_name = "email_state"

    def lookups(self, request, model_admin):
        return [
            ("refused", _("Refused by the mail server")),
            ("waiting", _("Asked for, not sent yet")),
            ("sent", _("Sent")),
            ("never", _("Never asked for")),
        ]

    def queryset(self, request, queryset):
        return {
            "refused": lambda: queryset.filter(refused_at__isnull=False),
            "waiting": lambda: queryset.filter(
                sent_at__isnull=True, send_requested_at__isnull=False, refused_at__isnull=True
            ),
            "sent": lambda: queryset.filter(sent_at__isnull=False),
            "never": lambda: queryset.filter(
                sent_at__isnull=True, send_requested_at__isnull=True, refused_at__isnull=True
            ),
        }.get(self.value(), lambda: queryset)()


def history_by_number(logged):
    """The admin's history names an invitation by number, not by its str(), the address: an entry
    outlives the invitation, so an address deleted on request stayed in "Recent actions"."""
    entries = logged if isinstance(logged, list) else [logged]
    LogEntry.objects.filter(pk__in=[entry.pk for entry in entries]).update(
        object_repr=Concat(Value("invitation "), "object_id")
    )
    return logged


class AddressesKeptOutOfHistory:
    def log_addition(self, request, obj, message):
        return history_by_number(super().log_addition(request, obj, message))

    def log_change(self, request, obj, message):
        return history_by_number(super().log_change(request, obj, message))

    def log_deletions(self, request, queryset):
        return history_by_number(super().log_deletions(request, queryset))


@admin.register(Invitation)
class InvitationAdmin(
    AddressesKeptOutOfHistory,
    DeletionSummarised,
    ListedFiltersOnly,
    WellFormedInput,
    admin.ModelAdmin,
):
    form = InvitationAdminForm
    list_display = ["email", "campaign", "department", "role", "sent_at", "refused_at", "answered"]
    list_filter = ["campaign", "department", "role", InvitationEmailFilter]
    search_fields = ["email"]
    # An invitation belongs to the round its link was sent for: moved, it would leave both
    # rounds' counts wrong.
    readonly_fields = ["campaign", "sent_at", "reminders_sent", "reminded_at", "refused_at"]

    def save_model(self, request, obj, form, change) -> None:
        super().save_model(request, obj, form, change)
        if change and "email" in form.changed_data:
            # A corrected address is worth reminding again (refused_at is not the form's to save).
            Invitation.objects.filter(pk=obj.pk).update(refused_at=None)

    exclude = ["used"]
    change_list_template = "admin/questionnaire/invitation/change_list.html"

    # Dashboards show invitations per department: raise each round's change count once here
    # rather than per row in a delete signal, which cost an UPDATE per invitation (20,000 for a
    # campaign deleted with its invitations took 20 s).
    def delete_model(self, request, obj: Invitation) -> None:
        with transaction.atomic():
            super().delete_model(request, obj)
            services.invitations_changed_bump(campaign_id=obj.campaign_id)

    def delete_queryset(self, request, queryset) -> None:
        with transaction.atomic():
            campaign_ids = set(queryset.values_list("campaign_id", flat=True))
            super().delete_queryset(request, queryset)
            for campaign_id in campaign_ids:
                services.invitations_changed_bump(campaign_id=campaign_id)

    @admin.display(boolean=True, description=_("answered"))
    def answered(self, obj: Invitation) -> bool:
        return obj.used

    def has_add_permission(self, request) -> bool:
        return False  # tokens are made by the import, which shows each link once

    def get_urls(self):
        custom = [
            path(
                "import/",
                self.admin_site.admin_view(self.import_view),
                name="questionnaire_invitation_import",
            )
        ]
        return custom + super().get_urls()

    def import_view(self, request):
        if not self.has_change_permission(request):
            return redirect("admin:index")
        form = imports.InvitationImportForm(request.POST or None, request.FILES or None)
        context = {**self.admin_site.each_context(request), "form": form, "opts": self.model._meta}
        if form.is_valid():
            outcome = imports.invitations_import(
                campaign=form.cleaned_data["campaign"],
                rows=form.cleaned_data["rows"],
                parse_errors=form.cleaned_data["parse_errors"],
            )
            if outcome.errors:
                context["row_errors"] = outcome.errors
            else:
                # Given this once: the database keeps only hashes of the tokens.
                issued = [
                    (
                        i.invitation,
                        settings.SITE_URL + reverse("questionnaire:invitation", args=[i.token]),
                    )
                    for i in outcome.issued
                ]
                if form.cleaned_data["links"] == imports.LINKS_AS_CSV:
                    return _links_download(form.cleaned_data["campaign"], issued)
                count = len(issued)
                messages.success(
                    request,
                    ngettext("%(n)d invitation created.", "%(n)d invitations created.", count)
                    % {"n": count},
                )
                context["issued"] = issued
        return TemplateResponse(request, "admin/questionnaire/invitation/import.html", context)


def _links_download(campaign: Campaign, issued: list[tuple[Invitation, str]]) -> HttpResponse:
    """The new links as a CSV attachment: lighter than a page of 20,000 rows, and ready for a
    mail merge. The admin's import page stays as it was; uploading the file again imports
    nothing, everybody in it being invited already."""
    name = f"invitation-links-{campaign.pk}-{timezone.localdate():%Y-%m-%d}.csv"
    return csv_download(imports.invitation_links_rows(issued), name)


class ResponseLanguageFilter(admin.SimpleListFilter):
    """The interface languages, not SELECT DISTINCT over every response (51 ms at 220,000)."""

    title = _("language")
    parameter_name = "language"

    def lookups(self, request, model_admin):
        return settings.LANGUAGES

    def queryset(self, request, queryset):
        return queryset.filter(language=self.value()) if self.value() else queryset

    def get_facet_counts(self, pk_attname, filtered_qs):
        # "Show counts": Django's own counts `pk IN (this filter's rows)` per language, which at
        # 500,000 responses PostgreSQL re-read for every row, past any gunicorn timeout.
        return {
            f"{i}__c": Count(pk_attname, filter=Q(language=code))
            for i, (code, _name) in enumerate(self.lookup_choices)
        }


class PillarCommentAdmin(ListedFiltersOnly, WellFormedInput, admin.ModelAdmin):
    """Comments, to remove one that names or harms someone. Without this the only way was to
    delete the whole response, refused once a round has closed, so a named colleague stayed on
    the comments page for good. A comment is not counted in any score, and which groups show
    their comments depends on how many answered, not on how many commented: removing one
    changes nothing else, so it may go in a closed round too.

    Neither department nor response is shown: in a small department that would say who wrote it
    (leaders see comments only for groups the comment threshold lets through)."""

    list_display = ["text", "campaign", "pillar"]
    list_filter = ["campaign", "pillar"]
    search_fields = ["text"]
    fields = ["campaign", "pillar", "text"]
    readonly_fields = fields
    ordering = ["-campaign_id", "pillar__order", "text"]  # not by id: that is the saving order
    show_full_result_count = False

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def delete_model(self, request, obj) -> None:
        with transaction.atomic():
            super().delete_model(request, obj)
            services.comments_changed_bump(campaign_ids={obj.campaign_id})

    def delete_queryset(self, request, queryset) -> None:
        with transaction.atomic():
            campaign_ids = set(queryset.values_list("campaign_id", flat=True))
            super().delete_queryset(request, queryset)
            services.comments_changed_bump(campaign_ids=campaign_ids)


admin.site.register(PillarComment, PillarCommentAdmin)


@admin.register(Response)
class ResponseAdmin(ListedFiltersOnly, WellFormedInput, admin.ModelAdmin):
    list_display = ["campaign", "department", "role", "language", "submitted_at"]
    list_filter = ["campaign", "department", "role", ResponseLanguageFilter]
    fields = ["campaign", "department", "role", "language", "submitted_at"]
    readonly_fields = fields
    # Newest round first, grouped by department and role, in the order of the (campaign,
    # department, role) index: by the round's date and the department's name, every page sorted
    # the whole table (1 s for the last of 2,200 pages at 220,000 responses).
    ordering = ["-campaign_id", "-department_id", "-role"]
    show_full_result_count = False  # a filtered list counts its own rows only
    # Listed so that an admin can delete a response that should not count, never with its answers
    # or comments: in a department × role of one person, the invitation list would put a name to
    # them (the privacy page promises admins cannot see which answers came from an invitation).

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    # Once a round is over its results are final: deleting a response then changes which groups
    # are shown, and a report read before compared with one read after can give a small group
    # away. That holds after the round is opened again too (Campaign.closed_once). While a round
    # that never closed runs, a response that should not count can still be deleted.
    CLOSED_ROUND_FINAL = _(
        "Responses of a round that has closed cannot be deleted: its results are final, and"
        " comparing reports read before and after a deletion could single out a small group."
    )

    def delete_view(self, request, object_id, extra_context=None):
        response = self.get_object(request, object_id)
        if response is not None and response.campaign.results_were_final():
            self.message_user(request, self.CLOSED_ROUND_FINAL, messages.ERROR)
            return redirect("admin:questionnaire_response_changelist")
        return super().delete_view(request, object_id, extra_context)

    def get_actions(self, request):
        actions = super().get_actions(request)
        if "delete_selected" in actions:
            django_delete, name, description = actions["delete_selected"]

            def delete_selected(modeladmin, request, queryset):
                # The rounds, not every response chosen (all 200,000 took 10 s and 640 MB).
                rounds = Campaign.objects.filter(pk__in=queryset.values("campaign_id"))
                if any(campaign.results_were_final() for campaign in rounds):
                    modeladmin.message_user(request, self.CLOSED_ROUND_FINAL, messages.ERROR)
                    return None
                return django_delete(modeladmin, request, queryset)

            actions["delete_selected"] = (delete_selected, name, description)
        return actions

    def get_deleted_objects(self, objs, request):
        """The confirmation pages (one response, or "delete selected") name the responses (the
        first LISTED) and count the answers and comments that go with them: Django would list
        each answer and comment by its text, and this page is exactly where an admin who may
        delete but not read looks. Counted, not collected: "select all" on 200,000 responses."""
        chosen = (
            objs
            if isinstance(objs, QuerySet)
            else Response.objects.filter(pk__in=[obj.pk for obj in objs])
        )
        total = chosen.count()
        named = [str(r) for r in chosen.select_related("campaign", "department")[:LISTED]]
        counts = (
            (Response, total),
            (Answer, Answer.objects.filter(response__in=chosen).count()),
            (PillarComment, PillarComment.objects.filter(response__in=chosen).count()),
        )
        model_count = {model._meta.verbose_name_plural: n for model, n in counts if n}
        # Answers and comments have no admin, so, as in Django's own, no permission of theirs
        # is needed; the action and the page already checked the permission to delete responses.
        return and_more(named, total), model_count, set(), []
