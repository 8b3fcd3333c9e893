from django.contrib import admin

from .models import Certificate


@admin.register(Certificate)
class CertificateAdmin(admin.ModelAdmin):
    list_display = ["display_code", "name", "course", "issued_at", "revoked_at", "withdrawn_at"]
    list_filter = ["course", "revoked_at", "withdrawn_at"]
    search_fields = ["code", "name"]
    readonly_fields = [f.name for f in Certificate._meta.fields]

    def has_add_permission(self, request):
        return False  # issued by learners, revoked and reissued from /certificates/manage/
