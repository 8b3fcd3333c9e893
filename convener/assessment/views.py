from urllib.parse import urlencode

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from convener.recordings.models import TRACK_FOR_LIBRARY_TYPE

from . import actions, scoring
from .access import attempts_for_user, get_attempt_for_user, get_definition_or_404
from .catalog import catalog_for
from .chart import bar_chart
from .definition import Definition
from .forms import GO_NEXT, AnswersForm, QuestionForm, TrackForm


def _query(answers: dict, **extra) -> str:
    pairs = list(answers.items()) + [(k, v) for k, v in extra.items() if v]
    return urlencode(pairs)


def question_url(number: int, answers: dict) -> str:
    url = reverse("assessment:question", args=[number])
    return f"{url}?{_query(answers)}" if answers else url


def result_url(answers: dict, track: str = "") -> str:
    return f"{reverse('assessment:result')}?{_query(answers, track=track)}"


def _profile_track(user) -> str:
    return TRACK_FOR_LIBRARY_TYPE.get(getattr(user, "library_type", ""), "") if user.is_authenticated else ""


@require_GET
def index(request):
    definition = Definition.current()
    context = {
        "definition": definition,
        "attempt_count": attempts_for_user(request.user).count(),
    }
    return render(request, "assessment/index.html", context)


def bad_answers(request, definition: Definition, form: forms.Form):
    """A clear page for answers we cannot read (a cut or edited address): never a server error."""
    resume_url = None
    if isinstance(form, AnswersForm) and form.only_missing():
        answers = form.answers()
        if (resume := definition.first_unanswered(answers)) is not None:
            resume_url = question_url(resume.number, answers)
    return render(
        request, "assessment/bad_answers.html", {"form": form, "resume_url": resume_url}, status=400
    )


def render_question(request, definition, item, answers, form=None, status=200):
    form = form or QuestionForm(definition, item, initial={item.slug: answers.get(item.slug)})
    carried = [(slug, value) for slug, value in answers.items() if slug != item.slug]
    final = item.number == len(definition.items)
    context = {
        "definition": definition,
        "item": item,
        "form": form,
        "field": form.field,
        "carried": carried,
        "total": len(definition.items),
        "final": final,
        "save": final and request.user.is_authenticated,
        "previous_url": question_url(item.number - 1, answers) if item.number > 1 else None,
    }
    return render(request, "assessment/question.html", context, status=status)


@require_GET
def question(request, number):
    definition = get_definition_or_404()
    item = definition.item_at(number)
    if item is None:
        raise Http404("No such question")
    form = AnswersForm.for_question(definition, request.GET)
    if not form.is_valid():
        return bad_answers(request, definition, form)
    answers = form.answers()
    if form.cleaned_data["go"] == GO_NEXT:
        if item.slug not in answers:
            step = QuestionForm(definition, item, data={})
            return render_question(request, definition, item, answers, form=step, status=400)
        if number < len(definition.items):
            return redirect(question_url(number + 1, answers))
        missing = definition.first_unanswered(answers)
        return redirect(question_url(missing.number, answers) if missing else result_url(answers))
    earlier = definition.first_unanswered(answers)
    if earlier is not None and earlier.number < number:
        return redirect(question_url(earlier.number, answers))
    return render_question(request, definition, item, answers)


def _result_context(definition, answers, scores, track, previous=None):
    skills = scoring.profile(definition, scores, previous.scores if previous else None)
    return {
        "definition": definition,
        "skills": skills,
        "chart": bar_chart(skills),
        "recs": scoring.recommend(definition, skills, catalog_for(definition), track),
        "feedback": scoring.situation_feedback(definition, answers),
        "previous": previous,
        "gap_below": scoring.GAP_BELOW,
    }


@require_GET
def result(request):
    definition = get_definition_or_404()
    form = AnswersForm.for_result(definition, request.GET)
    if not form.is_valid():
        return bad_answers(request, definition, form)
    answers = form.answers()
    chosen = form.cleaned_data["track"] if "track" in request.GET else _profile_track(request.user)
    context = _result_context(definition, answers, scoring.score(definition, answers), chosen)
    context |= {"answers": answers, "track_form": TrackForm(initial={"track": chosen})}
    return render(request, "assessment/result.html", context)


@login_required
@require_POST
def save(request):
    definition = get_definition_or_404()
    form = AnswersForm.for_saving(definition, request.POST)
    if not form.is_valid():
        answers = form.answers()
        missing = definition.first_unanswered(answers)
        if missing is not None and form.only_missing():
            step = QuestionForm(definition, missing, data={})
            return render_question(request, definition, missing, answers, form=step, status=400)
        return bad_answers(request, definition, form)
    attempt = actions.record_attempt(request.user, definition, form.answers())
    messages.success(
        request,
        _("Your result is saved in My results. Take the self-assessment again later to see how you grow."),
    )
    return redirect(attempt)


@login_required
@require_GET
def mine(request):
    definition = Definition.current()
    attempts = list(attempts_for_user(request.user))
    for attempt in attempts:
        attempt.lowest = scoring.lowest(definition, attempt.scores) if definition else []
    return render(request, "assessment/mine.html", {"attempts": attempts, "definition": definition})


@login_required
@require_GET
def attempt(request, pk):
    attempt = get_attempt_for_user(request.user, pk)
    definition = get_definition_or_404()
    form = TrackForm(request.GET)
    if not form.is_valid():
        return bad_answers(request, definition, form)
    chosen = form.cleaned_data["track"] if "track" in request.GET else _profile_track(request.user)
    context = _result_context(definition, attempt.answers, attempt.scores, chosen, attempt.previous())
    context |= {"attempt": attempt, "track_form": TrackForm(initial={"track": chosen})}
    return render(request, "assessment/result.html", context)


@login_required
@require_POST
def delete(request, pk):
    attempt = get_attempt_for_user(request.user, pk)
    actions.delete_attempt(attempt)
    messages.success(request, _("That result is deleted."))
    return redirect("assessment:mine")
