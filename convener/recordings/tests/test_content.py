"""The recording files: an optional self-hosted video with captions, reserved names, the round trip."""

import filecmp
import shutil
from pathlib import Path

import pytest
from django.conf import settings

from convener.authoring.importer import DEFAULT_ROOT
from convener.authoring.reader import ContentError, Reader
from convener.authoring.recordings import apply_recordings, export_recordings, load_recordings
from convener.recordings.models import Recording

pytestmark = pytest.mark.django_db

WORLD_CAFE = (DEFAULT_ROOT / "recordings" / "world-cafe.yaml").read_text()


def content_with(tmp_path, name="world-cafe", extra="", files=()):
    folder = tmp_path / "recordings"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{name}.yaml").write_text(WORLD_CAFE + extra)
    for relative, text in files:
        (folder / relative).parent.mkdir(parents=True, exist_ok=True)
        (folder / relative).write_text(text)
    return tmp_path


def load(root):
    reader = Reader()
    found = load_recordings(reader, root)
    reader.raise_if_problems()
    return found


VIDEO = "video:\n  src: media/wc.mp4\n  captions: media/wc.en.vtt\n"


def test_a_self_hosted_video_is_read_and_its_files_are_served(tmp_path):
    root = content_with(
        tmp_path, extra=VIDEO, files=[("media/wc.mp4", "video"), ("media/wc.en.vtt", "WEBVTT\n")]
    )
    [spec] = load(root)
    assert spec["video"] == {"src": "media/wc.mp4", "captions": "media/wc.en.vtt"}
    apply_recordings([spec])
    recording = Recording.objects.get(slug="world-cafe")
    assert recording.is_self_hosted
    served = Path(settings.MEDIA_ROOT) / "recordings" / "world-cafe" / "media" / "wc.en.vtt"
    assert served.read_text() == "WEBVTT\n"


def test_a_self_hosted_video_needs_captions(tmp_path):
    root = content_with(tmp_path, extra="video:\n  src: media/wc.mp4\n", files=[("media/wc.mp4", "video")])
    with pytest.raises(ContentError, match="a self-hosted video needs captions"):
        load(root)


def test_captions_must_be_webvtt(tmp_path):
    root = content_with(
        tmp_path, extra=VIDEO, files=[("media/wc.mp4", "video"), ("media/wc.en.vtt", "1\n00:00")]
    )
    with pytest.raises(ContentError, match="is not WebVTT"):
        load(root)


def test_a_missing_video_file_is_reported_with_its_line(tmp_path):
    root = content_with(tmp_path, extra=VIDEO, files=[("media/wc.en.vtt", "WEBVTT\n")])
    with pytest.raises(ContentError) as error:
        load(root)
    [problem] = error.value.problems
    assert "video file 'media/wc.mp4' does not exist" in problem.message
    assert problem.line == WORLD_CAFE.count("\n") + 2


def test_a_video_file_outside_the_folder_is_refused(tmp_path):
    (tmp_path / "secret.mp4").write_text("x")
    root = content_with(
        tmp_path, extra="video:\n  src: ../secret.mp4\n  captions: c.vtt\n", files=[("c.vtt", "WEBVTT\n")]
    )
    with pytest.raises(ContentError, match="does not exist"):
        load(root)


def test_an_external_video_needs_no_captions(tmp_path):
    root = content_with(tmp_path, extra="video:\n  src: https://video.example.org/wc\n")
    [spec] = load(root)
    assert spec["video"] == {"src": "https://video.example.org/wc"}


def test_unknown_video_keys_are_errors(tmp_path):
    root = content_with(tmp_path, extra="video:\n  src: https://video.example.org/wc\n  poster: x.png\n")
    with pytest.raises(ContentError, match=r"unknown field 'video\.poster'"):
        load(root)


def test_the_live_slug_is_reserved(tmp_path):
    root = content_with(tmp_path, name="live")
    with pytest.raises(ContentError, match="'live' is reserved"):
        load(root)


def without_dirs(specs):
    return [{k: v for k, v in spec.items() if k != "dir"} for spec in specs]


def test_the_bundled_recordings_read_the_same_after_export(tmp_path):
    original = load(DEFAULT_ROOT)
    apply_recordings(original)
    export_recordings(tmp_path)
    assert "video" not in (tmp_path / "recordings" / "world-cafe.yaml").read_text()
    assert without_dirs(load(tmp_path)) == without_dirs(original)


def test_a_recording_with_a_video_round_trips_with_its_files(tmp_path):
    source = content_with(
        tmp_path / "in", extra=VIDEO, files=[("media/wc.mp4", "video"), ("media/wc.en.vtt", "WEBVTT\n")]
    )
    original = load(source)
    apply_recordings(original)
    export_recordings(tmp_path / "out")
    assert without_dirs(load(tmp_path / "out")) == without_dirs(original)
    for name in ("media/wc.mp4", "media/wc.en.vtt"):
        assert filecmp.cmp(
            source / "recordings" / name, tmp_path / "out" / "recordings" / name, shallow=False
        )
    shutil.rmtree(Path(settings.MEDIA_ROOT) / "recordings" / "world-cafe")
