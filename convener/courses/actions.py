"""Progress writes. Each is idempotent and safe when two tabs submit at once."""

from datetime import timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone

from .models import (
    ActivityAnswer,
    CheckAttempt,
    CourseCompletion,
    Enrollment,
    Lesson,
    LessonProgress,
    ModuleCompletion,
    WorksheetAnswer,
)
from .signals import course_completed


def _get_or_create(model, defaults=None, **lookup):
    """get_or_create that survives a concurrent insert of the same unique row."""
    try:
        with transaction.atomic():
            return model.objects.get_or_create(defaults=defaults, **lookup)
    except IntegrityError:
        return model.objects.get(**lookup), False


# A lesson page read again within this time writes nothing: page views must not queue for the write lock.
VISIT_REFRESH = timedelta(minutes=15)


def record_visit(user, lesson: Lesson) -> None:
    """Remember the lesson as the place to continue from; write only when that changed."""
    now = timezone.now()
    seen = (
        Enrollment.objects.filter(user=user, course_id=lesson.module.course_id)
        .values_list("last_lesson_id", "last_seen_at")
        .first()
    )
    if seen and seen[0] == lesson.pk and seen[1] and now - seen[1] < VISIT_REFRESH:
        return
    enrollment, _created = _get_or_create(Enrollment, user=user, course=lesson.module.course)
    Enrollment.objects.filter(pk=enrollment.pk).update(last_lesson=lesson, last_seen_at=now)


def complete_lesson(user, lesson: Lesson) -> None:
    """Mark the lesson complete (once), then the module and course if they are now complete."""
    with transaction.atomic():
        progress, _created = _get_or_create(LessonProgress, user=user, lesson=lesson)
        now = timezone.now()
        if not LessonProgress.objects.filter(pk=progress.pk, completed_at__isnull=True).update(
            completed_at=now
        ):
            return
        _complete_module_if_done(user, lesson.module, now)


def _complete_module_if_done(user, module, now) -> None:
    done = LessonProgress.objects.filter(user=user, lesson__module=module, completed_at__isnull=False)
    if module.lessons.counted().exclude(pk__in=done.values("lesson_id")).exists():
        return
    _completion, created = _get_or_create(
        ModuleCompletion, user=user, module=module, defaults={"completed_at": now}
    )
    if created:
        _complete_course_if_done(user, module.course, now)


def _complete_course_if_done(user, course, now) -> None:
    done = ModuleCompletion.objects.filter(user=user, module__course=course)
    if course.modules.current().exclude(pk__in=done.values("module_id")).exists():
        return
    completion, created = _get_or_create(
        CourseCompletion, user=user, course=course, defaults={"completed_at": now}
    )
    if created:
        transaction.on_commit(
            lambda: course_completed.send(
                sender=CourseCompletion, user=user, course=course, completion=completion
            )
        )


def save_activity_answer(user, lesson: Lesson, text: str) -> None:
    with transaction.atomic():
        answer, created = _get_or_create(ActivityAnswer, user=user, lesson=lesson, defaults={"text": text})
        if not created:
            ActivityAnswer.objects.filter(pk=answer.pk).update(text=text, updated_at=timezone.now())
        complete_lesson(user, lesson)


def save_worksheet(user, lesson: Lesson, answers: dict) -> None:
    with transaction.atomic():
        sheet, created = _get_or_create(
            WorksheetAnswer, user=user, lesson=lesson, defaults={"answers": answers}
        )
        if not created:
            WorksheetAnswer.objects.filter(pk=sheet.pk).update(answers=answers, updated_at=timezone.now())
        complete_lesson(user, lesson)


def score_check(lesson: Lesson, answers: dict[str, list[int]]) -> int:
    """Percent of questions whose chosen options are exactly the right ones."""
    questions = lesson.questions
    if not questions:
        return 0
    right = sum(
        1
        for q in questions
        if set(answers.get(q["id"], []))
        == {i for i, option in enumerate(q["options"]) if option.get("correct")}
    )
    return round(100 * right / len(questions))


def submit_check(user, lesson: Lesson, answers: dict[str, list[int]]) -> CheckAttempt:
    score = score_check(lesson, answers)
    with transaction.atomic():
        attempt = CheckAttempt.objects.create(
            user=user, lesson=lesson, answers=answers, score=score, passed=score >= lesson.pass_mark
        )
        if attempt.passed:
            complete_lesson(user, lesson)
    return attempt


def finish_scenario(user, lesson: Lesson) -> None:
    complete_lesson(user, lesson)
