from django.apps import AppConfig


class CoursesConfig(AppConfig):
    name = "convener.courses"
    verbose_name = "Courses"

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from convener.accounts import personal_data as pd

        from . import models as m
        from .outline import touch_course

        for model in (m.Module, m.Lesson):
            post_save.connect(touch_course, sender=model, dispatch_uid=f"touch-course-{model.__name__}")
            post_delete.connect(touch_course, sender=model, dispatch_uid=f"touch-course-{model.__name__}-del")

        def lesson_rows(model, *fields):
            return lambda user: pd.rows(
                model.objects.filter(user=user),
                "lesson__module__course__slug",
                "lesson__module__slug",
                "lesson__slug",
                *fields,
            )

        pd.register(
            "course_enrollments",
            m.Enrollment,
            lambda user: pd.rows(
                m.Enrollment.objects.filter(user=user), "course__slug", "started_at", "last_seen_at"
            ),
        )
        pd.register("lesson_progress", m.LessonProgress, lesson_rows(m.LessonProgress, "completed_at"))
        pd.register("activity_answers", m.ActivityAnswer, lesson_rows(m.ActivityAnswer, "text", "updated_at"))
        pd.register(
            "worksheet_answers", m.WorksheetAnswer, lesson_rows(m.WorksheetAnswer, "answers", "updated_at")
        )
        pd.register(
            "check_attempts",
            m.CheckAttempt,
            lesson_rows(m.CheckAttempt, "answers", "score", "passed", "created_at"),
        )
        pd.register(
            "module_completions",
            m.ModuleCompletion,
            lambda user: pd.rows(
                m.ModuleCompletion.objects.filter(user=user),
                "module__course__slug",
                "module__slug",
                "completed_at",
            ),
        )
        pd.register(
            "course_completions",
            m.CourseCompletion,
            lambda user: pd.rows(
                m.CourseCompletion.objects.filter(user=user), "course__slug", "completed_at"
            ),
        )
