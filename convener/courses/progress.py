"""Read-side views of a learner's progress, each a fixed number of queries."""

from dataclasses import dataclass

from .models import CheckAttempt, CourseCompletion, Enrollment, LessonProgress, ModuleCompletion
from .outline import outline_for


def completed_lesson_ids(user, course) -> set[int]:
    """The course's current lessons this user has completed."""
    if not user.is_authenticated:
        return set()
    # All the user's completions, then this course's: a lookup on the (user, lesson) index, no joins.
    done = LessonProgress.objects.filter(user=user, completed_at__isnull=False).values_list(
        "lesson_id", flat=True
    )
    return outline_for(course).lesson_ids.intersection(done)


@dataclass
class CourseProgress:
    done: int
    total: int
    completed_at: object = None

    @property
    def percent(self):
        return round(100 * self.done / self.total) if self.total else 0


def course_progress(user, course) -> CourseProgress:
    """Counted lessons done out of all counted lessons, and the completion time if complete."""
    counted = outline_for(course).counted_ids
    done = counted & completed_lesson_ids(user, course)
    completion = None
    if user.is_authenticated:
        completion = CourseCompletion.objects.filter(user=user, course=course).values_list(
            "completed_at", flat=True
        )
        completion = completion.first()
    return CourseProgress(len(done), len(counted), completion)


def completed_module_ids(user, course) -> set[int]:
    if not user.is_authenticated:
        return set()
    return set(
        ModuleCompletion.objects.filter(user=user, module__course=course).values_list("module_id", flat=True)
    )


def best_score(user, lesson) -> int | None:
    if not user.is_authenticated:
        return None
    return (
        CheckAttempt.objects.filter(user=user, lesson=lesson)
        .order_by("-score")
        .values_list("score", flat=True)
        .first()
    )


def continue_point(user):
    """The enrollment seen most recently, with the lesson to continue from."""
    if not user.is_authenticated:
        return None
    return (
        Enrollment.objects.filter(user=user, last_lesson__isnull=False, last_lesson__retired=False)
        .select_related("course", "last_lesson__module")
        .order_by("-last_seen_at")
        .first()
    )
