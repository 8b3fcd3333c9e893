from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "convener.reports"
    verbose_name = "Reports"
