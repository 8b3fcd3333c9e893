from pathlib import Path

from django.core.management.base import BaseCommand

from convener.authoring.importer import export_content


class Command(BaseCommand):
    help = "Write the content in the database back to plain files under PATH."

    def add_arguments(self, parser):
        parser.add_argument("path", help="The folder to write to (created if missing).")

    def handle(self, *args, path, **options):
        written = export_content(Path(path))
        self.stdout.write(f"Wrote {len(written)} file(s) under {path}.")
