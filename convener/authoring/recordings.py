"""The recording format (docs/content-format.md, "Recordings"): one YAML file per webinar."""

import datetime
from pathlib import Path

from django.db import transaction

from convener.lib import markdown, media
from convener.recordings.models import Recording, Track

from .reader import SLUG, Fields, Reader
from .records import sync_by_slug
from .yamlfile import dump_yaml

KEYS = [
    "title",
    "series",
    "track",
    "minutes",
    "recorded_on",
    "date_note",
    "partners",
    "speakers",
    "methods",
    "topics",
    "summary",
    "learn",
    "watch_url",
    "audio_summary",
    "transcript",
    "related",
    "video",
]

# Slugs the recording pages cannot use: these addresses belong to the live sessions.
RESERVED_SLUGS = {"live"}


def _read_video(fields: Fields, path: Path) -> dict:
    """An optional copy of the recording: a file beside the recording file (with captions) or https://."""
    video = fields.mapping("video", required=False)
    if video is None:
        return {}
    video.only("src", "captions")
    src = video.text("src")
    captions = video.text("captions", required=False)
    folder = path.parent.resolve()
    if src and not src.startswith("https://"):
        if not (path.parent / src).resolve().is_relative_to(folder) or not (path.parent / src).is_file():
            video.problem(
                "src", f"video file '{src}' does not exist (use a file beside the recording or https://)"
            )
        if not captions:
            video.problem("captions", "a self-hosted video needs captions: a WebVTT file")
    if captions:
        file = path.parent / captions
        if not file.resolve().is_relative_to(folder) or not file.is_file():
            video.problem("captions", f"captions file '{captions}' does not exist")
        elif not (fields.reader.read_text(file) or "WEBVTT").startswith(("WEBVTT", "\ufeffWEBVTT")):
            video.problem("captions", f"'{captions}' is not WebVTT: it must start with 'WEBVTT'")
    return {key: value for key, value in (("src", src), ("captions", captions)) if value}


def load_recording(reader: Reader, path: Path) -> dict | None:
    fields = reader.read_mapping(path)
    if fields is None:
        return None
    fields.only(*KEYS)
    recorded_on = fields.text("recorded_on")
    try:
        recorded_on = datetime.date.fromisoformat(recorded_on) if recorded_on else None
    except ValueError:
        fields.problem("recorded_on", f"'recorded_on' must be a date like 2017-04-06, not '{recorded_on}'")
    watch_url = fields.text("watch_url")
    if watch_url and not watch_url.startswith("https://"):
        fields.problem("watch_url", "'watch_url' must be an https:// address")
    transcript = fields.text("transcript", required=False)
    for problem in markdown.problems(transcript):
        reader.problem(path, fields.line("transcript") + problem.line, problem.message)
    related = {}
    if (rel := fields.mapping("related", required=False)) is not None:
        rel.only("modules")
        related = {"modules": rel.text_list("modules", required=False, item_check=SLUG.match)}
    return {
        "slug": path.stem,
        "title": fields.text("title"),
        "series": fields.text("series", required=False),
        "track": fields.choice("track", Track.values, default=Track.ALL),
        "minutes": fields.integer("minutes", minimum=1),
        "recorded_on": recorded_on,
        "date_note": fields.text("date_note", required=False),
        "partners": fields.text_list("partners", required=False),
        "speakers": fields.text_list("speakers", required=False),
        "methods": fields.text_list("methods", required=False, item_check=SLUG.match),
        "topics": fields.text_list("topics", required=False),
        "summary": fields.text("summary"),
        "learn": fields.text_list("learn"),
        "watch_url": watch_url,
        "audio_summary": fields.text("audio_summary"),
        "transcript": transcript,
        "related": related,
        "video": _read_video(fields, path),
        "dir": path.parent,
    }


def load_recordings(reader: Reader, root: Path) -> list[dict]:
    folder = root / "recordings"
    if not folder.is_dir():
        return []
    found = []
    for path in sorted(folder.glob("*.yaml")):
        if not SLUG.match(path.stem):
            reader.problem(path, None, "a recording file's name must be a slug, like 'world-cafe.yaml'")
        elif path.stem in RESERVED_SLUGS:
            reader.problem(path, None, f"'{path.stem}' is reserved for the site's own pages; rename the file")
        elif recording := load_recording(reader, path):
            found.append(recording)
    return found


@transaction.atomic
def apply_recordings(recordings: list[dict]) -> list[str]:
    values = {
        spec["slug"]: {
            **{k: v for k, v in spec.items() if k not in ("slug", "dir")},
            "transcript_html": markdown.render(spec["transcript"]) if spec["transcript"] else "",
        }
        for spec in recordings
    }
    changes, kept = sync_by_slug(Recording, values, "recording")
    specs = {spec["slug"]: spec for spec in recordings}
    for recording in kept:
        _copy_media(specs[recording.slug]["dir"], recording.slug, specs[recording.slug]["video"])
    return changes


def _local_media(video: dict) -> list[str]:
    return [video[k] for k in ("src", "captions") if video.get(k) and not video[k].startswith("https://")]


def _copy_media(folder: Path, slug: str, video: dict) -> None:
    """Copy a self-hosted video and its captions into the media storage, unless already there unchanged."""
    for name in _local_media(video):
        media.store(Recording(slug=slug).media_path(name), folder / name)


def export_recordings(root: Path) -> list[Path]:
    written = []
    for recording in Recording.objects.order_by("slug"):
        data = {key: getattr(recording, key) for key in KEYS}
        data["recorded_on"] = recording.recorded_on.isoformat()
        if not recording.video:
            del data["video"]
        else:
            data["video"] = {k: recording.video[k] for k in ("src", "captions") if k in recording.video}
        folder = root / "recordings"
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"{recording.slug}.yaml"
        path.write_text(dump_yaml(data), encoding="utf-8")
        written.append(path)
        for name in _local_media(recording.video):
            media.fetch(recording.media_path(name), folder / name)
    return written
