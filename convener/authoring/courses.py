"""The course format (docs/content-format.md): read and check files, apply them, write them back."""

from pathlib import Path

from django.db import transaction

from convener.courses.models import Course, Lesson, LessonKind, LessonProgress, Module, Status
from convener.lib import markdown, media

from .reader import SLUG, Fields, Reader, numbered_entries
from .yamlfile import dump_front_matter, dump_yaml

LESSON_KINDS = [k.value for k in LessonKind]
QUESTION_KINDS = ["single", "multiple", "truefalse"]
FIELD_KINDS = ["short", "long", "choice", "checklist"]
PLAN_KEYS = [
    "title",
    "topic",
    "goal",
    "framing_question",
    "partners",
    "audience",
    "recruitment",
    "access_needs",
    "venue",
    "date",
    "roles",
    "agreements",
    "method",
    "opening",
    "questions",
    "closing",
    "follow_up",
    "online_tools",
]
COMMON_LESSON_KEYS = ["title", "type", "minutes", "required"]
KIND_KEYS = {
    "reading": [],
    "video": ["video"],
    "activity": ["answer_label"],
    "scenario": ["scenario"],
    "check": ["pass_mark", "questions"],
    "worksheet": ["fields"],
}


# Reading -----------------------------------------------------------------------------------------


def load_courses(reader: Reader, root: Path) -> list[dict]:
    folder = root / "courses"
    if not folder.is_dir():
        return []
    courses = []
    for path in sorted(p for p in folder.iterdir() if p.is_dir() and not p.name.startswith(".")):
        if not SLUG.match(path.name):
            reader.problem(path, None, "a course folder's name must be a slug, like 'leading-conversations'")
            continue
        course = load_course(reader, path)
        if course:
            courses.append(course)
    return courses


def load_course(reader: Reader, folder: Path) -> dict | None:
    fields = reader.read_mapping(folder / "course.yaml") if (folder / "course.yaml").exists() else None
    if fields is None:
        if not (folder / "course.yaml").exists():
            reader.problem(folder, None, "course.yaml is missing")
        return None
    fields.only(
        "title",
        "summary",
        "audience",
        "estimated_hours",
        "language",
        "version",
        "licence",
        "status",
        "outcomes",
    )
    course = {
        "slug": folder.name,
        "dir": folder,
        "title": fields.text("title"),
        "summary": fields.text("summary"),
        "audience": fields.text("audience", required=False),
        "estimated_hours": fields.number("estimated_hours"),
        "language": fields.text("language", required=False, default="en"),
        "version": fields.integer("version", required=False, default=1, minimum=1),
        "licence": fields.text("licence", required=False),
        "status": fields.choice("status", [s.value for s in Status], required=False, default=Status.DRAFT),
        "outcomes": fields.text_list("outcomes", required=False),
        "modules": [],
    }
    for position, slug, path in numbered_entries(reader, folder, dirs=True):
        module = load_module(reader, path, position, slug)
        if module:
            course["modules"].append(module)
    if not course["modules"]:
        reader.problem(folder, None, "a course needs at least one module folder, like '01-getting-started'")
    return course


def load_module(reader: Reader, folder: Path, position: int, slug: str) -> dict | None:
    if not (folder / "module.yaml").exists():
        reader.problem(folder, None, "module.yaml is missing")
        return None
    fields = reader.read_mapping(folder / "module.yaml")
    if fields is None:
        return None
    fields.only("title", "summary", "objectives", "related")
    related = {}
    if (rel := fields.mapping("related", required=False)) is not None:
        rel.only("methods", "recordings")
        related = {
            "methods": rel.text_list("methods", required=False, item_check=SLUG.match),
            "recordings": rel.text_list("recordings", required=False, item_check=SLUG.match),
        }
    module = {
        "slug": slug,
        "position": position,
        "dir_name": folder.name,
        "title": fields.text("title"),
        "summary": fields.text("summary", required=False),
        "objectives": fields.text_list("objectives"),
        "related": related,
        "lessons": [],
    }
    for lesson_position, lesson_slug, path in numbered_entries(reader, folder, dirs=False, suffix=".md"):
        lesson = load_lesson(reader, path, lesson_position, lesson_slug)
        if lesson:
            module["lessons"].append(lesson)
    if not module["lessons"]:
        reader.problem(folder, None, "a module needs at least one lesson file, like '01-welcome.md'")
    return module


def load_lesson(reader: Reader, path: Path, position: int, slug: str) -> dict | None:
    parsed = reader.read_front_matter(path)
    if parsed is None:
        return None
    fields, body, body_line = parsed
    kind = fields.choice("type", LESSON_KINDS, default=None)
    if kind is None:
        return None
    fields.only(*COMMON_LESSON_KEYS, *KIND_KEYS[kind])
    for problem in markdown.problems(body):
        reader.problem(path, body_line + problem.line - 1, problem.message)
    for line, src in markdown.image_sources(body):
        if not (path.parent / src).is_file():
            reader.problem(path, body_line + line - 1, f"image file '{src}' does not exist")
    lesson = {
        "slug": slug,
        "position": position,
        "file_name": path.name,
        "title": fields.text("title"),
        "kind": kind,
        "minutes": fields.integer("minutes", minimum=1, maximum=600),
        "required": fields.boolean("required", default=True),
        "body": body,
        "data": {},
    }
    lesson["data"] = LESSON_DATA_READERS[kind](fields, path)
    return lesson


def _read_video(fields: Fields, path: Path) -> dict:
    video = fields.mapping("video")
    if video is None:
        return {}
    video.only("src", "captions", "transcript")
    data = {
        "src": video.text("src"),
        "captions": video.text("captions"),
        "transcript": video.text("transcript"),
    }
    if data["src"] and not data["src"].startswith("https://") and not (path.parent / data["src"]).is_file():
        video.problem(
            "src", f"video file '{data['src']}' does not exist (use a file beside the lesson or https://)"
        )
    if data["captions"]:
        captions = path.parent / data["captions"]
        if not captions.is_file():
            video.problem("captions", f"captions file '{data['captions']}' does not exist")
        elif not (fields.reader.read_text(captions) or "WEBVTT").startswith(("WEBVTT", "\ufeffWEBVTT")):
            video.problem("captions", f"'{data['captions']}' is not WebVTT: it must start with 'WEBVTT'")
    transcript_text = ""
    if data["transcript"]:
        transcript = path.parent / data["transcript"]
        if not transcript.is_file():
            video.problem("transcript", f"transcript file '{data['transcript']}' does not exist")
        else:
            transcript_text = fields.reader.read_text(transcript) or ""
    return {"video": data, "transcript_text": transcript_text}


def _read_activity(fields: Fields, path: Path) -> dict:
    label = fields.text("answer_label", required=False)
    return {"answer_label": label} if label else {}


def _read_scenario(fields: Fields, path: Path) -> dict:
    scenario = fields.mapping("scenario")
    if scenario is None:
        return {}
    scenario.only("start", "steps")
    start = scenario.slug("start")
    steps_fields = scenario.mapping("steps")
    steps = {}
    targets = []
    for step_id in list(steps_fields.data) if steps_fields else []:
        if not isinstance(step_id, str) or not SLUG.match(step_id):
            steps_fields.problem(step_id, f"step name '{step_id}' must be a slug")
            continue
        step = steps_fields.mapping(step_id)
        if step is None:
            continue
        step.only("situation", "choices")
        choices = []
        for choice in step.mappings("choices"):
            choice.only("text", "consequence", "feedback", "next")
            item = {
                "text": choice.text("text"),
                "consequence": choice.text("consequence"),
                "feedback": choice.text("feedback"),
                "next": choice.text("next"),
            }
            targets.append((choice, item["next"]))
            choices.append(item)
        steps[step_id] = {"id": step_id, "situation": step.text("situation"), "choices": choices}
    if start and steps and start not in steps:
        scenario.problem("start", f"start step '{start}' is not one of the steps: {', '.join(steps)}")
    for choice, target in targets:
        if target and target != "end" and target not in steps:
            choice.problem(
                "next", f"next step '{target}' does not exist — expected 'end' or one of: {', '.join(steps)}"
            )
    if steps and not any(target == "end" for _choice, target in targets):
        scenario.problem("steps", "no choice leads to 'end', so the scenario can never be finished")
    # A list, not a mapping: PostgreSQL's jsonb would reorder the steps by key.
    return {"scenario": {"start": start, "steps": list(steps.values())}}


def _read_check(fields: Fields, path: Path) -> dict:
    pass_mark = fields.integer("pass_mark", minimum=1, maximum=100)
    questions = []
    ids = set()
    for question in fields.mappings("questions"):
        question.only("id", "kind", "prompt", "options", "explanation")
        item = {
            "id": question.slug("id"),
            "kind": question.choice("kind", QUESTION_KINDS, default="single"),
            "prompt": question.text("prompt"),
            "options": [],
            "explanation": question.text("explanation"),
        }
        if item["id"] in ids:
            question.problem("id", f"question id '{item['id']}' is used twice in this check")
        ids.add(item["id"])
        for option in question.mappings("options"):
            option.only("text", "correct", "feedback")
            entry = {"text": option.text("text"), "feedback": option.text("feedback")}
            if option.boolean("correct", default=False):
                entry = {"text": entry["text"], "correct": True, "feedback": entry["feedback"]}
            item["options"].append(entry)
        _check_options(question, item)
        questions.append(item)
    return {"pass_mark": pass_mark, "questions": questions}


def _check_options(question: Fields, item: dict) -> None:
    options = item["options"]
    right = sum(1 for o in options if o.get("correct"))
    if not options:
        return
    if item["kind"] == "truefalse" and [o["text"] for o in options] != ["True", "False"]:
        question.problem("options", "a truefalse question has exactly two options: 'True' then 'False'")
    if len(options) < 2:
        question.problem("options", "a question needs at least two options")
    if item["kind"] in {"single", "truefalse"} and right != 1:
        question.problem(
            "options", f"a {item['kind']} question needs exactly one option marked 'correct: true'"
        )
    if item["kind"] == "multiple" and right < 1:
        question.problem("options", "a multiple question needs at least one option marked 'correct: true'")


def _read_worksheet(fields: Fields, path: Path) -> dict:
    items = []
    ids = set()
    for field in fields.mappings("fields"):
        field.only("id", "kind", "label", "help", "choices", "plan_key")
        item = {
            "id": field.slug("id"),
            "kind": field.choice("kind", FIELD_KINDS, default="short"),
            "label": field.text("label"),
        }
        if item["id"] in ids:
            field.problem("id", f"field id '{item['id']}' is used twice in this worksheet")
        ids.add(item["id"])
        if help_text := field.text("help", required=False):
            item["help"] = help_text
        if item["kind"] in {"choice", "checklist"}:
            item["choices"] = field.text_list("choices")
        elif "choices" in field.data:
            field.problem("choices", f"only choice and checklist fields have choices, not {item['kind']}")
        if plan_key := field.choice("plan_key", PLAN_KEYS, required=False):
            item["plan_key"] = plan_key
        items.append(item)
    return {"fields": items}


LESSON_DATA_READERS = {
    "reading": lambda fields, path: {},
    "video": _read_video,
    "activity": _read_activity,
    "scenario": _read_scenario,
    "check": _read_check,
    "worksheet": _read_worksheet,
}


# Applying ----------------------------------------------------------------------------------------


def render_body(lesson: Lesson) -> str:
    return markdown.render(lesson.body, image_url=lesson.media_url)


@transaction.atomic
def apply_courses(courses: list[dict]) -> list[str]:
    """Bring the database in line with the files; return a line per change."""
    changes = []
    for spec in courses:
        changes += _apply_course(spec)
    return changes


def _apply_course(spec: dict) -> list[str]:
    values = {
        k: spec[k]
        for k in (
            "title",
            "summary",
            "audience",
            "estimated_hours",
            "language",
            "version",
            "licence",
            "status",
            "outcomes",
        )
    }
    course, changes = _upsert(Course, {"slug": spec["slug"]}, values, f"course {spec['slug']}")
    kept_modules = []
    for module_spec in spec["modules"]:
        module_values = {k: module_spec[k] for k in ("position", "title", "summary", "objectives", "related")}
        module, module_changes = _upsert(
            Module,
            {"course": course, "slug": module_spec["slug"]},
            {**module_values, "retired": False},
            f"module {spec['slug']}/{module_spec['slug']}",
        )
        changes += module_changes
        kept_modules.append(module.pk)
        kept_lessons = []
        for lesson_spec in module_spec["lessons"]:
            lesson_values = {
                k: lesson_spec[k]
                for k in ("position", "title", "kind", "minutes", "required", "body", "data")
            }
            lesson_values["body_html"] = render_body(Lesson(module=module, **lesson_values))
            lesson, lesson_changes = _upsert(
                Lesson,
                {"module": module, "slug": lesson_spec["slug"]},
                {**lesson_values, "retired": False},
                f"lesson {spec['slug']}/{module_spec['slug']}/{lesson_spec['slug']}",
            )
            changes += lesson_changes
            kept_lessons.append(lesson.pk)
            _copy_media(spec["dir"] / module_spec["dir_name"], lesson)
        changes += _retire(module.lessons.exclude(pk__in=kept_lessons), "lesson")
    changes += _retire(course.modules.exclude(pk__in=kept_modules), "module")
    return changes


def _upsert(model, identity: dict, values: dict, label: str):
    obj = model.objects.filter(**identity).first()
    if obj is None:
        return model.objects.create(**identity, **values), [f"added {label}"]
    changed = [name for name, value in values.items() if getattr(obj, name) != value]
    if changed:
        for name in changed:
            setattr(obj, name, values[name])
        obj.save(update_fields=changed)
        return obj, [f"updated {label} ({', '.join(changed)})"]
    return obj, []


def _retire(queryset, label: str) -> list[str]:
    """Remove what left the files: retire it when learners have records on it, delete it otherwise."""
    changes = []
    for obj in queryset.filter(retired=False):
        lessons = [obj] if isinstance(obj, Lesson) else list(obj.lessons.all())
        if LessonProgress.objects.filter(lesson__in=lessons).exists():
            obj.retired = True
            obj.save(update_fields=["retired"])
            changes.append(f"retired {label} {obj.slug} (learners have progress on it)")
        else:
            obj.delete()
            changes.append(f"removed {label} {obj.slug}")
    return changes


def _local_media(lesson: Lesson) -> list[str]:
    """Files beside the lesson that it shows: images, and a self-hosted video with its captions."""
    sources = [src for _line, src in markdown.image_sources(lesson.body)]
    video = lesson.data.get("video", {})
    return sources + [
        video[k] for k in ("src", "captions") if video.get(k) and not video[k].startswith("https://")
    ]


def _copy_media(module_dir: Path, lesson: Lesson) -> None:
    """Copy the lesson's media into the media storage; files already there unchanged are left alone."""
    for src in _local_media(lesson):
        media.store(lesson.media_path(src), module_dir / src)


# Writing back ------------------------------------------------------------------------------------


def export_courses(root: Path) -> list[Path]:
    written = []
    for course in Course.objects.order_by("slug"):
        written += export_course(course, root / "courses" / course.slug)
    return written


def export_course(course: Course, folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    course_data = {
        "title": course.title,
        "summary": course.summary,
        "audience": course.audience,
        "estimated_hours": _number(course.estimated_hours),
        "language": course.language,
        "version": course.version,
        "licence": course.licence,
        "status": course.status,
        "outcomes": course.outcomes,
    }
    written = [_write(folder / "course.yaml", dump_yaml(_without_empty(course_data, keep={"outcomes"})))]
    modules = course.modules.current().prefetch_related("lessons")
    for module in modules:
        module_dir = folder / f"{module.position:02d}-{module.slug}"
        module_dir.mkdir(exist_ok=True)
        module_data = {
            "title": module.title,
            "summary": module.summary,
            "objectives": module.objectives,
            "related": in_key_order(module.related),
        }
        written.append(_write(module_dir / "module.yaml", dump_yaml(_without_empty(module_data))))
        for lesson in module.lessons.all():
            if lesson.retired:
                continue
            front = {"title": lesson.title, "type": lesson.kind, "minutes": lesson.minutes}
            if not lesson.required:
                front["required"] = False
            front.update(_lesson_data_for_file(lesson))
            path = module_dir / f"{lesson.position:02d}-{lesson.slug}.md"
            written.append(_write(path, dump_front_matter(front, lesson.body)))
            if lesson.kind == LessonKind.VIDEO and lesson.data.get("video", {}).get("transcript"):
                written.append(
                    _write(module_dir / lesson.data["video"]["transcript"], lesson.data["transcript_text"])
                )
            for src in _local_media(lesson):
                media.fetch(lesson.media_path(src), module_dir / src)
    return written


# The order keys are written in; PostgreSQL's jsonb does not keep the order they were read in.
KEY_ORDER = [
    "video",
    "src",
    "captions",
    "transcript",
    "answer_label",
    "scenario",
    "start",
    "steps",
    "pass_mark",
    "questions",
    "fields",
    "id",
    "kind",
    "situation",
    "label",
    "prompt",
    "help",
    "text",
    "correct",
    "consequence",
    "feedback",
    "next",
    "choices",
    "options",
    "explanation",
    "plan_key",
    "methods",
    "recordings",
]


def in_key_order(value):
    if isinstance(value, dict):
        return {
            k: in_key_order(value[k])
            for k in sorted(value, key=lambda k: (KEY_ORDER.index(k) if k in KEY_ORDER else 99, k))
        }
    if isinstance(value, list):
        return [in_key_order(item) for item in value]
    return value


def _lesson_data_for_file(lesson: Lesson) -> dict:
    data = in_key_order({k: v for k, v in lesson.data.items() if k != "transcript_text"})
    if "scenario" in data:
        # Steps are a list inside the database, a mapping by step name in the file, in the same order.
        steps = {
            step["id"]: {k: v for k, v in step.items() if k != "id"} for step in data["scenario"]["steps"]
        }
        data["scenario"] = {"start": data["scenario"]["start"], "steps": steps}
    return data


def _without_empty(data: dict, keep=frozenset()) -> dict:
    return {k: v for k, v in data.items() if k in keep or v not in ("", [], {}, None)}


def _number(value):
    return int(value) if value == int(value) else float(value)


def _write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path
