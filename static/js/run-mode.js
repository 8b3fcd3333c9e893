// Run mode: the room timer, speaking turns, and notes that survive a dropped network.
// Without this file the run page still shows the agenda and posts notes as a plain form.
//
// The timer's state lives in localStorage, keyed by conversation, as timestamps rather than
// a counter: a reload, a second window (the projector view) or a sleeping laptop all read the
// same state and compute the same time left. Screen readers hear the timer only at moments
// that matter: a block starts, one minute is left, time is up, a speaker changes.
(function () {
  "use strict";

  var root = document.querySelector("[data-run]");
  var dataNode = document.getElementById("run-blocks");
  if (!root || !dataNode) return;

  var id = root.getAttribute("data-run");
  var view = root.getAttribute("data-view");
  var blocks = JSON.parse(dataNode.textContent);
  var textNode = document.getElementById("run-text");
  var words = textNode ? JSON.parse(textNode.textContent) : {};
  var STATE_KEY = "convener-run-" + id;
  var QUEUE_KEY = "convener-notes-" + id;
  var OPTIONS_KEY = "convener-run-options";
  var MINUTE = 60000;
  var live = root.querySelector("[data-announce]");

  function $(selector) {
    return root.querySelector(selector);
  }

  function read(key, fallback) {
    try {
      var value = JSON.parse(window.localStorage.getItem(key));
      return value === null ? fallback : value;
    } catch (error) {
      return fallback;
    }
  }

  function write(key, value) {
    try {
      window.localStorage.setItem(key, JSON.stringify(value));
    } catch (error) {
      // Private browsing or a full disk: the timer still runs, it just won't survive a reload.
    }
  }

  function announce(text) {
    if (live) live.textContent = text;
  }

  // A translated sentence from the server, with its {placeholders} filled in.
  function t(key, values) {
    return (words[key] || key).replace(/\{(\w+)\}/g, function (match, name) {
      return values && name in values ? values[name] : match;
    });
  }

  function plural(key, count) {
    return t(count === 1 ? key + "_one" : key + "_other", { count: count });
  }

  function clock(ms) {
    var seconds = ms >= 0 ? Math.ceil(ms / 1000) : Math.floor(-ms / 1000);
    var text = Math.floor(seconds / 60) + ":" + String(seconds % 60).padStart(2, "0");
    return ms >= 0 ? text : "+" + text;
  }

  // Options, shared by every conversation on this device ----------------------------------------

  var options = read(OPTIONS_KEY, { chime: false, shortcuts: true });

  document.querySelectorAll("[data-option]").forEach(function (box) {
    var name = box.getAttribute("data-option");
    box.checked = !!options[name];
    box.addEventListener("change", function () {
      options[name] = box.checked;
      write(OPTIONS_KEY, options);
      if (name === "chime" && box.checked) unlockAudio();
    });
  });

  // The optional chime: two soft tones from Web Audio, no sound files.
  var audio = null;

  function unlockAudio() {
    var Context = window.AudioContext || window.webkitAudioContext;
    if (!Context) return;
    try {
      audio = audio || new Context();
      if (audio.state === "suspended") audio.resume();
    } catch (error) {
      audio = null;
    }
  }

  function chime() {
    if (!options.chime || view !== "facilitator") return;
    unlockAudio();
    if (!audio) return;
    try {
      var start = audio.currentTime;
      [660, 880].forEach(function (frequency, index) {
        var tone = audio.createOscillator();
        var gain = audio.createGain();
        var at = start + index * 0.35;
        tone.type = "sine";
        tone.frequency.value = frequency;
        gain.gain.setValueAtTime(0.0001, at);
        gain.gain.exponentialRampToValueAtTime(0.25, at + 0.03);
        gain.gain.exponentialRampToValueAtTime(0.0001, at + 0.9);
        tone.connect(gain);
        gain.connect(audio.destination);
        tone.start(at);
        tone.stop(at + 1);
      });
    } catch (error) {
      // No sound is better than a broken timer.
    }
  }

  // Timer state ----------------------------------------------------------------------------------

  function fresh() {
    // phase: ready, running, paused or done. elapsed counts paused time out; since is when it resumed.
    return { v: 1, phase: "ready", index: 0, elapsed: 0, since: null, extra: 0, warned: false, ended: false, turns: null };
  }

  function load() {
    var saved = read(STATE_KEY, null);
    var state = saved && saved.v === 1 ? saved : fresh();
    if (state.index >= blocks.length) state.index = Math.max(0, blocks.length - 1);
    return state;
  }

  var state = load();

  function save() {
    write(STATE_KEY, state);
  }

  function now() {
    return Date.now();
  }

  function used(timer) {
    return timer.elapsed + (timer.since === null ? 0 : now() - timer.since);
  }

  function block() {
    return blocks[state.index];
  }

  function blockLength() {
    return block() ? block().minutes * MINUTE + state.extra : 0;
  }

  function left() {
    return blockLength() - used(state);
  }

  function turnLeft() {
    return state.turns.seconds * 1000 - used(state.turns);
  }

  function turnsActive() {
    return !!state.turns && state.turns.index < state.turns.names.length;
  }

  function stop(timer) {
    if (timer && timer.since !== null) {
      timer.elapsed += now() - timer.since;
      timer.since = null;
    }
  }

  function go(timer) {
    if (timer && timer.since === null) timer.since = now();
  }

  function announceBlock(key) {
    if (!block()) return;
    var text = t(key, { title: block().title, minutes: plural("minutes", block().minutes) });
    if (block().question) text += " " + block().question;
    announce(text);
  }

  function enterBlock(index) {
    state.index = index;
    state.elapsed = 0;
    state.extra = 0;
    state.warned = false;
    state.ended = false;
    state.since = state.phase === "running" ? now() : null;
    syncNoteBlock();
  }

  var act = {
    toggle: function () {
      if (!blocks.length) return;
      if (state.phase === "ready") {
        state.phase = "running";
        go(state);
        announceBlock("block_started");
      } else if (state.phase === "running") {
        state.phase = "paused";
        stop(state);
        stop(state.turns);
        announce(t("paused"));
      } else if (state.phase === "paused") {
        state.phase = "running";
        go(state);
        if (turnsActive()) go(state.turns);
        announce(t("resumed", { left: clock(left()), title: block().title }));
      } else {
        return;
      }
    },
    minute: function () {
      if (!blocks.length || state.phase === "done") return;
      state.extra += MINUTE;
      if (left() > MINUTE) state.warned = false;
      if (left() > 0) state.ended = false;
      announce(t("minute_added", { left: clock(left()) }));
    },
    next: function () {
      if (!blocks.length || state.phase === "done") return;
      if (state.index + 1 < blocks.length) {
        enterBlock(state.index + 1);
        announceBlock(state.phase === "running" ? "block_now" : "block_next");
      } else if (state.phase !== "ready") {
        stop(state);
        stop(state.turns);
        state.phase = "done";
        announce(t("agenda_done"));
      }
    },
    previous: function () {
      if (!blocks.length || state.index === 0) return;
      if (state.phase === "done") state.phase = "paused";
      enterBlock(state.index - 1);
      announceBlock("block_back");
    },
    reset: function () {
      state = fresh();
      syncNoteBlock();
      announce(t("reset"));
    },
    "turns-start": function () {
      var box = $("[data-turn-names]");
      var names = box ? box.value.split("\n").map(function (n) { return n.trim(); }).filter(Boolean) : [];
      if (!names.length) {
        announce(t("need_speakers"));
        if (box) box.focus();
        return;
      }
      var secondsBox = $("[data-turn-seconds]");
      var seconds = Math.min(1800, Math.max(10, parseInt(secondsBox && secondsBox.value, 10) || 120));
      if (state.phase === "ready" || state.phase === "paused") act.toggle();
      state.turns = { names: names, seconds: seconds, index: 0, elapsed: 0, since: null, ended: false };
      if (state.phase === "running") go(state.turns);
      announce(t("turns_started", { speakers: plural("speakers", names.length), each: clock(seconds * 1000), name: names[0] }));
    },
    "turns-next": function () {
      if (!state.turns) return act["turns-start"]();
      if (!turnsActive()) return;
      var turns = state.turns;
      stop(turns);
      turns.index += 1;
      turns.elapsed = 0;
      turns.ended = false;
      if (turns.index < turns.names.length) {
        if (state.phase === "running") go(turns);
        announce(t("next_speaker", { name: turns.names[turns.index] }));
      } else {
        announce(t("all_spoken"));
      }
    },
    "turns-stop": function () {
      if (!state.turns) return;
      state.turns = null;
      announce(t("turns_ended"));
    },
    fullscreen: function () {
      if (document.fullscreenElement) {
        document.exitFullscreen();
      } else if (root.requestFullscreen) {
        root.requestFullscreen().catch(function () {});
      }
    },
  };

  function perform(name) {
    if (!act[name]) return;
    act[name]();
    save();
    render();
  }

  // Moments worth announcing, checked on every tick -----------------------------------------------

  function check() {
    var changed = false;
    if (state.phase === "running" && block()) {
      var remaining = left();
      if (!state.warned && remaining <= MINUTE && remaining > 0 && blockLength() > MINUTE) {
        state.warned = true;
        changed = true;
        announce(t("one_minute_left", { title: block().title }));
      }
      if (!state.ended && remaining <= 0) {
        state.ended = state.warned = true;
        changed = true;
        announce(t("time_up", { title: block().title }));
        chime();
      }
    }
    if (state.phase === "running" && turnsActive() && !state.turns.ended && turnLeft() <= 0) {
      state.turns.ended = true;
      changed = true;
      announce(t("speaker_time_up", { name: state.turns.names[state.turns.index] }));
      chime();
    }
    if (changed) save();
  }

  // Drawing ---------------------------------------------------------------------------------------

  var labels = { ready: t("label_start"), running: t("label_pause"), paused: t("label_resume"), done: t("label_start") };
  var statuses = {
    ready: t("status_ready"),
    running: t("status_running"),
    paused: t("status_paused"),
    done: t("status_done"),
  };
  var shownIndex = -1;

  function setText(selector, text) {
    var node = $(selector);
    if (node && node.textContent !== text) node.textContent = text;
    return node;
  }

  function render() {
    var current = block();
    if (!current) {
      setText("[data-position]", t("empty"));
      return;
    }
    var remaining = left();
    setText("[data-position]", t("position", { number: state.index + 1, total: blocks.length }));
    setText("[data-block-title]", current.title);
    var question = setText("[data-block-question]", current.question || "");
    if (question) question.hidden = !current.question;
    var face = setText("[data-clock]", state.phase === "done" ? "0:00" : clock(remaining));
    if (face) face.classList.toggle("over", state.phase !== "done" && remaining < 0);
    var status = statuses[state.phase];
    if (state.phase === "running" && remaining <= 0) status = t("status_time_up");
    setText("[data-status]", status);
    var bar = $("[data-progress]");
    if (bar) bar.value = Math.min(100, Math.round((used(state) / blockLength()) * 100));
    var toggle = root.querySelector("[data-action=toggle]");
    if (toggle) {
      toggle.textContent = labels[state.phase];
      toggle.disabled = state.phase === "done";
    }
    renderTurns();
    if (shownIndex !== state.index) {
      shownIndex = state.index;
      document.querySelectorAll("[data-run-agenda] [data-block]").forEach(function (item) {
        var index = parseInt(item.getAttribute("data-block"), 10);
        if (index === state.index) item.setAttribute("aria-current", "step");
        else item.removeAttribute("aria-current");
        item.classList.toggle("past", index < state.index);
      });
    }
  }

  function renderTurns() {
    var list = $("[data-turn-list]");
    if (!state.turns) {
      setText("[data-turn-current]", "");
      setText("[data-turn-clock]", "");
      if (list) list.textContent = "";
      return;
    }
    var turns = state.turns;
    if (turnsActive()) {
      setText("[data-turn-current]", t("speaker", { number: turns.index + 1, total: turns.names.length, name: turns.names[turns.index] }));
      var face = setText("[data-turn-clock]", clock(turnLeft()));
      if (face) face.classList.toggle("over", turnLeft() < 0);
    } else {
      setText("[data-turn-current]", t("all_spoken"));
      setText("[data-turn-clock]", "");
    }
    if (list && list.getAttribute("data-drawn") !== turns.index + "/" + turns.names.join("|")) {
      list.setAttribute("data-drawn", turns.index + "/" + turns.names.join("|"));
      list.textContent = "";
      turns.names.forEach(function (name, index) {
        var item = document.createElement("li");
        item.textContent = name;
        if (index < turns.index) item.className = "done";
        if (index === turns.index) item.setAttribute("aria-current", "true");
        list.appendChild(item);
      });
    }
  }

  // Wiring ----------------------------------------------------------------------------------------

  document.querySelectorAll("[data-js-only]").forEach(function (node) {
    node.hidden = false;
  });
  document.querySelectorAll("[data-no-js]").forEach(function (node) {
    node.hidden = true;
  });

  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-action]");
    if (button) perform(button.getAttribute("data-action"));
  });

  var KEYS = { s: "toggle", n: "next", b: "previous", m: "minute", t: "turns-next", f: "fullscreen" };

  function typing(target) {
    if (!target || !target.tagName) return false;
    if (target.isContentEditable || target.tagName === "TEXTAREA" || target.tagName === "SELECT") return true;
    return target.tagName === "INPUT" && !/^(checkbox|radio|button|submit|reset)$/.test(target.type);
  }

  document.addEventListener("keydown", function (event) {
    if (!options.shortcuts || event.ctrlKey || event.metaKey || event.altKey || event.repeat) return;
    if (typing(event.target)) return;
    var name = KEYS[(event.key || "").toLowerCase()];
    if (!name || (name === "fullscreen" && view !== "projector")) return;
    event.preventDefault();
    perform(name);
  });

  // The other window (projector or facilitator) changed the state.
  window.addEventListener("storage", function (event) {
    if (event.key === STATE_KEY) {
      state = load();
      render();
    } else if (event.key === QUEUE_KEY) {
      drawQueue();
    }
  });

  window.setInterval(function () {
    check();
    render();
  }, 250);

  // Notes: queued on this device, sent once ---------------------------------------------------------

  var form = document.querySelector("form[data-offline-notes]");
  var queueBox = document.querySelector("[data-queue]");
  var syncUrl = root.getAttribute("data-sync-url");
  var sentNow = [];
  var problem = "";
  var sending = false;

  function syncNoteBlock() {
    var select = form && form.elements.agenda_item;
    if (select && blocks[state.index]) select.value = String(blocks[state.index].id);
  }

  function newId() {
    if (window.crypto && window.crypto.randomUUID) return window.crypto.randomUUID();
    var bytes = window.crypto.getRandomValues(new Uint8Array(16));
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    var hex = Array.prototype.map.call(bytes, function (b) { return b.toString(16).padStart(2, "0"); }).join("");
    return [hex.slice(0, 8), hex.slice(8, 12), hex.slice(12, 16), hex.slice(16, 20), hex.slice(20)].join("-");
  }

  function queue() {
    return read(QUEUE_KEY, []);
  }

  function drop(clientId) {
    write(QUEUE_KEY, queue().filter(function (entry) { return entry.client_id !== clientId; }));
  }

  function drawQueue() {
    if (!queueBox) return;
    var waiting = queue();
    var list = queueBox.querySelector("[data-queue-list]");
    list.textContent = "";
    waiting.concat(sentNow).forEach(function (entry) {
      var item = document.createElement("li");
      var badge = document.createElement("span");
      badge.className = entry.failed ? "failed" : entry.sent ? "sent" : "pending";
      badge.textContent = t(entry.failed ? "note_failed" : entry.sent ? "note_sent" : "note_waiting") + " ";
      item.appendChild(badge);
      item.appendChild(document.createTextNode(entry.text.length > 90 ? entry.text.slice(0, 90) + "…" : entry.text));
      if (entry.failed) {
        var dismiss = document.createElement("button");
        dismiss.type = "button";
        dismiss.className = "compact secondary";
        dismiss.textContent = t("dismiss");
        dismiss.addEventListener("click", function () {
          drop(entry.client_id);
          drawQueue();
        });
        item.appendChild(document.createTextNode(" "));
        item.appendChild(dismiss);
      }
      list.appendChild(item);
    });
    var pending = waiting.filter(function (entry) { return !entry.failed; }).length;
    var status = queueBox.querySelector("[data-queue-status]");
    status.textContent = pending ? (plural("pending", pending) + " " + problem).trim() : t("all_sent");
    queueBox.hidden = !waiting.length && !sentNow.length;
  }

  function send() {
    if (sending || !syncUrl || !form) return;
    var next = queue().filter(function (entry) { return !entry.failed; })[0];
    if (!next) return drawQueue();
    sending = true;
    var body = new FormData();
    body.append("csrfmiddlewaretoken", form.elements.csrfmiddlewaretoken.value);
    body.append("client_id", next.client_id);
    body.append("text", next.text);
    body.append("agenda_item", next.agenda_item || "");
    if (next.table) body.append("table", next.table);
    fetch(syncUrl, {
      method: "POST",
      body: body,
      credentials: "same-origin",
      headers: { "X-Requested-With": "fetch", Accept: "application/json" },
    })
      .then(function (response) {
        sending = false;
        if (response.status === 200 || response.status === 201) {
          drop(next.client_id);
          next.sent = true;
          sentNow.push(next);
          problem = "";
          if (!queue().some(function (entry) { return !entry.failed; })) announce(t("notes_saved"));
          drawQueue();
          send();
        } else if (response.status === 400) {
          var saved = queue();
          saved.forEach(function (entry) {
            if (entry.client_id === next.client_id) entry.failed = true;
          });
          write(QUEUE_KEY, saved);
          drawQueue();
          send();
        } else {
          problem = t(response.status === 401 || response.status === 403 ? "sign_in_again" : "try_later");
          drawQueue();
        }
      })
      .catch(function () {
        sending = false;
        problem = t("network_down");
        drawQueue();
      });
  }

  if (form && syncUrl) {
    syncNoteBlock();
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var text = form.elements.text.value.trim();
      if (!text) {
        announce(t("write_first"));
        form.elements.text.focus();
        return;
      }
      var saved = queue();
      saved.push({
        client_id: newId(),
        text: text,
        agenda_item: form.elements.agenda_item ? form.elements.agenda_item.value : "",
        table: form.elements.table ? form.elements.table.value : "",
      });
      write(QUEUE_KEY, saved);
      form.elements.text.value = "";
      if (navigator.onLine === false) announce(t("kept_offline"));
      drawQueue();
      send();
    });
    window.addEventListener("online", send);
    window.setInterval(send, 15000);
    drawQueue();
    send();
  }

  render();
})();
