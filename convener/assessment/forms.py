"""Answers as they travel between pages (in the address or hidden fields), and the one-question form."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.text import get_text_list
from django.utils.translation import gettext_lazy as _

from convener.recordings.models import Track

from .definition import Definition, ItemDef

# `go=next` marks a question's form as sent (as opposed to a visit to the question).
GO_NEXT = "next"
# The form field Django's CSRF check reads: sent with posted answers, never an answer itself.
CSRF_FIELD = "csrfmiddlewaretoken"
SHOWN_UNKNOWN = 5


def _choices(definition: Definition, item: ItemDef) -> list[tuple[str, str]]:
    return [(str(value), label) for value, label in enumerate(item.labels(definition.scale))]


def track_field() -> forms.ChoiceField:
    return forms.ChoiceField(
        label=_("Your kind of library"),
        choices=[("", _("Any kind of library"))] + [c for c in Track.choices if c[0] != Track.ALL],
        required=False,
        help_text=_("Recordings made for your kind of library come first."),
        error_messages={"invalid_choice": _("“%(value)s” is not a kind of library we know.")},
    )


def go_field() -> forms.ChoiceField:
    return forms.ChoiceField(
        label=_("Next step"),
        choices=[(GO_NEXT, GO_NEXT)],
        required=False,
        error_messages={"invalid_choice": _("“%(value)s” is not a step we know.")},
    )


class TrackForm(forms.Form):
    """The kind of library whose recordings come first, on a result page."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["track"] = track_field()


class AnswersForm(forms.Form):
    """Every answer carried so far: `item-id=value`. Unknown names and repeated names are errors."""

    def __init__(self, definition: Definition, data, *, require_all=False, page_fields=None, ignore=()):
        super().__init__(data)
        self.definition = definition
        self.ignore = set(ignore)
        for item in definition.items:
            self.fields[item.slug] = forms.TypedChoiceField(
                label=_("Question %(number)s") % {"number": item.number},
                choices=_choices(definition, item),
                coerce=int,
                required=require_all,
                empty_value=None,
                error_messages={
                    "invalid_choice": _("“%(value)s” is not one of the answers to this question."),
                    "required": _("This question has no answer yet."),
                },
            )
        self.page_fields = dict(page_fields or {})
        self.fields.update(self.page_fields)

    def clean(self):
        names = list(self.data.keys())
        unknown = [name for name in names if name not in self.fields and name not in self.ignore]
        if unknown:
            shown = [f"“{name[:40]}”" for name in unknown[:SHOWN_UNKNOWN]]
            if len(unknown) > SHOWN_UNKNOWN:
                shown.append(_("%(count)s more") % {"count": len(unknown) - SHOWN_UNKNOWN})
            raise ValidationError(
                _("This self-assessment has no question called %(names)s."),
                params={"names": get_text_list(shown, _("or"))},
                code="unknown",
            )
        getlist = getattr(self.data, "getlist", None)
        repeated = [name for name in self.fields if getlist and len(getlist(name)) > 1]
        if repeated:
            raise ValidationError(
                _("The address answers %(names)s more than once."),
                params={"names": get_text_list([str(self.fields[n].label) for n in repeated], _("and"))},
                code="repeated",
            )
        return super().clean()

    @classmethod
    def for_question(cls, definition: Definition, data) -> "AnswersForm":
        """On a question page: the answers so far, any of them missing, and whether it was sent."""
        return cls(definition, data, page_fields={"go": go_field()})

    @classmethod
    def for_result(cls, definition: Definition, data) -> "AnswersForm":
        return cls(definition, data, require_all=True, page_fields={"track": track_field()})

    @classmethod
    def for_saving(cls, definition: Definition, data) -> "AnswersForm":
        return cls(definition, data, require_all=True, ignore={CSRF_FIELD})

    def answers(self) -> dict[str, int]:
        """The valid answers, in question order (a usable subset even when the form has errors)."""
        cleaned = getattr(self, "cleaned_data", {})
        return {
            item.slug: cleaned[item.slug]
            for item in self.definition.items
            if cleaned.get(item.slug) is not None
        }

    def only_missing(self) -> bool:
        """True when every problem is an unanswered question (nothing unknown, nothing out of range)."""
        return all(error.code == "required" for errors in self.errors.as_data().values() for error in errors)


class QuestionForm(forms.Form):
    """One question as a radio group: keyboard users Tab into it and choose with the arrow keys."""

    def __init__(self, definition: Definition, item: ItemDef, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.item = item
        self.fields[item.slug] = forms.TypedChoiceField(
            label=item.text,
            choices=_choices(definition, item),
            coerce=int,
            widget=forms.RadioSelect,
            help_text=_("How well does this describe you today?")
            if item.is_rating
            else _("Choose what you would do first."),
            error_messages={"required": _("Choose an answer.")},
        )

    @property
    def field(self):
        return self[self.item.slug]
