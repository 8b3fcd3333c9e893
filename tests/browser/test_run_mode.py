"""Run mode in a real browser: keyboard-driven timer on a controlled clock, speaking turns, offline notes."""

from datetime import datetime

import pytest
from playwright.sync_api import expect

from convener.conversations import actions
from convener.conversations.models import Note
from convener.conversations.tests.base import make_method
from convener.test import PASSWORD, make_person

pytestmark = pytest.mark.django_db(transaction=True)

START = datetime(2025, 6, 12, 18, 0)  # noqa: DTZ001 (the browser's clock, not a stored moment)


def plan(email="runner@example.org"):
    person = make_person(email, "Rae Runner")
    conversation = actions.create_from_method(person, make_method(), "Our Main Street")
    return person, conversation


def sign_in(visit, email):
    page = visit.goto("/account/sign-in/")
    page.fill("#id_username", email)
    page.fill("#id_password", PASSWORD)
    with page.expect_navigation():
        page.click("main button[type=submit]")


def press(page, key):
    page.keyboard.press(key)


def test_the_timer_runs_by_keyboard_on_a_controlled_clock(visit):
    _person, conversation = plan()
    sign_in(visit, "runner@example.org")
    page = visit.page
    page.clock.install(time=START)
    visit.goto(f"/plan/{conversation.pk}/run/")
    page.clock.pause_at(datetime(2025, 6, 12, 18, 1))  # noqa: DTZ001
    clock, status, live = (
        page.locator("[data-clock]"),
        page.locator("[data-status]"),
        page.locator("[data-announce]"),
    )

    expect(page.locator("[data-position]")).to_have_text("Block 1 of 4")
    expect(page.locator("[data-block-title]")).to_have_text("Welcome")
    expect(clock).to_have_text("10:00")
    expect(status).to_have_text("Ready to start")
    expect(page.locator("[data-no-js]").first).to_be_hidden()
    expect(page.locator(".shortcuts")).to_contain_text("Start, pause or resume")

    press(page, "s")
    expect(status).to_have_text("Running")
    expect(live).to_have_text("Started: Welcome, 10 minutes.")
    expect(page.locator("[data-action=toggle]")).to_have_text("Pause")

    page.clock.fast_forward("04:00")
    expect(clock).to_have_text("6:00")
    expect(live).to_have_text("Started: Welcome, 10 minutes.")  # no announcement every second

    page.clock.fast_forward("05:00")
    expect(clock).to_have_text("1:00")
    expect(live).to_have_text("One minute left in Welcome.")

    press(page, "m")
    expect(clock).to_have_text("2:00")
    expect(live).to_have_text("One minute added. 2:00 left.")

    page.clock.fast_forward("02:30")
    expect(clock).to_have_text("+0:30")
    expect(clock).to_have_class("run-clock over")
    expect(status).to_have_text("Time is up")
    expect(live).to_have_text("Time is up for Welcome.")

    press(page, "s")
    expect(status).to_have_text("Paused")
    page.clock.fast_forward("01:00")
    expect(clock).to_have_text("+0:30")
    press(page, "s")
    expect(status).to_have_text("Time is up")
    expect(page.locator("[data-action=toggle]")).to_have_text("Pause")

    press(page, "n")
    expect(page.locator("[data-position]")).to_have_text("Block 2 of 4")
    expect(page.locator("[data-block-title]")).to_have_text("Round 1")
    expect(page.locator("[data-block-question]")).to_have_text("What matters most?")
    expect(clock).to_have_text("20:00")
    expect(live).to_have_text("Now: Round 1, 20 minutes. What matters most?")
    expect(page.locator("[data-run-agenda] [aria-current=step]")).to_contain_text("Round 1")
    page.clock.fast_forward("00:10")
    expect(clock).to_have_text("19:50")
    # The notes form follows the block being run.
    round_one = conversation.agenda_items.get(title="Round 1")
    expect(page.locator("#run-note-agenda_item")).to_have_value(str(round_one.pk))

    press(page, "b")
    expect(page.locator("[data-block-title]")).to_have_text("Welcome")
    for _ in range(4):
        press(page, "n")
    expect(status).to_have_text("The agenda is done")
    expect(live).to_have_text("That was the last block. The agenda is done.")
    page.clock.resume()  # axe-core waits on timers of its own
    visit.scan()


def test_shortcuts_stay_out_of_the_way_while_typing_and_can_be_turned_off(visit):
    _person, conversation = plan()
    sign_in(visit, "runner@example.org")
    page = visit.goto(f"/plan/{conversation.pk}/run/")
    status = page.locator("[data-status]")
    visit.type_into("#run-note-text", "Some notes")
    expect(status).to_have_text("Ready to start")
    expect(page.locator("#run-note-text")).to_have_value("Some notes")
    visit.tab_to("#opt-shortcuts")
    press(page, "Space")
    expect(page.locator("#opt-shortcuts")).not_to_be_checked()
    press(page, "s")
    expect(status).to_have_text("Ready to start")
    press(page, "Space")
    press(page, "s")
    expect(status).to_have_text("Running")


def test_speaking_turns_count_down_for_each_speaker(visit):
    _person, conversation = plan()
    sign_in(visit, "runner@example.org")
    page = visit.page
    page.clock.install(time=START)
    visit.goto(f"/plan/{conversation.pk}/run/")
    page.clock.pause_at(datetime(2025, 6, 12, 18, 1))  # noqa: DTZ001
    live, speaker, turn_clock = (
        page.locator("[data-announce]"),
        page.locator("[data-turn-current]"),
        page.locator("[data-turn-clock]"),
    )

    visit.type_into("#turn-names", "Ana\nBo\nCy")
    visit.tab_to("#turn-seconds")
    page.keyboard.press("Control+a")
    page.keyboard.type("60")
    visit.tab_to("[data-action='turns-start']")
    press(page, "Enter")
    expect(speaker).to_have_text("Speaker 1 of 3: Ana")
    expect(turn_clock).to_have_text("1:00")
    expect(live).to_have_text("Speaking turns: 3 speakers, 1:00 each. First: Ana.")
    expect(page.locator("[data-status]")).to_have_text("Running")  # turns start the room timer too

    page.clock.fast_forward("00:30")
    expect(turn_clock).to_have_text("0:30")
    press(page, "t")
    expect(speaker).to_have_text("Speaker 2 of 3: Bo")
    expect(turn_clock).to_have_text("1:00")
    expect(live).to_have_text("Next speaker: Bo.")
    expect(page.locator("[data-turn-list] li.done")).to_have_text("Ana")

    page.clock.fast_forward("01:05")
    expect(turn_clock).to_have_text("+0:05")
    expect(live).to_have_text("Time is up for Bo.")
    press(page, "t")
    expect(speaker).to_have_text("Speaker 3 of 3: Cy")
    press(page, "t")
    expect(speaker).to_have_text("Everyone has spoken.")
    expect(live).to_have_text("Everyone has spoken.")
    page.clock.resume()
    visit.scan()


def test_a_reload_keeps_the_timer_and_the_projector_follows(visit):
    _person, conversation = plan()
    sign_in(visit, "runner@example.org")
    page = visit.goto(f"/plan/{conversation.pk}/run/")
    press(page, "s")
    press(page, "n")
    expect(page.locator("[data-position]")).to_have_text("Block 2 of 4")
    page.reload()
    expect(page.locator("[data-position]")).to_have_text("Block 2 of 4")
    expect(page.locator("[data-status]")).to_have_text("Running")
    expect(page.locator("[data-action=toggle]")).to_have_text("Pause")

    projector = page.context.new_page()
    projector.goto(visit.base_url + f"/plan/{conversation.pk}/run/projector/")
    expect(projector.locator("[data-block-title]")).to_have_text("Round 1")
    expect(projector.locator("[data-block-question]")).to_have_text("What matters most?")
    page.bring_to_front()
    press(page, "n")
    expect(projector.locator("[data-block-title]")).to_have_text("Harvest")
    projector.close()

    page = visit.goto(f"/plan/{conversation.pk}/run/projector/")
    expect(page.locator("[data-block-title]")).to_have_text("Harvest")
    press(page, "s")
    expect(page.locator("[data-status]")).to_have_text("Paused")
    visit.scan()


def test_notes_written_offline_are_saved_once_when_the_network_returns(visit):
    _person, conversation = plan()
    sign_in(visit, "runner@example.org")
    page = visit.goto(f"/plan/{conversation.pk}/run/")
    context = page.context
    queue_status = page.locator("[data-queue-status]")

    context.set_offline(True)
    for text in ("Parking came up at every table.", "People want evening hours."):
        visit.type_into("#run-note-text", text)
        visit.tab_to("form[data-offline-notes] button[type=submit]")
        press(page, "Enter")
        expect(page.locator("[data-queue-list]")).to_contain_text(text)
    expect(queue_status).to_contain_text("2 notes are kept on this device")
    expect(page.locator("[data-queue-list] .pending")).to_have_count(2)
    expect(page.locator("#run-note-text")).to_have_value("")
    visit.scan()
    assert Note.objects.count() == 0
    waiting = page.evaluate(f"localStorage.getItem('convener-notes-{conversation.pk}')")

    context.set_offline(False)
    expect(queue_status).to_have_text("Every note is sent.", timeout=20000)
    expect(page.locator("[data-queue-list] .sent")).to_have_count(2)
    expect(page.locator("[data-announce]")).to_have_text("Notes saved.")
    assert sorted(Note.objects.values_list("text", flat=True)) == [
        "Parking came up at every table.",
        "People want evening hours.",
    ]

    # The same notes sent again (a retry after a lost reply, another tab): still saved once.
    page.evaluate(f"q => localStorage.setItem('convener-notes-{conversation.pk}', q)", waiting)
    page.reload()
    expect(page.locator("[data-queue-status]")).to_have_text("Every note is sent.", timeout=20000)
    expect(page.locator("[data-queue-list] .sent")).to_have_count(2)
    assert Note.objects.count() == 2
    note = Note.objects.get(text="People want evening hours.")
    assert note.agenda_item.title == "Welcome"
    assert note.author.email == "runner@example.org"


def test_run_mode_without_javascript_shows_the_agenda_and_saves_notes(browser, live_server):
    _person, conversation = plan("nojs-runner@example.org")
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(live_server.url + "/account/sign-in/")
    page.fill("#id_username", "nojs-runner@example.org")
    page.fill("#id_password", PASSWORD)
    page.click("main button[type=submit]")
    page.goto(live_server.url + f"/plan/{conversation.pk}/run/")
    assert page.locator("[data-no-js]").first.is_visible()
    assert not page.locator(".run-now").is_visible()
    assert "Round 1" in page.locator("[data-run-agenda]").inner_text()
    page.fill("#run-note-text", "Typed with scripts off")
    page.click("form[data-offline-notes] button[type=submit]")
    assert page.url.endswith(f"/plan/{conversation.pk}/run/")
    assert "The note is saved." in page.locator(".messages").inner_text()
    assert Note.objects.get().text == "Typed with scripts off"
    context.close()


def test_run_mode_reflows_at_320_pixels(visit):
    _person, conversation = plan()
    sign_in(visit, "runner@example.org")
    visit.page.set_viewport_size({"width": 320, "height": 640})
    for path in ("run/", "run/projector/"):
        page = visit.goto(f"/plan/{conversation.pk}/{path}")
        overflow = page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0, f"{path} scrolls sideways by {overflow}px at 320px"
