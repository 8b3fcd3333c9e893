"""Writes about conversations. Those that touch several rows run inside one transaction."""

import secrets

from django.db import IntegrityError, transaction
from django.db.models import Max

from convener.methods.models import Method

from . import plans
from .models import AgendaItem, CoFacilitator, Conversation, Note, NoteAccess, Source


def _uses_tables(method: Method | None) -> bool:
    """Methods where people talk at several tables (World Café, Future Search) get a table on each note."""
    if method is None:
        return False
    text = " ".join(
        [method.description, *method.materials, *(step.get("description", "") for step in method.steps)]
    )
    return "tables" in text.lower()


def _method_blocks(method: Method) -> list[AgendaItem]:
    return [
        AgendaItem(
            title=step["title"],
            minutes=step["minutes"],
            description=step.get("description", ""),
            question=step.get("question", ""),
        )
        for step in method.steps
    ]


@transaction.atomic
def _create(owner, fields: dict, blocks: list[AgendaItem]) -> Conversation:
    conversation = Conversation.objects.create(owner=owner, **fields)
    for position, block in enumerate(blocks):
        block.conversation = conversation
        block.position = position
    AgendaItem.objects.bulk_create(blocks)
    return conversation


def _default_zone(owner) -> str:
    return getattr(owner, "time_zone", "") or ""


def create_from_method(owner, method: Method, title: str = "") -> Conversation:
    """The method's steps become the agenda and its agreements the starting agreements."""
    fields = {
        "title": title or method.name,
        "method": method,
        "goal": method.streams[0] if method.streams else "",
        "agreements": list(method.agreements),
        "minutes_available": method.step_minutes or method.meeting_minutes_min or 90,
        "uses_tables": _uses_tables(method),
        "time_zone": _default_zone(owner),
        "source": Source.METHOD,
    }
    return _create(owner, fields, _method_blocks(method))


def create_blank(owner, title: str) -> Conversation:
    return _create(owner, {"title": title, "time_zone": _default_zone(owner), "source": Source.SCRATCH}, [])


def create_from_plan(owner, course, title: str = "") -> Conversation:
    """Start from the learner's worksheet answers in a course ("My conversation plan")."""
    answers = plans.plan_answers(owner, course)
    zone = _default_zone(owner)
    fields = plans.conversation_fields(answers, zone)
    if title:
        fields["title"] = title
    method = fields.get("method")
    if method is not None:
        blocks = _method_blocks(method)
        if answers.get("closing") and blocks:
            blocks[-1].description = "\n\n".join(filter(None, [blocks[-1].description, answers["closing"]]))
        fields.setdefault("agreements", list(method.agreements))
        fields["uses_tables"] = _uses_tables(method)
        fields["minutes_available"] = method.step_minutes or 90
        if not fields.get("goal") and method.streams:
            fields["goal"] = method.streams[0]
    else:
        blocks = plans.default_blocks(answers)
    fields.update(time_zone=zone, source=Source.WORKSHEET)
    return _create(owner, fields, blocks)


# The agenda ------------------------------------------------------------------------------------


def _renumber(items: list[AgendaItem]) -> None:
    changed = []
    for position, item in enumerate(items):
        if item.position != position:
            item.position = position
            changed.append(item)
    AgendaItem.objects.bulk_update(changed, ["position"])


def add_block(conversation: Conversation, **fields) -> AgendaItem:
    with transaction.atomic():
        last = conversation.agenda_items.aggregate(last=Max("position"))["last"]
        return AgendaItem.objects.create(
            conversation=conversation, position=0 if last is None else last + 1, **fields
        )


def add_method_steps(conversation: Conversation, method: Method) -> int:
    """Append the method's steps to the agenda; returns how many were added."""
    with transaction.atomic():
        items = list(conversation.agenda_items.select_for_update())
        blocks = _method_blocks(method)
        for position, block in enumerate(blocks, start=len(items)):
            block.conversation = conversation
            block.position = position
        _renumber(items)
        AgendaItem.objects.bulk_create(blocks)
    return len(blocks)


def move_block(item: AgendaItem, direction: str) -> bool:
    """Swap the block with its neighbour above ("up") or below ("down"); False at either end."""
    with transaction.atomic():
        items = list(AgendaItem.objects.select_for_update().filter(conversation_id=item.conversation_id))
        index = next(i for i, other in enumerate(items) if other.pk == item.pk)
        target = index - 1 if direction == "up" else index + 1
        if not 0 <= target < len(items):
            return False
        items[index], items[target] = items[target], items[index]
        _renumber(items)
    return True


def remove_block(item: AgendaItem) -> None:
    with transaction.atomic():
        conversation_id = item.conversation_id
        item.delete()
        _renumber(list(AgendaItem.objects.select_for_update().filter(conversation_id=conversation_id)))


def set_minutes(item: AgendaItem, minutes: int) -> None:
    AgendaItem.objects.filter(pk=item.pk).update(minutes=minutes)


# The team and the share link -------------------------------------------------------------------


def add_co_facilitator(conversation: Conversation, user) -> CoFacilitator:
    try:
        with transaction.atomic():
            return CoFacilitator.objects.get_or_create(conversation=conversation, user=user)[0]
    except IntegrityError:
        return CoFacilitator.objects.get(conversation=conversation, user=user)


def create_share_link(conversation: Conversation) -> str:
    """A new secret link; any earlier link stops working."""
    conversation.share_token = secrets.token_urlsafe(24)
    conversation.save(update_fields=["share_token", "updated_at"])
    return conversation.share_token


def revoke_share_link(conversation: Conversation) -> None:
    conversation.share_token = ""
    conversation.save(update_fields=["share_token", "updated_at"])


def on_account_deleting(user) -> None:
    """A departing owner hands each conversation to its longest-standing co-facilitator, if it has one."""
    for conversation in Conversation.objects.filter(owner=user).prefetch_related("co_facilitators"):
        heir = next(iter(conversation.co_facilitators.all()), None)
        if heir is None:
            continue  # deleted with the account
        Conversation.objects.filter(pk=conversation.pk).update(owner_id=heir.user_id)
        heir.delete()


# Harvest ---------------------------------------------------------------------------------------


def save_note(conversation: Conversation, author, client_id, **fields) -> tuple[Note, bool]:
    """Save a note once per client_id: a retried or repeated send returns the note already saved."""
    themes = fields.pop("themes", None)
    lookup = {"conversation": conversation, "client_id": client_id}
    try:
        with transaction.atomic():
            note, created = Note.objects.get_or_create(**lookup, defaults={"author": author, **fields})
            if created and themes:
                note.themes.set(themes)
    except IntegrityError:  # the same note arrived twice at once; the other request saved it
        return Note.objects.get(**lookup), False
    return note, created


def update_note(note: Note, themes=None, **fields) -> None:
    with transaction.atomic():
        for name, value in fields.items():
            setattr(note, name, value)
        note.save(update_fields=[*fields, "updated_at"])
        if themes is not None:
            note.themes.set(themes)


def mark_held(conversation: Conversation, held_on, attendance: int, summary: str) -> None:
    conversation.held_on, conversation.attendance, conversation.summary = held_on, attendance, summary
    conversation.save(update_fields=["held_on", "attendance", "summary", "updated_at"])


def open_notes_for_staff(staff, conversation: Conversation, reason: str) -> NoteAccess:
    """The audit record is written before any note is shown."""
    return NoteAccess.objects.create(staff=staff, conversation=conversation, reason=reason)
