"""From "My conversation plan" (a learner's worksheet answers, by plan_key) to a conversation's fields."""

import re
import zoneinfo
from datetime import datetime

from django.conf import settings
from django.db.models import Q
from django.utils.translation import gettext as _

from convener.courses.models import Course, Lesson, LessonKind, WorksheetAnswer
from convener.methods.models import Method, Stream

from .models import AccessNeed, AgendaItem, Role

# The goal choices the bundled course offers, and the engagement stream each one is.
GOALS = {
    "explore an issue": Stream.EXPLORATION,
    "repair relationships": Stream.CONFLICT,
    "make a decision": Stream.DECISION,
    "act together": Stream.ACTION,
}
# How a worksheet names an access support (lower case, start of the label) → our checklist key.
ACCESS_WORDS = [
    ("captions", AccessNeed.CAPTIONS),
    ("cart", AccessNeed.CAPTIONS),
    ("sign language", AccessNeed.SIGN_LANGUAGE),
    ("asl", AccessNeed.SIGN_LANGUAGE),
    ("large print", AccessNeed.LARGE_PRINT),
    ("step-free", AccessNeed.STEP_FREE),
    ("step free", AccessNeed.STEP_FREE),
    ("quiet room", AccessNeed.QUIET_ROOM),
    ("phone dial-in", AccessNeed.DIAL_IN),
    ("dial-in", AccessNeed.DIAL_IN),
]
ROLE_WORDS = {
    "facilitator": Role.FACILITATOR,
    "co-facilitator": Role.CO_FACILITATOR,
    "cofacilitator": Role.CO_FACILITATOR,
    "note-taker": Role.NOTE_TAKER,
    "note taker": Role.NOTE_TAKER,
    "notetaker": Role.NOTE_TAKER,
    "timekeeper": Role.TIMEKEEPER,
    "time keeper": Role.TIMEKEEPER,
    "greeter": Role.GREETER,
}
WHEN_FORMATS = [
    "%Y-%m-%d %H:%M",
    "%Y-%m-%dT%H:%M",
    "%B %d, %Y %I:%M %p",
    "%B %d, %Y %I %p",
    "%b %d, %Y %I:%M %p",
    "%m/%d/%Y %I:%M %p",
    "%m/%d/%Y %H:%M",
]
ROLE_LINE = re.compile(r"^(?P<role>[A-Za-z][A-Za-z -]*?)\s*(?::|\u2013|\u2014| - )\s*(?P<name>\S.*)$")
BULLET = re.compile(r"^\s*(?:[-*•]|\d+[.)])\s*")


def courses_with_answers(user):
    """Courses in which this person has answered at least one worksheet."""
    return Course.objects.filter(
        modules__lessons__worksheetanswer__user=user, modules__lessons__kind=LessonKind.WORKSHEET
    ).distinct()


def plan_answers(user, course) -> dict:
    """Each plan_key's answer; a later module's answer refines an earlier one."""
    sheets = list(
        Lesson.objects.current()
        .filter(module__course=course, kind=LessonKind.WORKSHEET)
        .order_by("module__position", "position")
    )
    saved = {a.lesson_id: a.answers for a in WorksheetAnswer.objects.filter(user=user, lesson__in=sheets)}
    result: dict = {}
    for sheet in sheets:
        for field in sheet.fields:
            key = field.get("plan_key")
            value = saved.get(sheet.pk, {}).get(field["id"])
            if key and value not in (None, "", []):
                result[key] = value.strip() if isinstance(value, str) else value
    return result


def lines(text) -> list[str]:
    if isinstance(text, list):
        return [str(item).strip() for item in text if str(item).strip()]
    return [
        BULLET.sub("", line).strip() for line in str(text or "").splitlines() if BULLET.sub("", line).strip()
    ]


def _access(values) -> tuple[list[str], list[str]]:
    keys, other = [], []
    for value in values if isinstance(values, list) else lines(values):
        label = value.lower()
        key = next((key for word, key in ACCESS_WORDS if label.startswith(word)), None)
        if key is None:
            other.append(value)
        elif key not in keys:
            keys.append(key)
    return keys, other


def _roles(text) -> tuple[dict, list[str]]:
    """Lines such as "Facilitator: Sam" fill the roles; anything else is kept as a note."""
    roles, other = {}, []
    for line in lines(text):
        match = ROLE_LINE.match(line)
        key = ROLE_WORDS.get(match["role"].strip().lower()) if match else None
        if key and key not in roles:
            roles[key] = match["name"].strip()[:100]
        else:
            other.append(line)
    return roles, other


def _method(answer) -> Method | None:
    if not answer:
        return None
    return Method.objects.filter(Q(name__iexact=answer) | Q(slug__iexact=answer)).first()


def parse_when(text: str, zone) -> datetime | None:
    """A date and start time written plainly ("2025-05-03 18:00", "May 3, 2025 6:00 PM"), or None."""
    cleaned = re.sub(r"\s+", " ", str(text or "")).strip()
    cleaned = re.sub(r"^[A-Za-z]+day,?\s+", "", cleaned)  # "Saturday, May 3, ..." → "May 3, ..."
    for pattern in WHEN_FORMATS:
        try:
            return datetime.strptime(cleaned, pattern).replace(tzinfo=zone)
        except ValueError:
            continue
    return None


def conversation_fields(answers: dict, zone_name: str) -> dict:
    """Conversation fields from plan answers. What doesn't fit a field is kept in the team's notes."""
    zone = zoneinfo.ZoneInfo(zone_name or settings.TIME_ZONE)
    notes = []
    fields: dict = {
        "title": (answers.get("title") or answers.get("topic") or _("My conversation"))[:200],
        "topic": str(answers.get("topic", ""))[:500],
        "partners": answers.get("partners", ""),
        "audience": answers.get("audience", ""),
        "recruitment": answers.get("recruitment", ""),
        "opening": answers.get("opening", ""),
        "follow_up_plan": answers.get("follow_up", ""),
    }
    goal = str(answers.get("goal", "")).strip()
    if goal.lower() in GOALS:
        fields["goal"] = GOALS[goal.lower()]
    elif goal in Stream.values:
        fields["goal"] = goal
    questions = lines(answers.get("framing_question", "")) + lines(answers.get("questions", ""))
    fields["framing_questions"] = "\n".join(questions)
    keys, other_access = _access(answers.get("access_needs", []))
    fields["access_needs"] = keys
    fields["access_notes"] = "\n".join(other_access)
    venue = str(answers.get("venue", "")).strip()
    if venue.startswith(("https://", "http://")):
        fields["online_link"] = venue[:200]
    else:
        fields["venue"] = venue[:300]
    if when := answers.get("date"):
        fields["starts_at"] = parse_when(when, zone)
        if fields["starts_at"] is None:
            notes.append(_("When (from your plan): %(when)s") % {"when": when})
    roles, other_roles = _roles(answers.get("roles", ""))
    fields["roles"] = roles
    if other_roles:
        notes.append(_("Roles (from your plan): %(roles)s") % {"roles": "; ".join(other_roles)})
    if answers.get("agreements"):
        fields["agreements"] = lines(answers["agreements"])
    if method := _method(answers.get("method")):
        fields["method"] = method
    if answers.get("online_tools"):
        notes.append(
            _("Online and by phone (from your plan): %(tools)s") % {"tools": answers["online_tools"]}
        )
    fields["logistics_notes"] = "\n\n".join(notes)
    return fields


def default_blocks(answers: dict) -> list[AgendaItem]:
    """An agenda for a plan without a method: welcome, agreements, a round per question, close."""
    questions = lines(answers.get("framing_question", "")) + lines(answers.get("questions", ""))
    blocks = [
        AgendaItem(
            title=_("Welcome and opening"),
            minutes=10,
            description=answers.get("opening") or _("Welcome people, name the topic and the goal."),
        ),
        AgendaItem(
            title=_("Agreements"),
            minutes=5,
            description=_("Read the agreements aloud, invite changes, and check that everyone agrees."),
        ),
    ]
    per_question = 60 // max(1, min(len(questions), 4))
    for number, question in enumerate(questions[:4], start=1):
        blocks.append(
            AgendaItem(
                title=_("Round %(number)s") % {"number": number}, minutes=per_question, question=question
            )
        )
    if not questions:
        blocks.append(AgendaItem(title=_("Conversation"), minutes=60))
    blocks.append(
        AgendaItem(
            title=_("Closing"),
            minutes=15,
            description=answers.get("closing")
            or _("Sum up what you heard, name next steps, and thank people."),
        )
    )
    return blocks
