"""Forms for planning, the agenda, the team and the harvest."""

import uuid
from datetime import datetime

from django import forms
from django.utils.translation import gettext_lazy as _

from convener.accounts.forms import time_zone_choices
from convener.accounts.models import User
from convener.methods.models import Method, Stream

from .models import AccessNeed, ActionItem, ActionStatus, Conversation, Role, Theme

MAX_MINUTES = 600


def minutes_field(label=None, **kwargs):
    return forms.IntegerField(
        label=label or _("Minutes"),
        min_value=1,
        max_value=MAX_MINUTES,
        error_messages={
            "required": _("Enter a number of minutes."),
            "min_value": _("Use at least 1 minute."),
            "max_value": _("Use at most 600 minutes."),
        },
        **kwargs,
    )


# Starting a conversation -----------------------------------------------------------------------


class FromMethodForm(forms.Form):
    method = forms.ModelChoiceField(
        label=_("Method"),
        queryset=Method.objects.all(),
        to_field_name="slug",
        empty_label=_("Choose a method"),
        error_messages={
            "required": _("Choose a method."),
            "invalid_choice": _("Choose a method from the list."),
        },
    )
    title = forms.CharField(
        label=_("Title"),
        max_length=200,
        required=False,
        help_text=_("Optional. You can change it later; without one, the method's name is used."),
    )


class FromPlanForm(forms.Form):
    course = forms.ModelChoiceField(
        label=_("Course"),
        queryset=None,
        to_field_name="slug",
        empty_label=None,
        error_messages={
            "required": _("Choose a course."),
            "invalid_choice": _("Choose a course from the list."),
        },
        help_text=_("Your worksheet answers in this course fill in the plan."),
    )

    def __init__(self, courses, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["course"].queryset = courses


class BlankForm(forms.Form):
    title = forms.CharField(
        label=_("Title"),
        max_length=200,
        error_messages={"required": _("Give your conversation a working title.")},
        help_text=_("A working title. You can change it later."),
    )


# The plan --------------------------------------------------------------------------------------


def lines_to_list(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


class ConversationForm(forms.ModelForm):
    """Every field of the plan; the date, time and zone become one moment stored in UTC."""

    goal = forms.ChoiceField(
        label=_("Goal (the engagement stream)"),
        choices=[("", _("Not decided yet")), *Stream.choices],
        required=False,
    )
    access_needs = forms.MultipleChoiceField(
        label=_("Access needs to arrange"),
        choices=AccessNeed.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    date = forms.DateField(
        label=_("Date"), required=False, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    start_time = forms.TimeField(
        label=_("Start time"), required=False, widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
    )
    time_zone = forms.ChoiceField(label=_("Time zone"), required=False)
    online_link = forms.URLField(
        label=_("Online link"),
        required=False,
        max_length=200,
        assume_scheme="https",
        help_text=_("For online or hybrid conversations. Shown on the handout and the invitation."),
    )
    minutes_available = minutes_field(
        _("Time available (minutes)"), help_text=_("The agenda warns you when it runs longer.")
    )
    agreements_text = forms.CharField(
        label=_("Agreements (ground rules)"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("One per line. You will read them aloud and ask the group to agree."),
    )

    class Meta:
        model = Conversation
        fields = [
            "title",
            "topic",
            "method",
            "goal",
            "framing_questions",
            "partners",
            "audience",
            "recruitment",
            "access_needs",
            "access_notes",
            "minutes_available",
            "venue",
            "online_link",
            "dial_in",
            "opening",
            "follow_up_plan",
            "logistics_notes",
            "uses_tables",
        ]
        widgets = {
            "framing_questions": forms.Textarea(attrs={"rows": 3}),
            "partners": forms.Textarea(attrs={"rows": 3}),
            "audience": forms.Textarea(attrs={"rows": 3}),
            "recruitment": forms.Textarea(attrs={"rows": 3}),
            "access_notes": forms.Textarea(attrs={"rows": 2}),
            "opening": forms.Textarea(attrs={"rows": 4}),
            "follow_up_plan": forms.Textarea(attrs={"rows": 3}),
            "logistics_notes": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "framing_questions": _("One per line. The first is the main question people are invited to."),
            "dial_in": _("A phone number and access code, for people who join by phone."),
            "uses_tables": _("Notes then have a table field, for methods like World Café."),
            "logistics_notes": _("Only the team sees these."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        instance = self.instance
        self.fields["method"].empty_label = _("No method")
        self.fields["method"].required = False
        self.fields["time_zone"].choices = time_zone_choices()
        self.fields["time_zone"].help_text = _(
            "Where the conversation happens. Times are shown in this zone."
        )
        for key, label in Role.choices:
            self.fields[f"role_{key}"] = forms.CharField(
                label=label, max_length=100, required=False, initial=instance.roles.get(key, "")
            )
        self.fields["agreements_text"].initial = "\n".join(instance.agreements)
        self.fields["time_zone"].initial = instance.time_zone
        if instance.starts_at:
            local = instance.local_start
            self.fields["date"].initial = local.date()
            self.fields["start_time"].initial = local.time().replace(second=0, microsecond=0)

    def role_fields(self):
        return [self[f"role_{key}"] for key, _label in Role.choices]

    def clean(self):
        data = super().clean()
        date, start = data.get("date"), data.get("start_time")
        if date and not start:
            self.add_error("start_time", _("Add a start time, or clear the date."))
        elif start and not date:
            self.add_error("date", _("Add a date, or clear the start time."))
        return data

    def save(self, commit=True):
        conversation = super().save(commit=False)
        data = self.cleaned_data
        conversation.time_zone = data.get("time_zone", "")
        if data.get("date") and data.get("start_time"):
            conversation.starts_at = datetime.combine(
                data["date"], data["start_time"], tzinfo=conversation.zone
            )
        else:
            conversation.starts_at = None
        conversation.roles = {
            key: data[f"role_{key}"].strip()
            for key, _label in Role.choices
            if data.get(f"role_{key}", "").strip()
        }
        conversation.agreements = lines_to_list(data.get("agreements_text", ""))
        if commit:
            conversation.save()
        return conversation


# The agenda ------------------------------------------------------------------------------------


class AgendaItemForm(forms.Form):
    title = forms.CharField(
        label=_("Block title"), max_length=200, error_messages={"required": _("Give the block a title.")}
    )
    minutes = minutes_field()
    description = forms.CharField(
        label=_("What happens"), required=False, max_length=5000, widget=forms.Textarea(attrs={"rows": 3})
    )
    question = forms.CharField(
        label=_("Question for the group"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Optional. Shown large in the projector view during this block."),
    )


class MinutesForm(forms.Form):
    minutes = minutes_field()


class MoveForm(forms.Form):
    direction = forms.ChoiceField(choices=[("up", "up"), ("down", "down")])


# The team --------------------------------------------------------------------------------------


class InviteForm(forms.Form):
    email = forms.EmailField(
        label=_("Email address of their account"),
        help_text=_("They need a Convener account. They can then edit, run and harvest this conversation."),
        error_messages={
            "required": _("Enter an email address."),
            "invalid": _("Enter a whole email address."),
        },
    )

    def __init__(self, conversation, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.conversation = conversation

    def clean_email(self):
        email = self.cleaned_data["email"].strip().lower()
        person = User.objects.filter(email__iexact=email, is_active=True).first()
        if person is None:
            raise forms.ValidationError(
                _("No account uses this address. Ask them to sign up, then try again.")
            )
        if person.pk == self.conversation.owner_id:
            raise forms.ValidationError(_("This is the owner's own address."))
        if self.conversation.co_facilitators.filter(user=person).exists():
            raise forms.ValidationError(_("This person is already on the team."))
        self.person = person
        return email


# Harvest ---------------------------------------------------------------------------------------

RETURN_TO = [("notes", "notes"), ("run", "run")]


class NoteForm(forms.Form):
    agenda_item = forms.ModelChoiceField(
        label=_("Agenda block"), queryset=None, required=False, empty_label=_("Not tied to a block")
    )
    table = forms.CharField(
        label=_("Table"), max_length=100, required=False, help_text=_("A table number or name.")
    )
    text = forms.CharField(
        label=_("Note"),
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Write the note before saving.")},
    )
    themes = forms.ModelMultipleChoiceField(
        label=_("Themes"), queryset=None, required=False, widget=forms.CheckboxSelectMultiple
    )
    client_id = forms.UUIDField(widget=forms.HiddenInput, initial=uuid.uuid4)
    return_to = forms.ChoiceField(choices=RETURN_TO, widget=forms.HiddenInput, required=False)

    def __init__(self, conversation, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agenda_item"].queryset = conversation.agenda_items.all()
        self.fields["themes"].queryset = conversation.themes.all()
        if not conversation.uses_tables:
            del self.fields["table"]
        if not self.fields["themes"].queryset.exists():
            del self.fields["themes"]

    def note_fields(self) -> dict:
        data = self.cleaned_data
        fields = {
            "agenda_item": data.get("agenda_item"),
            "text": data["text"],
            "table": data.get("table", ""),
        }
        if "themes" in self.fields:
            fields["themes"] = list(data.get("themes") or [])
        return fields


class ThemeForm(forms.ModelForm):
    class Meta:
        model = Theme
        fields = ["name", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 2})}
        help_texts = {"name": _("A word or short phrase, such as “transport” or “trust in the council”.")}

    def __init__(self, conversation, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.conversation = conversation

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        if self.conversation.themes.filter(name__iexact=name).exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError(_("This theme is already on the list."))
        return name


class DecisionForm(forms.Form):
    text = forms.CharField(
        label=_("Decision"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": _("Write the decision before saving.")},
    )


class ActionItemForm(forms.ModelForm):
    class Meta:
        model = ActionItem
        fields = ["what", "who", "due_on", "status"]
        widgets = {"due_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}
        help_texts = {"who": _("A person, a group or a partner organization.")}
        error_messages = {"what": {"required": _("Say what will be done.")}}


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=ActionStatus.choices)


class HeldForm(forms.ModelForm):
    attendance = forms.IntegerField(
        label=_("How many people took part"),
        min_value=0,
        max_value=100000,
        help_text=_("A number only, no names. Reports count conversations held and people reached."),
        error_messages={"required": _("Enter how many people took part.")},
    )

    class Meta:
        model = Conversation
        fields = ["held_on", "attendance", "summary"]
        widgets = {
            "held_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "summary": forms.Textarea(attrs={"rows": 6}),
        }
        labels = {"held_on": _("Date it was held"), "summary": _("Summary for the follow-up report")}
        help_texts = {"summary": _("A few sentences for participants: what happened and what comes next.")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["held_on"].required = True
        self.fields["held_on"].error_messages["required"] = _("Enter the date it was held.")


class NoteAccessForm(forms.Form):
    reason = forms.CharField(
        label=_("Why do you need to read these notes?"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Your name, the time and this reason are kept in the audit log."),
        error_messages={"required": _("Give a reason. It is kept in the audit log.")},
    )
