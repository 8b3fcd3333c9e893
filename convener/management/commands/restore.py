from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from convener.lib.backup import restore


class Command(BaseCommand):
    help = "Replace the database and signing keys with those from a backup archive."

    def add_arguments(self, parser):
        parser.add_argument("archive", help="A .tar.gz made by `convener backup`.")
        parser.add_argument("--yes", action="store_true", help="Do not ask for confirmation.")

    def handle(self, *args, archive, yes, **options):
        path = Path(archive)
        if not path.is_file():
            raise CommandError(f"{path} does not exist.")
        if not yes and input(f"Replace ALL current data with {path}? Type 'yes': ").strip() != "yes":
            raise CommandError("Nothing was restored.")
        try:
            restore(path)
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            f"Restored from {path}. Run `convener migrate` if the backup is from an older version."
        )
