from django.apps import AppConfig


class AssessmentConfig(AppConfig):
    name = "convener.assessment"
    verbose_name = "Self-assessment"
