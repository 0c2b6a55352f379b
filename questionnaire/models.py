import secrets
import unicodedata
import uuid
from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

MIN_ANONYMITY_THRESHOLD = 3  # below three, "the group" is one colleague and a friend
DEFAULT_ANONYMITY_THRESHOLD = 5
DEFAULT_COMMENT_THRESHOLD = 10  # free text identifies people more easily than numbers
EARLIEST_YEAR, LATEST_YEAR = 2000, 2100  # a campaign's dates: anything else is a typing slip
SCALE_MIN, SCALE_MAX = 1, 5


def language_key(language: str | None = None) -> str:
    """The content language to use for the active (or given) interface language."""
    language = (language or get_language() or settings.LANGUAGE_CODE).lower()
    codes = [code for code, _name in settings.LANGUAGES]
    if language in codes:
        return language
    if language.startswith("zh"):
        return "zh-hans"
    base = language.split("-")[0]
    return base if base in codes else settings.LANGUAGE_CODE


class Role(models.TextChoices):
    LEADERSHIP = "leadership", _("Leadership team")
    MANAGER = "manager", _("People manager")
    CONTRIBUTOR = "contributor", _("Individual contributor")


# Explicit direction controls: in a name shown inside a sentence, an unclosed right-to-left
# override reverses the text after it ("fewer than 5 answers" reads backwards, or says something
# else). Right-to-left scripts need none of them: the browser orders their letters itself.
DIRECTION_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def no_direction_controls(value: str) -> None:
    if DIRECTION_CONTROLS & set(value):
        raise ValidationError(
            _("Remove the invisible text-direction characters from this text."),
            code="direction_controls",
        )


class Pillar(models.Model):
    slug = models.SlugField(_("key"), unique=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    name = models.CharField(_("name"), max_length=80, validators=[no_direction_controls])
    description = models.TextField(_("description"), blank=True, validators=[no_direction_controls])
    recommendations = models.TextField(
        _("improvement recommendations"),
        blank=True,
        help_text=_("One recommendation per line."),
        validators=[no_direction_controls],
    )
    translations = models.JSONField(
        _("translations"),
        default=dict,
        blank=True,
        help_text=_(
            'Per language: {"ro": {"name": "…", "description": "…", "recommendations": "…"}}.'
        ),
    )

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("pillar")
        verbose_name_plural = _("pillars")

    def __str__(self) -> str:
        # Admin breadcrumbs, selects and messages print it: in the reader's language.
        return self.local_name

    def translated(self, field: str, language: str | None = None) -> str:
        text = self.translations.get(language_key(language), {}).get(field, "")
        return text or getattr(self, field)

    @property
    def local_name(self) -> str:
        return self.translated("name")

    @property
    def local_description(self) -> str:
        return self.translated("description")

    @property
    def recommendation_list(self) -> list[str]:
        return [
            line.strip() for line in self.translated("recommendations").splitlines() if line.strip()
        ]


class Question(models.Model):
    pillar = models.ForeignKey(
        Pillar, on_delete=models.PROTECT, related_name="questions", verbose_name=_("pillar")
    )
    key = models.SlugField(_("key"), unique=True, help_text=_("Stable identifier across rounds."))
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    text = models.TextField(_("statement (English)"), validators=[no_direction_controls])
    translations = models.JSONField(
        _("translations"),
        default=dict,
        blank=True,
        help_text=_('The statement per language: {"ro": "…", "it": "…", "zh-hans": "…"}.'),
    )
    is_active = models.BooleanField(
        _("active"), default=True, help_text=_("Inactive questions are left out of new campaigns.")
    )

    class Meta:
        ordering = ["pillar__order", "order", "pk"]
        verbose_name = _("question")
        verbose_name_plural = _("questions")

    def __str__(self) -> str:
        return self.translations.get(language_key()) or self.text  # as for pillars

    def wording(self) -> dict[str, str]:
        """Every language's text, as a campaign stores it when it is created."""
        return {"en": self.text, **{k: v for k, v in self.translations.items() if v}}


def department_name_key(name: str) -> str:
    """A department's name as people type it: any case, composed or decomposed accents, any
    spacing (a non-breaking space or a tab pasted from a spreadsheet, two spaces) and invisible
    characters such as a zero-width space, none of which a reader can see on a page."""
    visible = "".join(c for c in name if unicodedata.category(c) != "Cf")
    return " ".join(unicodedata.normalize("NFC", visible).split()).casefold()


def tidy_department_name(name: str) -> str:
    """The name with runs of spaces, tabs and line breaks made one plain space, ends trimmed."""
    return " ".join(name.split())


class Department(models.Model):
    name = models.CharField(
        _("name"), max_length=100, unique=True, validators=[no_direction_controls]
    )
    # So that a round which ended before a department existed does not list it. Empty for
    # departments made before this was kept: those are listed everywhere, as they always were.
    created_at = models.DateTimeField(null=True, editable=False, default=timezone.now)

    class Meta:
        ordering = ["name"]
        verbose_name = _("department")
        verbose_name_plural = _("departments")

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        self.name = tidy_department_name(self.name)
        # Two departments that differ only in case, accent composition or spacing read as one
        # on every report and in a file. Compared here, not with iexact: SQLite folds ASCII
        # case only.
        key = department_name_key(self.name)
        if not key:  # only zero-width or other invisible characters: a blank row, a blank choice
            raise ValidationError(
                {"name": _("This name has only invisible characters: give one people can read.")}
            )
        others = Department.objects.exclude(pk=self.pk).only("name")
        alike = next((d for d in others if department_name_key(d.name) == key), None)
        if alike is not None:
            raise ValidationError(
                {"name": _("There is already a department named “%(name)s”.") % {"name": alike}}
            )


def new_open_link_key() -> str:
    return secrets.token_urlsafe(12)


_new_open_link_key = new_open_link_key  # the name migration 0001 knows it by


def last_open_day(closes_at: datetime) -> date:
    """The last day one can answer, in the site's time zone: a round closing at midnight is open
    until the end of the day before ("closes Dec. 8" was read as the end of the 8th)."""
    local = timezone.localtime(closes_at)
    return (local - timedelta(days=1)).date() if local.time() == time(0, 0) else local.date()


def deadline_parts(closes_at: datetime | None) -> dict:
    """How e-mails and the PDF say when answering stops, in the site's time zone: a round
    closing at midnight reads "by the end of" the day before ("before Dec. 8, midnight" was
    read as the end of the 8th), any other time is given with its time ("until the end of
    Dec. 10" for 06:04 that day sent people to a closed round)."""
    if closes_at is None:
        return {}
    local = timezone.localtime(closes_at)
    # The zone's name ("Europe/Rome"), not its abbreviation: many are "+04" or ambiguous ("CST").
    deadline = {"time_zone": timezone.get_current_timezone_name()}
    last_day = last_open_day(closes_at)
    if last_day != local.date():  # closes at midnight: open until the end of the day before
        return deadline | {"last_day": last_day}
    return deadline | {"closes_at": local}


# Raised by services or by the saving of what they count, never by a campaign's own save().
CHANGE_COUNTS = ("responses_changed", "invitations_changed", "labels_changed", "changes_mark")


class Campaign(models.Model):
    name = models.CharField(_("name"), max_length=150, validators=[no_direction_controls])
    opens_at = models.DateTimeField(_("opens at"), default=timezone.now)
    closes_at = models.DateTimeField(_("closes at"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True, editable=False)
    # Whether the round has ever been over, even if opened again since: its results were final
    # once, so the responses it holds may no longer be deleted (see results_were_final).
    closed_once = models.BooleanField(default=False, editable=False)
    anonymity_threshold = models.PositiveSmallIntegerField(
        _("anonymity threshold"),
        default=DEFAULT_ANONYMITY_THRESHOLD,
        validators=[MinValueValidator(MIN_ANONYMITY_THRESHOLD)],
        help_text=_("No group smaller than this is ever shown in a report."),
    )
    comment_threshold = models.PositiveSmallIntegerField(
        _("comment threshold"),
        default=DEFAULT_COMMENT_THRESHOLD,
        validators=[MinValueValidator(MIN_ANONYMITY_THRESHOLD)],
        help_text=_("Comments are shown only for groups at least this large."),
    )
    compared_with_later_rounds = models.BooleanField(
        _("compared with later rounds"),
        default=True,
        help_text=_(
            "Untick for a trial or test round: the round after it is then compared with the "
            "round before it."
        ),
    )
    open_link_enabled = models.BooleanField(
        _("open link enabled"),
        default=False,
        help_text=_(
            "Anyone with the open link can answer, as often as they like, choosing department "
            "and role. Made-up answers could make a small department large enough to be shown, "
            "and whoever sent them could then subtract their own: where departments are small, "
            "use personal invitations."
        ),
    )
    open_link_key = models.CharField(
        max_length=32, unique=True, default=new_open_link_key, editable=False
    )
    reminder_interval_days = models.PositiveSmallIntegerField(
        _("reminder every (days)"),
        null=True,
        blank=True,
        # At most a year: a huge interval put the reminder job's date arithmetic out of range,
        # which stopped reminders for every campaign (SQLite stores any integer).
        validators=[MinValueValidator(1), MaxValueValidator(365)],
        help_text=_("Remind people who have not answered yet; empty for no reminders."),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    # Raised by one in the transaction that saves or deletes any of its responses, never by
    # save(): report snapshots use it as their version, a read of one row instead of a count.
    responses_changed = models.PositiveBigIntegerField(default=0, editable=False)
    # The same for its invitations (issued, edited, deleted): a dashboard shows how many were
    # issued and used per department, and must not wait for the next response to show an import.
    invitations_changed = models.PositiveBigIntegerField(default=0, editable=False)
    # The same for the names reports show that live outside the round (departments, pillars),
    # raised in every campaign at once: a renamed department read under its old name for up to
    # an hour, and under both names across rounds.
    labels_changed = models.PositiveBigIntegerField(default=0, editable=False)
    # Replaced by a random one whenever a count above is raised: a database restored from a
    # backup, or a copy sharing the cache (staging), reaches the same counts with other answers,
    # and a snapshot of the lost ones would have passed for current.
    changes_mark = models.CharField(max_length=16, default="", editable=False)

    class Meta:
        ordering = ["-opens_at", "-pk"]
        verbose_name = _("campaign")
        verbose_name_plural = _("campaigns")
        constraints = [
            models.CheckConstraint(
                condition=Q(anonymity_threshold__gte=MIN_ANONYMITY_THRESHOLD),
                name="campaign_threshold_at_least_3",
            ),
            models.CheckConstraint(
                condition=Q(comment_threshold__gte=models.F("anonymity_threshold")),
                name="campaign_comment_threshold_not_below_threshold",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        # A form loaded before responses arrived holds old counts: writing them back would turn
        # the version back to one an outdated snapshot was stored under. The open link's address
        # is only ever renewed by an UPDATE: an admin's save at that moment undid the renewal.
        updating = not self._state.adding and not kwargs.get("force_insert")
        if updating and kwargs.get("update_fields") is None:
            kwargs["update_fields"] = [
                f.name
                for f in self._meta.concrete_fields
                if not f.primary_key and f.name not in (*CHANGE_COUNTS, "open_link_key")
            ]
        super().save(*args, **kwargs)

    def clean(self) -> None:
        errors = {}
        for name in ("opens_at", "closes_at"):
            when = getattr(self, name)
            if when and not EARLIEST_YEAR <= when.year <= LATEST_YEAR:
                # A mistyped year 1 or 9999 breaks local-time display west or east of UTC.
                errors[name] = _("Choose a date between %(first)d and %(last)d.") % {
                    "first": EARLIEST_YEAR,
                    "last": LATEST_YEAR,
                }
        if self.closes_at and self.opens_at and self.closes_at <= self.opens_at:
            errors["closes_at"] = _("A campaign must close after it opens.")
        if self.comment_threshold < self.anonymity_threshold:
            errors["comment_threshold"] = _(
                "The comment threshold cannot be below the anonymity threshold."
            )
        if self._state.adding and not Question.objects.filter(is_active=True).exists():
            # A round freezes the active questions when it is created: with none, it would
            # take answers that are nothing but a department and a role.
            errors[NON_FIELD_ERRORS] = _(
                "There is no active question to ask. Make at least one question active first."
            )
        if self.pk and self.responses.exists():
            before = Campaign.objects.get(pk=self.pk)
            # Not raised either: the groups hidden at one threshold and at another are not
            # nested, so a report read before the change and one read after could be subtracted.
            if self.anonymity_threshold != before.anonymity_threshold:
                errors["anonymity_threshold"] = _(
                    "The anonymity threshold cannot be changed once answers have arrived: reports"
                    " read before and after the change could be compared to single out a small"
                    " group."
                )
            if self.comment_threshold < before.comment_threshold:
                errors["comment_threshold"] = _(
                    "Thresholds cannot be lowered once answers have arrived."
                )
            if self.opens_at and self.opens_at > before.opens_at:
                # Answers would predate the opening, and the rounds' order, which decides the
                # one each is compared with, could change under reports already read.
                errors["opens_at"] = _(
                    "A round cannot open later once answers have arrived. An earlier date is"
                    " allowed."
                )
            if self.closes_at and self.closes_at != before.closes_at and "closes_at" not in errors:
                last = self.responses.aggregate(last=models.Max("submitted_at"))["last"]
                if last and self.closes_at < last:
                    # Reports would say the round closed before answers they count. The form
                    # takes minutes: name the first whole minute after the last answer.
                    earliest = last.replace(second=0, microsecond=0)
                    earliest += timedelta(minutes=1) if earliest < last else timedelta()
                    errors["closes_at"] = _(
                        "Answers arrived until %(when)s. Choose an end at that time or later."
                    ) % {"when": date_format(timezone.localtime(earliest), "DATETIME_FORMAT")}
        if self.opens_at and "opens_at" not in errors and (overtaken := self._round_overtaken()):
            errors["opens_at"] = _(
                "Opening before “%(round)s” would change which round is compared with which, under"
                " reports already read. Choose a date after it opened."
            ) % {"round": overtaken.name}
        if self.closed_at is not None and self.closes_at is None:
            # Saved, it stayed closed with no end date shown (closed_at is not in the form).
            errors["closes_at"] = _(
                "This round has closed. To let people answer again, give it an end date in the"
                " future."
            )
        if errors:
            raise ValidationError(errors)

    def _round_overtaken(self) -> "Campaign | None":
        """The round this one would now open before, where that changes a comparison a leader
        may have read: each round is compared with the latest that opened before it and is
        compared with later rounds (reports.selectors.previous_round). Moved earlier, a round
        with answers gets another comparison if it passes such a round; a round compared with
        later ones, new or moved, placed before a round with answers gives that one another."""
        before = None if self._state.adding else Campaign.objects.filter(pk=self.pk).first()
        if before is not None and self.opens_at >= before.opens_at:
            return None
        matters = Q(pk__in=[])
        if before is not None and self.responses.exists():  # its own comparison would change
            matters |= Q(compared_with_later_rounds=True)
        if self.compared_with_later_rounds:  # an answered round's would
            matters |= Q(responses__isnull=False)
        passed = Campaign.objects.filter(matters, opens_at__gte=self.opens_at).exclude(pk=self.pk)
        if before is not None:
            passed = passed.filter(opens_at__lte=before.opens_at)
        return passed.distinct().order_by("opens_at", "pk").first()

    @property
    def deadline(self) -> dict:
        """deadline_parts of the close: how pages say when answering stops."""
        return deadline_parts(self.closes_at)

    def is_open(self, now=None) -> bool:
        now = now or timezone.now()
        if self.closed_at is not None or now < self.opens_at:
            return False
        return self.closes_at is None or now < self.closes_at

    def is_over(self, now=None) -> bool:
        """Closed, or past its closing time: nobody can answer any more."""
        now = now or timezone.now()
        return self.closed_at is not None or (self.closes_at is not None and self.closes_at <= now)

    def results_were_final(self, now=None) -> bool:
        """Over now, or over once and opened again: leaders may have read its final results."""
        return self.closed_once or self.is_over(now)

    def has_not_opened(self, now=None) -> bool:
        return (now or timezone.now()) < self.opens_at

    def get_open_link_path(self) -> str:
        return reverse("questionnaire:open_link", args=[self.open_link_key])


class CampaignQuestion(models.Model):
    """A question as this campaign's respondents saw it: the wording is frozen when the campaign is
    created, and again after each edit to the questions until it opens or is answered."""

    campaign = models.ForeignKey(
        Campaign, on_delete=models.CASCADE, related_name="campaign_questions"
    )
    question = models.ForeignKey(
        Question, on_delete=models.PROTECT, related_name="+", verbose_name=_("question")
    )
    position = models.PositiveSmallIntegerField(_("position"))
    wording = models.JSONField(_("wording"), default=dict)  # {"en": "...", "ro": "...", ...}

    class Meta:
        ordering = ["position"]
        verbose_name = _("question as asked")
        verbose_name_plural = _("questions as asked")
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "question"], name="one_wording_per_question"
            )
        ]

    def __str__(self) -> str:
        return self.text()

    def text(self, language: str | None = None) -> str:
        return self.wording.get(language_key(language)) or self.wording.get("en", "")

    def fell_back_to_english(self, language: str | None = None) -> bool:
        """The reader's language has no wording, so text() is the English one."""
        return not self.wording.get(language_key(language))


class Invitation(models.Model):
    campaign = models.ForeignKey(
        Campaign, on_delete=models.CASCADE, related_name="invitations", verbose_name=_("campaign")
    )
    email = models.EmailField(_("e-mail"))
    department = models.ForeignKey(
        Department, on_delete=models.PROTECT, related_name="+", verbose_name=_("department")
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    # Empty when none was given: e-mails in the site's language, the answer page in the
    # browser's. Given, it is both: the page follows the e-mail, unless the person chooses.
    language = models.CharField(
        _("language"),
        max_length=10,
        choices=settings.LANGUAGES,
        blank=True,
        default="",
        help_text=_(
            "The language of this person's e-mails and answer page. Empty: e-mails in English, "
            "the page in their browser's language."
        ),
    )
    # Only a hash is stored: a database leak does not hand out working links.
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True, editable=False)
    # Whether it was used, never when: any time kept here, even to the hour, matched most
    # invitations (e-mail addresses) to their responses by department, role, language and hour.
    used = models.BooleanField(_("answered"), default=False, editable=False)
    reminded_at = models.DateTimeField(_("last reminded at"), null=True, blank=True, editable=False)
    # When an admin asked for it to be e-mailed: until sent_at is set, a job sends it again
    # (services.invitation_batches_requested), whatever stopped the first try (the job queue or
    # the mail server down, a mail server's rate limit outlasting the task's retries).
    send_requested_at = models.DateTimeField(
        _("e-mail asked for at"), null=True, blank=True, editable=False
    )
    reminders_sent = models.PositiveSmallIntegerField(default=0, editable=False)
    # When the mail server last refused this address for good (5xx): no reminder is sent to it
    # (every hour until the round closed, to a dead mailbox), and the admin can list them. Cleared
    # when the address is corrected or an e-mail to it goes through.
    refused_at = models.DateTimeField(
        _("refused by the mail server at"), null=True, blank=True, editable=False
    )

    class Meta:
        ordering = ["campaign", "email"]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        constraints = [
            models.UniqueConstraint(fields=["campaign", "email"], name="one_invitation_per_person")
        ]

    def __str__(self) -> str:
        return self.email

    def save(self, *args, **kwargs) -> None:
        # Sending, reminding and answering change the other columns with UPDATEs of their own
        # (services): an admin's edit saved at that moment wrote its copy's back, which made a
        # used link work again (two responses from one invitation) or a new link unknown.
        updating = not self._state.adding and not kwargs.get("force_insert")
        if updating and kwargs.get("update_fields") is None:
            kwargs["update_fields"] = [
                f.name for f in self._meta.concrete_fields if f.editable and not f.primary_key
            ]
        super().save(*args, **kwargs)


def _new_result_key() -> str:
    return secrets.token_urlsafe(24)


class EarlierInvitationLink(models.Model):
    """A link e-mailed before an invitation's latest one. Every e-mail carries a fresh token (only
    hashes are stored, so an old link cannot be sent again), and the older links keep working
    until the invitation is used: someone answering when a reminder went out lost their answers
    to "page not found", as did anyone who opened the first e-mail after a reminder."""

    invitation = models.ForeignKey(
        Invitation,
        on_delete=models.CASCADE,
        related_name="earlier_links",
        verbose_name=_("invitation"),
    )
    token_hash = models.CharField(_("token hash"), max_length=64, unique=True, editable=False)

    class Meta:
        verbose_name = _("earlier invitation link")
        verbose_name_plural = _("earlier invitation links")

    def __str__(self) -> str:
        return f"{self.invitation} (earlier link)"


class Response(models.Model):
    """One person's answers. Deliberately carries no link to an invitation or an identity.

    The key is random and the time is kept to the hour, so neither the order of responses nor the
    minute they arrived can be matched against the moment an invitation was used.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    campaign = models.ForeignKey(
        Campaign, on_delete=models.PROTECT, related_name="responses", verbose_name=_("campaign")
    )
    department = models.ForeignKey(
        Department,
        on_delete=models.PROTECT,
        related_name="responses",
        verbose_name=_("department"),
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    language = models.CharField(_("language"), max_length=10, default="en")
    # Truncated to the hour.
    submitted_at = models.DateTimeField(_("submitted (hour)"), default=timezone.now)
    # Opens the respondent's own result page; random, so it reveals nothing about the person.
    result_key = models.CharField(
        max_length=64, unique=True, default=_new_result_key, editable=False
    )
    # The form's one-time key: a double click or a refresh re-sends it and finds this response.
    submission_key = models.UUIDField(unique=True, default=uuid.uuid4, editable=False)

    class Meta:
        ordering = ["-submitted_at"]
        verbose_name = _("response")
        verbose_name_plural = _("responses")
        indexes = [models.Index(fields=["campaign", "department", "role"])]

    def __str__(self) -> str:
        return f"{self.campaign} · {self.department} · {self.get_role_display()}"


class Answer(models.Model):
    response = models.ForeignKey(
        Response,
        on_delete=models.CASCADE,
        related_name="answers",
        verbose_name=_("response"),
        db_index=False,  # answer_by_response below is this index, with the answer in it
    )
    question = models.ForeignKey(
        Question, on_delete=models.PROTECT, related_name="answers", verbose_name=_("question")
    )
    # NULL is "I don't know": not a number, left out of every score.
    value = models.PositiveSmallIntegerField(
        _("answer"),
        null=True,
        blank=True,
        validators=[MinValueValidator(SCALE_MIN), MaxValueValidator(SCALE_MAX)],
    )

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        constraints = [
            models.UniqueConstraint(
                fields=["response", "question"], name="one_answer_per_question"
            ),
            models.CheckConstraint(
                condition=Q(value__isnull=True) | Q(value__gte=SCALE_MIN, value__lte=SCALE_MAX),
                name="answer_value_on_scale",
            ),
        ]
        # Every report reads a round's answers by response. With the question and the value in
        # the index, PostgreSQL answers from the index alone (an index-only scan): a 1,000-
        # response round reads in ~9 ms instead of 25, and the planner no longer has to guess
        # how scattered the answer rows are. SQLite builds it as a plain index on response_id
        # (system check models.W040, silenced in settings).
        indexes = [
            models.Index(
                fields=["response"], include=["question", "value"], name="answer_by_response"
            )
        ]

    def __str__(self) -> str:
        # Never the value: admin pages and logs print objects by their str().
        return f"answer to question {self.question_id}"


class PillarComment(models.Model):
    response = models.ForeignKey(
        Response, on_delete=models.CASCADE, related_name="comments", verbose_name=_("response")
    )
    # The response's campaign and department, copied (a response is never edited): a dashboard
    # reads a round's comments by this index alone, instead of going through every response of
    # the round to find the few with comments and their departments.
    campaign = models.ForeignKey(
        Campaign,
        on_delete=models.CASCADE,
        related_name="+",
        editable=False,
        verbose_name=_("campaign"),
    )
    department = models.ForeignKey(
        Department,
        on_delete=models.PROTECT,
        related_name="+",
        editable=False,
        verbose_name=_("department"),
    )
    pillar = models.ForeignKey(
        Pillar, on_delete=models.PROTECT, related_name="comments", verbose_name=_("pillar")
    )
    text = models.TextField(_("comment"), max_length=2000)

    class Meta:
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        constraints = [
            models.UniqueConstraint(fields=["response", "pillar"], name="one_comment_per_pillar")
        ]

    def __str__(self) -> str:
        return f"comment {self.pk}"  # never the text, as for answers
