from urllib.parse import urlencode

from django.shortcuts import render
from django.views.decorators.http import require_GET

from . import chooser
from .access import get_method_for_user, modules_teaching, recordings_about, visible_methods
from .forms import ChooserForm, CompareForm, MethodFilterForm


@require_GET
def index(request):
    methods = list(visible_methods(request.user))
    form = MethodFilterForm(request.GET or None)
    valid = form.is_valid() if form.is_bound else True
    context = {
        "form": form,
        "methods": form.filter(methods) if form.is_bound else methods,
        "total": len(methods),
        "filtering": form.is_filtering(),
    }
    return render(request, "methods/index.html", context, status=200 if valid else 400)


@require_GET
def method(request, slug):
    found = get_method_for_user(request.user, slug)
    context = {
        "method": found,
        "modules": modules_teaching(request.user, found),
        "recordings": recordings_about(found),
    }
    return render(request, "methods/method.html", context)


@require_GET
def compare(request):
    methods = list(visible_methods(request.user))
    if "m" not in request.GET:
        return render(request, "methods/compare.html", {"form": CompareForm(methods), "chosen": []})
    form = CompareForm(methods, request.GET)
    if not form.is_valid():
        return render(request, "methods/compare.html", {"form": form, "chosen": []}, status=400)
    return render(request, "methods/compare.html", {"form": form, "chosen": form.chosen()})


@require_GET
def choose(request):
    asked = any(name in request.GET for name in ChooserForm.base_fields)
    form = ChooserForm(request.GET if asked else None, initial=_initial(request.user))
    context = {"form": form, "recommendation": None}
    if not asked:
        return render(request, "methods/choose.html", context)
    if not form.is_valid():
        return render(request, "methods/choose.html", context, status=400)
    situation = form.situation()
    featured, track = chooser.featured_methods(situation.library_type)
    recommendation = chooser.recommend(visible_methods(request.user), situation, featured, track)
    top = [r.method.slug for r in recommendation.ranked[:3]]
    context.update(
        recommendation=recommendation,
        situation=situation,
        compare_query=urlencode({"m": top}, doseq=True) if len(top) >= 2 else "",
    )
    return render(request, "methods/choose.html", context)


def _initial(user):
    """A blank chooser starts from common answers and the person's own library type, when known."""
    return {
        "time": "single",
        "divided": chooser.LITTLE,
        "setting": "in_person",
        "outcome": chooser.NONE,
        "library": getattr(user, "library_type", "") or "",
    }
