from django.db.models.signals import post_delete
from django.dispatch import Signal, receiver

# Sent after a response is committed, with campaign_id. The reports app listens to keep its
# snapshot fresh; the questionnaire does not need to know that reports exist.
response_submitted = Signal()


@receiver(post_delete, sender="questionnaire.Response", dispatch_uid="responses_changed_on_delete")
def _response_deleted(sender, instance, **kwargs) -> None:
    # In the deleting transaction, like the raise on submission: a report must not go on
    # showing an answer that is gone (responses are deleted one by one, in the admin).
    from .services import responses_changed_bump

    responses_changed_bump(campaign_id=instance.campaign_id)
