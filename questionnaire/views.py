from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import translation
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from cxassess.ratelimit import ratelimit

from . import results, selectors, services, tokens
from .defaults import MATURITY_BANDS
from .errors import (
    AnswersDoNotMatchCampaign,
    CampaignNotOpen,
    DepartmentGone,
    FormSentBefore,
    InvitationAlreadyUsed,
    SubmissionKeyTaken,
)
from .forms import (
    DEPARTMENT_GONE,
    DONT_KNOW,
    AnswerForm,
    comment_field_name,
    question_field_name,
)
from .models import Campaign, Invitation, Response, language_key


@require_safe
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "questionnaire/home.html")


def _per_invitation(_group: str, request: HttpRequest) -> str:
    """An invitation link's submissions count against the link: a link takes one response, so
    counting per address at that rate turned away colleagues answering from one office's shared
    address after an announcement, 30 a minute. The address still has a limit, ten times as
    high (PER_ADDRESS), so that made-up links cannot be tried without end."""
    return "invitation:" + tokens.token_hash(request.resolver_match.kwargs["token"])


def _in_the_invitations_language(request: HttpRequest) -> None:
    """A refusal in the language the form was in: the limit answers before the view has read
    the invitation, and a Romanian form was refused in English."""
    hashed = tokens.token_hash(request.resolver_match.kwargs["token"])
    languages = Invitation.objects.values_list("language", flat=True)
    language = (
        languages.filter(token_hash=hashed).first()
        or languages.filter(earlier_links__token_hash=hashed).first()
    )
    _speak_the_language_answered_in(request, language or "")


# Answers sent from one address, through either kind of link: an office behind one address
# answers together after an announcement (the open link posted in the company chat turned away
# 90 of 150 colleagues at the link's own 30 a minute), so the address gets ten times the rate.
PER_ADDRESS = 10


@require_http_methods(["GET", "HEAD", "POST"])
@ratelimit(
    group="submit-address",
    setting="CXASSESS_RATELIMIT_SUBMIT",
    times=PER_ADDRESS,
    before_refusing=_in_the_invitations_language,
)
@ratelimit(
    group="submit",
    setting="CXASSESS_RATELIMIT_SUBMIT",
    key=_per_invitation,
    before_refusing=_in_the_invitations_language,
)
def invitation_answer(request: HttpRequest, token: str) -> HttpResponse:
    try:
        invitation = selectors.open_invitation_for_token(token)  # Http404 for unknown tokens
    except InvitationAlreadyUsed as used:
        if saved := _sent_before(request, used.campaign):
            return redirect("questionnaire:result", result_key=saved.result_key)
        _speak_the_language_answered_in(request, used.language)
        return _unavailable(request, "used")
    except CampaignNotOpen as error:
        _speak_the_language_answered_in(request, error.language)
        return _campaign_unavailable(request, error.campaign)
    _speak_the_language_answered_in(request, invitation.language)
    return _answer(request, campaign=invitation.campaign, invitation=invitation)


def _speak_the_language_answered_in(request: HttpRequest, language: str) -> None:
    """An invitation's page in the language of the person's e-mail, and a result in the language
    it was answered in, unless the person chose another here (the language cookie): a Romanian
    invitation opened in an English browser was in English."""
    if settings.LANGUAGE_COOKIE_NAME in request.COOKIES or not language:
        return
    translation.activate(language)
    request.LANGUAGE_CODE = translation.get_language()


@require_http_methods(["GET", "HEAD", "POST"])
@ratelimit(group="submit-address", setting="CXASSESS_RATELIMIT_SUBMIT", times=PER_ADDRESS)
def open_link_answer(request: HttpRequest, key: str) -> HttpResponse:
    if request.method != "POST":
        return _open_link_answer(request, selectors.open_link_campaign(key))
    try:  # saving checks the round again, in the database
        return _open_link_answer(request, selectors.open_link_campaign_for_sending(key))
    except Http404:
        # Switched off or given a new address while this person answered: "this page does not
        # exist, check the address" did not say that the answers were not saved, nor what to do.
        return _unavailable(request, "link_gone")


def _open_link_answer(request: HttpRequest, campaign: Campaign) -> HttpResponse:
    if not campaign.is_open():
        # Saved just before the round closed, its reply lost: the result, not "closed".
        if saved := _sent_before(request, campaign, open_link=True):
            return redirect("questionnaire:result", result_key=saved.result_key)
        return _campaign_unavailable(request, campaign)
    return _answer(request, campaign=campaign, invitation=None)


def _sent_before(
    request: HttpRequest, campaign: Campaign, *, open_link: bool = False
) -> Response | None:
    """The response this very form saved, if it is being sent again unchanged (a refresh after
    sending, or a retry after a lost reply): that goes back to its own result. Changed, it is
    not the same sending, and the result may be someone else's."""
    if request.method != "POST":
        return None
    saved = selectors.response_for_submission(request.POST.get("submission_key"), campaign=campaign)
    if saved is None:
        return None
    same = selectors.response_is_this_form(
        saved,
        answers=_posted_answers(request, campaign),
        comments=_posted_comments(request, campaign),
        group=(request.POST.get("department", ""), request.POST.get("role", ""))
        if open_link
        else None,
    )
    return saved if same else None


def _posted_answers(request: HttpRequest, campaign: Campaign) -> dict[int, int | None | str]:
    """The POST's answers to the round's questions (kept per process, no query), as stored:
    "I don't know" is None, anything that is no answer stays text and so never matches."""
    posted: dict[int, int | None | str] = {}
    for question_id in services.campaign_question_ids(campaign):
        value = request.POST.get(question_field_name(question_id), "")
        if value == DONT_KNOW:
            posted[question_id] = None
        else:  # isascii: "²".isdigit() is true as well, and int("²") was a 500
            posted[question_id] = int(value) if value.isascii() and value.isdigit() else value
    return posted


def _posted_comments(request: HttpRequest, campaign: Campaign) -> dict[int, str]:
    """The POST's comment per pillar of the round, as it would be kept."""
    return {
        section.pillar.pk: services.comment_as_kept(
            request.POST.get(comment_field_name(section.pillar.pk), "")
        )
        for section in selectors.campaign_sections(campaign)
    }


def _answer(
    request: HttpRequest, *, campaign: Campaign, invitation: Invitation | None
) -> HttpResponse:
    sections = selectors.campaign_sections(campaign)
    # Any POST is a submission: one whose body is not a form (JSON, nothing) is an empty one,
    # answered with 400 and the errors, not with a blank form as if it had been a GET.
    data = request.POST if request.method == "POST" else None
    form = AnswerForm(data, sections=sections, ask_group=invitation is None)
    if form.is_valid():
        if invitation is None:
            department, role = form.cleaned_data["department"], form.cleaned_data["role"]
        else:
            department, role = invitation.department, invitation.role
        try:
            response = services.response_submit(
                campaign=campaign,
                department=department,
                role=role,
                answers=form.answers(),
                comments=form.comments(),
                submission_key=form.cleaned_data["submission_key"],
                language=language_key(get_language()),
                invitation=invitation,
                open_link_key=None if invitation else campaign.open_link_key,
            )
        except InvitationAlreadyUsed:  # lost a race with another tab: say so, change nothing
            return _unavailable(request, "used")
        except CampaignNotOpen:
            return _campaign_unavailable(request, _as_it_is_now(campaign, invitation))
        except AnswersDoNotMatchCampaign:
            messages.error(
                request, _("The questions changed while you were answering. Please answer again.")
            )
            return redirect(request.path)
        except FormSentBefore:
            campaign = _as_it_is_now(campaign, invitation)
            if not campaign.is_open():  # a closed round says so, whatever was sent before
                return _campaign_unavailable(request, campaign)
            return _unavailable(request, "sent_before", campaign=campaign)
        except SubmissionKeyTaken:  # a form copied from another round's page
            messages.error(request, _("This form was already sent once. Please answer again."))
            return redirect(request.path)
        except DepartmentGone:  # deleted while the person answered: the form again, as sent
            form.add_error("department", DEPARTMENT_GONE)
        else:
            return redirect("questionnaire:result", result_key=response.result_key)
    status = 400 if form.is_bound else 200
    context = {"form": form, "campaign": campaign, "invitation": invitation}
    return render(request, "questionnaire/answer.html", context, status=status)


def _as_it_is_now(campaign: Campaign, invitation: Invitation | None) -> Campaign:
    """The round read again: the open link's view worked from a copy up to seconds old (Http404
    if the link was switched off or renewed since)."""
    return campaign if invitation else selectors.open_link_campaign(campaign.open_link_key)


@require_safe
@never_cache  # one person's own answers: no shared browser history or proxy may keep a copy
def result(request: HttpRequest, result_key: str) -> HttpResponse:
    response = selectors.response_for_result_key(result_key)
    _speak_the_language_answered_in(request, response.language)
    context = {"result": results.build_respondent_result(response=response), "bands": _bands()}
    return render(request, "questionnaire/result.html", context)


def _bands() -> list[dict]:
    """The maturity bands with their score ranges, for the scale drawn on the result page."""
    highest = [band["min_score"] - 1 for band in MATURITY_BANDS[1:]] + [100]
    return [
        {
            "key": band["key"],
            "name": band["name"][language_key()],
            "low": band["min_score"],
            "high": high,
            "width": high + 1 - band["min_score"],
        }
        for band, high in zip(MATURITY_BANDS, highest, strict=True)
    ]


@require_safe
def privacy(request: HttpRequest, campaign_id: int) -> HttpResponse:
    campaign = get_object_or_404(Campaign, pk=campaign_id)
    return render(request, "questionnaire/privacy.html", {"campaign": campaign})


def _campaign_unavailable(request: HttpRequest, campaign: Campaign) -> HttpResponse:
    reason = "not_yet_open" if campaign.has_not_opened() else "closed"
    return _unavailable(request, reason, campaign=campaign)


def _unavailable(
    request: HttpRequest, reason: str, *, campaign: Campaign | None = None
) -> HttpResponse:
    status = {"not_yet_open": 403, "sent_before": 409, "link_gone": 404}.get(reason, 410)
    context = {"reason": reason, "campaign": campaign}
    return render(request, "questionnaire/unavailable.html", context, status=status)
