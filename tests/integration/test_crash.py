"""Kill the server with SIGKILL during a burst of writes: every acknowledged write is still there."""

import http.client
import os
import re
import signal
import socket
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import urlencode

import pytest

from convener.authoring.importer import DEFAULT_ROOT, load

ROOT = Path(__file__).resolve().parents[2]
CONVENER = str(Path(sys.executable).parent / "convener")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Browser:
    """A tiny cookie-keeping HTTP client that does not follow redirects."""

    def __init__(self, port):
        self.port, self.cookies = port, {}

    def request(self, method, path, data=None):
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items()), "Host": "127.0.0.1"}
        body = None
        if data is not None:
            body = urlencode(data, doseq=True)
            headers |= {
                "Content-Type": "application/x-www-form-urlencoded",
                "Referer": f"http://127.0.0.1:{self.port}{path}",
            }
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        for header in response.headers.get_all("Set-Cookie") or []:
            name, value = header.split(";")[0].split("=", 1)
            self.cookies[name] = value
        text = response.read().decode(errors="replace")
        connection.close()
        return response.status, text

    def csrf(self, path):
        _status, page = self.request("GET", path)
        return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)


@pytest.mark.skipif(
    os.environ.get("DATABASE_URL", "") != "", reason="the durability promise checked here is SQLite's"
)
def test_acknowledged_writes_survive_sigkill(tmp_path):
    port = free_port()
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DATABASE_URL", "SECRET_KEY", "DJANGO_SETTINGS_MODULE"}
    }
    env |= {"CONVENER_DATA_DIR": str(tmp_path), "CONVENER_WORKER": "0", "PORT": str(port)}
    subprocess.run([CONVENER, "migrate", "-v0"], env=env, check=True, cwd=ROOT)
    subprocess.run(
        [
            CONVENER,
            "shell",
            "-c",
            "from convener.accounts.models import User; "
            "User.objects.create_user('crash@example.org', 'crash test password 1', display_name='C')",
        ],
        env=env,
        check=True,
        cwd=ROOT,
    )
    server = subprocess.Popen(
        [CONVENER, "serve", "--bind", f"127.0.0.1:{port}"],
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        browser = Browser(port)
        for _ in range(120):
            try:
                if browser.request("GET", "/healthz")[0] == 200:
                    break
            except OSError:
                pass
            time.sleep(0.5)
        token = browser.csrf("/account/sign-in/")
        status, _ = browser.request(
            "POST",
            "/account/sign-in/",
            {
                "csrfmiddlewaretoken": token,
                "username": "crash@example.org",
                "password": "crash test password 1",
            },
        )
        assert status == 302

        [course] = load(DEFAULT_ROOT)["courses"]
        module = course["modules"][0]
        check = next(lesson for lesson in module["lessons"] if lesson["kind"] == "check")
        path = f"/learn/{course['slug']}/{module['slug']}/{check['slug']}/"
        answers = {q["id"]: ["0"] for q in check["data"]["questions"]}
        token = browser.csrf(path)

        acknowledged = []
        stop = threading.Event()

        def burst():
            while not stop.is_set():
                try:
                    status, _ = browser.request("POST", path, {"csrfmiddlewaretoken": token, **answers})
                except OSError:
                    return
                if status == 302:
                    acknowledged.append(time.monotonic())

        writer = threading.Thread(target=burst)
        writer.start()
        while len(acknowledged) < 40:
            time.sleep(0.01)
        os.killpg(server.pid, signal.SIGKILL)
        stop.set()
        writer.join(timeout=15)
    finally:
        if server.poll() is None:
            os.killpg(server.pid, signal.SIGKILL)
        server.wait(timeout=10)

    database = sqlite3.connect(tmp_path / "convener.sqlite3")
    saved = database.execute(
        "SELECT COUNT(*) FROM courses_checkattempt a JOIN accounts_user u ON u.id = a.user_id "
        "WHERE u.email = 'crash@example.org'"
    ).fetchone()[0]
    assert database.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert saved >= len(acknowledged), f"{len(acknowledged)} writes acknowledged, {saved} found after SIGKILL"
