"""The Open Badges 3.0 credential (OpenBadgeCredential) for a certificate, signed as a VC-JWT."""

from django.conf import settings
from django.urls import reverse

from .keys import current_key
from .models import Certificate

CONTEXT = [
    "https://www.w3.org/ns/credentials/v2",
    "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
]
SCHEMA = "https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_achievementcredential_schema.json"


def url(name, *args) -> str:
    return settings.SITE_URL + reverse(name, args=args)


def issuer_profile() -> dict:
    profile = {
        "id": url("certificates:issuer"),
        "type": ["Profile"],
        "name": settings.CONVENER_ISSUER_NAME,
        "url": settings.SITE_URL,
    }
    if settings.CONVENER_ISSUER_EMAIL:
        profile["email"] = settings.CONVENER_ISSUER_EMAIL
    return profile


def achievement(course) -> dict:
    return {
        "id": url("certificates:achievement", course.slug),
        "type": ["Achievement"],
        "achievementType": "Certificate",
        "name": course.title,
        "description": course.summary,
        "criteria": {
            "narrative": (
                f"Completed every required lesson of the self-paced course “{course.title}” (about "
                f"{course.estimated_hours:g} hours) and passed each module's knowledge check."
            )
        },
        "inLanguage": course.language,
        "creator": issuer_profile(),
    }


def _iso(moment) -> str:
    return moment.replace(microsecond=0).isoformat().replace("+00:00", "Z")


def credential(certificate: Certificate) -> dict:
    """The unsigned credential: what a badge wallet stores and shows."""
    return {
        "@context": CONTEXT,
        "id": certificate.credential_id,
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "name": f"{certificate.course.title}: certificate of completion",
        "issuer": issuer_profile(),
        "validFrom": _iso(certificate.issued_at),
        "awardedDate": _iso(certificate.completed_at),
        "credentialSubject": {
            "id": f"urn:uuid:{certificate.uuid}:subject",
            "type": ["AchievementSubject"],
            "identifier": [
                {
                    "type": "IdentityObject",
                    "identityHash": certificate.identity_hash,
                    "identityType": "emailAddress",
                    "hashed": True,
                    "salt": certificate.identity_salt,
                }
            ],
            "achievement": achievement(certificate.course),
        },
        "credentialStatus": {
            "id": url("certificates:revocations") + f"#{certificate.uuid}",
            "type": "1EdTechRevocationList",
        },
        "credentialSchema": [{"id": SCHEMA, "type": "1EdTechJsonSchemaValidator2019"}],
    }


def signed_jwt(certificate: Certificate) -> str:
    """The credential as a compact JWS (RS256) with the JWT claims Open Badges names."""
    body = credential(certificate)
    payload = {
        **body,
        "iss": body["issuer"]["id"],
        "jti": body["id"],
        "nbf": int(certificate.issued_at.timestamp()),
        "sub": body["credentialSubject"]["id"],
    }
    return current_key().sign_jwt(payload)


def revocation_list() -> dict:
    revoked = Certificate.objects.exclude(revoked_at__isnull=True, withdrawn_at__isnull=True)
    return {
        "id": url("certificates:revocations"),
        "issuer": url("certificates:issuer"),
        "revokedCredentials": [
            {
                "id": cert.credential_id,
                "revoked": True,
                "revocationReason": cert.revocation_reason or "Withdrawn by the holder.",
                "revokedAt": _iso(cert.revoked_at or cert.withdrawn_at),
            }
            for cert in revoked.order_by("pk")
        ],
    }
