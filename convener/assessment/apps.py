from django.apps import AppConfig


class AssessmentConfig(AppConfig):
    name = "convener.assessment"
    verbose_name = "Self-assessment"

    def ready(self):
        from convener.accounts import personal_data

        from .models import Attempt

        personal_data.register(
            "skill_assessments",
            Attempt,
            lambda user: personal_data.rows(
                Attempt.objects.filter(user=user).order_by("created_at"), "created_at", "answers", "scores"
            ),
        )
