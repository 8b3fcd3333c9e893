from django.apps import AppConfig


def _conversation_export(user):
    """The person's own conversations, whole: plan, agenda and harvest (team notes are exported by author)."""
    from convener.accounts import personal_data as pd

    from .models import Conversation

    owned = Conversation.objects.filter(owner=user).order_by("pk")
    conversations = owned.prefetch_related("agenda_items", "themes", "decisions", "action_items")
    rows = pd.rows(
        owned,
        "title",
        "topic",
        "method__slug",
        "goal",
        "framing_questions",
        "partners",
        "audience",
        "recruitment",
        "access_needs",
        "access_notes",
        "starts_at",
        "time_zone",
        "minutes_available",
        "venue",
        "online_link",
        "dial_in",
        "roles",
        "agreements",
        "opening",
        "follow_up_plan",
        "logistics_notes",
        "held_on",
        "attendance",
        "summary",
        "created_at",
    )
    for row, conversation in zip(rows, conversations, strict=True):
        row["agenda"] = [
            {"title": i.title, "minutes": i.minutes, "description": i.description, "question": i.question}
            for i in conversation.agenda_items.all()
        ]
        row["themes"] = [{"name": t.name, "description": t.description} for t in conversation.themes.all()]
        row["decisions"] = [d.text for d in conversation.decisions.all()]
        row["actions"] = [
            {
                "what": a.what,
                "who": a.who,
                "by_when": a.due_on.isoformat() if a.due_on else None,
                "status": a.status,
            }
            for a in conversation.action_items.all()
        ]
    return rows


class ConversationsConfig(AppConfig):
    name = "convener.conversations"
    verbose_name = "Conversations"

    def ready(self):
        from convener.accounts import personal_data as pd
        from convener.accounts.signals import account_deleting

        from . import actions
        from .models import CoFacilitator, Conversation, Note, NoteAccess

        pd.register("conversations", Conversation, _conversation_export)
        pd.register(
            "conversation_teams",
            CoFacilitator,
            lambda user: pd.rows(CoFacilitator.objects.filter(user=user), "conversation__title", "added_at"),
        )
        pd.register(
            "conversation_notes",
            Note,
            lambda user: pd.rows(
                Note.objects.filter(author=user),
                "conversation__title",
                "agenda_item__title",
                "table",
                "text",
                "created_at",
            ),
        )
        pd.register(
            "conversation_note_audits",
            NoteAccess,
            lambda user: pd.rows(
                NoteAccess.objects.filter(staff=user), "conversation__title", "reason", "created_at"
            ),
        )
        account_deleting.connect(
            lambda sender, user, **kw: actions.on_account_deleting(user),
            weak=False,
            dispatch_uid="conversations-on-account-deleting",
        )
