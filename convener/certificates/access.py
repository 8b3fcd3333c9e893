"""Finding certificates for the person asking: owners see theirs; anyone sees the public facts by code."""

from django.http import Http404

from .models import Certificate, normalize_code


def get_certificate_for_owner(user, code: str) -> Certificate:
    certificate = Certificate.objects.active().filter(user=user, code=normalize_code(code)).first()
    if certificate is None:
        raise Http404("No such certificate")
    return certificate


def find_certificate_by_code(code: str) -> Certificate | None:
    return (
        Certificate.objects.select_related("course", "replaced_by").filter(code=normalize_code(code)).first()
    )


def get_certificate_for_staff(code: str) -> Certificate:
    certificate = find_certificate_by_code(code)
    if certificate is None:
        raise Http404("No such certificate")
    return certificate
