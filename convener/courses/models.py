"""Courses, modules and lessons (imported from content files), and each learner's progress."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from convener.lib import media


class Status(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")


class LessonKind(models.TextChoices):
    READING = "reading", _("Reading")
    VIDEO = "video", _("Video")
    ACTIVITY = "activity", _("Activity")
    SCENARIO = "scenario", _("Scenario")
    CHECK = "check", _("Knowledge check")
    WORKSHEET = "worksheet", _("Worksheet")


class CourseQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=Status.PUBLISHED)


class Course(models.Model):
    slug = models.SlugField(unique=True)
    title = models.CharField(max_length=200)
    summary = models.TextField()
    audience = models.TextField(blank=True)
    estimated_hours = models.DecimalField(max_digits=5, decimal_places=1)
    language = models.CharField(max_length=10, default="en")
    version = models.PositiveIntegerField(default=1)
    licence = models.CharField(max_length=100, blank=True)
    outcomes = models.JSONField(default=list, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    updated_at = models.DateTimeField(auto_now=True)

    objects = CourseQuerySet.as_manager()

    class Meta:
        ordering = ["title"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("courses:course", args=[self.slug])


class ModuleQuerySet(models.QuerySet):
    def current(self):
        return self.filter(retired=False)


class Module(models.Model):
    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="modules")
    slug = models.SlugField()
    position = models.PositiveIntegerField()
    title = models.CharField(max_length=200)
    summary = models.TextField(blank=True)
    objectives = models.JSONField(default=list, blank=True)
    related = models.JSONField(default=dict, blank=True)
    retired = models.BooleanField(
        default=False, help_text=_("Removed from the files but kept for learners' records.")
    )

    objects = ModuleQuerySet.as_manager()

    class Meta:
        ordering = ["course", "position"]
        constraints = [
            models.UniqueConstraint(fields=["course", "slug"], name="module_slug_unique_in_course")
        ]

    def __str__(self):
        return self.title


class LessonQuerySet(models.QuerySet):
    def current(self):
        return self.filter(retired=False, module__retired=False)

    def counted(self):
        """Lessons a module's completion depends on: required ones, and every check."""
        return self.current().filter(models.Q(required=True) | models.Q(kind=LessonKind.CHECK))


class Lesson(models.Model):
    module = models.ForeignKey(Module, on_delete=models.CASCADE, related_name="lessons")
    slug = models.SlugField()
    position = models.PositiveIntegerField()
    title = models.CharField(max_length=200)
    kind = models.CharField(max_length=12, choices=LessonKind.choices)
    minutes = models.PositiveIntegerField()
    required = models.BooleanField(default=True)
    body = models.TextField(blank=True, help_text=_("Markdown."))
    body_html = models.TextField(blank=True, editable=False)
    data = models.JSONField(default=dict, blank=True, help_text=_("Settings for this kind of lesson."))
    retired = models.BooleanField(
        default=False, help_text=_("Removed from the files but kept for learners' records.")
    )

    objects = LessonQuerySet.as_manager()

    class Meta:
        ordering = ["module__position", "position"]
        constraints = [
            models.UniqueConstraint(fields=["module", "slug"], name="lesson_slug_unique_in_module")
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("courses:lesson", args=[self.module.course.slug, self.module.slug, self.slug])

    def media_path(self, name: str) -> str:
        """Where the importer puts a file this lesson refers to, by its name in the media storage."""
        return f"courses/{self.module.course.slug}/{self.module.position:02d}-{self.module.slug}/{name}"

    def media_url(self, name: str) -> str:
        return media.url(self.media_path(name))

    @property
    def video_url(self):
        return self.media_url(self.data["video"]["src"])

    @property
    def captions_url(self):
        return media.url_on_this_site(self.media_path(self.data["video"]["captions"]))

    @property
    def counts_for_completion(self):
        return self.required or self.kind == LessonKind.CHECK

    @property
    def completes_by_marking(self):
        return self.kind in {LessonKind.READING, LessonKind.VIDEO}

    # Type-specific data, read from `data`.
    @property
    def questions(self):
        return self.data.get("questions", [])

    @property
    def pass_mark(self):
        return self.data.get("pass_mark", 80)

    def scenario_step(self, step_id):
        return next((step for step in self.data["scenario"]["steps"] if step["id"] == step_id), None)

    @property
    def fields(self):
        return self.data.get("fields", [])


class LearnerRecord(models.Model):
    """Shared shape of a learner's row about one lesson."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    lesson = models.ForeignKey(Lesson, on_delete=models.CASCADE)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True


class Enrollment(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="enrollments")
    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="enrollments")
    started_at = models.DateTimeField(auto_now_add=True)
    last_lesson = models.ForeignKey(
        Lesson, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    last_seen_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "course"], name="one_enrollment_per_course")]

    def __str__(self):
        return f"{self.user} in {self.course}"


class LessonProgress(LearnerRecord):
    completed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name_plural = "lesson progress"
        constraints = [models.UniqueConstraint(fields=["user", "lesson"], name="one_progress_per_lesson")]
        indexes = [models.Index(fields=["lesson", "completed_at"])]

    def __str__(self):
        return f"{self.user} · {self.lesson}"


class ActivityAnswer(LearnerRecord):
    text = models.TextField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "lesson"], name="one_answer_per_activity")]

    def __str__(self):
        return f"{self.user} · {self.lesson}"


class WorksheetAnswer(LearnerRecord):
    answers = models.JSONField(default=dict)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "lesson"], name="one_answer_per_worksheet")]

    def __str__(self):
        return f"{self.user} · {self.lesson}"


class CheckAttempt(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    lesson = models.ForeignKey(Lesson, on_delete=models.CASCADE)
    answers = models.JSONField(default=dict)
    score = models.PositiveIntegerField(help_text=_("Percent of questions answered fully right."))
    passed = models.BooleanField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        indexes = [models.Index(fields=["user", "lesson", "score"])]

    def __str__(self):
        return f"{self.user} · {self.lesson} · {self.score}%"


class ModuleCompletion(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    module = models.ForeignKey(Module, on_delete=models.CASCADE)
    completed_at = models.DateTimeField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "module"], name="module_completed_once")]

    def __str__(self):
        return f"{self.user} · {self.module}"


class CourseCompletion(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    course = models.ForeignKey(Course, on_delete=models.CASCADE)
    completed_at = models.DateTimeField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "course"], name="course_completed_once")]

    def __str__(self):
        return f"{self.user} · {self.course}"
