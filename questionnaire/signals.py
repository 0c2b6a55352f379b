from django.db.models.signals import post_delete, post_save
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


@receiver(post_save, sender="questionnaire.Invitation", dispatch_uid="invitations_changed_on_save")
def _invitation_saved(sender, instance, **kwargs) -> None:
    # A new invitation, or one edited in the admin (its department can change). Sending and
    # answering set their time stamps with update(), which the dashboard's counts do not need.
    # Deletions raise it in the admin (InvitationAdmin.delete_queryset): a delete signal would
    # make Django delete invitations one by one.
    from .services import invitations_changed_bump

    invitations_changed_bump(campaign_id=instance.campaign_id)


@receiver(post_save, sender="questionnaire.Department", dispatch_uid="departments_kept_on_save")
@receiver(post_delete, sender="questionnaire.Department", dispatch_uid="departments_kept_on_delete")
def _department_changed(sender, **kwargs) -> None:
    # The process that changed it forgets its list at once; the others within a minute.
    from .selectors import kept_forget
    from .services import labels_changed_bump

    kept_forget()
    labels_changed_bump()  # reports show its name


@receiver(post_save, sender="questionnaire.Pillar", dispatch_uid="labels_changed_on_pillar_save")
@receiver(
    post_delete, sender="questionnaire.Pillar", dispatch_uid="labels_changed_on_pillar_delete"
)
def _pillar_changed(sender, **kwargs) -> None:
    # Reports show its name, translations, order and recommendations.
    from .services import labels_changed_bump

    labels_changed_bump()


@receiver(post_save, sender="questionnaire.Question", dispatch_uid="rounds_refrozen_on_question")
@receiver(post_save, sender="questionnaire.Pillar", dispatch_uid="rounds_refrozen_on_pillar")
def _question_changed(sender, **kwargs) -> None:
    # A question's wording, its being asked at all, or its place in the form (a pillar's order).
    from .services import rounds_not_yet_seen_refreeze

    rounds_not_yet_seen_refreeze()
