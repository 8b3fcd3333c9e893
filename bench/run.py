"""Convener's benchmark: prints figures as a Markdown table. Not a pass/fail test.

    python bench/run.py [--learners 100000] [--database sqlite|postgres|both] [--seconds 10]

For each database it builds a fresh site in a scratch folder, seeds it, and measures:
  - throughput and latency (wrk, 50 connections) of the production server (gunicorn, 2 workers) for
    the catalog, a lesson (signed in), a check submission, the verification page and the dashboard,
    with a bare Django view on the same server as the ceiling;
  - page weight in Chromium (requests and bytes, first and repeat view);
  - SQL queries per page at 10 learners and at the full size;
  - dashboard time at the full size, with the figures computed and with the figures kept.
"""

import argparse
import json
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CONVENER = str(Path(sys.executable).parent / "convener")
PYTHON = sys.executable
POSTGRES_ADMIN_URL = os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/test")

WRK_SCRIPT = r"""
local path, body, cookie = os.getenv("BENCH_PATH"), os.getenv("BENCH_BODY"), os.getenv("BENCH_COOKIE")
wrk.headers["Cookie"] = cookie
wrk.headers["Host"] = "127.0.0.1"
-- One request per connection, so the kernel spreads them over both workers. With 50 kept-alive
-- connections it may hand most of them to one worker, which then serves them all on one core:
-- the same page came out at either half or full speed from one run to the next.
wrk.headers["Connection"] = "close"
if body ~= nil and body ~= "" then
  wrk.method = "POST"
  wrk.body = body
  wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
  wrk.headers["Referer"] = "http://127.0.0.1/"
end
request = function() return wrk.format(nil, path) end
done = function(summary, latency, requests)
  io.write(string.format("RESULT %f %f %f %f %d %d\n",
    summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000,
    summary.errors.status, summary.requests))
end
"""


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def run(env, *args, capture=False):
    result = subprocess.run(
        [CONVENER, *args],
        env=env,
        cwd=ROOT,
        check=True,
        text=True,
        capture_output=capture,
    )
    return result.stdout if capture else ""


def django_script(env, code):
    """Run Python with Django set up in the bench site's environment; return its last stdout line."""
    program = "import django, json, os\ndjango.setup()\n" + code
    result = subprocess.run(
        [PYTHON, "-c", program],
        env={**env, "DJANGO_SETTINGS_MODULE": "convener.settings"},
        cwd=ROOT,
        check=True,
        text=True,
        capture_output=True,
    )
    return result.stdout.strip().splitlines()[-1]


SETUP_CODE = """
from django.test import Client
from convener.accounts.models import User
from convener.certificates.models import Certificate
from convener.courses.models import Lesson
staff, _ = User.objects.get_or_create(email="bench-admin@bench.invalid", defaults={"display_name": "Bench", "is_staff": True})
learner, _ = User.objects.get_or_create(email="bench-learner@bench.invalid", defaults={"display_name": "Bench learner"})
check = Lesson.objects.current().filter(kind="check").order_by("module__position").first()
reading = Lesson.objects.current().filter(kind="reading").order_by("module__position").first()
answers = {q["id"]: "0" for q in check.questions}
sessions = {}
for name, user in (("staff", staff), ("learner", learner)):
    c = Client(HTTP_HOST="127.0.0.1")
    c.force_login(user)
    c.get(reading.get_absolute_url())
    sessions[name] = "; ".join(f"{k}={v.value}" for k, v in c.cookies.items())
cert = Certificate.objects.active().first()
if cert is None:
    from convener.certificates.actions import identity_hash
    cert = Certificate.objects.create(user=learner, course=check.module.course, name="Bench learner", hours=4,
                                      completed_at=learner.date_joined, identity_salt="x", identity_hash=identity_hash(learner.email, "x"))
from convener.conversations.actions import create_from_method
from convener.methods.models import Method
conversation = create_from_method(learner, Method.objects.get(slug="world-cafe"))
print(json.dumps({"run": f"/plan/{conversation.pk}/run/", "sessions": sessions, "check": check.get_absolute_url(), "reading": reading.get_absolute_url(),
                  "answers": answers, "code": cert.code if cert else "AAAAAAAAAA"}))
"""

QUERY_CODE = """
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from convener.accounts.models import User
paths = json.loads(os.environ["BENCH_PATHS"])
counts = {}
for name, (path, who) in paths.items():
    c = Client(HTTP_HOST="127.0.0.1")
    if who:
        c.force_login(User.objects.get(email=who))
    c.get(path)
    # Inside a transaction the report's queries run in turn on this connection, where they are
    # counted (outside one they run together on connections of their own).
    with transaction.atomic(), CaptureQueriesContext(connection) as q:
        status = c.get(path).status_code
    queries = [x for x in q if not x["sql"].startswith(("SAVEPOINT", "RELEASE SAVEPOINT"))]
    counts[name] = len(queries) if status == 200 else f"HTTP {status}"
print(json.dumps(counts))
"""

DASHBOARD_CODE = """
import time
from django.test import Client
from convener.accounts.models import User
c = Client(HTTP_HOST="127.0.0.1")
c.force_login(User.objects.get(email="bench-admin@bench.invalid"))
c.get("/reports/")
def timed(path):
    times = []
    for _ in range(5):
        start = time.perf_counter()
        assert c.get(path).status_code == 200
        times.append((time.perf_counter() - start) * 1000)
    return sorted(times)
# "fresh" computes every figure again; without it the page shows the figures kept for a few minutes.
print(json.dumps({"computed": timed("/reports/?fresh=1"), "kept": timed("/reports/")}))
"""


def wrk(port, path, cookie, seconds, body=""):
    """Load the page from 50 connections for `seconds`, after a 3-second warm-up that is not counted.

    Without the warm-up the first page measured after the server starts came out at half its
    speed in some runs and not others (caches, lazily started threads).
    """
    script = Path(tempfile.mkstemp(suffix=".lua")[1])
    script.write_text(WRK_SCRIPT)
    env = {**os.environ, "BENCH_PATH": path, "BENCH_COOKIE": cookie, "BENCH_BODY": body}
    for duration in (3, seconds):
        done = subprocess.run(
            # A 10-second timeout (wrk: 2 s) so slow pages are timed, not dropped.
            [
                "wrk",
                "-t2",
                "-c50",
                "--timeout",
                "10s",
                f"-d{duration}s",
                "-s",
                str(script),
                f"http://127.0.0.1:{port}",
            ],
            env=env,
            text=True,
            capture_output=True,
            check=False,
        )
        if done.returncode:
            raise RuntimeError(f"wrk failed on {path}: {done.stdout} {done.stderr}")
    output = done.stdout
    script.unlink()
    rps, p50, p95, p99, bad, total = re.search(r"RESULT (\S+) (\S+) (\S+) (\S+) (\d+) (\d+)", output).groups()
    return {
        "rps": float(rps),
        "p50": float(p50),
        "p95": float(p95),
        "p99": float(p99),
        "non2xx": int(bad),
        "requests": int(total),
    }


def page_weight(port, cookie, pages):
    """Requests and bytes on the wire per page, first view (empty cache) and repeat view."""
    from playwright.sync_api import sync_playwright

    results = {}
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path="/usr/bin/chromium",
            args=[
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        for name, path, signed_in in pages:
            context = browser.new_context()
            if signed_in:
                context.add_cookies(
                    [
                        {"name": k, "value": v, "url": f"http://127.0.0.1:{port}"}
                        for k, v in (part.split("=", 1) for part in cookie.split("; "))
                    ]
                )
            page = context.new_page()
            cdp = context.new_cdp_session(page)
            cdp.send("Network.enable")
            transferred = {"bytes": 0, "requests": 0}
            # Only what crossed the network: answers from the browser's cache carry no bytes.
            cdp.on(
                "Network.loadingFinished",
                lambda e, t=transferred: (
                    e["encodedDataLength"] > 0
                    and t.update(bytes=t["bytes"] + e["encodedDataLength"], requests=t["requests"] + 1)
                ),
            )
            page.goto(f"http://127.0.0.1:{port}{path}", wait_until="load", timeout=120_000)
            first = dict(transferred)
            transferred.update(bytes=0, requests=0)
            page.goto(f"http://127.0.0.1:{port}{path}", wait_until="load", timeout=120_000)
            results[name] = {
                "first": first,
                "repeat": dict(transferred),
                "html": len(page.content().encode()),
            }
            context.close()
        browser.close()
    return results


def bench_database(kind, learners, seconds):
    data_dir = Path(tempfile.mkdtemp(prefix=f"convener-bench-{kind}-"))
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DATABASE_URL", "SECRET_KEY", "DJANGO_SETTINGS_MODULE"}
    }
    env |= {
        "CONVENER_DATA_DIR": str(data_dir),
        "CONVENER_WORKER": "0",
        "VERIFY_LOOKUPS_PER_ADDRESS": "100000000",
        "SIGN_IN_FAILURES_PER_ADDRESS": "100000000",
        "CONVENER_BENCH": "1",
    }
    database_name = None
    if kind == "postgres":
        import psycopg

        database_name = f"convener_bench_{os.getpid()}"
        with psycopg.connect(POSTGRES_ADMIN_URL, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{database_name}"')
            admin.execute(f'CREATE DATABASE "{database_name}"')
        env["DATABASE_URL"] = POSTGRES_ADMIN_URL.rsplit("/", 1)[0] + f"/{database_name}"
    figures = {}
    try:
        print(f"[{kind}] preparing the site in {data_dir}", file=sys.stderr)
        run(env, "serve", "--prepare-only", capture=True)
        run(env, "seeddemo", "--learners", "10", capture=True)
        site = json.loads(django_script(env, SETUP_CODE))
        pages = {
            "home": ("/", "bench-learner@bench.invalid"),
            "catalog": ("/learn/", ""),
            "lesson": (site["reading"], "bench-learner@bench.invalid"),
            "verification": (f"/certificates/verify/{site['code']}/", ""),
            "dashboard (computed)": ("/reports/?fresh=1", "bench-admin@bench.invalid"),
        }
        figures["queries_small"] = json.loads(
            django_script({**env, "BENCH_PATHS": json.dumps(pages)}, QUERY_CODE)
        )
        print(f"[{kind}] seeding {learners} learners", file=sys.stderr)
        started = time.monotonic()
        run(env, "seeddemo", "--learners", str(learners), capture=True)
        figures["seed_seconds"] = time.monotonic() - started
        site = json.loads(django_script(env, SETUP_CODE))
        figures["progress_rows"] = int(
            django_script(
                env,
                "from convener.courses.models import LessonProgress\nprint(LessonProgress.objects.count())",
            )
        )
        figures["queries_large"] = json.loads(
            django_script({**env, "BENCH_PATHS": json.dumps(pages)}, QUERY_CODE)
        )
        figures["dashboard_ms"] = json.loads(django_script(env, DASHBOARD_CODE))

        port = free_port()
        log = (data_dir / "server.log").open("w")
        server = subprocess.Popen(
            [CONVENER, "serve", "--no-prepare", "--bind", f"127.0.0.1:{port}"],
            env={**env, "WEB_CONCURRENCY": "2", "WEB_THREADS": "4"},
            cwd=ROOT,
            stdout=log,
            stderr=log,
            start_new_session=True,
        )
        try:
            from urllib.request import urlopen

            for _ in range(200):
                try:
                    if urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2).status == 200:
                        break
                except OSError:
                    time.sleep(0.3)
            else:
                raise RuntimeError((data_dir / "server.log").read_text()[-2000:])
            learner, staff = site["sessions"]["learner"], site["sessions"]["staff"]
            csrf = re.search(r"csrftoken=([^;]+)", learner).group(1)
            from urllib.parse import urlencode

            body = urlencode({"csrfmiddlewaretoken": csrf, **site["answers"]})
            print(f"[{kind}] load tests, {seconds} s each", file=sys.stderr)
            figures["load"] = {
                "bare Django view": wrk(port, "/bench/bare", "", seconds),
                "catalog": wrk(port, "/learn/", "", seconds),
                "lesson (signed in)": wrk(port, site["reading"], learner, seconds),
                "check submission": wrk(port, site["check"], learner, seconds, body),
                "verification page": wrk(port, f"/certificates/verify/{site['code']}/", "", seconds),
                # The dashboard as people get it; computing its figures is timed in process below
                # (under load, requests to compute them again queue behind one computation per worker).
                "dashboard": wrk(port, "/reports/", staff, seconds),
            }
            # Requests queued during the load test (the dashboard is slow at scale) must drain first.
            for _ in range(300):
                try:
                    if urlopen(f"http://127.0.0.1:{port}/healthz", timeout=5).status == 200:
                        break
                except OSError:
                    time.sleep(1)
            print(f"[{kind}] page weight", file=sys.stderr)
            weight_pages = [
                ("home", "/", False),
                ("catalog", "/learn/", False),
                ("lesson", site["reading"], True),
                ("self-assessment", "/skills/", False),
                ("method chooser", "/methods/choose/", False),
                ("run mode", "/plan/", True),
            ]
            figures["weight"] = page_weight(port, learner, weight_pages)
        finally:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=30)
    finally:
        shutil.rmtree(data_dir, ignore_errors=True)
        if database_name:
            import psycopg

            with psycopg.connect(POSTGRES_ADMIN_URL, autocommit=True) as admin:
                admin.execute(f'DROP DATABASE IF EXISTS "{database_name}" WITH (FORCE)')
    return figures


def report(kind, learners, f):
    lines = [
        f"## {kind}",
        "",
        f"Seeded {learners:,} learners and {f['progress_rows']:,} progress records in "
        f"{f['seed_seconds']:.0f} s.",
        "",
        "### Throughput and latency (wrk, 50 connections, gunicorn 2 workers)",
        "",
        "| page | requests/s | p50 ms | p95 ms | p99 ms | non-2xx | vs bare view |",
        "|---|---|---|---|---|---|---|",
    ]
    bare = f["load"]["bare Django view"]["rps"]
    for name, r in f["load"].items():
        lines.append(
            f"| {name} | {r['rps']:.0f} | {r['p50']:.1f} | {r['p95']:.1f} | {r['p99']:.1f} | {r['non2xx']} "
            f"| {100 * r['rps'] / bare:.0f}% |"
        )
    lines += [
        "",
        "### Page weight (Chromium, bytes on the wire)",
        "",
        "| page | first view requests | first view KB | repeat view requests | repeat view KB | HTML KB |",
        "|---|---|---|---|---|---|",
    ]
    for name, w in f["weight"].items():
        lines.append(
            f"| {name} | {w['first']['requests']} | {w['first']['bytes'] / 1024:.1f} | "
            f"{w['repeat']['requests']} | {w['repeat']['bytes'] / 1024:.1f} | {w['html'] / 1024:.1f} |"
        )
    lines += [
        "",
        "### SQL queries per page",
        "",
        f"| page | 10 learners | {learners:,} learners |",
        "|---|---|---|",
    ]
    for name in f["queries_small"]:
        lines.append(f"| {name} | {f['queries_small'][name]} | {f['queries_large'][name]} |")
    computed, kept = f["dashboard_ms"]["computed"], f["dashboard_ms"]["kept"]
    lines += [
        "",
        f"### Dashboard at {learners:,} learners (5 runs each, in process)",
        "",
        "| figures | median ms | fastest | slowest |",
        "|---|---|---|---|",
        f"| computed (`?fresh=1`) | {statistics.median(computed):.0f} | {computed[0]:.0f} | {computed[-1]:.0f} |",
        f"| kept (REPORT_CACHE_SECONDS) | {statistics.median(kept):.0f} | {kept[0]:.0f} | {kept[-1]:.0f} |",
        "",
    ]
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--learners", type=int, default=100_000)
    parser.add_argument("--database", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument("--seconds", type=int, default=10)
    args = parser.parse_args()
    kinds = ["sqlite", "postgres"] if args.database == "both" else [args.database]
    print(f"# Convener benchmark ({time.strftime('%Y-%m-%d %H:%M')}, {os.cpu_count()} CPUs)\n")
    for kind in kinds:
        print(report(kind, args.learners, bench_database(kind, args.learners, args.seconds)), flush=True)


if __name__ == "__main__":
    main()
