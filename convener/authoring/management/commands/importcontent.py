from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from convener.authoring.importer import DEFAULT_ROOT, ContentError, import_content


class Command(BaseCommand):
    help = "Check the content files and, only if all are valid, import them in one transaction."

    def add_arguments(self, parser):
        parser.add_argument("path", nargs="?", default=str(DEFAULT_ROOT), help="The content folder.")
        parser.add_argument(
            "--if-changed", action="store_true", help="Skip when the files are as last imported."
        )

    def handle(self, *args, path, if_changed, **options):
        try:
            changes = import_content(Path(path), only_if_changed=if_changed)
        except ContentError as exc:
            raise CommandError(
                f"Nothing was imported. Fix these {len(exc.problems)} problem(s):\n{exc}"
            ) from exc
        if changes is None:
            self.stdout.write("Content unchanged since the last import.")
        elif not changes:
            self.stdout.write("Content checked: no changes.")
        else:
            self.stdout.write(f"Imported {len(changes)} change(s):")
            for line in changes:
                self.stdout.write(f"  {line}")
