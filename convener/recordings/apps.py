from django.apps import AppConfig


class RecordingsConfig(AppConfig):
    name = "convener.recordings"
    verbose_name = "Recordings"

    def ready(self):
        from convener.accounts import personal_data as pd
        from convener.accounts.signals import account_deleting

        from . import actions
        from .models import CalendarFeed, Registration

        pd.register(
            "live_session_registrations",
            Registration,
            lambda user: pd.rows(
                Registration.objects.filter(user=user).order_by("created_at"),
                "session__title",
                "session__starts_at",
                "status",
                "created_at",
                "wants_captions",
                "wants_interpreter",
                "wants_other",
                "access_details",
                "reminded_24h_at",
                "reminded_1h_at",
                "attended_at",
            ),
        )
        pd.register(
            "calendar_feed",
            CalendarFeed,
            lambda user: pd.rows(CalendarFeed.objects.filter(user=user), "token", "created_at"),
        )
        account_deleting.connect(
            lambda sender, user, **kw: actions.on_account_deleted(user),
            weak=False,
            dispatch_uid="recordings-on-account-deleted",
        )
