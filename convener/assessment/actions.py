"""Keeping and removing a signed-in person's results."""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from . import scoring
from .definition import Definition
from .models import Attempt

# The same answers sent again this soon (a double click, two tabs) give back the result already kept.
SAME_ATTEMPT_WITHIN = timedelta(minutes=2)


def record_attempt(user, definition: Definition, answers: dict[str, int]) -> Attempt:
    """Keep a complete set of answers and the scores they give; once, however often it is sent."""
    scores = scoring.score(definition, answers)
    with transaction.atomic():
        # One writer per person at a time, so two tabs cannot both decide the attempt is new.
        get_user_model().objects.select_for_update().filter(pk=user.pk).first()
        latest = Attempt.objects.filter(user=user).first()
        if (
            latest is not None
            and latest.answers == answers
            and latest.created_at >= timezone.now() - SAME_ATTEMPT_WITHIN
        ):
            return latest
        return Attempt.objects.create(user=user, answers=answers, scores=scores)


def delete_attempt(attempt: Attempt) -> None:
    attempt.delete()
