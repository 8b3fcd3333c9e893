"""Independent read-only queries run at the same time, each on its own database connection.

The report's figures are a dozen grouped queries over the whole history; one after another they
take most of a second at 100,000 learners. The database drivers release the GIL while a query
runs, so on a machine with several cores they overlap.
"""

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

from django.db import connection, connections

# More threads than this only queue behind each other on the small machines Convener runs on.
MAX_THREADS = 4


def run_together(jobs: list[Callable]) -> list:
    """Each job's result, in order.

    Inside a transaction the jobs run one after another on this connection: other connections
    cannot see the transaction's rows (tests wrap every test in one).
    """
    if connection.in_atomic_block or len(jobs) < 2:
        return [job() for job in jobs]
    with ThreadPoolExecutor(max_workers=min(MAX_THREADS, len(jobs))) as pool:
        return list(pool.map(_on_own_connection, jobs))


def _on_own_connection(job: Callable):
    try:
        return job()
    finally:
        # Connections belong to the thread that opened them; this one ends with the pool.
        connections.close_all()
