from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "convener.accounts"
    verbose_name = "People"

    def ready(self):
        from django.contrib.admin.models import LogEntry

        from . import personal_data
        from .models import User

        personal_data.register(
            "profile",
            User,
            lambda user: personal_data.rows(
                User.objects.filter(pk=user.pk),
                "email",
                "display_name",
                "library_type",
                "library_name",
                "region",
                "role",
                "time_zone",
                "date_joined",
                "last_login",
            )[0],
        )
        personal_data.register(
            "administration_log",
            LogEntry,
            lambda user: personal_data.rows(
                LogEntry.objects.filter(user=user), "action_time", "object_repr", "change_message"
            ),
        )
