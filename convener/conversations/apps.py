from django.apps import AppConfig


class ConversationsConfig(AppConfig):
    name = "convener.conversations"
    verbose_name = "Conversations"
