import secrets

from django.core.management.base import BaseCommand

from convener.accounts.models import User


class Command(BaseCommand):
    help = "Create the first administrator with a random password, once; do nothing if one exists."

    def add_arguments(self, parser):
        parser.add_argument("--email", default="admin@localhost", help="The administrator's email address.")

    def handle(self, *args, email, **options):
        if User.objects.filter(is_superuser=True).exists():
            return
        password = secrets.token_urlsafe(12)
        User.objects.create_superuser(email, password)
        self.stdout.write(
            "\n".join(
                [
                    "",
                    "  An administrator account was created. This is shown only once:",
                    f"    email:    {email}",
                    f"    password: {password}",
                    "  Sign in, then change the password under Account > Profile.",
                    "",
                ]
            )
        )
