"""Counting requests per network address in the cache, without storing the address itself."""

import hashlib

from django.conf import settings
from django.core.cache import cache


def too_many(request, scope: str, limit: int, window_seconds: int) -> bool:
    """Count this request; True once the address has made more than `limit` in the window."""
    address = request.META.get("REMOTE_ADDR", "")
    digest = hashlib.sha256(f"{settings.SECRET_KEY}:{address}".encode()).hexdigest()[:32]
    key = f"ratelimit:{scope}:{digest}"
    cache.add(key, 0, timeout=window_seconds)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=window_seconds)
        count = 1
    return count > limit
