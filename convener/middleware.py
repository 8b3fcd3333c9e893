import zoneinfo

from django.utils import timezone


class TimeZoneMiddleware:
    """Show times in the signed-in person's own time zone."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        zone = getattr(request.user, "time_zone", "") if request.user.is_authenticated else ""
        try:
            timezone.activate(zoneinfo.ZoneInfo(zone)) if zone else timezone.deactivate()
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            timezone.deactivate()
        return self.get_response(request)


class ForwardedForMiddleware:
    """Behind a trusted reverse proxy, the client's address is the one the proxy reports.

    Only enabled by TRUST_X_FORWARDED_FOR=1: the proxy must set X-Forwarded-For itself (nginx:
    `proxy_set_header X-Forwarded-For $remote_addr;`), or anyone could claim any address.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        if forwarded:
            request.META["REMOTE_ADDR"] = forwarded.split(",")[-1].strip()
        return self.get_response(request)
