"""Conversations a team plans, runs and follows up: the plan, its agenda, and the harvest."""

import uuid
import zoneinfo

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from convener.methods.models import Method, Stream


class AccessNeed(models.TextChoices):
    CAPTIONS = "captions", _("Captions (CART)")
    SIGN_LANGUAGE = "sign_language", _("Sign language interpreter")
    LARGE_PRINT = "large_print", _("Large print")
    STEP_FREE = "step_free", _("Step-free venue")
    QUIET_ROOM = "quiet_room", _("Quiet room")
    DIAL_IN = "dial_in", _("Phone dial-in")


class Role(models.TextChoices):
    FACILITATOR = "facilitator", _("Facilitator")
    CO_FACILITATOR = "co_facilitator", _("Co-facilitator")
    NOTE_TAKER = "note_taker", _("Note-taker")
    TIMEKEEPER = "timekeeper", _("Timekeeper")
    GREETER = "greeter", _("Greeter")


class Source(models.TextChoices):
    METHOD = "method", _("A method")
    WORKSHEET = "worksheet", _("My conversation plan")
    SCRATCH = "scratch", _("Scratch")


class ConversationQuerySet(models.QuerySet):
    def for_team(self, user):
        """Conversations the person owns or co-facilitates."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(Q(owner=user) | Q(co_facilitators__user=user)).distinct()

    def held(self):
        return self.filter(held_on__isnull=False)


class Conversation(models.Model):
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="conversations"
    )
    title = models.CharField(_("title"), max_length=200)
    topic = models.CharField(_("topic"), max_length=500, blank=True)
    method = models.ForeignKey(
        Method, verbose_name=_("method"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    goal = models.CharField(_("goal"), max_length=30, choices=Stream.choices, blank=True)
    framing_questions = models.TextField(_("framing questions"), blank=True, help_text=_("One per line."))
    partners = models.TextField(_("partners"), blank=True)
    audience = models.TextField(_("audience"), blank=True)
    recruitment = models.TextField(_("how people will be invited"), blank=True)
    access_needs = models.JSONField(_("access needs"), default=list, blank=True)
    access_notes = models.TextField(_("other access arrangements"), blank=True)
    starts_at = models.DateTimeField(_("starts at"), null=True, blank=True)
    time_zone = models.CharField(_("time zone"), max_length=60, blank=True)
    minutes_available = models.PositiveIntegerField(_("minutes available"), default=90)
    venue = models.CharField(_("venue"), max_length=300, blank=True)
    online_link = models.URLField(_("online link"), blank=True)
    dial_in = models.CharField(_("dial-in"), max_length=200, blank=True)
    roles = models.JSONField(_("roles"), default=dict, blank=True, help_text=_("Role key to a name."))
    agreements = models.JSONField(_("agreements"), default=list, blank=True)
    opening = models.TextField(_("opening words"), blank=True)
    follow_up_plan = models.TextField(_("follow-up plan"), blank=True)
    logistics_notes = models.TextField(_("other notes for the team"), blank=True)
    uses_tables = models.BooleanField(_("people sit at several tables"), default=False)
    source = models.CharField(max_length=10, choices=Source.choices, default=Source.SCRATCH)
    share_token = models.CharField(max_length=64, blank=True, editable=False)
    held_on = models.DateField(_("held on"), null=True, blank=True)
    attendance = models.PositiveIntegerField(_("attendance"), null=True, blank=True)
    summary = models.TextField(_("summary"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ConversationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["share_token"], condition=~Q(share_token=""), name="share_token_unique"
            )
        ]
        indexes = [models.Index(fields=["held_on"])]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("conversations:conversation", args=[self.pk])

    @property
    def zone(self) -> zoneinfo.ZoneInfo:
        try:
            return zoneinfo.ZoneInfo(self.time_zone or settings.TIME_ZONE)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            return zoneinfo.ZoneInfo("UTC")

    @property
    def zone_name(self) -> str:
        return str(self.zone).replace("_", " ")

    @property
    def local_start(self):
        return timezone.localtime(self.starts_at, self.zone) if self.starts_at else None

    @property
    def question_list(self) -> list[str]:
        return [line.strip() for line in self.framing_questions.splitlines() if line.strip()]

    @property
    def access_need_labels(self) -> list[str]:
        labels = dict(AccessNeed.choices)
        return [str(labels[key]) for key in self.access_needs if key in labels]

    @property
    def role_rows(self) -> list[tuple[str, str]]:
        return [(str(label), self.roles.get(key, "")) for key, label in Role.choices]

    @property
    def is_held(self) -> bool:
        return self.held_on is not None


class AgendaItem(models.Model):
    conversation = models.ForeignKey(Conversation, on_delete=models.CASCADE, related_name="agenda_items")
    position = models.PositiveIntegerField(default=0)
    title = models.CharField(_("title"), max_length=200)
    minutes = models.PositiveIntegerField(_("minutes"))
    description = models.TextField(_("what happens"), blank=True)
    question = models.TextField(_("question for the group"), blank=True)

    class Meta:
        ordering = ["position", "pk"]

    def __str__(self):
        return self.title


class CoFacilitator(models.Model):
    """A person with an account who may edit, run and harvest someone else's conversation."""

    conversation = models.ForeignKey(Conversation, on_delete=models.CASCADE, related_name="co_facilitators")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="co_facilitating"
    )
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["added_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["conversation", "user"], name="co_facilitator_once"),
        ]

    def __str__(self):
        return f"{self.user} · {self.conversation}"


class Theme(models.Model):
    conversation = models.ForeignKey(Conversation, on_delete=models.CASCADE, related_name="themes")
    name = models.CharField(_("theme"), max_length=100)
    description = models.TextField(_("what it means"), blank=True)

    class Meta:
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["conversation", "name"], name="theme_once")]

    def __str__(self):
        return self.name


class Note(models.Model):
    """What was said, per agenda block (and table). Private to the conversation's team."""

    conversation = models.ForeignKey(Conversation, on_delete=models.CASCADE, related_name="notes")
    agenda_item = models.ForeignKey(
        AgendaItem, verbose_name=_("agenda block"), null=True, blank=True, on_delete=models.SET_NULL
    )
    table = models.CharField(_("table"), max_length=100, blank=True)
    text = models.TextField(_("note"))
    themes = models.ManyToManyField(Theme, verbose_name=_("themes"), blank=True, related_name="notes")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Made by the browser (or the form) so a note sent twice is saved once.
    client_id = models.UUIDField(default=uuid.uuid4)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["conversation", "client_id"], name="note_saved_once"),
        ]

    def __str__(self):
        return self.text[:60]


class Decision(models.Model):
    conversation = models.ForeignKey(Conversation, on_delete=models.CASCADE, related_name="decisions")
    text = models.TextField(_("decision"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self):
        return self.text[:60]


class ActionStatus(models.TextChoices):
    OPEN = "open", _("Not started")
    DOING = "doing", _("In progress")
    DONE = "done", _("Done")


class ActionItem(models.Model):
    conversation = models.ForeignKey(Conversation, on_delete=models.CASCADE, related_name="action_items")
    what = models.CharField(_("what"), max_length=500)
    who = models.CharField(_("who"), max_length=200, blank=True)
    due_on = models.DateField(_("by when"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=ActionStatus.choices, default=ActionStatus.OPEN
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = [models.F("due_on").asc(nulls_last=True), "created_at", "pk"]

    def __str__(self):
        return self.what


class NoteAccess(models.Model):
    """Audit record: an administrator opened a team's private notes, and why."""

    staff = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="note_accesses"
    )
    conversation = models.ForeignKey(
        Conversation, null=True, on_delete=models.SET_NULL, related_name="note_accesses"
    )
    reason = models.TextField()
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("note access record")

    def __str__(self):
        return f"{self.staff_id} · {self.conversation_id} · {self.created_at:%Y-%m-%d %H:%M}"
