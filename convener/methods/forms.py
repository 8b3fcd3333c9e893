"""GET forms of the method library: the list's filters, the comparison and the chooser."""

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from convener.accounts.models import LibraryType

from . import chooser
from .models import EFFORT_RANK, SETTINGS, Effort, Fit, Participation, Stream

ANY = [("", _("Any"))]


def number_box(mode="numeric"):
    """A text box for numbers: unlike type=number, it shows a mistyped value back so it can be fixed."""
    return forms.TextInput(attrs={"inputmode": mode, "autocomplete": "off", "class": "short"})


class MethodFilterForm(forms.Form):
    """Every filter is optional; a method must pass all of those given."""

    stream = forms.ChoiceField(label=_("Engagement stream"), choices=ANY + Stream.choices, required=False)
    participation = forms.ChoiceField(
        label=_("Participation level"), choices=ANY + Participation.choices, required=False
    )
    people = forms.IntegerField(
        widget=number_box(),
        label=_("Number of people"),
        min_value=1,
        max_value=100000,
        required=False,
        help_text=_("Methods that work for a group this size."),
        error_messages={"invalid": _("Enter the number of people as a whole number, like 30.")},
    )
    minutes = forms.IntegerField(
        widget=number_box(),
        label=_("Minutes per meeting"),
        min_value=1,
        max_value=1440,
        required=False,
        help_text=_("Methods whose meetings fit in this many minutes."),
        error_messages={"invalid": _("Enter the minutes as a whole number, like 90.")},
    )
    meetings = forms.ChoiceField(
        label=_("Number of meetings"),
        choices=[*ANY, ("one", _("Can be done in one meeting")), ("series", _("Runs over several meetings"))],
        required=False,
    )
    setting = forms.MultipleChoiceField(
        label=_("Can be held"),
        choices=list(SETTINGS.items()),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("Works well or is possible in every setting you tick."),
    )
    polarized = forms.ChoiceField(
        label=_("Polarized topics"),
        choices=[*ANY, ("good", _("Well suited")), ("possible", _("Well suited or possible"))],
        required=False,
    )
    preparation = forms.ChoiceField(
        label=_("Most preparation you can give"),
        choices=ANY + Effort.choices,
        required=False,
        help_text=_("Methods that need this much preparation or less."),
    )
    produces = forms.MultipleChoiceField(
        label=_("What it produces"),
        choices=[("decision", _("A group decision")), ("action", _("Action plans"))],
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    def is_filtering(self) -> bool:
        return self.is_bound and any(self.data.get(name) for name in self.fields)

    def filter(self, methods):
        """The methods that pass every valid filter (invalid ones are reported and ignored)."""
        data = getattr(self, "cleaned_data", {})
        checks = []
        if value := data.get("stream"):
            checks.append(lambda m: value in m.streams)
        if level := data.get("participation"):
            checks.append(lambda m: level in m.participation)
        if (people := data.get("people")) is not None:
            checks.append(lambda m: m.group_min <= people <= m.group_max)
        if (minutes := data.get("minutes")) is not None:
            checks.append(lambda m: m.meeting_minutes_min <= minutes)
        if (meetings := data.get("meetings")) == "one":
            checks.append(lambda m: m.meetings_min == 1)
        elif meetings == "series":
            checks.append(lambda m: m.meetings_max > 1)
        for setting in data.get("setting") or []:
            checks.append(lambda m, s=setting: m.fit_for(s) != Fit.POOR)
        if polarized := data.get("polarized"):
            allowed = {Fit.GOOD} if polarized == "good" else {Fit.GOOD, Fit.POSSIBLE}
            checks.append(lambda m: m.polarized_topics in allowed)
        if preparation := data.get("preparation"):
            checks.append(lambda m: EFFORT_RANK[m.preparation] <= EFFORT_RANK[preparation])
        produces = data.get("produces") or []
        if "decision" in produces:
            checks.append(lambda m: m.produces_decision)
        if "action" in produces:
            checks.append(lambda m: m.produces_action)
        return [m for m in methods if all(check(m) for check in checks)]


class CompareForm(forms.Form):
    m = forms.MultipleChoiceField(
        label=_("Methods to compare"),
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": _("Choose two or three methods to compare."),
            "invalid_choice": _("%(value)s is not a method in the library."),
        },
    )

    def __init__(self, methods, data=None, **kwargs):
        if data is not None:
            # An empty box ("?m=") is no choice at all, not an unknown method.
            data = data.copy()
            data.setlist("m", [value for value in data.getlist("m") if value])
        super().__init__(data, **kwargs)
        self.methods = {m.slug: m for m in methods}
        self.fields["m"].choices = [(m.slug, m.name) for m in methods]

    def clean_m(self):
        chosen = list(dict.fromkeys(self.cleaned_data["m"]))
        if len(chosen) < 2:
            raise forms.ValidationError(_("Choose at least two methods to compare; you chose one."))
        if len(chosen) > 3:
            raise forms.ValidationError(
                _("Choose no more than three methods to compare; you chose %(n)d."), params={"n": len(chosen)}
            )
        return chosen

    def chosen(self):
        return [self.methods[slug] for slug in self.cleaned_data["m"]]


PURPOSES = [
    (Stream.EXPLORATION, _("Explore a topic: learn, share views and find new ideas")),
    (Stream.CONFLICT, _("Work through a conflict or repair relationships between groups")),
    (Stream.DECISION, _("Weigh the choices on a public decision or policy")),
    (Stream.ACTION, _("Plan and act together on a shared problem")),
]


class ChooserForm(forms.Form):
    """The chooser's questions. Every answer lives in the query string, so results can be shared."""

    purpose = forms.ChoiceField(
        label=_("What is the conversation for?"),
        choices=PURPOSES,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose what the conversation is for.")},
    )
    people = forms.IntegerField(
        widget=number_box(),
        label=_("About how many people will take part?"),
        min_value=2,
        max_value=100000,
        error_messages={
            "required": _("Say about how many people will take part."),
            "invalid": _("Enter the number of people as a whole number, like 30."),
            "min_value": _("A conversation needs at least 2 people."),
            "max_value": _("Enter 100,000 people or fewer."),
        },
    )
    time = forms.ChoiceField(
        label=_("How much time do you have?"),
        choices=[("single", _("One meeting")), ("series", _("A series of meetings"))],
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose one meeting or a series of meetings.")},
    )
    hours = forms.DecimalField(
        widget=number_box("decimal"),
        label=_("How many hours can each meeting last?"),
        min_value=Decimal("0.25"),
        max_value=Decimal("12"),
        decimal_places=2,
        help_text=_("For example 1.5 for an hour and a half."),
        error_messages={
            "required": _("Say how many hours each meeting can last."),
            "invalid": _("Enter the hours as a number, like 2 or 1.5."),
            "min_value": _("A meeting needs at least a quarter of an hour (0.25)."),
            "max_value": _("Enter 12 hours or fewer; split a longer event into several meetings."),
            "max_decimal_places": _("Use no more than two decimal places, like 1.25."),
        },
    )
    meetings = forms.IntegerField(
        widget=number_box(),
        label=_("How many meetings in the series?"),
        min_value=2,
        max_value=60,
        required=False,
        help_text=_(
            "Only for a series. Count each half-day session of a multi-day event as one meeting: "
            "three days are about five meetings."
        ),
        error_messages={
            "invalid": _("Enter the number of meetings as a whole number, like 4."),
            "min_value": _("A series has at least 2 meetings; for one, choose “One meeting”."),
            "max_value": _("Enter 60 meetings or fewer."),
        },
    )
    divided = forms.ChoiceField(
        label=_("How divided are people on the topic?"),
        choices=[
            (chooser.LITTLE, _("Not much")),
            (chooser.SOMEWHAT, _("Somewhat")),
            (chooser.DEEPLY, _("Deeply")),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose how divided people are.")},
    )
    setting = forms.ChoiceField(
        label=_("Where will people meet?"),
        choices=list(SETTINGS.items()),
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose in person, online or by phone.")},
    )
    outcome = forms.ChoiceField(
        label=_("Must a decision or an action plan come out of it?"),
        choices=[
            (chooser.NONE, _("No: understanding each other is enough")),
            (chooser.DECISION, _("A decision")),
            (chooser.ACTION, _("An action plan, with people who carry it out")),
            (chooser.BOTH, _("Both a decision and an action plan")),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose what must come out of the conversation.")},
    )
    preparation = forms.ChoiceField(
        label=_("How much preparation can you give?"),
        choices=[
            (Effort.LOW, _("Low: a few hours, one host")),
            (Effort.MEDIUM, _("Medium: a few days of work and a small team")),
            (Effort.HIGH, _("High: weeks or months, partners, trained facilitators and a budget")),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose how much preparation you can give.")},
    )
    library = forms.ChoiceField(
        label=_("What kind of library are you?"),
        choices=[("", _("Prefer not to say")), *LibraryType.choices],
        required=False,
        help_text=_("Adds a point for methods featured in the recorded webinars for your kind of library."),
    )

    def clean(self):
        data = super().clean()
        if data.get("time") == "single":
            # The number of meetings only matters for a series: a stray value is not an error.
            self.errors.pop("meetings", None)
            data["meetings"] = None
        if data.get("time") == "series" and data.get("meetings") is None and "meetings" not in self.errors:
            self.add_error("meetings", _("Say how many meetings the series has."))
        return data

    def situation(self) -> chooser.Situation:
        data = self.cleaned_data
        return chooser.Situation(
            purpose=data["purpose"],
            people=data["people"],
            meeting_minutes=round(data["hours"] * 60),
            meetings=data["meetings"] if data["time"] == "series" else 1,
            divided=data["divided"],
            setting=data["setting"],
            outcome=data["outcome"],
            preparation=data["preparation"],
            library_type=data.get("library") or "",
        )
