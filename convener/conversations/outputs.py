"""What a plan and its harvest become: run sheet and handout context, .ics invitation, follow-up report."""

import csv
import io
from urllib.parse import urlsplit

from django.conf import settings
from django.db.models import Count
from django.utils import formats
from django.utils.translation import gettext as _

from convener.lib.ics import Event, event_end

from . import agenda
from .models import ActionStatus, Conversation


def plan_context(conversation: Conversation) -> dict:
    """Everything the overview, run sheet, handout and run mode show about the plan."""
    items = list(conversation.agenda_items.all())
    total = agenda.total_minutes(items)
    return {
        "conversation": conversation,
        "slots": agenda.schedule(items, conversation.local_start),
        "total_minutes": total,
        "total_label": agenda.clock(total),
        "over_by": agenda.overrun(items, conversation.minutes_available),
        "method": conversation.method,
    }


def harvest_context(conversation: Conversation) -> dict:
    themes = list(conversation.themes.annotate(note_count=Count("notes")).order_by("name", "pk"))
    return {
        "conversation": conversation,
        "themes": themes,
        "decisions": list(conversation.decisions.all()),
        "actions": list(conversation.action_items.all()),
    }


def invitation(conversation: Conversation, url: str = "") -> Event:
    """The conversation as a calendar event; it needs a start time."""
    host = urlsplit(settings.SITE_URL).hostname or "convener"
    items = list(conversation.agenda_items.all())
    minutes = max(agenda.total_minutes(items), conversation.minutes_available)
    parts = []
    if conversation.question_list:
        parts.append(conversation.question_list[0])
    if items:
        parts.append(
            _("Agenda:")
            + "\n"
            + "\n".join(f"{slot.offset_label} {slot.item.title}" for slot in agenda.schedule(items))
        )
    if conversation.access_need_labels:
        parts.append(_("Access: %(needs)s") % {"needs": ", ".join(conversation.access_need_labels)})
    if conversation.online_link:
        parts.append(_("Join online: %(link)s") % {"link": conversation.online_link})
    if conversation.dial_in:
        parts.append(_("Join by phone: %(dial_in)s") % {"dial_in": conversation.dial_in})
    return Event(
        uid=f"conversation-{conversation.pk}-{conversation.created_at:%Y%m%d%H%M%S}@{host}",
        start=conversation.starts_at,
        end=event_end(conversation.starts_at, minutes),
        summary=conversation.title,
        description="\n\n".join(parts),
        location=conversation.venue or conversation.online_link,
        url=url,
    )


# The follow-up report --------------------------------------------------------------------------


def _held_line(conversation: Conversation) -> str:
    if not conversation.is_held:
        return _("Not marked as held yet.")
    return _("Held on %(date)s. %(count)s people took part.") % {
        "date": formats.date_format(conversation.held_on, "F j, Y"),
        "count": conversation.attendance,
    }


def _cell(text) -> str:
    """One line for a Markdown table cell."""
    return " ".join(str(text or "").split()).replace("|", "\\|")


def follow_up_markdown(conversation: Conversation) -> str:
    data = harvest_context(conversation)
    status = dict(ActionStatus.choices)
    out = [f"# {_('Follow-up')}: {conversation.title}", "", _held_line(conversation), ""]
    out += [f"## {_('Summary')}", "", conversation.summary.strip() or _("No summary yet."), ""]
    out += [f"## {_('Themes')}", ""]
    out += [
        f"- **{_cell(t.name)}**" + (f": {_cell(t.description)}" if t.description else "")
        for t in data["themes"]
    ] or [_("No themes recorded.")]
    out += ["", f"## {_('Decisions')}", ""]
    out += [f"- {_cell(d.text)}" for d in data["decisions"]] or [_("No decisions recorded.")]
    out += ["", f"## {_('Actions')}", ""]
    if data["actions"]:
        out += [f"| {_('What')} | {_('Who')} | {_('By when')} | {_('Status')} |", "|---|---|---|---|"]
        out += [
            f"| {_cell(a.what)} | {_cell(a.who)} | {a.due_on.isoformat() if a.due_on else ''} "
            f"| {status[a.status]} |"
            for a in data["actions"]
        ]
    else:
        out.append(_("No actions recorded."))
    return "\n".join(out) + "\n"


CSV_HEADER = ["section", "text", "details", "who", "by_when", "status"]


def _safe(value) -> str:
    """Spreadsheets run a cell that starts with = + - or @ as a formula: make it plain text."""
    text = str(value or "")
    return "'" + text if text[:1] in {"=", "+", "-", "@", "\t", "\r"} else text


def follow_up_csv(conversation: Conversation) -> str:
    data = harvest_context(conversation)
    status = dict(ActionStatus.choices)
    rows = [
        ["conversation", conversation.title, _held_line(conversation), "", "", ""],
        ["summary", conversation.summary, "", "", "", ""],
        *(["theme", t.name, t.description, "", "", ""] for t in data["themes"]),
        *(["decision", d.text, "", "", "", ""] for d in data["decisions"]),
        *(
            ["action", a.what, "", a.who, a.due_on.isoformat() if a.due_on else "", status[a.status]]
            for a in data["actions"]
        ),
    ]
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(CSV_HEADER)
    writer.writerows([_safe(cell) for cell in row] for row in rows)
    return buffer.getvalue()
