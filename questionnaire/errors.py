"""Domain errors of the fill-in flow, turned into clear pages by the views."""


class InvitationAlreadyUsed(Exception):
    def __init__(self, campaign=None, language: str = "") -> None:
        super().__init__("invitation already used")
        self.campaign = campaign  # the invitation's round, when known
        self.language = language  # the invitation's, for the page that says so


class CampaignNotOpen(Exception):
    def __init__(self, campaign, language: str = "") -> None:
        super().__init__(f"campaign {campaign.pk} is not open")
        self.campaign = campaign
        self.language = language  # an invitation's, for the page that says so


class AnswersDoNotMatchCampaign(Exception):
    """The answers do not cover exactly the campaign's questions with values on the scale."""


class SubmissionKeyTaken(Exception):
    """The form's one-time key already saved a response in another round: a form copied from one
    round's page to another's, never a repeat of this round's form."""


class FormSentBefore(Exception):
    """This form (its one-time key) was saved before with other answers: back, changed, sent
    again, or another person at the same screen. The first answers stand; the earlier result is
    not shown, since it may be someone else's."""


class DepartmentGone(Exception):
    """The department chosen was deleted between showing the form and saving the answers."""
