"""The admin's own pages take a few values from the address or a form that Django passes on
unchecked: a malformed one there was a 500 instead of the page."""

from django.contrib import messages
from django.contrib.admin import helpers
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext as _


class WellFormedInput:
    model: type[models.Model]

    def get_changeform_initial_data(self, request) -> dict:
        """`?opens_at=2026-01-01` on an add page: Django hands the string to the date widget,
        which expects a datetime (a 500). A value that reads as its field's type is kept, read;
        any other is dropped, and the form starts empty there as it would without it."""
        initial = super().get_changeform_initial_data(request)
        for name, value in list(initial.items()):
            try:
                field = self.model._meta.get_field(name)
            except FieldDoesNotExist:  # not a field of the model: Django's own handling applies
                continue
            if not isinstance(field, (models.DateField, models.TimeField)):
                continue
            try:
                parsed = field.to_python(value)
            except ValidationError:
                del initial[name]
                continue
            if isinstance(field, models.DateTimeField) and timezone.is_naive(parsed):
                parsed = timezone.make_aware(parsed)
            initial[name] = parsed
        return initial

    def response_action(self, request, queryset):
        """An action posted with an id that is not one (`abc` for a UUID): Django filtered by it
        and failed with a 500. Answered as Django answers an action with nothing selected."""
        primary_key = self.model._meta.pk
        try:
            for value in request.POST.getlist(helpers.ACTION_CHECKBOX_NAME):
                primary_key.to_python(value)
        except ValidationError:
            self.message_user(
                request,
                _(
                    "Items must be selected in order to perform actions on them. No items have "
                    "been changed."
                ),
                messages.WARNING,
            )
            return None
        return super().response_action(request, queryset)
