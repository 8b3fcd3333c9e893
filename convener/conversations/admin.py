"""Only the audit log is in the admin site: team notes are read through /plan/staff/, which records why."""

from django.contrib import admin

from .models import NoteAccess


@admin.register(NoteAccess)
class NoteAccessAdmin(admin.ModelAdmin):
    list_display = ["created_at", "staff", "conversation", "reason"]
    list_select_related = ["staff", "conversation"]
    readonly_fields = [f.name for f in NoteAccess._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
