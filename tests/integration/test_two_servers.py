"""Past one machine: two app servers share sessions through Redis; tasks enqueued by both run once."""

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import psycopg
import pytest
import redis

from tests.integration.test_crash import Browser

ROOT = Path(__file__).resolve().parents[2]
CONVENER = str(Path(sys.executable).parent / "convener")
DATABASE_URL = os.environ.get("DATABASE_URL", "")
REDIS_URL = os.environ.get("CONVENER_TEST_REDIS_URL", "redis://127.0.0.1:6379/15")

pytestmark = pytest.mark.skipif(
    not DATABASE_URL.startswith("postgres"), reason="needs PostgreSQL (DATABASE_URL)"
)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def shared_services(tmp_path):
    name = f"convener_two_{os.getpid()}"
    admin = psycopg.connect(DATABASE_URL, autocommit=True)
    admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
    admin.execute(f'CREATE DATABASE "{name}"')
    redis.Redis.from_url(REDIS_URL).flushdb()
    url = DATABASE_URL.rsplit("/", 1)[0] + f"/{name}"
    env = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DJANGO_SETTINGS_MODULE"}}
    env |= {
        "DATABASE_URL": url,
        "REDIS_URL": REDIS_URL,
        "CONVENER_DATA_DIR": str(tmp_path),
        "CONVENER_WORKER": "0",
        "WEB_CONCURRENCY": "1",
    }
    yield env
    admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    admin.close()


def run(env, *args):
    return subprocess.run([CONVENER, *args], env=env, check=True, cwd=ROOT, capture_output=True, text=True)


def test_sessions_and_tasks_across_two_servers(shared_services):
    env = shared_services
    run(env, "serve", "--prepare-only")  # the release step, once; then the app servers start
    run(
        env,
        "shell",
        "-c",
        "from convener.accounts.models import User; "
        "User.objects.create_user('two@example.org', 'two servers password', display_name='Two')",
    )
    ports = [free_port(), free_port()]
    log = open(Path(env["CONVENER_DATA_DIR"]) / "servers.log", "w")  # noqa: SIM115 (closed below)
    servers = [
        subprocess.Popen(
            [CONVENER, "serve", "--no-prepare", "--bind", f"127.0.0.1:{port}"],
            env=env,
            cwd=ROOT,
            stdout=log,
            stderr=log,
        )
        for port in ports
    ]
    try:
        for port in ports:
            for _ in range(120):
                try:
                    if Browser(port).request("GET", "/healthz")[0] == 200:
                        break
                except OSError:
                    pass
                time.sleep(0.5)
            else:
                raise AssertionError(Path(log.name).read_text()[-3000:])
        first = Browser(ports[0])
        token = first.csrf("/account/sign-in/")
        status, _ = first.request(
            "POST",
            "/account/sign-in/",
            {"csrfmiddlewaretoken": token, "username": "two@example.org", "password": "two servers password"},
        )
        assert status == 302
        second = Browser(ports[1])
        second.cookies = dict(first.cookies)
        status, page = second.request("GET", "/account/profile/")
        assert status == 200 and 'value="Two"' in page, (
            "the session made on one server is not valid on the other"
        )
    finally:
        for server in servers:
            server.terminate()
            server.wait(timeout=20)
        log.close()

    # A task enqueued from each app process; two workers; each task runs exactly once.
    enqueue = "from convener.guide.tasks import build_guide_pdf; build_guide_pdf.enqueue()"
    run(env, "shell", "-c", enqueue)
    run(env, "shell", "-c", enqueue)
    workers = [
        subprocess.Popen(
            [CONVENER, "worker", "--batch"],
            env=env,
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for _ in range(2)
    ]
    for worker in workers:
        worker.wait(timeout=120)
    check = run(
        env,
        "shell",
        "-c",
        (
            "from django_tasks_db.models import DBTaskResult as R; "
            "rows = list(R.objects.filter(task_path__endswith='build_guide_pdf').values_list('status', 'worker_ids')); "
            "print(len(rows), sorted(set(s for s, w in rows)), max(len(w) for s, w in rows))"
        ),
    )
    count, statuses, most_workers = (
        check.stdout.strip().splitlines()[-1].split(" ", 1)[0],
        check.stdout,
        check.stdout.split()[-1],
    )
    assert count in {"2", "3"}, check.stdout  # importcontent enqueues one too
    assert "SUCCESSFUL" in statuses and "FAILED" not in statuses, statuses
    assert most_workers == "1", f"a task ran on more than one worker: {check.stdout}"
