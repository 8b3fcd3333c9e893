"""A course's structure and lessons, read once per content change and shared by every lesson page.

Every lesson page needs the lesson and the course's current lessons in order (to find its neighbours
and its module's list). Reading and shaping that on each request cost more than the rest of the page,
so each process keeps it keyed by the course's `updated_at`. Saving or deleting a module
or lesson touches that stamp (see `touch_course` below), so a change made by the importer, the admin
or another server shows up on the next request everywhere, with nothing to invalidate.
"""

import copy
import threading
from collections import OrderedDict
from dataclasses import dataclass, field

from django.urls import reverse
from django.utils import timezone

from .models import Course, Lesson, Module

# An outline holds its lessons' HTML (about 100 KB for the bundled course); this bounds memory per process.
MEMO_SIZE = 32


@dataclass(frozen=True)
class Entry:
    """One current lesson as the outline and pager show it."""

    pk: int
    title: str
    module_id: int
    url: str
    counts_for_completion: bool


@dataclass(frozen=True)
class Outline:
    lessons: tuple[Entry, ...]
    by_path: dict = field(repr=False)  # (module slug, lesson slug) -> index in lessons
    # Shared between threads: never handed out, only copied (see `lesson`).
    _lessons: dict = field(repr=False)  # lesson id -> Lesson with its module

    @property
    def lesson_ids(self) -> set[int]:
        return {entry.pk for entry in self.lessons}

    @property
    def counted_ids(self) -> set[int]:
        return {entry.pk for entry in self.lessons if entry.counts_for_completion}

    def find(self, module_slug: str, lesson_slug: str) -> int | None:
        return self.by_path.get((module_slug, lesson_slug))

    def lesson(self, index: int, course: Course) -> Lesson:
        """A copy of the lesson at `index` for one request, with its module and course attached.

        The copy is shallow: its `data` and HTML are the outline's own, so pages only read them.
        """
        lesson = copy.copy(self._lessons[self.lessons[index].pk])
        lesson.module = copy.copy(lesson.module)
        lesson.module.course = course
        return lesson

    def in_module(self, module_id: int) -> list[Entry]:
        return [entry for entry in self.lessons if entry.module_id == module_id]

    def neighbours(self, index: int) -> tuple[Entry | None, Entry | None]:
        previous = self.lessons[index - 1] if index > 0 else None
        following = self.lessons[index + 1] if index + 1 < len(self.lessons) else None
        return previous, following


_memo: OrderedDict = OrderedDict()
_memo_lock = threading.Lock()


def outline_for(course: Course) -> Outline:
    key = (course.pk, course.updated_at)
    with _memo_lock:
        outline = _memo.get(key)
        if outline is not None:
            _memo.move_to_end(key)
            return outline
    outline = _build(course)
    with _memo_lock:
        _memo[key] = outline
        while len(_memo) > MEMO_SIZE:
            _memo.popitem(last=False)
    return outline


def _build(course: Course) -> Outline:
    # The Markdown source is only for export; pages show the HTML made from it at import.
    lessons = list(
        Lesson.objects.current()
        .filter(module__course=course)
        .select_related("module")
        .defer("body")
        .order_by("module__position", "position")
    )
    entries = tuple(
        Entry(
            lesson.pk,
            lesson.title,
            lesson.module_id,
            reverse("courses:lesson", args=[course.slug, lesson.module.slug, lesson.slug]),
            lesson.counts_for_completion,
        )
        for lesson in lessons
    )
    by_path = {(lesson.module.slug, lesson.slug): i for i, lesson in enumerate(lessons)}
    return Outline(entries, by_path, {lesson.pk: lesson for lesson in lessons})


def touch_course(sender, instance, **kwargs) -> None:
    """Connected to saves and deletes of modules and lessons: every process then rebuilds the outline."""
    if isinstance(instance, Module):
        courses = Course.objects.filter(pk=instance.course_id)
    else:
        courses = Course.objects.filter(modules__pk=instance.module_id)
    courses.update(updated_at=timezone.now())
