from django.apps import AppConfig


class RecordingsConfig(AppConfig):
    name = "convener.recordings"
    verbose_name = "Recordings"
