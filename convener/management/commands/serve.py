import ctypes
import os
import shutil
import signal
import subprocess
import sys

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand


def _die_with_parent():
    """Linux: the worker gets SIGTERM when the server process (its parent) ends."""
    ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG


def start_worker():
    """The task worker runs beside the web server, and stops with it."""
    convener = shutil.which("convener", path=os.path.dirname(sys.executable)) or "convener"
    subprocess.Popen([convener, "worker"], preexec_fn=_die_with_parent)


class Command(BaseCommand):
    help = "Prepare the database and static files, then serve Convener with gunicorn."

    def add_arguments(self, parser):
        parser.add_argument("--bind", default=f"127.0.0.1:{settings.PORT}", help="Address and port.")
        parser.add_argument("--prepare-only", action="store_true", help="Prepare, but do not serve.")
        parser.add_argument(
            "--no-prepare",
            action="store_true",
            help="Serve only: for app servers after one `--prepare-only` release step.",
        )

    def handle(self, *args, bind, prepare_only, no_prepare, **options):
        if not no_prepare:
            call_command("migrate", interactive=False, verbosity=0)
            call_command("collectstatic", interactive=False, verbosity=0)
            call_command("importcontent", if_changed=True)
            call_command("ensureadmin")
        if prepare_only:
            return
        self.stdout.write(f"Convener is serving on http://{bind}/ (press Ctrl+C to stop).")
        sys.stdout.flush()
        if os.environ.get("CONVENER_WORKER", "1") == "1":
            start_worker()
        gunicorn = shutil.which("gunicorn", path=os.path.dirname(sys.executable)) or "gunicorn"
        # SQLite: one process with threads (GOTCHAS.md); PostgreSQL may use several.
        workers = os.environ.get("WEB_CONCURRENCY") or ("2" if os.environ.get("DATABASE_URL") else "1")
        os.execv(
            gunicorn,
            [
                gunicorn,
                "convener.wsgi",
                "--bind",
                bind,
                "--workers",
                workers,
                "--threads",
                os.environ.get("WEB_THREADS", "8"),
                "--worker-class",
                "gthread",
                "--timeout",
                "60",
                "--graceful-timeout",
                "20",
                "--log-level",
                "warning",
            ],
        )
