"""Issuing, revoking and reissuing certificates: each in one transaction, each safe to repeat."""

import hashlib
import secrets

from django.db import IntegrityError, transaction
from django.utils import timezone

from convener.courses.models import CourseCompletion

from .models import Certificate


class NotEligible(Exception):
    pass


def identity_hash(email: str, salt: str) -> str:
    return "sha256$" + hashlib.sha256((email.strip().lower() + salt).encode()).hexdigest()


def issue(user, course, name: str) -> Certificate:
    """Issue the learner's certificate for a completed course, or return the one already issued."""
    completion = CourseCompletion.objects.filter(user=user, course=course).first()
    if completion is None:
        raise NotEligible("The course is not complete.")
    existing = Certificate.objects.active().filter(user=user, course=course).first()
    if existing:
        return existing
    salt = secrets.token_hex(16)
    try:
        with transaction.atomic():
            return Certificate.objects.create(
                user=user,
                course=course,
                name=name.strip(),
                hours=course.estimated_hours,
                completed_at=completion.completed_at,
                identity_salt=salt,
                identity_hash=identity_hash(user.email, salt),
            )
    except IntegrityError:
        # Issued a moment ago by a second request: there is still only one.
        return Certificate.objects.active().get(user=user, course=course)


@transaction.atomic
def revoke(certificate: Certificate, reason: str) -> None:
    Certificate.objects.filter(pk=certificate.pk, revoked_at__isnull=True).update(
        revoked_at=timezone.now(), revocation_reason=reason
    )


@transaction.atomic
def reissue(certificate: Certificate, name: str) -> Certificate:
    """After a name correction: a new certificate with a new code; the old one says what replaced it."""
    certificate = Certificate.objects.select_for_update().get(pk=certificate.pk)
    revoke(certificate, "Replaced by a corrected certificate.")
    replacement = Certificate.objects.create(
        user=certificate.user,
        course=certificate.course,
        name=name.strip(),
        hours=certificate.hours,
        completed_at=certificate.completed_at,
        identity_salt=certificate.identity_salt,
        identity_hash=certificate.identity_hash,
    )
    Certificate.objects.filter(pk=certificate.pk).update(
        replaced_by=replacement, revocation_reason=f"Replaced by certificate {replacement.display_code}."
    )
    return replacement


def on_account_deleted(user, keep_certificates: bool) -> None:
    """Keep the holder's certificates verifiable (name and course only) or withdraw them."""
    certificates = Certificate.objects.filter(user=user)
    if keep_certificates:
        certificates.update(user=None)
    else:
        certificates.update(
            user=None, name="", withdrawn_at=timezone.now(), identity_hash="", identity_salt=""
        )
