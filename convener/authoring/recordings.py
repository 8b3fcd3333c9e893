"""The recording format (docs/content-format.md, "Recordings"): one YAML file per webinar."""

import datetime
from pathlib import Path

from django.db import transaction

from convener.lib import markdown
from convener.recordings.models import Recording, Track

from .reader import SLUG, Reader
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
]


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
    }


def load_recordings(reader: Reader, root: Path) -> list[dict]:
    folder = root / "recordings"
    if not folder.is_dir():
        return []
    found = []
    for path in sorted(folder.glob("*.yaml")):
        if not SLUG.match(path.stem):
            reader.problem(path, None, "a recording file's name must be a slug, like 'world-cafe.yaml'")
        elif recording := load_recording(reader, path):
            found.append(recording)
    return found


@transaction.atomic
def apply_recordings(recordings: list[dict]) -> list[str]:
    changes, kept = [], []
    for spec in recordings:
        values = {k: v for k, v in spec.items() if k != "slug"}
        values["transcript_html"] = markdown.render(spec["transcript"]) if spec["transcript"] else ""
        recording = Recording.objects.filter(slug=spec["slug"]).first()
        if recording is None:
            recording = Recording.objects.create(slug=spec["slug"], **values)
            changes.append(f"added recording {spec['slug']}")
        elif changed := [k for k, v in values.items() if getattr(recording, k) != v]:
            Recording.objects.filter(pk=recording.pk).update(**values)
            changes.append(f"updated recording {spec['slug']} ({', '.join(changed)})")
        kept.append(recording.pk)
    for gone in Recording.objects.exclude(pk__in=kept):
        gone.delete()
        changes.append(f"removed recording {gone.slug}")
    return changes


def export_recordings(root: Path) -> list[Path]:
    written = []
    for recording in Recording.objects.order_by("slug"):
        data = {key: getattr(recording, key) for key in KEYS}
        data["recorded_on"] = recording.recorded_on.isoformat()
        folder = root / "recordings"
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"{recording.slug}.yaml"
        path.write_text(dump_yaml(data), encoding="utf-8")
        written.append(path)
    return written
