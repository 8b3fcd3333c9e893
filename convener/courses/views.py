from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from convener.lib.pdf import render_pdf

from . import actions, progress
from .access import get_course_for_user, get_lesson_for_user, visible_courses
from .forms import ActivityForm, CheckForm, WorksheetForm
from .models import ActivityAnswer, CheckAttempt, Lesson, LessonKind, WorksheetAnswer


@require_GET
def catalog(request):
    courses = list(visible_courses(request.user).order_by("title"))
    for course in courses:
        course.my_progress = progress.course_progress(request.user, course)
    return render(request, "courses/catalog.html", {"courses": courses})


@require_GET
def course(request, course_slug):
    course = get_course_for_user(request.user, course_slug)
    modules = list(course.modules.current().prefetch_related("lessons"))
    lessons = [lesson for module in modules for lesson in module.lessons.all() if not lesson.retired]
    done = progress.completed_lesson_ids(request.user, course)
    done_modules = progress.completed_module_ids(request.user, course)
    related = _related_pages(modules)
    for module in modules:
        module.related_methods = [
            related["methods"][s] for s in module.related.get("methods", []) if s in related["methods"]
        ]
        module.related_recordings = [
            related["recordings"][s]
            for s in module.related.get("recordings", [])
            if s in related["recordings"]
        ]
        module.current_lessons = [lesson for lesson in module.lessons.all() if not lesson.retired]
        module.is_complete = module.pk in done_modules
        module.minutes = sum(lesson.minutes for lesson in module.current_lessons)
    context = {
        "course": course,
        "modules": modules,
        "done": done,
        "my_progress": progress.course_progress(request.user, course),
        "first_open": next((lesson for lesson in lessons if lesson.pk not in done), None),
    }
    return render(request, "courses/course.html", context)


def _related_pages(modules):
    """The methods and recordings the modules link to, fetched in one query each."""
    from convener.methods.models import Method
    from convener.recordings.models import Recording

    wanted = {
        kind: {slug for m in modules for slug in m.related.get(kind, [])}
        for kind in ("methods", "recordings")
    }
    return {
        "methods": {
            m.slug: m for m in Method.objects.filter(slug__in=wanted["methods"]).only("slug", "name")
        },
        "recordings": {
            r.slug: r for r in Recording.objects.filter(slug__in=wanted["recordings"]).only("slug", "title")
        },
    }


@require_GET
def my_learning(request):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    enrollments = list(
        request.user.enrollments.select_related("course", "last_lesson__module").order_by("-last_seen_at")
    )
    for enrollment in enrollments:
        enrollment.my_progress = progress.course_progress(request.user, enrollment.course)
    return render(request, "courses/my_learning.html", {"enrollments": enrollments})


@require_http_methods(["GET", "POST"])
def lesson(request, course_slug, module_slug, lesson_slug):
    lesson, outline = get_lesson_for_user(request.user, course_slug, module_slug, lesson_slug)
    if request.method == "POST":
        if not request.user.is_authenticated:
            return redirect_to_login(lesson.get_absolute_url())
        return SUBMIT[lesson.kind](request, lesson, outline)
    if request.user.is_authenticated:
        actions.record_visit(request.user, lesson)
    return render_lesson(request, lesson, outline)


def render_lesson(request, lesson, outline, form=None, status=200):
    context = _outline_context(request.user, lesson, outline)
    context.update(INTERACTION[lesson.kind](request, lesson, form))
    return render(request, "courses/lesson.html", context, status=status)


def _outline_context(user, lesson, outline):
    """Where this lesson sits: its module's lessons, previous and next, and what is done."""
    index = outline.find(lesson.module.slug, lesson.slug)
    in_module = outline.in_module(lesson.module_id)
    done = progress.completed_lesson_ids(user, lesson.module.course)
    previous_lesson, next_lesson = outline.neighbours(index)
    return {
        "course": lesson.module.course,
        "module": lesson.module,
        "lesson": lesson,
        "module_lessons": in_module,
        "position_in_module": next(i for i, entry in enumerate(in_module, 1) if entry.pk == lesson.pk),
        "previous_lesson": previous_lesson,
        "next_lesson": next_lesson,
        "done": done,
        "is_complete": lesson.pk in done,
        "module_done": sum(1 for entry in in_module if entry.pk in done),
    }


def _after_completion(request, lesson, message):
    messages.success(request, message)
    return redirect(lesson.get_absolute_url())


# What each kind of lesson shows under its text -----------------------------------------------


def _reading_interaction(request, lesson, form):
    return {}


def _activity_interaction(request, lesson, form):
    if form is None:
        answer = (
            ActivityAnswer.objects.filter(user=request.user, lesson=lesson).first()
            if request.user.is_authenticated
            else None
        )
        form = ActivityForm(lesson, initial={"text": answer.text} if answer else None)
    return {"form": form}


def _worksheet_interaction(request, lesson, form):
    if form is None:
        sheet = (
            WorksheetAnswer.objects.filter(user=request.user, lesson=lesson).first()
            if request.user.is_authenticated
            else None
        )
        form = WorksheetForm(lesson, initial=sheet.answers if sheet else None)
    return {"form": form}


def _check_interaction(request, lesson, form):
    attempt = None
    if request.user.is_authenticated and request.GET.get("attempt", "").isdigit():
        attempt = CheckAttempt.objects.filter(
            user=request.user, lesson=lesson, pk=request.GET["attempt"]
        ).first()
    if form is None:
        initial = None
        if attempt:
            chosen = {qid: [str(i) for i in picked] for qid, picked in attempt.answers.items()}
            initial = {
                q["id"]: chosen.get(q["id"], [])
                if q["kind"] == "multiple"
                else next(iter(chosen.get(q["id"], [])), None)
                for q in lesson.questions
            }
        form = CheckForm(lesson, initial=initial)
    return {
        "form": form,
        "attempt": attempt,
        "feedback": _check_feedback(lesson, attempt) if attempt else None,
        "best_score": progress.best_score(request.user, lesson),
    }


def _check_feedback(lesson, attempt):
    """For each question: whether it was right, and the feedback on each chosen option."""
    result = []
    for question in lesson.questions:
        chosen = attempt.answers.get(question["id"], [])
        right = {i for i, option in enumerate(question["options"]) if option.get("correct")}
        result.append(
            {
                "question": question,
                "right": set(chosen) == right,
                "chosen": [
                    question["options"][i] | {"index": i} for i in chosen if i < len(question["options"])
                ],
            }
        )
    return result


def _scenario_interaction(request, lesson, form):
    step_id = request.GET.get("step") or lesson.data["scenario"]["start"]
    step = lesson.scenario_step(step_id)
    if step is None:
        raise Http404("No such step")
    chosen = None
    if request.GET.get("chose", "").isdigit() and int(request.GET["chose"]) < len(step["choices"]):
        chosen = step["choices"][int(request.GET["chose"])]
    return {"step_id": step_id, "step": step, "chosen": chosen, "choices": list(enumerate(step["choices"]))}


INTERACTION = {
    LessonKind.READING: _reading_interaction,
    LessonKind.VIDEO: _reading_interaction,
    LessonKind.ACTIVITY: _activity_interaction,
    LessonKind.WORKSHEET: _worksheet_interaction,
    LessonKind.CHECK: _check_interaction,
    LessonKind.SCENARIO: _scenario_interaction,
}


# What each kind of lesson does with a submission ---------------------------------------------


def _mark_complete(request, lesson, outline):
    actions.complete_lesson(request.user, lesson)
    messages.success(request, _("Lesson complete."))
    _previous, following = outline.neighbours(outline.find(lesson.module.slug, lesson.slug))
    return redirect(following.url if following else lesson.module.course.get_absolute_url())


def _save_activity(request, lesson, outline):
    form = ActivityForm(lesson, request.POST)
    if not form.is_valid():
        return render_lesson(request, lesson, outline, form, status=400)
    actions.save_activity_answer(request.user, lesson, form.cleaned_data["text"])
    return _after_completion(request, lesson, _("Your answer is saved."))


def _save_worksheet(request, lesson, outline):
    form = WorksheetForm(lesson, request.POST)
    if not form.is_valid():
        return render_lesson(request, lesson, outline, form, status=400)
    actions.save_worksheet(request.user, lesson, form.cleaned_data)
    return _after_completion(request, lesson, _("Saved. Your conversation plan is up to date."))


def _submit_check(request, lesson, outline):
    form = CheckForm(lesson, request.POST)
    if not form.is_valid():
        return render_lesson(request, lesson, outline, form, status=400)
    attempt = actions.submit_check(request.user, lesson, form.answers())
    return redirect(f"{lesson.get_absolute_url()}?attempt={attempt.pk}#result")


def _finish_scenario(request, lesson, outline):
    actions.finish_scenario(request.user, lesson)
    return _after_completion(request, lesson, _("Scenario finished."))


SUBMIT = {
    LessonKind.READING: _mark_complete,
    LessonKind.VIDEO: _mark_complete,
    LessonKind.ACTIVITY: _save_activity,
    LessonKind.WORKSHEET: _save_worksheet,
    LessonKind.CHECK: _submit_check,
    LessonKind.SCENARIO: _finish_scenario,
}


def _plan_sections(user, course):
    """Each worksheet of the course with this learner's answer to each field."""
    sheets = list(
        Lesson.objects.current()
        .filter(module__course=course, kind=LessonKind.WORKSHEET)
        .select_related("module")
        .order_by("module__position", "position")
    )
    answers = {a.lesson_id: a.answers for a in WorksheetAnswer.objects.filter(user=user, lesson__in=sheets)}
    return [
        {
            "lesson": sheet,
            "items": [(field, answers.get(sheet.pk, {}).get(field["id"])) for field in sheet.fields],
        }
        for sheet in sheets
    ]


@login_required
@require_GET
def conversation_plan(request, course_slug):
    course = get_course_for_user(request.user, course_slug)
    sections = _plan_sections(request.user, course)
    return render(request, "courses/plan.html", {"course": course, "sections": sections})


@login_required
@require_GET
def conversation_plan_pdf(request, course_slug):
    course = get_course_for_user(request.user, course_slug)
    context = {"course": course, "sections": _plan_sections(request.user, course), "person": request.user}
    response = HttpResponse(render_pdf("courses/plan_pdf.html", context), content_type="application/pdf")
    response["Content-Disposition"] = 'attachment; filename="my-conversation-plan.pdf"'
    response["Cache-Control"] = "no-store"
    return response
