from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Run the background task worker (reminder emails and other deferred work) until stopped."

    def add_arguments(self, parser):
        parser.add_argument("--batch", action="store_true", help="Run the tasks that are due, then exit.")

    def handle(self, *args, batch, **options):
        call_command("db_worker", batch=batch, interval=2, verbosity=options["verbosity"])
