"""The admin's change lists filter only by the filters they show.

Django's admin accepts any lookup on a model's own fields from the query string, whatever the
list offers: `?result_key__startswith=a` on the responses let anyone who may open that list
find a respondent's private result link one character at a time (and, when invitations kept
the minute they were used, `?used_at__gte=` put a name to a response). Only the sidebar's
filters, as their links write them, are allowed; any other lookup is a 400.
"""

from django.contrib.admin import SimpleListFilter
from django.db.models.constants import LOOKUP_SEP

# What Django's list filters and date hierarchy put in their links, after the field's name:
# `__exact`, `__isnull`, a foreign key's `__id__exact`, a date's `__gte`/`__lt` and
# `__year`/`__month`/`__day`, an empty-value filter's `__isempty`. Never a prefix or a pattern.
FILTER_SUFFIXES = frozenset(
    {"exact", "isnull", "id__exact", "pk__exact", "gte", "lt", "isempty", "year", "month", "day"}
)


class ListedFiltersOnly:
    # Annotations only: a value here would hide the admin class's own (UserAdmin's filters).
    list_filter: tuple | list
    date_hierarchy: str | None

    def lookup_allowed(self, lookup, value, request=None) -> bool:
        # Django asks about every parameter of the list's address, a custom filter's too.
        fields, parameters = set(), set()
        for listed in self.list_filter:
            if isinstance(listed, str):
                fields.add(listed)
            elif isinstance(listed, (tuple, list)):  # (field name, filter class)
                fields.add(listed[0])
            elif isinstance(listed, type) and issubclass(listed, SimpleListFilter):
                parameters.add(listed.parameter_name)  # its queryset() decides what it means
        if self.date_hierarchy:
            fields.add(self.date_hierarchy)
        if "\x00" in str(value):  # PostgreSQL refuses NUL in text: a 500, not "no match"
            return False
        field, _, rest = lookup.partition(LOOKUP_SEP)
        if lookup not in parameters and (field not in fields or rest not in FILTER_SUFFIXES):
            return False
        return super().lookup_allowed(lookup, value, request)
