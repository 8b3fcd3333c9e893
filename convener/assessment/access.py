"""Who may see what: the self-assessment is public; an attempt is only ever its owner's."""

from django.http import Http404

from .definition import Definition
from .models import Attempt


def get_definition_or_404() -> Definition:
    definition = Definition.current()
    if definition is None:
        raise Http404("The self-assessment is not loaded")
    return definition


def attempts_for_user(user):
    return Attempt.objects.filter(user=user) if user.is_authenticated else Attempt.objects.none()


def get_attempt_for_user(user, pk: int) -> Attempt:
    attempt = attempts_for_user(user).filter(pk=pk).first()
    if attempt is None:
        raise Http404("No such result")
    return attempt
