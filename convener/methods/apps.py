from django.apps import AppConfig


class MethodsConfig(AppConfig):
    name = "convener.methods"
    verbose_name = "Methods"
