"""The one way views, exports and tasks get a campaign's dashboard data.

For now it builds the dashboard on every call; caching and coalesced refreshes belong here.
"""

from questionnaire.models import Campaign


def campaign_dashboard(campaign: Campaign):
    from . import dashboards  # built by the reports dashboards work

    return dashboards.build_campaign_dashboard(campaign=campaign)
