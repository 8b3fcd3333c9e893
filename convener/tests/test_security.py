import os
import stat
import subprocess
import sys
from pathlib import Path

from django.conf import settings
from django.test import SimpleTestCase

from convener.test import BaseTestCase

ROOT = Path(__file__).resolve().parents[2]


class HeaderTests(BaseTestCase):
    def test_content_security_policy_allows_only_this_site(self):
        csp = self.client.get("/")["Content-Security-Policy"]
        self.assertIn("default-src 'self'", csp)
        self.assertIn("frame-ancestors 'none'", csp)
        self.assertNotIn("unsafe-inline", csp)

    def test_other_security_headers(self):
        r = self.client.get("/")
        self.assertEqual(r["X-Content-Type-Options"], "nosniff")
        self.assertEqual(r["Referrer-Policy"], "same-origin")
        self.assertEqual(r["X-Frame-Options"], "DENY")

    def test_passwords_are_hashed_with_argon2_in_production(self):
        # The test run swaps in a fast hasher; the configured first choice is Argon2.
        from convener import settings as configured

        self.assertEqual(configured.PASSWORD_HASHERS[0], "django.contrib.auth.hashers.Argon2PasswordHasher")


def run_django(*args, env=None, data_dir):
    clean = {
        k: v
        for k, v in os.environ.items()
        if k not in {"SECRET_KEY", "DATABASE_URL", "DEBUG", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    return subprocess.run(
        [sys.executable, "-m", "django", *args],
        cwd=ROOT,
        env={
            **clean,
            "DJANGO_SETTINGS_MODULE": "convener.settings",
            "CONVENER_DATA_DIR": str(data_dir),
            **(env or {}),
        },
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


class DeploymentTests(SimpleTestCase):
    def test_check_deploy_is_clean_in_the_documented_production_environment(self):
        import tempfile

        with tempfile.TemporaryDirectory() as data_dir:
            result = run_django(
                "check",
                "--deploy",
                "--fail-level",
                "WARNING",
                env={
                    "CONVENER_HTTPS": "1",
                    "ALLOWED_HOSTS": "convener.example.org",
                    "SITE_URL": "https://convener.example.org",
                },
                data_dir=data_dir,
            )
        self.assertEqual(result.returncode, 0, result.stdout + result.stderr)

    def test_insecure_development_settings_are_flagged(self):
        import tempfile

        with tempfile.TemporaryDirectory() as data_dir:
            result = run_django("check", "--deploy", "--fail-level", "WARNING", data_dir=data_dir)
        self.assertNotEqual(result.returncode, 0)
        self.assertIn("SECURE_SSL_REDIRECT", result.stdout + result.stderr)

    def test_a_weak_secret_key_stops_production(self):
        import tempfile

        with tempfile.TemporaryDirectory() as data_dir:
            result = run_django(
                "check", "--deploy", env={"SECRET_KEY": "short", "CONVENER_HTTPS": "1"}, data_dir=data_dir
            )
        self.assertNotEqual(result.returncode, 0)
        self.assertIn("SECRET_KEY", result.stdout + result.stderr)

    def test_the_generated_secret_key_is_private_to_its_owner(self):
        path = Path(settings.DATA_DIR) / "secret_key"
        self.assertTrue(path.exists())
        self.assertEqual(stat.S_IMODE(path.stat().st_mode), 0o600)
        self.assertGreaterEqual(len(path.read_text().strip()), 50)
