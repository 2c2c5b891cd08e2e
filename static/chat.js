/* CloseRead chat tutor: progressive enhancement of templates/chat.html.
 *
 * Without this script the chat is a plain form: each message is posted and the
 * page comes back with the transcript (post, redirect, get). With it, messages
 * go to the JSON API (X-CSRFToken header), replies are appended to the
 * aria-live transcript, quick replies, option boxes and sentence selection are
 * kept in step with what the tutor is waiting for, and the sentences the
 * feedback refers to are highlighted in the article panel.
 * No framework, no CDN; tutor HTML arrives already sanitised by the server.
 */
(function () {
  "use strict";

  var app = document.getElementById("chat-app");
  if (!app || !window.fetch) { return; }

  var form = document.getElementById("chat-form");
  var box = document.getElementById("chat-message");
  var list = document.getElementById("messages");
  var transcript = document.getElementById("transcript");
  var quick = document.getElementById("quick-replies");
  var optionPicker = document.getElementById("option-picker");
  var optionList = document.getElementById("option-list");
  var article = document.getElementById("chat-article");
  var selectNote = document.getElementById("select-note");
  var selectionStatus = document.getElementById("selection-status");
  var sendSelection = document.getElementById("send-selection");
  var errorBox = document.getElementById("chat-error");
  var progressLine = document.getElementById("chat-progress");
  var revInput = document.getElementById("chat-rev");

  var sendUrl = app.getAttribute("data-send-url");
  var transcriptUrl = app.getAttribute("data-transcript-url");
  var token = app.getAttribute("data-csrf");
  var rev = parseInt(app.getAttribute("data-rev"), 10);
  var select = null; // what the tutor wants selected: {kind, min, max, ...}
  var busy = false;

  function lastMessageId() {
    var items = list.querySelectorAll("li[data-id]");
    return items.length ? parseInt(items[items.length - 1].getAttribute("data-id"), 10) : 0;
  }

  function showError(text) {
    errorBox.textContent = text;
    errorBox.hidden = !text;
  }

  function scrollToEnd() {
    transcript.scrollTop = transcript.scrollHeight;
  }

  /* Keep the newest tutor reply in view: show the end of the conversation, unless that
   * would push the top of the first new tutor message out of the box; then show its top. */
  function scrollToNewest(firstNewId) {
    var first = firstNewId && list.querySelector('li.msg-tutor[data-id="' + firstNewId + '"]') ||
      list.querySelector("li.msg-tutor:last-of-type");
    scrollToEnd();
    if (first && first.offsetTop < transcript.scrollTop) {
      transcript.scrollTop = Math.max(0, first.offsetTop - 8);
    }
    var box = transcript.getBoundingClientRect();
    if (box.bottom > window.innerHeight || box.top < 0) {
      transcript.scrollIntoView({ block: "nearest" });
    }
  }

  function firstTutorId(messages) {
    for (var i = 0; i < (messages || []).length; i += 1) {
      if (messages[i].who === "tutor") { return messages[i].id; }
    }
    return null;
  }

  // A phone or tablet: focusing the text box would pop up the on-screen keyboard.
  var touch = window.matchMedia("(pointer: coarse)").matches;

  function appendMessage(m) {
    if (document.getElementById("m" + m.id)) { return; }
    var li = document.createElement("li");
    li.className = "msg msg-" + m.who + (m.tone ? " tone-" + m.tone : "");
    li.id = "m" + m.id;
    li.setAttribute("data-id", String(m.id));
    var who = document.createElement("span");
    who.className = "visually-hidden";
    who.textContent = m.who === "tutor" ? "Tutor:" : "You:";
    var body = document.createElement("div");
    body.className = "msg-body";
    if (m.who === "tutor") {
      body.innerHTML = m.html; // Markdown rendered and sanitised (nh3) on the server
    } else {
      var p = document.createElement("p");
      p.textContent = m.text;
      body.appendChild(p);
    }
    li.appendChild(who);
    li.appendChild(body);
    list.appendChild(li);
  }

  function sentenceBoxes() {
    return Array.prototype.slice.call(article.querySelectorAll("input.pick-box"));
  }

  function optionBoxes() {
    return Array.prototype.slice.call(optionList.querySelectorAll("input[name=options]"));
  }

  function checkedValues(boxes) {
    return boxes.filter(function (b) { return b.checked && !b.disabled; }).map(function (b) { return b.value; });
  }

  function updateSelectionStatus() {
    if (!select || select.kind !== "sentences") { return; }
    var picked = checkedValues(sentenceBoxes());
    var want = select.min === select.max ? "Select exactly " + select.max + " sentences" : "Select sentences";
    selectionStatus.textContent = picked.length
      ? "Selected: " + picked.join(", ") + "."
      : want + " in the article, then send.";
  }

  function renderQuickReplies(replies) {
    quick.textContent = "";
    (replies || []).forEach(function (r) {
      var b = document.createElement("button");
      b.type = "submit";
      b.name = "quick";
      b.value = r.value;
      b.className = "button quick";
      b.textContent = r.label;
      quick.appendChild(b);
    });
  }

  function renderOptions(sel) {
    optionList.textContent = "";
    var show = sel && sel.kind === "options";
    optionPicker.hidden = !show;
    if (!show) { return; }
    sel.options.forEach(function (o) {
      var div = document.createElement("div");
      div.className = "choice";
      var input = document.createElement("input");
      input.type = "checkbox";
      input.name = "options";
      input.value = o.id;
      input.id = "opt-" + o.id;
      var label = document.createElement("label");
      label.htmlFor = input.id;
      label.textContent = o.label;
      div.appendChild(input);
      div.appendChild(document.createTextNode(" "));
      div.appendChild(label);
      optionList.appendChild(div);
    });
  }

  function renderSelection(sel) {
    var selecting = !!(sel && sel.kind === "sentences");
    var picked = selecting && sel.picked ? sel.picked : [];
    article.classList.toggle("selecting", selecting);
    sentenceBoxes().forEach(function (b) {
      b.disabled = !selecting;
      b.checked = selecting && picked.indexOf(b.value) !== -1;
    });
    sendSelection.hidden = !selecting;
    selectionStatus.hidden = !selecting;
    selectNote.textContent = selecting
      ? "Tick the sentences you choose (tap them or use Tab and Space), then send."
      : "Sentences the tutor refers to are highlighted.";
    updateSelectionStatus();
  }

  function renderHighlight(ids, focus) {
    Array.prototype.forEach.call(article.querySelectorAll(".chat-sentence.evidence"), function (el) {
      el.classList.remove("evidence");
    });
    (ids || []).forEach(function (sid) {
      var el = document.getElementById("cs-" + sid);
      if (el) { el.classList.add("evidence"); }
    });
    var target = focus || (ids && ids[0]);
    var el = target && document.getElementById("cs-" + target);
    if (el && article.scrollHeight > article.clientHeight) {
      // Scroll the article panel (not the page) so the sentence is in view.
      article.scrollTop = el.offsetTop - article.offsetTop - 40;
    }
  }

  function applyStatus(status, messages) {
    select = status.select;
    renderQuickReplies(status.quick_replies);
    renderOptions(status.select);
    renderSelection(status.select);
    var focus = null;
    (messages || []).forEach(function (m) { if (m.focus) { focus = m.focus; } });
    renderHighlight(status.highlight, focus);
    var p = status.progress;
    progressLine.textContent = "Answered " + p.answered + " of " + p.questions + " questions · " +
      p.score + " of " + p.max + " points";
  }

  function setRev(value) {
    rev = value;
    revInput.value = String(value);
  }

  function setBusy(on) {
    busy = on;
    form.setAttribute("aria-busy", on ? "true" : "false");
    Array.prototype.forEach.call(form.querySelectorAll("button"), function (b) { b.disabled = on; });
    sendSelection.disabled = on;
  }

  function request(url, options) {
    return fetch(url, options).then(function (res) {
      return res.json().catch(function () { return {}; }).then(function (body) {
        return { status: res.status, ok: res.ok, body: body };
      });
    });
  }

  function catchUp() {
    return request(transcriptUrl + "?after=" + lastMessageId(), {
      headers: { "Accept": "application/json" }, credentials: "same-origin"
    }).then(function (r) {
      if (!r.ok) { return; }
      r.body.messages.forEach(appendMessage);
      setRev(r.body.rev);
      applyStatus(r.body.status, r.body.messages);
      scrollToEnd();
    });
  }

  function post(payload, retried) {
    payload.rev = rev;
    return request(sendUrl, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "Accept": "application/json", "X-CSRFToken": token },
      body: JSON.stringify(payload)
    }).then(function (r) {
      if (r.status === 400 && r.body.reason === "csrf" && r.body.csrf_token && !retried) {
        token = r.body.csrf_token; // the page was open a long time: retry once with a fresh token
        return post(payload, true);
      }
      return r;
    });
  }

  function send(payload, fromBox) {
    if (busy) { return; }
    showError("");
    setBusy(true);
    post(payload, false).then(function (r) {
      if (r.ok) {
        if (r.body.new_attempt_id) {
          window.location.assign(r.body.links.page);
          return;
        }
        r.body.messages.forEach(appendMessage);
        setRev(r.body.rev);
        applyStatus(r.body.status, r.body.messages);
        if (fromBox) { box.value = ""; }
        scrollToNewest(firstTutorId(r.body.messages));
      } else if (r.status === 409) {
        showError((r.body.message || "The conversation moved on.") + " Your message is still in the box.");
        return catchUp();
      } else {
        showError(r.body.message || "Something went wrong. Your message is still in the box; try again.");
      }
    }).catch(function () {
      showError("No connection. Your message is still in the box; try again.");
    }).then(function () {
      setBusy(false);
      // Typed: keep typing. Tapped: stay on the buttons. On a touch screen never the text box,
      // so no on-screen keyboard pops up over the reply.
      var next = fromBox && !touch ? box : quick.querySelector("button");
      if (next) { next.focus({ preventScroll: true }); } else if (!touch) { box.focus({ preventScroll: true }); }
    });
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var submitter = event.submitter;
    if (submitter && submitter.name === "quick") {
      send({ text: submitter.value }, false);
      return;
    }
    var payload = { text: box.value.trim() };
    var sentences = checkedValues(sentenceBoxes());
    var options = checkedValues(optionBoxes());
    if (sentences.length) { payload.sentences = sentences; }
    if (options.length) { payload.options = options; }
    if (!payload.text && !sentences.length && !options.length) {
      showError("Type a message, or select sentences or options, before sending.");
      box.focus();
      return;
    }
    send(payload, true);
  });

  box.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      if (form.requestSubmit) { form.requestSubmit(); } else { form.dispatchEvent(new Event("submit", { cancelable: true })); }
    }
  });

  article.addEventListener("change", function (event) {
    if (event.target && event.target.classList.contains("pick-box")) {
      updateSelectionStatus();
    }
  });

  // Start from what the server rendered.
  catchUp().then(function () { scrollToEnd(); });
}());
