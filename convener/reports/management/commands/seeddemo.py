import random
import time

from django.core.management.base import BaseCommand

from convener.reports.seed import seed


class Command(BaseCommand):
    help = "Add realistic demonstration learners, progress and certificates (bulk inserts)."

    def add_arguments(self, parser):
        parser.add_argument("--learners", type=int, default=1000, help="How many learners to add.")
        parser.add_argument("--seed", type=int, default=1, help="Random seed, for repeatable data.")

    def handle(self, *args, learners, seed: int, **options):
        started = time.monotonic()
        self.stdout.write(f"Adding {learners} demonstration learners…")
        result = seed_data(learners, random.Random(seed), self.stdout.write)
        self.stdout.write(
            f"Done in {time.monotonic() - started:.1f} s: {result['progress']} progress records."
        )


seed_data = seed
