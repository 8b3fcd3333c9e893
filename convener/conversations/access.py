"""Who may see what. The team (owner and co-facilitators) edits; a share link reads; others get a 404.

Every lookup of a conversation, or of anything inside one, in a view goes through here.
"""

from datetime import timedelta

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils import timezone

from .models import ActionItem, AgendaItem, CoFacilitator, Conversation, Decision, Note, NoteAccess, Theme

# How long an administrator's audited look at a team's notes stays open.
NOTE_ACCESS_WINDOW = timedelta(minutes=30)


def team_conversations(user):
    return Conversation.objects.for_team(user)


def get_conversation_for_team(user, pk: int) -> Conversation:
    """For the owner and co-facilitators: view, edit, run and harvest."""
    conversation = team_conversations(user).select_related("method", "owner").filter(pk=pk).first()
    if conversation is None:
        raise Http404("No such conversation")
    return conversation


def get_conversation_for_owner(user, pk: int) -> Conversation:
    """For what only the owner does (the team, deleting): co-facilitators are refused, others get a 404."""
    conversation = get_conversation_for_team(user, pk)
    if conversation.owner_id != user.pk:
        raise PermissionDenied
    return conversation


def get_shared_conversation(token: str) -> Conversation:
    """Read-only access through a share link, until the team revokes it."""
    if not token:
        raise Http404("No such conversation")
    conversation = Conversation.objects.select_related("method").filter(share_token=token).first()
    if conversation is None:
        raise Http404("No such conversation")
    return conversation


def is_owner(user, conversation: Conversation) -> bool:
    return user.is_authenticated and conversation.owner_id == user.pk


def _inside(model, conversation: Conversation, pk: int, name: str):
    found = model.objects.filter(conversation=conversation, pk=pk).first()
    if found is None:
        raise Http404(f"No such {name}")
    return found


def get_agenda_item(conversation, pk) -> AgendaItem:
    return _inside(AgendaItem, conversation, pk, "agenda block")


def get_note(conversation, pk) -> Note:
    return _inside(Note, conversation, pk, "note")


def get_theme(conversation, pk) -> Theme:
    return _inside(Theme, conversation, pk, "theme")


def get_decision(conversation, pk) -> Decision:
    return _inside(Decision, conversation, pk, "decision")


def get_action_item(conversation, pk) -> ActionItem:
    return _inside(ActionItem, conversation, pk, "action item")


def get_team_member(user, conversation, pk) -> CoFacilitator:
    """The owner may remove anyone; a co-facilitator may only remove themself (leave)."""
    member = _inside(CoFacilitator, conversation, pk, "team member")
    if conversation.owner_id != user.pk and member.user_id != user.pk:
        raise PermissionDenied
    return member


def get_conversation_for_staff(pk: int) -> Conversation:
    """Administrators (checked by the view's decorator) see that a conversation exists, not its notes."""
    conversation = Conversation.objects.filter(pk=pk).first()
    if conversation is None:
        raise Http404("No such conversation")
    return conversation


def get_open_note_access(user, conversation: Conversation, pk: int) -> NoteAccess:
    """The administrator's own audit record for these notes, while it is still open."""
    access = NoteAccess.objects.filter(
        pk=pk,
        staff=user,
        conversation=conversation,
        created_at__gte=timezone.now() - NOTE_ACCESS_WINDOW,
    ).first()
    if access is None:
        raise Http404("No open record for these notes")
    return access
