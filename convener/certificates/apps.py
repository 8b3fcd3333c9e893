from django.apps import AppConfig


class CertificatesConfig(AppConfig):
    name = "convener.certificates"
    verbose_name = "Certificates"

    def ready(self):
        from convener.accounts import personal_data
        from convener.accounts.signals import account_deleting
        from convener.courses.signals import course_completed

        from . import actions, notices
        from .models import Certificate

        personal_data.register(
            "certificates",
            Certificate,
            lambda user: personal_data.rows(
                Certificate.objects.filter(user=user),
                "code",
                "course__slug",
                "name",
                "hours",
                "completed_at",
                "issued_at",
                "revoked_at",
                "revocation_reason",
            ),
        )
        account_deleting.connect(
            lambda sender, user, keep_certificates, **kw: actions.on_account_deleted(user, keep_certificates),
            weak=False,
            dispatch_uid="certificates-on-account-deleted",
        )
        course_completed.connect(notices.offer_certificate, dispatch_uid="certificates-offer")
