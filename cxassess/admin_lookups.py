"""The admin's change lists filter only by the filters they show.

Django's admin accepts any lookup on a model's own fields from the query string, whatever the
list offers: `?result_key__startswith=a` on the responses let anyone who may open that list
find a respondent's private result link one character at a time (and `?used_at__gte=` on the
invitations, the minute an invitation was used, which puts a name to it). Only the sidebar's
filters, as their links write them, are allowed; any other lookup is a 400.
"""

from django.db.models.constants import LOOKUP_SEP

# What Django's list filters put in their links: `field__exact`, `field__isnull`, and for a
# foreign key `field__id__exact`.
FILTER_SUFFIXES = ("exact", "isnull", "id__exact", "pk__exact")


class ListedFiltersOnly:
    list_filter: tuple | list

    def lookup_allowed(self, lookup, value, request=None) -> bool:
        # A filter is a field name, or (field name, filter class); a SimpleListFilter class
        # writes its own parameter, not a lookup, and never comes here.
        fields = {
            f if isinstance(f, str) else f[0] for f in self.list_filter if not isinstance(f, type)
        }
        field, _, rest = lookup.partition(LOOKUP_SEP)
        if field not in fields or rest not in FILTER_SUFFIXES:
            return False
        return super().lookup_allowed(lookup, value, request)
