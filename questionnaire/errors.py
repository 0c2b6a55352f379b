"""Domain errors of the fill-in flow, turned into clear pages by the views."""


class InvitationAlreadyUsed(Exception):
    pass


class CampaignNotOpen(Exception):
    def __init__(self, campaign) -> None:
        super().__init__(f"campaign {campaign.pk} is not open")
        self.campaign = campaign


class AnswersDoNotMatchCampaign(Exception):
    """The answers do not cover exactly the campaign's questions with values on the scale."""
