import secrets
import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse

# Letters and digits that cannot be mistaken for one another (no 0/O, 1/I/L).
CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
CODE_LENGTH = 10


def new_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def normalize_code(typed: str) -> str:
    """What a person typed or scanned, as a stored code: any case, spaces and hyphens ignored."""
    return "".join(ch for ch in typed.upper() if ch.isalnum())


class CertificateQuerySet(models.QuerySet):
    def active(self):
        return self.filter(revoked_at__isnull=True, withdrawn_at__isnull=True)


class Certificate(models.Model):
    """A certificate of completion: printed, verifiable by its code, and issued as an Open Badge."""

    code = models.CharField(max_length=CODE_LENGTH, unique=True, default=new_code)
    uuid = models.UUIDField(unique=True, default=uuid.uuid4, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="certificates",
    )
    course = models.ForeignKey("courses.Course", on_delete=models.PROTECT, related_name="certificates")
    name = models.CharField(max_length=200, help_text="The name printed on the certificate.")
    hours = models.DecimalField(max_digits=5, decimal_places=1)
    completed_at = models.DateTimeField()
    issued_at = models.DateTimeField(auto_now_add=True)
    # The earner's email, hashed with this salt, identifies them in the Open Badge without revealing it.
    identity_hash = models.CharField(max_length=80)
    identity_salt = models.CharField(max_length=40)
    revoked_at = models.DateTimeField(null=True, blank=True)
    revocation_reason = models.CharField(max_length=300, blank=True)
    replaced_by = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    withdrawn_at = models.DateTimeField(
        null=True, blank=True, help_text="The holder deleted their account and withdrew it."
    )

    objects = CertificateQuerySet.as_manager()

    class Meta:
        ordering = ["-issued_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "course"],
                condition=Q(revoked_at__isnull=True, withdrawn_at__isnull=True, user__isnull=False),
                name="one_active_certificate_per_course",
            )
        ]

    def __str__(self):
        return f"{self.display_code} · {self.name} · {self.course}"

    def get_absolute_url(self):
        return reverse("certificates:verify", args=[self.code])

    @property
    def display_code(self):
        return f"{self.code[:5]}-{self.code[5:]}"

    @property
    def status(self):
        if self.withdrawn_at:
            return "withdrawn"
        if self.revoked_at:
            return "revoked"
        return "valid"

    @property
    def verification_url(self):
        return settings.SITE_URL + self.get_absolute_url()

    @property
    def credential_id(self):
        return f"urn:uuid:{self.uuid}"
