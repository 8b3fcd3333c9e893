from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from convener.accounts.decorators import staff_required
from convener.lib.ics import ics_response
from convener.lib.pdf import render_pdf
from convener.lib.ratelimit import too_many
from convener.methods.models import Method

from . import access, actions, outputs, plans
from .forms import (
    ActionItemForm,
    AgendaItemForm,
    BlankForm,
    ConversationForm,
    DecisionForm,
    FromMethodForm,
    FromPlanForm,
    HeldForm,
    InviteForm,
    MinutesForm,
    MoveForm,
    NoteAccessForm,
    NoteForm,
    StatusForm,
    ThemeForm,
)
from .models import ActionStatus, Conversation

# Invitations allowed per network address per 10 minutes: each one says whether an account exists.
INVITES_PER_ADDRESS = 30


def _team(request, pk) -> Conversation:
    return access.get_conversation_for_team(request.user, pk)


def _page(request, template, conversation, status=200, **context):
    context.update(conversation=conversation, is_owner=access.is_owner(request.user, conversation))
    return render(request, f"conversations/{template}", context, status=status)


def _download(content, content_type, filename):
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response


def _private(response):
    """Plans and notes stay out of shared caches and search engines."""
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


# Starting a conversation -----------------------------------------------------------------------


@require_GET
def index(request):
    conversations = (
        access.team_conversations(request.user).select_related("owner", "method").order_by("-created_at")
    )
    return render(request, "conversations/index.html", {"conversations": conversations})


def _new_page(request, status=200, **forms):
    courses = plans.courses_with_answers(request.user)
    slug = request.GET.get("method", "")
    chosen = Method.objects.filter(slug=slug).first() if slug else None
    context = {
        "method_form": forms.get("method_form")
        or FromMethodForm(prefix="method", initial={"method": chosen.slug if chosen else None}),
        "plan_form": forms.get("plan_form") or FromPlanForm(courses, prefix="plan"),
        "blank_form": forms.get("blank_form") or BlankForm(prefix="blank"),
        "has_plan": courses.exists(),
        "chosen": chosen,
    }
    return render(request, "conversations/new.html", context, status=status)


@login_required
@require_GET
def new(request):
    return _new_page(request)


@login_required
@require_POST
def new_from_method(request):
    form = FromMethodForm(request.POST, prefix="method")
    if not form.is_valid():
        return _new_page(request, status=400, method_form=form)
    conversation = actions.create_from_method(
        request.user, form.cleaned_data["method"], form.cleaned_data["title"].strip()
    )
    messages.success(request, _("Your plan is started from the method. Its steps are your agenda."))
    return redirect(conversation)


@login_required
@require_POST
def new_from_plan(request):
    form = FromPlanForm(plans.courses_with_answers(request.user), request.POST, prefix="plan")
    if not form.is_valid():
        return _new_page(request, status=400, plan_form=form)
    conversation = actions.create_from_plan(request.user, form.cleaned_data["course"])
    messages.success(request, _("Your plan is started from your worksheet answers. Check each part."))
    return redirect(conversation)


@login_required
@require_POST
def new_blank(request):
    form = BlankForm(request.POST, prefix="blank")
    if not form.is_valid():
        return _new_page(request, status=400, blank_form=form)
    conversation = actions.create_blank(request.user, form.cleaned_data["title"].strip())
    messages.success(request, _("Your plan is started. Fill in the details and build the agenda."))
    return redirect(conversation)


# The plan --------------------------------------------------------------------------------------


@login_required
@require_GET
def conversation(request, pk):
    conversation = _team(request, pk)
    context = outputs.plan_context(conversation)
    context["team"] = list(conversation.co_facilitators.select_related("user"))
    return _private(_page(request, "conversation.html", **context))


@login_required
@require_http_methods(["GET", "POST"])
def edit(request, pk):
    conversation = _team(request, pk)
    form = ConversationForm(request.POST or None, instance=conversation)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("The plan is saved."))
        return redirect(conversation)
    status = 400 if request.method == "POST" else 200
    return _page(request, "edit.html", conversation, status=status, form=form)


@login_required
@require_http_methods(["GET", "POST"])
def delete(request, pk):
    conversation = access.get_conversation_for_owner(request.user, pk)
    if request.method == "POST":
        conversation.delete()
        messages.success(request, _("The conversation and everything in it is deleted."))
        return redirect("conversations:index")
    return _page(request, "delete.html", conversation)


# The agenda ------------------------------------------------------------------------------------


def _agenda_page(request, conversation, form=None, status=200):
    context = outputs.plan_context(conversation)
    context["form"] = form or AgendaItemForm(initial={"minutes": 10})
    return _page(request, "agenda.html", status=status, **context)


def _to_block(item):
    return redirect(reverse("conversations:agenda", args=[item.conversation_id]) + f"#block-{item.pk}")


@login_required
@require_http_methods(["GET", "POST"])
def agenda(request, pk):
    conversation = _team(request, pk)
    if request.method == "GET":
        return _agenda_page(request, conversation)
    form = AgendaItemForm(request.POST)
    if not form.is_valid():
        return _agenda_page(request, conversation, form, status=400)
    item = actions.add_block(conversation, **form.cleaned_data)
    messages.success(request, _("“%(title)s” is added to the agenda.") % {"title": item.title})
    return _to_block(item)


@login_required
@require_http_methods(["GET", "POST"])
def agenda_item(request, pk, item_pk):
    conversation = _team(request, pk)
    item = access.get_agenda_item(conversation, item_pk)
    initial = {f: getattr(item, f) for f in ("title", "minutes", "description", "question")}
    form = AgendaItemForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        for name, value in form.cleaned_data.items():
            setattr(item, name, value)
        item.save(update_fields=list(form.cleaned_data))
        messages.success(request, _("“%(title)s” is saved.") % {"title": item.title})
        return _to_block(item)
    status = 400 if request.method == "POST" else 200
    return _page(request, "agenda_item.html", conversation, status=status, form=form, item=item)


@login_required
@require_POST
def agenda_minutes(request, pk, item_pk):
    conversation = _team(request, pk)
    item = access.get_agenda_item(conversation, item_pk)
    form = MinutesForm(request.POST)
    if not form.is_valid():
        # Show the whole block's form, with the error by the minutes field.
        full = AgendaItemForm(
            {
                "title": item.title,
                "minutes": request.POST.get("minutes", ""),
                "description": item.description,
                "question": item.question,
            }
        )
        full.is_valid()
        return _page(request, "agenda_item.html", conversation, status=400, form=full, item=item)
    actions.set_minutes(item, form.cleaned_data["minutes"])
    messages.success(
        request,
        _("“%(title)s” now takes %(minutes)s minutes.")
        % {"title": item.title, "minutes": form.cleaned_data["minutes"]},
    )
    return _to_block(item)


@login_required
@require_POST
def agenda_move(request, pk, item_pk):
    conversation = _team(request, pk)
    item = access.get_agenda_item(conversation, item_pk)
    form = MoveForm(request.POST)
    if form.is_valid() and actions.move_block(item, form.cleaned_data["direction"]):
        text = (
            _("“%(title)s” moved up.")
            if form.cleaned_data["direction"] == "up"
            else _("“%(title)s” moved down.")
        )
        messages.success(request, text % {"title": item.title})
    else:
        messages.error(request, _("“%(title)s” can't move further that way.") % {"title": item.title})
    return _to_block(item)


@login_required
@require_POST
def agenda_remove(request, pk, item_pk):
    conversation = _team(request, pk)
    item = access.get_agenda_item(conversation, item_pk)
    actions.remove_block(item)
    messages.success(request, _("“%(title)s” is removed from the agenda.") % {"title": item.title})
    return redirect("conversations:agenda", pk=conversation.pk)


@login_required
@require_POST
def agenda_add_method(request, pk):
    conversation = _team(request, pk)
    if conversation.method is None:
        messages.error(request, _("Choose a method in the plan's details first."))
    else:
        count = actions.add_method_steps(conversation, conversation.method)
        messages.success(request, _("%(count)s steps of the method are added.") % {"count": count})
    return redirect("conversations:agenda", pk=conversation.pk)


# Printable outputs and the invitation ----------------------------------------------------------


def _run_sheet(request, conversation, shared=False):
    context = outputs.plan_context(conversation)
    return _private(_page(request, "run_sheet.html", shared=shared, **context))


def _handout(request, conversation, shared=False):
    context = outputs.plan_context(conversation)
    return _private(_page(request, "handout.html", shared=shared, **context))


def _pdf(template, conversation, filename):
    return _download(render_pdf(template, outputs.plan_context(conversation)), "application/pdf", filename)


def _invitation(request, conversation, url):
    if conversation.starts_at is None:
        messages.error(request, _("Set a date and start time first: the invitation needs them."))
        return redirect("conversations:edit", pk=conversation.pk)
    response = ics_response([outputs.invitation(conversation, url)], "invitation.ics")
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_GET
def run_sheet(request, pk):
    return _run_sheet(request, _team(request, pk))


@login_required
@require_GET
def run_sheet_pdf(request, pk):
    return _pdf("conversations/run_sheet_pdf.html", _team(request, pk), "run-sheet.pdf")


@login_required
@require_GET
def handout(request, pk):
    return _handout(request, _team(request, pk))


@login_required
@require_GET
def handout_pdf(request, pk):
    return _pdf("conversations/handout_pdf.html", _team(request, pk), "handout.pdf")


@login_required
@require_GET
def invitation(request, pk):
    conversation = _team(request, pk)
    return _invitation(request, conversation, request.build_absolute_uri(conversation.get_absolute_url()))


# Read-only share link --------------------------------------------------------------------------


@require_GET
def shared(request, token):
    return _run_sheet(request, access.get_shared_conversation(token), shared=True)


@require_GET
def shared_handout(request, token):
    return _handout(request, access.get_shared_conversation(token), shared=True)


@require_GET
def shared_pdf(request, token):
    return _pdf("conversations/run_sheet_pdf.html", access.get_shared_conversation(token), "run-sheet.pdf")


@require_GET
def shared_invitation(request, token):
    conversation = access.get_shared_conversation(token)
    if conversation.starts_at is None:
        raise Http404("This conversation has no date yet")
    response = ics_response([outputs.invitation(conversation)], "invitation.ics")
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_POST
def share(request, pk):
    conversation = _team(request, pk)
    actions.create_share_link(conversation)
    messages.success(request, _("A new read-only link is ready. Any earlier link no longer works."))
    return redirect(reverse("conversations:team", args=[conversation.pk]) + "#share")


@login_required
@require_POST
def share_revoke(request, pk):
    conversation = _team(request, pk)
    actions.revoke_share_link(conversation)
    messages.success(request, _("The read-only link is turned off. It no longer opens the plan."))
    return redirect(reverse("conversations:team", args=[conversation.pk]) + "#share")


# The team --------------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def team(request, pk):
    conversation = _team(request, pk)
    form = None
    if access.is_owner(request.user, conversation):
        form = InviteForm(conversation, request.POST or None)
    elif request.method == "POST":
        conversation = access.get_conversation_for_owner(request.user, pk)  # refuses co-facilitators
    if request.method == "POST":
        if too_many(request, "conversation-invite", INVITES_PER_ADDRESS, 600):
            messages.error(request, _("Too many invitations in a short time. Wait a few minutes."))
            return redirect("conversations:team", pk=conversation.pk)
        if form.is_valid():
            actions.add_co_facilitator(conversation, form.person)
            messages.success(
                request,
                _("%(name)s is now a co-facilitator and can edit this conversation.")
                % {"name": form.person.display_name},
            )
            return redirect("conversations:team", pk=conversation.pk)
    members = list(conversation.co_facilitators.select_related("user"))
    link = (
        request.build_absolute_uri(reverse("conversations:shared", args=[conversation.share_token]))
        if conversation.share_token
        else ""
    )
    status = 400 if request.method == "POST" else 200
    return _private(
        _page(request, "team.html", conversation, status=status, form=form, members=members, link=link)
    )


@login_required
@require_POST
def team_remove(request, pk, member_pk):
    conversation = _team(request, pk)
    member = access.get_team_member(request.user, conversation, member_pk)
    member.delete()
    if member.user_id == request.user.pk:
        messages.success(request, _("You have left the team of “%(title)s”.") % {"title": conversation.title})
        return redirect("conversations:index")
    messages.success(request, _("%(name)s is no longer on the team.") % {"name": member.user.display_name})
    return redirect("conversations:team", pk=conversation.pk)


# Run mode --------------------------------------------------------------------------------------


def _run_text() -> dict:
    """What run-mode.js says and shows, translated here; {name} marks a value the script fills in."""
    return {
        "minutes_one": _("1 minute"),
        "minutes_other": _("{count} minutes"),
        "speakers_one": _("1 speaker"),
        "speakers_other": _("{count} speakers"),
        "block_started": _("Started: {title}, {minutes}."),
        "block_now": _("Now: {title}, {minutes}."),
        "block_next": _("Next: {title}, {minutes}."),
        "block_back": _("Back to: {title}, {minutes}."),
        "paused": _("Paused."),
        "resumed": _("Resumed. {left} left in {title}."),
        "minute_added": _("One minute added. {left} left."),
        "one_minute_left": _("One minute left in {title}."),
        "time_up": _("Time is up for {title}."),
        "agenda_done": _("That was the last block. The agenda is done."),
        "reset": _("The timer is back at the start of the agenda."),
        "need_speakers": _("Add at least one speaker, one per line."),
        "turns_started": _("Speaking turns: {speakers}, {each} each. First: {name}."),
        "next_speaker": _("Next speaker: {name}."),
        "speaker_time_up": _("Time is up for {name}."),
        "all_spoken": _("Everyone has spoken."),
        "turns_ended": _("Speaking turns ended."),
        "empty": _("The agenda is empty."),
        "position": _("Block {number} of {total}"),
        "speaker": _("Speaker {number} of {total}: {name}"),
        "label_start": _("Start"),
        "label_pause": _("Pause"),
        "label_resume": _("Resume"),
        "status_ready": _("Ready to start"),
        "status_running": _("Running"),
        "status_paused": _("Paused"),
        "status_done": _("The agenda is done"),
        "status_time_up": _("Time is up"),
        "note_waiting": _("Waiting to send:"),
        "note_sent": _("Sent:"),
        "note_failed": _("Not accepted:"),
        "dismiss": _("Dismiss"),
        "pending_one": _("1 note is kept on this device until it can be sent."),
        "pending_other": _("{count} notes are kept on this device until they can be sent."),
        "all_sent": _("Every note is sent."),
        "sign_in_again": _("Sign in again in another tab to send notes."),
        "try_later": _("The site did not take the notes yet; trying again soon."),
        "network_down": _("The network is down; notes will be sent when the connection is back."),
        "notes_saved": _("Notes saved."),
        "write_first": _("Write the note before saving."),
        "kept_offline": _("Note kept on this device. It will be sent when the network is back."),
    }


def _run_context(conversation):
    context = outputs.plan_context(conversation)
    context["run_text"] = _run_text()
    context["blocks"] = [
        {"id": s.item.pk, "title": s.item.title, "minutes": s.item.minutes, "question": s.item.question}
        for s in context["slots"]
    ]
    return context


@login_required
@require_GET
def run(request, pk):
    conversation = _team(request, pk)
    context = _run_context(conversation)
    context["note_form"] = NoteForm(conversation, initial={"return_to": "run"}, auto_id="run-note-%s")
    return _private(_page(request, "run.html", **context))


@login_required
@require_GET
def projector(request, pk):
    conversation = _team(request, pk)
    return _private(_page(request, "projector.html", **_run_context(conversation)))


# Notes -----------------------------------------------------------------------------------------


def _notes_page(request, conversation, form=None, status=200):
    notes = list(conversation.notes.select_related("agenda_item").prefetch_related("themes"))
    blocks = []
    for item in [*conversation.agenda_items.all(), None]:
        in_block = [n for n in notes if n.agenda_item_id == (item.pk if item else None)]
        if in_block:
            blocks.append({"item": item, "notes": in_block})
    form = form or NoteForm(conversation, initial={"return_to": "notes"})
    return _private(_page(request, "notes.html", conversation, status=status, form=form, blocks=blocks))


@login_required
@require_http_methods(["GET", "POST"])
def notes(request, pk):
    conversation = _team(request, pk)
    if request.method == "GET":
        return _notes_page(request, conversation)
    form = NoteForm(conversation, request.POST)
    if not form.is_valid():
        if request.POST.get("return_to") == "run":
            context = _run_context(conversation)
            return _private(_page(request, "run.html", status=400, note_form=form, **context))
        return _notes_page(request, conversation, form, status=400)
    _note, created = actions.save_note(
        conversation, request.user, form.cleaned_data["client_id"], **form.note_fields()
    )
    messages.success(request, _("The note is saved.") if created else _("This note was already saved."))
    if form.cleaned_data.get("return_to") == "run":
        return redirect("conversations:run", pk=conversation.pk)
    return redirect("conversations:notes", pk=conversation.pk)


@require_POST
def note_sync(request, pk):
    """Notes sent by run mode, possibly long after they were written: saved once per client_id."""
    if not request.user.is_authenticated:
        return JsonResponse({"error": "sign-in"}, status=401)
    conversation = _team(request, pk)
    data = request.POST.copy()
    block = data.get("agenda_item", "")
    if block and not (block.isdigit() and conversation.agenda_items.filter(pk=block).exists()):
        data["agenda_item"] = ""  # the block was removed since: keep the note, untied
    form = NoteForm(conversation, data)
    if not form.is_valid():
        return JsonResponse({"errors": form.errors.get_json_data()}, status=400)
    note, created = actions.save_note(
        conversation, request.user, form.cleaned_data["client_id"], **form.note_fields()
    )
    return JsonResponse(
        {"id": note.pk, "client_id": str(note.client_id), "created": created}, status=201 if created else 200
    )


@login_required
@require_http_methods(["GET", "POST"])
def note_edit(request, pk, note_pk):
    conversation = _team(request, pk)
    note = access.get_note(conversation, note_pk)
    initial = {
        "agenda_item": note.agenda_item_id,
        "table": note.table,
        "text": note.text,
        "themes": list(note.themes.all()),
        "client_id": note.client_id,
    }
    form = NoteForm(conversation, request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        actions.update_note(note, **form.note_fields())
        messages.success(request, _("The note is saved."))
        return redirect(reverse("conversations:notes", args=[conversation.pk]) + f"#note-{note.pk}")
    status = 400 if request.method == "POST" else 200
    return _private(_page(request, "note_edit.html", conversation, status=status, form=form, note=note))


@login_required
@require_POST
def note_delete(request, pk, note_pk):
    conversation = _team(request, pk)
    access.get_note(conversation, note_pk).delete()
    messages.success(request, _("The note is deleted."))
    return redirect("conversations:notes", pk=conversation.pk)


# Themes and decisions --------------------------------------------------------------------------


def _harvest_page(request, conversation, status=200, **forms):
    context = outputs.harvest_context(conversation)
    context["theme_form"] = forms.get("theme_form") or ThemeForm(conversation, prefix="theme")
    context["decision_form"] = forms.get("decision_form") or DecisionForm(prefix="decision")
    return _private(_page(request, "harvest.html", status=status, **context))


@login_required
@require_GET
def harvest(request, pk):
    return _harvest_page(request, _team(request, pk))


@login_required
@require_POST
def theme_add(request, pk):
    conversation = _team(request, pk)
    form = ThemeForm(conversation, request.POST, prefix="theme")
    if not form.is_valid():
        return _harvest_page(request, conversation, status=400, theme_form=form)
    form.instance.conversation = conversation
    theme = form.save()
    messages.success(request, _("The theme “%(name)s” is added.") % {"name": theme.name})
    return redirect("conversations:harvest", pk=conversation.pk)


@login_required
@require_POST
def theme_delete(request, pk, theme_pk):
    conversation = _team(request, pk)
    access.get_theme(conversation, theme_pk).delete()
    messages.success(request, _("The theme is removed. Notes tagged with it keep their text."))
    return redirect("conversations:harvest", pk=conversation.pk)


@login_required
@require_POST
def decision_add(request, pk):
    conversation = _team(request, pk)
    form = DecisionForm(request.POST, prefix="decision")
    if not form.is_valid():
        return _harvest_page(request, conversation, status=400, decision_form=form)
    conversation.decisions.create(text=form.cleaned_data["text"])
    messages.success(request, _("The decision is recorded."))
    return redirect("conversations:harvest", pk=conversation.pk)


@login_required
@require_POST
def decision_delete(request, pk, decision_pk):
    conversation = _team(request, pk)
    access.get_decision(conversation, decision_pk).delete()
    messages.success(request, _("The decision is removed."))
    return redirect("conversations:harvest", pk=conversation.pk)


# Action items ----------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def action_items(request, pk):
    conversation = _team(request, pk)
    form = ActionItemForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        form.instance.conversation = conversation
        form.save()
        messages.success(request, _("The action is added."))
        return redirect("conversations:actions", pk=conversation.pk)
    status = 400 if request.method == "POST" else 200
    items = list(conversation.action_items.all())
    return _private(
        _page(
            request,
            "actions.html",
            conversation,
            status=status,
            form=form,
            items=items,
            status_choices=ActionStatus.choices,
        )
    )


@login_required
@require_http_methods(["GET", "POST"])
def action_edit(request, pk, action_pk):
    conversation = _team(request, pk)
    item = access.get_action_item(conversation, action_pk)
    form = ActionItemForm(request.POST or None, instance=item)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("The action is saved."))
        return redirect("conversations:actions", pk=conversation.pk)
    status = 400 if request.method == "POST" else 200
    return _private(_page(request, "action_edit.html", conversation, status=status, form=form, item=item))


@login_required
@require_POST
def action_status(request, pk, action_pk):
    conversation = _team(request, pk)
    item = access.get_action_item(conversation, action_pk)
    form = StatusForm(request.POST)
    if form.is_valid():
        item.status = form.cleaned_data["status"]
        item.save(update_fields=["status"])
        messages.success(
            request,
            _("“%(what)s” is now: %(status)s.") % {"what": item.what, "status": item.get_status_display()},
        )
    else:
        messages.error(request, _("Choose a status from the list."))
    return redirect("conversations:actions", pk=conversation.pk)


@login_required
@require_POST
def action_delete(request, pk, action_pk):
    conversation = _team(request, pk)
    access.get_action_item(conversation, action_pk).delete()
    messages.success(request, _("The action is removed."))
    return redirect("conversations:actions", pk=conversation.pk)


# Held, and the follow-up report ----------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def held(request, pk):
    conversation = _team(request, pk)
    planned = conversation.local_start.date() if conversation.starts_at else None
    form = HeldForm(
        request.POST or None, instance=conversation, initial={"held_on": conversation.held_on or planned}
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        actions.mark_held(conversation, data["held_on"], data["attendance"], data["summary"])
        messages.success(request, _("The conversation is marked as held."))
        return redirect("conversations:follow_up", pk=conversation.pk)
    status = 400 if request.method == "POST" else 200
    return _private(_page(request, "held.html", conversation, status=status, form=form))


@login_required
@require_GET
def follow_up(request, pk):
    conversation = _team(request, pk)
    return _private(_page(request, "follow_up.html", **outputs.harvest_context(conversation)))


@login_required
@require_GET
def follow_up_pdf(request, pk):
    context = outputs.harvest_context(_team(request, pk))
    return _download(
        render_pdf("conversations/follow_up_pdf.html", context), "application/pdf", "follow-up.pdf"
    )


@login_required
@require_GET
def follow_up_markdown(request, pk):
    text = outputs.follow_up_markdown(_team(request, pk))
    return _download(text, "text/markdown; charset=utf-8", "follow-up.md")


@login_required
@require_GET
def follow_up_csv(request, pk):
    text = outputs.follow_up_csv(_team(request, pk))
    return _download(text, "text/csv; charset=utf-8", "follow-up.csv")


# Administrators: notes only through an audit record --------------------------------------------


@staff_required
@require_GET
def staff_list(request):
    conversations = Conversation.objects.select_related("owner").order_by("-created_at")[:500]
    return render(request, "conversations/staff_list.html", {"conversations": conversations})


@staff_required
@require_http_methods(["GET", "POST"])
def staff_notes(request, pk):
    conversation = access.get_conversation_for_staff(pk)
    form = NoteAccessForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        record = actions.open_notes_for_staff(request.user, conversation, form.cleaned_data["reason"])
        return redirect("conversations:staff_notes_open", pk=conversation.pk, access_pk=record.pk)
    status = 400 if request.method == "POST" else 200
    return render(
        request, "conversations/staff_notes.html", {"conversation": conversation, "form": form}, status=status
    )


@staff_required
@require_GET
def staff_notes_open(request, pk, access_pk):
    conversation = access.get_conversation_for_staff(pk)
    record = access.get_open_note_access(request.user, conversation, access_pk)
    notes = conversation.notes.select_related("agenda_item").prefetch_related("themes")
    context = {"conversation": conversation, "record": record, "notes": notes}
    return _private(render(request, "conversations/staff_notes_open.html", context))
