"""The self-assessment's format (docs/content-format.md, "Skills self-assessment"): one YAML file."""

from pathlib import Path

from django.db import transaction

from convener.assessment.models import Assessment, Item, ItemKind, Skill

from .reader import NUMBERED, SLUG, Fields, Reader
from .yamlfile import dump_yaml

FILE = Path("assessment") / "assessment.yaml"
KEYS = ("title", "intro", "rating_scale", "skills", "items")
SKILL_KEYS = ("id", "name", "description", "modules", "methods", "recordings")
ITEM_KEYS = ("id", "skill", "kind", "statement", "prompt", "options")
OPTION_KEYS = ("text", "points", "feedback")
SCALE_STEPS = 4
MAX_POINTS = SCALE_STEPS - 1
# Answers travel in page addresses as `item-id=value`; these names are taken by the pages themselves.
RESERVED_IDS = frozenset({"go", "track", "csrfmiddlewaretoken"})
# The answers to every item travel in one page address, so the quiz stays short.
MAX_ITEMS = 30


def _slugs_in(folder: Path, *, dirs: bool) -> set[str]:
    if not folder.is_dir():
        return set()
    if dirs:
        return {m.group(2) for p in folder.iterdir() if p.is_dir() and (m := NUMBERED.match(p.name))}
    return {p.stem for p in folder.glob("*.yaml")}


def _known_targets(root: Path) -> dict[str, tuple[set[str], str]]:
    """The module, method and recording slugs in the same content folder, with where each lives."""
    courses = root / "courses"
    modules = set()
    if courses.is_dir():
        for course in courses.iterdir():
            modules |= _slugs_in(course, dirs=True)
    return {
        "modules": (modules, "a module folder like content/courses/<course>/01-{slug}"),
        "methods": (_slugs_in(root / "methods", dirs=False), "content/methods/{slug}.yaml"),
        "recordings": (_slugs_in(root / "recordings", dirs=False), "content/recordings/{slug}.yaml"),
    }


def _load_skill(skill: Fields, known: dict, seen: dict) -> dict:
    skill.only(*SKILL_KEYS)
    slug = skill.slug("id")
    if slug in seen:
        skill.problem("id", f"skill id '{slug}' is used twice (also on line {seen[slug]})")
    elif slug:
        seen[slug] = skill.line("id")
    spec = {"slug": slug, "name": skill.text("name"), "description": skill.text("description")}
    for key in ("modules", "methods", "recordings"):
        slugs = skill.text_list(key, required=key == "modules", item_check=SLUG.match)
        available, where = known[key]
        for target in slugs:
            if SLUG.match(target) and target not in available:
                kind = key.removesuffix("s")
                skill.problem(
                    key, f"unknown {kind} '{target}' in '{skill.name(key)}' — no {where.format(slug=target)}"
                )
        if len(set(slugs)) != len(slugs):
            skill.problem(key, f"'{skill.name(key)}' names the same {key.removesuffix('s')} twice")
        spec[key] = slugs
    return spec


def _load_item(item: Fields, skills: set[str], seen: dict) -> dict:
    item.only(*ITEM_KEYS)
    slug = item.slug("id")
    if slug in RESERVED_IDS:
        item.problem("id", f"item id '{slug}' is taken by the pages; choose another")
    elif slug in seen:
        item.problem("id", f"item id '{slug}' is used twice (also on line {seen[slug]})")
    elif slug:
        seen[slug] = item.line("id")
    skill = item.text("skill")
    if skill and skill not in skills:
        item.problem("skill", f"unknown skill '{skill}' — expected one of: {', '.join(sorted(skills))}")
    kind = item.choice("kind", ItemKind.values, default=ItemKind.RATING)
    spec = {"slug": slug, "skill": skill, "kind": kind, "text": "", "options": []}
    if kind == ItemKind.RATING:
        for key in ("prompt", "options"):
            if key in item.data:
                item.problem(
                    key, f"'{item.name(key)}' is only for situation items; a rating has a 'statement'"
                )
        spec["text"] = item.text("statement")
        return spec
    if "statement" in item.data:
        item.problem(
            "statement", f"'{item.name('statement')}' is only for rating items; a situation has a 'prompt'"
        )
    spec["text"] = item.text("prompt")
    options = item.mappings("options")
    if options and len(options) < 2:
        item.problem("options", f"'{item.name('options')}' needs at least two options")
    for option in options:
        option.only(*OPTION_KEYS)
        spec["options"].append(
            {
                "text": option.text("text"),
                "points": option.integer("points", minimum=0, maximum=MAX_POINTS),
                "feedback": option.text("feedback"),
            }
        )
    if options and not any(o["points"] for o in spec["options"]):
        item.problem("options", f"'{item.name('options')}': at least one option must give points")
    return spec


def load_assessment(reader: Reader, root: Path) -> dict | None:
    path = root / FILE
    if not path.exists():
        return None
    fields = reader.read_mapping(path)
    if fields is None:
        return None
    fields.only(*KEYS)
    spec = {"title": fields.text("title"), "intro": fields.text("intro")}
    scale = fields.text_list("rating_scale")
    if scale and len(scale) != SCALE_STEPS:
        fields.problem(
            "rating_scale",
            f"'rating_scale' needs exactly {SCALE_STEPS} labels (scored 0 to 3), not {len(scale)}",
        )
    spec["rating_scale"] = scale
    known = _known_targets(root)
    seen_skills: dict[str, int] = {}
    skill_fields = fields.mappings("skills")
    spec["skills"] = [_load_skill(skill, known, seen_skills) for skill in skill_fields]
    seen_items: dict[str, int] = {}
    item_fields = fields.mappings("items")
    spec["items"] = [_load_item(item, set(seen_skills), seen_items) for item in item_fields]
    if len(item_fields) > MAX_ITEMS:
        fields.problem("items", f"'items' has {len(item_fields)} items; keep it to {MAX_ITEMS} at most")
    asked = {item["skill"] for item in spec["items"]}
    for skill, where in zip(spec["skills"], skill_fields, strict=True):
        if skill["slug"] and skill["slug"] not in asked:
            where.problem("id", f"skill '{skill['slug']}' has no items; add at least one")
    return spec


def _upsert(model, slug, values, changes, label):
    row = model.objects.filter(slug=slug).first()
    if row is None:
        row = model.objects.create(slug=slug, **values)
        changes.append(f"added {label} {slug}")
    elif changed := [k for k, v in values.items() if getattr(row, k) != v]:
        model.objects.filter(pk=row.pk).update(**values)
        changes.append(f"updated {label} {slug} ({', '.join(changed)})")
    return row


@transaction.atomic
def apply_assessment(spec: dict | None) -> list[str]:
    if spec is None:
        return []
    changes = []
    values = {"title": spec["title"], "intro": spec["intro"], "rating_scale": spec["rating_scale"]}
    assessment = Assessment.objects.first()
    if assessment is None:
        Assessment.objects.create(**values)
        changes.append("added the self-assessment")
    elif changed := [k for k, v in values.items() if getattr(assessment, k) != v]:
        Assessment.objects.filter(pk=assessment.pk).update(**values)
        changes.append(f"updated the self-assessment ({', '.join(changed)})")
    skill_ids = {}
    for position, skill in enumerate(spec["skills"], start=1):
        values = {k: v for k, v in skill.items() if k != "slug"} | {"position": position}
        skill_ids[skill["slug"]] = _upsert(Skill, skill["slug"], values, changes, "skill").pk
    kept_items = []
    for position, item in enumerate(spec["items"], start=1):
        values = {k: v for k, v in item.items() if k not in ("slug", "skill")}
        values |= {"position": position, "skill_id": skill_ids[item["skill"]]}
        kept_items.append(_upsert(Item, item["slug"], values, changes, "skill-assessment item").pk)
    # Items first: one that moved to another skill must not go with its old skill.
    for gone in Item.objects.exclude(pk__in=kept_items):
        gone.delete()
        changes.append(f"removed skill-assessment item {gone.slug}")
    for gone in Skill.objects.exclude(pk__in=skill_ids.values()):
        gone.delete()
        changes.append(f"removed skill {gone.slug}")
    return changes


def assessment_to_file(assessment: Assessment) -> dict:
    data = {"title": assessment.title, "intro": assessment.intro, "rating_scale": assessment.rating_scale}
    data["skills"] = [
        {
            "id": skill.slug,
            "name": skill.name,
            "description": skill.description,
            "modules": skill.modules,
            "methods": skill.methods,
            "recordings": skill.recordings,
        }
        for skill in Skill.objects.order_by("position")
    ]
    data["items"] = []
    for item in Item.objects.select_related("skill").order_by("position"):
        entry = {"id": item.slug, "skill": item.skill.slug, "kind": item.kind}
        if item.kind == ItemKind.RATING:
            entry["statement"] = item.text
        else:
            entry["prompt"] = item.text
            entry["options"] = [{k: option[k] for k in OPTION_KEYS} for option in item.options]
        data["items"].append(entry)
    return data


def export_assessment(root: Path) -> list[Path]:
    assessment = Assessment.objects.first()
    if assessment is None:
        return []
    path = root / FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(dump_yaml(assessment_to_file(assessment)), encoding="utf-8")
    return [path]
