"""Import then export gives the same files; the bundled content survives the round trip unchanged."""

import filecmp
from pathlib import Path

import pytest
from django.core.management import call_command

from convener.authoring.importer import DEFAULT_ROOT, export_content, import_content, load
from convener.test import SAMPLE_CONTENT

pytestmark = pytest.mark.django_db


def all_files(root: Path) -> list[str]:
    return sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file())


def test_sample_course_round_trips_to_identical_files(tmp_path):
    import_content(SAMPLE_CONTENT)
    export_content(tmp_path)
    assert all_files(tmp_path) == all_files(SAMPLE_CONTENT)
    for name in all_files(SAMPLE_CONTENT):
        assert filecmp.cmp(SAMPLE_CONTENT / name, tmp_path / name, shallow=False), f"{name} differs"


def test_bundled_course_reads_the_same_after_export(tmp_path):
    import_content(DEFAULT_ROOT)
    export_content(tmp_path)
    original, exported = load(DEFAULT_ROOT)["courses"], load(tmp_path)["courses"]
    for spec in original + exported:
        spec.pop("dir")
    assert exported == original


def test_the_commands_import_and_export(tmp_path, capsys):
    call_command("importcontent", str(SAMPLE_CONTENT))
    assert "added lesson sample-course/practice/quick-check" in capsys.readouterr().out
    call_command("importcontent", str(SAMPLE_CONTENT))
    assert "no changes" in capsys.readouterr().out
    call_command("importcontent", str(SAMPLE_CONTENT), if_changed=True)
    assert "unchanged since the last import" in capsys.readouterr().out
    call_command("exportcontent", str(tmp_path))
    assert "Wrote 11 file(s)" in capsys.readouterr().out


def test_moving_media_elsewhere_imports_again(capsys, settings):
    call_command("importcontent", str(SAMPLE_CONTENT), if_changed=True)
    capsys.readouterr()
    settings.MEDIA_URL = "/files/"
    call_command("importcontent", str(SAMPLE_CONTENT), if_changed=True)
    assert "unchanged since the last import" not in capsys.readouterr().out
    call_command("importcontent", str(SAMPLE_CONTENT), if_changed=True)
    assert "unchanged since the last import" in capsys.readouterr().out


def test_the_import_command_fails_with_the_problems(tmp_path):
    from django.core.management.base import CommandError

    (tmp_path / "courses" / "broken").mkdir(parents=True)
    with pytest.raises(CommandError, match=r"Nothing was imported\. Fix these 1 problem"):
        call_command("importcontent", str(tmp_path))
