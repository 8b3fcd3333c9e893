"""The companion guide's format: content/guide/guide.yaml plus one Markdown file per section."""

import hashlib
import json
from pathlib import Path

from django.db import transaction

from convener.guide.models import GuideEdition, GuideSection
from convener.lib import markdown

from .reader import Reader, numbered_entries
from .yamlfile import dump_front_matter, dump_yaml

META_KEYS = ("title", "subtitle", "version", "licence", "language")


def load_guide(reader: Reader, root: Path) -> dict | None:
    folder = root / "guide"
    if not folder.is_dir():
        return None
    if not (folder / "guide.yaml").exists():
        reader.problem(folder, None, "guide.yaml is missing")
        return None
    fields = reader.read_mapping(folder / "guide.yaml")
    if fields is None:
        return None
    fields.only(*META_KEYS)
    meta = {
        "title": fields.text("title"),
        "subtitle": fields.text("subtitle", required=False),
        "version": fields.integer("version", required=False, default=1, minimum=1),
        "licence": fields.text("licence", required=False),
        "language": fields.text("language", required=False, default="en"),
    }
    sections = []
    for position, slug, path in numbered_entries(reader, folder, dirs=False, suffix=".md"):
        parsed = reader.read_front_matter(path)
        if parsed is None:
            continue
        front, body, body_line = parsed
        front.only("title", "summary")
        for problem in markdown.problems(body):
            reader.problem(path, body_line + problem.line - 1, problem.message)
        sections.append(
            {
                "slug": slug,
                "position": position,
                "title": front.text("title"),
                "summary": front.text("summary", required=False),
                "body": body,
            }
        )
    if not sections:
        reader.problem(folder, None, "the guide needs at least one section file, like '01-introduction.md'")
    return {"meta": meta, "sections": sections}


def digest(spec: dict) -> str:
    return hashlib.sha256(json.dumps(spec, sort_keys=True).encode()).hexdigest()


@transaction.atomic
def apply_guide(spec: dict | None) -> list[str]:
    if spec is None:
        return []
    changes = []
    fingerprint = digest(spec)
    edition = GuideEdition.objects.first()
    if edition is None or edition.digest != fingerprint:
        GuideEdition.objects.all().delete()
        GuideEdition.objects.create(**spec["meta"], digest=fingerprint)
        changes.append("updated the guide's title page" if edition else "added the guide")
    kept = []
    for section in spec["sections"]:
        values = {**section, "body_html": markdown.render(section["body"])}
        current = GuideSection.objects.filter(slug=section["slug"]).first()
        if current is None:
            current = GuideSection.objects.create(**values)
            changes.append(f"added guide section {section['slug']}")
        elif any(getattr(current, k) != v for k, v in values.items()):
            GuideSection.objects.filter(pk=current.pk).update(**values)
            changes.append(f"updated guide section {section['slug']}")
        kept.append(current.pk)
    for gone in GuideSection.objects.exclude(pk__in=kept):
        gone.delete()
        changes.append(f"removed guide section {gone.slug}")
    return changes


def export_guide(root: Path) -> list[Path]:
    edition = GuideEdition.objects.first()
    if edition is None:
        return []
    folder = root / "guide"
    folder.mkdir(parents=True, exist_ok=True)
    meta = {key: getattr(edition, key) for key in META_KEYS if getattr(edition, key) not in ("", None)}
    written = [folder / "guide.yaml"]
    written[0].write_text(dump_yaml(meta), encoding="utf-8")
    for section in GuideSection.objects.all():
        front = {"title": section.title, **({"summary": section.summary} if section.summary else {})}
        path = folder / f"{section.position:02d}-{section.slug}.md"
        path.write_text(dump_front_matter(front, section.body), encoding="utf-8")
        written.append(path)
    return written
