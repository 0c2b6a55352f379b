"""Deletion confirmation pages that stay small however much data there is.

Django's page names every object a deletion would take or is blocked by, one line (and often a
query) each. A campaign with 100,000 responses, which PROTECT it, timed out after 60 s naming
them; deleting a round's 20,000 invitations made a page of 9 MB. Here what blocks a deletion is
counted per kind in one query each, and what it would take is named up to LISTED times.
"""

from django.contrib import messages
from django.db import IntegrityError, models, transaction
from django.shortcuts import redirect
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

LISTED = 100  # names per list on a confirmation page; the rest are counted


def and_more(named: list, total: int) -> list:
    """`named` (the first of `total`), with a line saying how many more there are."""
    hidden = total - len(named)
    if hidden <= 0:
        return named
    return [*named, ngettext("… and %(n)d more", "… and %(n)d more", hidden) % {"n": hidden}]


def capped(nested: list) -> list:
    """Django's nested list of what a deletion takes ([object, [its objects], object, …]) with
    at most LISTED objects at each level, followed by how many more."""
    kept, shown, hidden = [], 0, 0
    for entry in nested:
        if isinstance(entry, list):
            if not hidden:  # the objects of the last object kept
                kept.append(capped(entry))
        elif shown < LISTED:
            kept.append(entry)
            shown += 1
        else:
            hidden += 1
    return and_more(kept, shown + hidden)


def protecting_counts(model: type[models.Model], objs, user=None) -> list[str]:
    """ "Responses: 100000" for each kind of object whose PROTECT keeps `objs` from being deleted,
    counted, never fetched. The number only for a `user` who may view that kind: a department's
    "Responses: 1" told someone allowed to delete departments, but not to see responses, the
    size of a group reports keep hidden."""
    found = []
    for relation in model._meta.get_fields(include_hidden=True):
        if not (relation.auto_created and not relation.concrete and relation.one_to_many):
            continue
        if relation.on_delete is not models.PROTECT:
            continue
        related = relation.related_model
        protecting = related._base_manager.filter(**{f"{relation.field.name}__in": objs})
        name = capfirst(related._meta.verbose_name_plural)
        if user is not None and not user.has_perm(_view_permission(related)):
            if protecting.exists():
                found.append(str(name))
        elif count := protecting.count():
            found.append(f"{name}: {count}")
    return found


def _view_permission(model: type[models.Model]) -> str:
    return f"{model._meta.app_label}.view_{model._meta.model_name}"


# Said when something came to depend on an object between the confirmation page's check and
# the deletion itself (an answer that chose a department being deleted): Django's page was a 500.
DELETION_OVERTAKEN = _(
    "Nothing was deleted: something that depends on it arrived meanwhile, for example an answer."
)


class DeletionSummarised:
    """For a ModelAdmin: what blocks a deletion counted, what it takes named LISTED times, and a
    deletion overtaken by new data said so instead of failing."""

    model: type[models.Model]

    def delete_view(self, request, object_id, extra_context=None):
        try:
            return super().delete_view(request, object_id, extra_context)
        except (models.ProtectedError, IntegrityError):  # rolled back by delete_view's atomic
            self.message_user(request, DELETION_OVERTAKEN, messages.ERROR)
            return redirect(request.path)  # the confirmation page, listing what keeps it

    def get_actions(self, request):
        actions = super().get_actions(request)
        if "delete_selected" in actions:
            django_delete, name, description = actions["delete_selected"]

            def delete_selected(modeladmin, request, queryset):
                try:
                    with transaction.atomic():
                        return django_delete(modeladmin, request, queryset)
                except (models.ProtectedError, IntegrityError):
                    modeladmin.message_user(request, DELETION_OVERTAKEN, messages.ERROR)
                    return None

            actions["delete_selected"] = (delete_selected, name, description)
        return actions

    def get_deleted_objects(self, objs, request):
        if protected := protecting_counts(self.model, objs, request.user):
            return [], {}, set(), protected  # nothing can go: no need to collect what would
        to_delete, model_count, perms_needed, protected = super().get_deleted_objects(objs, request)
        return capped(to_delete), model_count, perms_needed, protected
