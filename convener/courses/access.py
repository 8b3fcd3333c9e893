"""Who may see what: every course and lesson lookup in a view goes through here."""

from django.http import Http404

from .models import Course, Lesson, Status
from .outline import Outline, outline_for


def visible_courses(user):
    """Published courses for everyone; drafts too for administrators, to preview them."""
    courses = Course.objects.all()
    return courses if user.is_staff else courses.filter(status=Status.PUBLISHED)


def get_course_for_user(user, slug: str) -> Course:
    course = visible_courses(user).filter(slug=slug).first()
    if course is None:
        raise Http404("No such course")
    return course


def get_lesson_for_user(user, course_slug: str, module_slug: str, lesson_slug: str) -> tuple[Lesson, Outline]:
    """The current lesson at these slugs in a course the user may see, and the course's outline."""
    course = get_course_for_user(user, course_slug)
    outline = outline_for(course)
    index = outline.find(module_slug, lesson_slug)
    if index is None:
        raise Http404("No such lesson")
    return outline.lesson(index, course), outline
