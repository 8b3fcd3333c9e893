"""Writes about a person that touch several models, each in one transaction."""

from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db import transaction

from .models import SignInThrottle, User
from .signals import account_deleting


@transaction.atomic
def delete_account(user: User, keep_certificates: bool = False) -> None:
    """Remove the person and everything that names them (but certificates they chose to keep)."""
    account_deleting.send(sender=User, user=user, keep_certificates=keep_certificates)
    # Administrators' log lines about this person repeat their name or email.
    LogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(User), object_id=str(user.pk)
    ).delete()
    SignInThrottle.forget_account(user.email)
    user.delete()
