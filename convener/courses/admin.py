from django.contrib import admin
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from convener.lib import markdown

from .models import Course, Lesson, Module


class ModuleInline(admin.TabularInline):
    model = Module
    fields = ["position", "slug", "title", "retired"]
    extra = 0
    show_change_link = True


@admin.register(Course)
class CourseAdmin(admin.ModelAdmin):
    list_display = ["title", "slug", "status", "version", "updated_at"]
    list_editable = ["status"]
    list_filter = ["status"]
    inlines = [ModuleInline]


class LessonInline(admin.TabularInline):
    model = Lesson
    fields = ["position", "slug", "title", "kind", "minutes", "required", "retired"]
    extra = 0
    show_change_link = True


@admin.register(Module)
class ModuleAdmin(admin.ModelAdmin):
    list_display = ["title", "course", "position", "retired"]
    list_filter = ["course", "retired"]
    inlines = [LessonInline]


@admin.register(Lesson)
class LessonAdmin(admin.ModelAdmin):
    list_display = ["title", "module", "kind", "minutes", "required", "retired"]
    list_filter = ["module__course", "kind", "retired"]
    search_fields = ["title", "body"]
    readonly_fields = ["preview"]
    fields = [
        "module",
        "slug",
        "position",
        "title",
        "kind",
        "minutes",
        "required",
        "body",
        "preview",
        "data",
        "retired",
    ]

    @admin.display(description=_("Rendered preview"))
    def preview(self, lesson):
        if not lesson.pk:
            return _("Save to see the preview.")
        return format_html('<div class="lesson-body">{}</div>', mark_safe(lesson.body_html))  # noqa: S308

    def save_model(self, request, obj, form, change):
        # Edits in the admin are rendered the same way as imported files.
        obj.body_html = markdown.render(obj.body, image_url=obj.media_url)
        super().save_model(request, obj, form, change)
