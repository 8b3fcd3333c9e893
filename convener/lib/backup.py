"""Backups of everything that cannot be rebuilt from the content files: the database and the signing keys.

SQLite is copied with its online backup API (safe while the site runs; never a file copy of a live
database); PostgreSQL with pg_dump -Fc and pg_restore. The archive is a .tar.gz holding the database
and the Open Badges keys.
"""

import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from pathlib import Path

from django.conf import settings
from django.db import connection


def _pg_env(db: dict) -> tuple[list[str], dict]:
    args = ["--dbname", db["NAME"]]
    if db.get("HOST"):
        args += ["--host", str(db["HOST"])]
    if db.get("PORT"):
        args += ["--port", str(db["PORT"])]
    if db.get("USER"):
        args += ["--username", db["USER"]]
    env = {**os.environ, **({"PGPASSWORD": db["PASSWORD"]} if db.get("PASSWORD") else {})}
    return args, env


def backup(target: Path) -> Path:
    """Write a backup archive to `target` and return its path."""
    db = connection.settings_dict
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        if connection.vendor == "sqlite":
            source = sqlite3.connect(db["NAME"])
            copy = sqlite3.connect(work / "database.sqlite3")
            with copy:
                source.backup(copy)
            copy.close()
            source.close()
        else:
            args, env = _pg_env(db)
            subprocess.run(
                ["pg_dump", "-Fc", "--no-owner", "--file", str(work / "database.pgdump"), *args],
                check=True,
                env=env,
            )
        keys = Path(settings.CONVENER_KEY_DIR)
        if keys.is_dir():
            shutil.copytree(keys, work / "keys")
        partial = target.with_suffix(target.suffix + ".part")
        with tarfile.open(partial, "w:gz") as archive:
            for item in sorted(work.iterdir()):
                archive.add(item, arcname=item.name)
        os.chmod(partial, 0o600)  # it holds password hashes and signing keys
        partial.replace(target)
    return target


def restore(archive_path: Path) -> None:
    """Replace the database (and signing keys) with those in the archive."""
    db = connection.settings_dict
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        with tarfile.open(archive_path, "r:gz") as archive:
            archive.extractall(work, filter="data")
        if connection.vendor == "sqlite":
            if not (work / "database.sqlite3").exists():
                raise ValueError("This archive holds a PostgreSQL backup; restore it on PostgreSQL.")
            connection.close()
            source = sqlite3.connect(work / "database.sqlite3")
            live = sqlite3.connect(db["NAME"])
            with live:
                source.backup(live)
            live.close()
            source.close()
        else:
            if not (work / "database.pgdump").exists():
                raise ValueError("This archive holds an SQLite backup; restore it on SQLite.")
            connection.close()
            args, env = _pg_env(db)
            subprocess.run(
                [
                    "pg_restore",
                    "--clean",
                    "--if-exists",
                    "--no-owner",
                    "--single-transaction",
                    *args,
                    str(work / "database.pgdump"),
                ],
                check=True,
                env=env,
            )
        if (work / "keys").is_dir():
            keys = Path(settings.CONVENER_KEY_DIR)
            keys.mkdir(parents=True, exist_ok=True, mode=0o700)
            for key in (work / "keys").rglob("*.pem"):
                destination = keys / key.relative_to(work / "keys")
                destination.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
                shutil.copy2(key, destination)
                os.chmod(destination, 0o600)
