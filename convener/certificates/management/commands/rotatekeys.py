from django.core.management.base import BaseCommand, CommandError

from convener.certificates import keys


class Command(BaseCommand):
    help = "Make a new signing key for Open Badges; old keys stay published so old badges still verify."

    def add_arguments(self, parser):
        parser.add_argument(
            "--retire", metavar="NAME", help="Stop publishing this key instead (e.g. if it leaked)."
        )
        parser.add_argument("--list", action="store_true", help="List the published keys.")

    def handle(self, *args, retire, list, **options):
        if list:
            for key in keys.active_keys():
                self.stdout.write(key.name)
            return
        if retire:
            if retire not in {k.name for k in keys.active_keys()}:
                raise CommandError(f"No published key named {retire}.")
            keys.retire_key(retire)
            self.stdout.write(f"Retired {retire}. Badges signed with it no longer verify.")
            return
        key = keys.create_key()
        self.stdout.write(f"New signing key {key.name}. Back up {keys.key_dir()}.")
