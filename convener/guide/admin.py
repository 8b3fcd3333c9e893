from django.contrib import admin

from .models import GuideSection


@admin.register(GuideSection)
class GuideSectionAdmin(admin.ModelAdmin):
    list_display = ["position", "title", "slug"]
    readonly_fields = ["slug", "position", "title", "summary", "body"]

    def has_add_permission(self, request):
        return False  # sections come from content/guide/; edit the files and import
