from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse


def offer_certificate(sender, user, course, **kwargs):
    """When a course is first complete, tell the learner how to get the certificate."""
    claim_url = settings.SITE_URL + reverse("certificates:claim", args=[course.slug])
    body = render_to_string(
        "certificates/email/offer.txt",
        {"user": user, "course": course, "claim_url": claim_url, "site_name": settings.SITE_NAME},
    )
    send_mail(f"You completed {course.title}", body, None, [user.email])
