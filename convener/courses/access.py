"""Who may see what: every course and lesson lookup in a view goes through here."""

from django.http import Http404

from .models import Course, Lesson, Status


def visible_courses(user):
    """Published courses for everyone; drafts too for administrators, to preview them."""
    courses = Course.objects.all()
    return courses if user.is_staff else courses.filter(status=Status.PUBLISHED)


def get_course_for_user(user, slug: str) -> Course:
    course = visible_courses(user).filter(slug=slug).first()
    if course is None:
        raise Http404("No such course")
    return course


def get_lesson_for_user(user, course_slug: str, module_slug: str, lesson_slug: str) -> Lesson:
    lesson = (
        Lesson.objects.current()
        .select_related("module__course")
        .filter(
            module__course__in=visible_courses(user),
            module__course__slug=course_slug,
            module__slug=module_slug,
            slug=lesson_slug,
        )
        .first()
    )
    if lesson is None:
        raise Http404("No such lesson")
    return lesson
