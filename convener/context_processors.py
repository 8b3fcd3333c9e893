from django.conf import settings
from django.utils.translation import gettext_lazy as _

from convener.lib.template_urls import fixed_url

MAIN_NAV = [
    (_("Learn"), "courses:catalog"),
    (_("Recordings"), "recordings:index"),
    (_("Methods"), "methods:index"),
    (_("Plan"), "conversations:index"),
]


def site(request):
    nav = []
    for label, url_name in MAIN_NAV:
        url = fixed_url(url_name)
        nav.append({"label": label, "url": url, "current": request.path.startswith(url)})
    return {
        "site_name": settings.SITE_NAME,
        "main_nav": nav,
        "throttle_minutes": settings.SIGN_IN_THROTTLE_MINUTES,
    }
