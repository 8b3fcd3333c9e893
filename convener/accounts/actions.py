"""Writes about a person that touch several models, each in one transaction."""

from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db import transaction

from .models import SignInThrottle, User


@transaction.atomic
def delete_account(user: User) -> None:
    """Remove the person and everything that names them."""
    # Administrators' log lines about this person repeat their name or email.
    LogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(User), object_id=str(user.pk)
    ).delete()
    SignInThrottle.forget_account(user.email)
    user.delete()
