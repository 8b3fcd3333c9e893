"""System checks for configuration that would be unsafe in production."""

from urllib.parse import urlsplit

from django.conf import settings
from django.core.checks import Error, Warning, register


@register()
def check_secret_key(app_configs, **kwargs):
    key = settings.SECRET_KEY
    if not settings.DEBUG and (len(key) < 50 or key.startswith("django-insecure") or len(set(key)) < 5):
        return [
            Error(
                "SECRET_KEY is too weak for production.",
                hint="Unset SECRET_KEY to let Convener generate one in the data folder, "
                "or set it to at least 50 random characters.",
                id="convener.E001",
            )
        ]
    return []


@register()
def check_https(app_configs, **kwargs):
    host = urlsplit(settings.SITE_URL).hostname or ""
    if not settings.CONVENER_HTTPS and host not in {"127.0.0.1", "localhost", "::1"}:
        return [
            Warning(
                f"Convener is served at {settings.SITE_URL} without HTTPS settings.",
                hint="Put it behind TLS and set CONVENER_HTTPS=1 (secure cookies, HSTS, redirect to HTTPS).",
                id="convener.W001",
            )
        ]
    return []
