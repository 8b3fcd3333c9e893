"""Test-wide settings: fast password hashing and static files without a build step."""

import pytest


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache: report figures and throttle counts must not leak."""
    from django.core.cache import cache

    cache.clear()


def pytest_configure(config):
    import tempfile
    from pathlib import Path

    from django.conf import settings

    # Imported lesson media goes to a scratch folder, never the real data folder.
    settings.MEDIA_ROOT = tempfile.mkdtemp(prefix="convener-test-media-")
    settings.CONVENER_KEY_DIR = Path(tempfile.mkdtemp(prefix="convener-test-keys-")) / "keys"
    # A file, not shared-cache memory, so concurrent writers behave as in production (WAL, busy timeout).
    database = settings.DATABASES["default"]
    if database["ENGINE"].endswith("sqlite3"):
        database.setdefault("TEST", {})["NAME"] = str(
            Path(tempfile.mkdtemp(prefix="convener-test-db-")) / "test.sqlite3"
        )

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # Serve static files straight from the source folders, with no collectstatic.
    settings.WHITENOISE_AUTOREFRESH = True
    settings.WHITENOISE_USE_FINDERS = True
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
