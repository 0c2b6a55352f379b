from django.dispatch import Signal

# Sent after a response is committed, with campaign_id. The reports app listens to keep its
# snapshot fresh; the questionnaire does not need to know that reports exist.
response_submitted = Signal()
