"""What the course catalog adds to site search: published courses and their current lessons."""

from convener.lib.markdown import plain_text
from convener.search.index import Document, replace

from .models import Course, Lesson


def _lesson_text(lesson: Lesson) -> str:
    parts = [plain_text(lesson.body)]
    for question in lesson.questions:
        parts.append(question["prompt"])
    for step in lesson.data.get("scenario", {}).get("steps", []):
        parts.append(step["situation"])
    for field in lesson.fields:
        parts.append(field["label"])
    return "\n".join(parts)


def reindex_courses() -> None:
    courses = Course.objects.published()
    replace(
        "course",
        [
            Document(c.slug, c.title, c.get_absolute_url(), "\n".join([c.summary, *c.outcomes]))
            for c in courses
        ],
    )
    lessons = Lesson.objects.current().filter(module__course__in=courses).select_related("module__course")
    replace(
        "lesson",
        [
            Document(
                f"{lesson.module.course.slug}/{lesson.module.slug}/{lesson.slug}",
                f"{lesson.title} — {lesson.module.title}",
                lesson.get_absolute_url(),
                _lesson_text(lesson),
            )
            for lesson in lessons
        ],
    )
