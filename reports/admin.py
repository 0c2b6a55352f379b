"""Leaders' report scopes, edited on the user's own admin page."""

from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.utils.translation import gettext_lazy as _

from cxassess.admin_input import WellFormedInput
from cxassess.admin_lookups import ListedFiltersOnly

from .models import LeaderScope


class LeaderScopeInline(admin.StackedInline):
    model = LeaderScope
    fields = ["departments"]
    extra = 0
    max_num = 1
    verbose_name = _("report scope")
    verbose_name_plural = _("report scope")


User = get_user_model()
admin.site.unregister(User)


@admin.register(User)
class LeaderUserAdmin(ListedFiltersOnly, WellFormedInput, UserAdmin):
    inlines = [*UserAdmin.inlines, LeaderScopeInline]
