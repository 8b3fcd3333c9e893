"""The method format (docs/content-format.md, "Methods"): one YAML file per method."""

from pathlib import Path

from django.db import transaction

from convener.lib import markdown
from convener.methods.models import Effort, Fit, Method, Participation, Stream

from .reader import SLUG, Fields, Reader
from .records import sync_by_slug
from .yamlfile import dump_yaml

KEYS = [
    "name",
    "summary",
    "description",
    "streams",
    "participation",
    "group_size",
    "meeting_minutes",
    "meetings",
    "settings",
    "polarized_topics",
    "preparation",
    "produces",
    "roles",
    "steps",
    "materials",
    "agreements",
    "fits_when",
    "not_a_fit",
    "accessibility",
    "sources",
    "related",
]
# Addresses under /methods/ that belong to pages, not to a method.
RESERVED_SLUGS = {"choose", "compare"}
LISTS = ["materials", "agreements", "fits_when", "not_a_fit", "accessibility", "sources"]


def _range(fields: Fields, key: str) -> tuple[int, int]:
    part = fields.mapping(key)
    if part is None:
        return 0, 0
    part.only("min", "max")
    low, high = part.integer("min", minimum=1), part.integer("max", minimum=1)
    if low and high and low > high:
        part.problem("max", f"'{key}.max' ({high}) is smaller than '{key}.min' ({low})")
    return low, high


def _choices(fields, key, enum):
    values = fields.text_list(key)
    for value in values:
        if value not in enum.values:
            fields.problem(key, f"unknown {key} '{value}' — expected one of: {', '.join(enum.values)}")
    return values


def load_method(reader: Reader, path: Path) -> dict | None:
    fields = reader.read_mapping(path)
    if fields is None:
        return None
    fields.only(*KEYS)
    method = {
        "slug": path.stem,
        "name": fields.text("name"),
        "summary": fields.text("summary"),
        "description": fields.text("description"),
    }
    for problem in markdown.problems(method["description"]):
        reader.problem(path, fields.line("description") + problem.line, problem.message)
    method["streams"] = _choices(fields, "streams", Stream)
    method["participation"] = _choices(fields, "participation", Participation)
    method["group_min"], method["group_max"] = _range(fields, "group_size")
    method["meeting_minutes_min"], method["meeting_minutes_max"] = _range(fields, "meeting_minutes")
    method["meetings_min"], method["meetings_max"] = _range(fields, "meetings")
    if (settings := fields.mapping("settings")) is not None:
        settings.only("in_person", "online", "phone")
        for key in ("in_person", "online", "phone"):
            method[key] = settings.choice(key, Fit.values, default=Fit.POOR)
    method["polarized_topics"] = fields.choice("polarized_topics", Fit.values, default=Fit.POOR)
    method["preparation"] = fields.choice("preparation", Effort.values, default=Effort.MEDIUM)
    if (produces := fields.mapping("produces")) is not None:
        produces.only("decision", "action", "summary")
        method["produces_decision"] = produces.boolean("decision", default=False)
        method["produces_action"] = produces.boolean("action", default=False)
        method["produces_summary"] = produces.text("summary")
    method["roles"] = []
    for role in fields.mappings("roles"):
        role.only("name", "does")
        method["roles"].append({"name": role.text("name"), "does": role.text("does")})
    method["steps"] = []
    for step in fields.mappings("steps"):
        step.only("title", "minutes", "description", "question")
        item = {
            "title": step.text("title"),
            "minutes": step.integer("minutes", minimum=1, maximum=1440),
            "description": step.text("description"),
        }
        if question := step.text("question", required=False):
            item["question"] = question
        method["steps"].append(item)
    for key in LISTS:
        method[key] = fields.text_list(key, required=key != "accessibility")
    method["related"] = {}
    if (related := fields.mapping("related", required=False)) is not None:
        related.only("modules", "recordings")
        method["related"] = {
            k: related.text_list(k, required=False, item_check=SLUG.match) for k in ("modules", "recordings")
        }
    return method


def load_methods(reader: Reader, root: Path) -> list[dict]:
    folder = root / "methods"
    if not folder.is_dir():
        return []
    methods = []
    for path in sorted(folder.glob("*.yaml")):
        if not SLUG.match(path.stem):
            reader.problem(path, None, "a method file's name must be a slug, like 'world-cafe.yaml'")
            continue
        if path.stem in RESERVED_SLUGS:
            reader.problem(
                path, None, f"'{path.stem}' is the address of a page; give the method another name"
            )
            continue
        if method := load_method(reader, path):
            methods.append(method)
    return methods


@transaction.atomic
def apply_methods(methods: list[dict]) -> list[str]:
    values = {
        spec["slug"]: {
            **{k: v for k, v in spec.items() if k != "slug"},
            "description_html": markdown.render(spec["description"]),
        }
        for spec in methods
    }
    return sync_by_slug(Method, values, "method")[0]


def method_to_file(method: Method) -> dict:
    data = {
        "name": method.name,
        "summary": method.summary,
        "description": method.description,
        "streams": method.streams,
        "participation": method.participation,
        "group_size": {"min": method.group_min, "max": method.group_max},
        "meeting_minutes": {"min": method.meeting_minutes_min, "max": method.meeting_minutes_max},
        "meetings": {"min": method.meetings_min, "max": method.meetings_max},
        "settings": {"in_person": method.in_person, "online": method.online, "phone": method.phone},
        "polarized_topics": method.polarized_topics,
        "preparation": method.preparation,
        "produces": {
            "decision": method.produces_decision,
            "action": method.produces_action,
            "summary": method.produces_summary,
        },
        "roles": method.roles,
        "steps": [
            {k: step[k] for k in ("title", "minutes", "description", "question") if k in step}
            for step in method.steps
        ],
    }
    data.update({key: getattr(method, key) for key in LISTS})
    if method.related:
        data["related"] = {k: method.related[k] for k in ("modules", "recordings") if k in method.related}
    return data


def export_methods(root: Path) -> list[Path]:
    folder = root / "methods"
    written = []
    for method in Method.objects.order_by("slug"):
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"{method.slug}.yaml"
        path.write_text(dump_yaml(method_to_file(method)), encoding="utf-8")
        written.append(path)
    return written
