from django.apps import AppConfig


class ConvenerConfig(AppConfig):
    name = "convener"
    verbose_name = "Convener"

    def ready(self):
        from . import checks  # noqa: F401  (registers the system checks)
