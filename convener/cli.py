"""The `convener` command: Django's management commands under one name."""

import os
import sys


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "convener.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["convener", *sys.argv[1:]])


if __name__ == "__main__":
    main()
