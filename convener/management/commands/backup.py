from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from convener.lib.backup import backup


class Command(BaseCommand):
    help = "Back up the database and the signing keys into one .tar.gz archive (safe while running)."

    def add_arguments(self, parser):
        parser.add_argument("--output", help="Archive path (default: the data folder's backups/).")

    def handle(self, *args, output, **options):
        target = (
            Path(output)
            if output
            else (Path(settings.DATA_DIR) / "backups" / f"convener-{timezone.now():%Y%m%d-%H%M%S}.tar.gz")
        )
        path = backup(target)
        self.stdout.write(f"Backup written to {path} ({path.stat().st_size // 1024} KB).")
