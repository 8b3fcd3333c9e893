"""Forms built from a lesson's content: knowledge checks, worksheets and activity answers."""

from django import forms
from django.utils.translation import gettext_lazy as _


class CheckForm(forms.Form):
    """One field per question: radio buttons for single and true/false, check boxes for multiple."""

    def __init__(self, lesson, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.lesson = lesson
        for number, question in enumerate(lesson.questions, start=1):
            choices = [(str(i), option["text"]) for i, option in enumerate(question["options"])]
            label = f"{number}. {question['prompt']}"
            if question["kind"] == "multiple":
                self.fields[question["id"]] = forms.MultipleChoiceField(
                    label=label,
                    choices=choices,
                    widget=forms.CheckboxSelectMultiple,
                    help_text=_("Choose every answer that is right."),
                    error_messages={"required": _("Choose at least one answer.")},
                )
            else:
                self.fields[question["id"]] = forms.ChoiceField(
                    label=label,
                    choices=choices,
                    widget=forms.RadioSelect,
                    error_messages={"required": _("Choose an answer.")},
                )

    def answers(self) -> dict[str, list[int]]:
        result = {}
        for question in self.lesson.questions:
            value = self.cleaned_data[question["id"]]
            result[question["id"]] = sorted(int(v) for v in (value if isinstance(value, list) else [value]))
        return result


class WorksheetForm(forms.Form):
    """Every field is optional: learners save what they have and come back."""

    def __init__(self, lesson, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.lesson = lesson
        for item in lesson.fields:
            common = {"label": item["label"], "help_text": item.get("help", ""), "required": False}
            kind = item["kind"]
            if kind == "short":
                field = forms.CharField(max_length=500, **common)
            elif kind == "long":
                field = forms.CharField(max_length=5000, widget=forms.Textarea(attrs={"rows": 5}), **common)
            else:
                choices = [(c, c) for c in item["choices"]]
                field = (
                    forms.ChoiceField(choices=choices, widget=forms.RadioSelect, **common)
                    if kind == "choice"
                    else forms.MultipleChoiceField(
                        choices=choices, widget=forms.CheckboxSelectMultiple, **common
                    )
                )
            self.fields[item["id"]] = field


class ActivityForm(forms.Form):
    text = forms.CharField(
        label=_("Your answer"),
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Only you can see this. You can change it at any time."),
        error_messages={"required": _("Write your answer before saving.")},
    )

    def __init__(self, lesson, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if label := lesson.data.get("answer_label"):
            self.fields["text"].label = label
