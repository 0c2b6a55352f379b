"""Leaders' report scopes, edited on the user's own admin page."""

from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.utils.translation import gettext_lazy as _

from cxassess.admin_input import WellFormedInput
from cxassess.admin_lookups import ListedFiltersOnly

from .models import ExportJob, LeaderScope


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


@admin.register(ExportJob)
class ExportJobAdmin(ListedFiltersOnly, admin.ModelAdmin):
    """Read only: a leader whose PDF failed is told to ask the administrator, who can see here
    what went wrong. Built by workers, kept a week."""

    list_display = ["campaign", "requested_by", "status", "created_at", "finished_at", "error"]
    list_filter = ["status", "campaign"]
    date_hierarchy = "created_at"
    # The file is the leader's to download from their own page (MEDIA is not served as such).
    fields = ["campaign", "requested_by", "language", "departments", "status", "progress", "error"]
    fields += ["created_at", "finished_at"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False  # the nightly purge removes a job with its file

    def has_change_permission(self, request, obj=None) -> bool:
        return False
