// CloseRead lesson editor: autosave (with the revision check) and picking sentences by clicking.
// Every page works without this file: plain forms post and redirect. No inline script anywhere.
(function () {
  "use strict";

  var status = document.querySelector("[data-save-status]");
  var SAVE_DELAY_MS = 1200;

  // On a narrow screen the tabs are one row that scrolls sideways: bring the current tab into that row's view.
  var tabRow = document.querySelector(".editor-tabs ul");
  var currentTab = tabRow && tabRow.querySelector("[aria-current=page]");
  if (currentTab && tabRow.scrollWidth > tabRow.clientWidth) {
    tabRow.scrollLeft = currentTab.parentNode.offsetLeft - tabRow.offsetLeft - (tabRow.clientWidth - currentTab.offsetWidth) / 2;
  }

  function say(text) { if (status) { status.textContent = text; } }

  function clock() {
    return new Date().toLocaleTimeString([], { hour: "2-digit", minute: "2-digit", second: "2-digit" });
  }

  function csrfOf(form) {
    var field = form.querySelector("input[name=csrf_token]") || document.querySelector("input[name=csrf_token]");
    return field ? field.value : "";
  }

  // Every form of the page names the revision it was opened on; after a save they all move on together.
  function setRevision(revision) {
    document.querySelectorAll("input[name=revision]").forEach(function (input) { input.value = revision; });
  }

  function showUndo(action) {
    var form = document.querySelector("form[data-undo]");
    if (!form || !action) { return; }
    form.hidden = false;
    form.querySelector("button").textContent = "Undo: " + action;
  }

  // The faults of each field, as the server checked them (the question builder).
  function showFaults(faults) {
    var total = 0;
    document.querySelectorAll("[data-faults-for]").forEach(function (box) {
      var list = faults[box.getAttribute("data-faults-for")] || [];
      var ul = box.querySelector("ul");
      ul.textContent = "";
      list.forEach(function (text) {
        var li = document.createElement("li");
        li.textContent = text;
        ul.appendChild(li);
      });
      total += list.length;
      box.hidden = list.length === 0;
    });
    var count = document.querySelector("[data-fault-count]");
    if (count) {
      count.textContent = total ? total + " fault(s) to fix before it can be approved." : "No faults: it can be approved.";
    }
    return total;
  }

  function renamed(oldPath, newPath) {
    document.querySelectorAll("form").forEach(function (form) {
      var action = form.getAttribute("action") || "";
      if (action === oldPath || action.indexOf(oldPath + "/") === 0) {
        form.setAttribute("action", newPath + action.slice(oldPath.length));
      }
    });
    window.history.replaceState(null, "", newPath);
  }

  function autosave(form) {
    var timer = null;
    var busy = false;
    var again = false;
    var stopped = false;
    var submitAfter = false;

    function done(response, data) {
      busy = false;
      if (submitAfter && response.status === 200 && data.ok) {
        setRevision(data.revision);
        form.submit();  // the teacher pressed Save while an autosave was on its way: send it now, on its revision
        return;
      }
      if (response.status === 200 && data.ok) {
        setRevision(data.revision);
        showUndo(data.undo);
        var faults = data.faults ? showFaults(data.faults) : 0;
        say("Saved at " + clock() + (faults ? ". " + faults + " fault(s) to fix." : "."));
        if (data.url && data.url !== window.location.pathname) { renamed(window.location.pathname, data.url); }
      } else if (response.status === 409) {
        stopped = true;
        say(data.message + " Autosave is paused here so nothing is overwritten.");
      } else {
        if (data.faults) { showFaults(data.faults); }
        say("Not saved: " + (data.message || "the server refused the change") + ".");
      }
      if (again && !stopped) { again = false; schedule(); }
    }

    function send() {
      if (stopped) { return; }
      if (busy) { again = true; return; }
      busy = true;
      say("Saving…");
      fetch(form.getAttribute("action"), {
        method: "POST",
        body: new FormData(form),
        credentials: "same-origin",
        headers: { "Accept": "application/json", "X-CSRFToken": csrfOf(form) }
      }).then(function (response) {
        return response.json().then(function (data) { done(response, data); });
      }).catch(function () {
        busy = false;
        say("Not saved: the connection failed. Your text is still here and is sent with your next change.");
      });
    }

    function schedule() {
      if (stopped) { return; }
      window.clearTimeout(timer);
      timer = window.setTimeout(send, SAVE_DELAY_MS);
    }

    form.addEventListener("input", schedule);
    form.addEventListener("change", schedule);
    form.addEventListener("submit", function (event) {
      window.clearTimeout(timer);
      if (busy) {
        event.preventDefault();
        submitAfter = true;
      }
    });
  }

  document.querySelectorAll("form[data-autosave]").forEach(autosave);

  // --- picking sentences by clicking -------------------------------------------------------------
  var panel = document.querySelector("[data-pick-panel]");
  var targets = Array.prototype.slice.call(document.querySelectorAll("input[data-pick], textarea[data-pick]"));
  if (!panel || !targets.length) { return; }
  var target = targets[0];
  var help = panel.querySelector("[data-pick-help]");
  var buttons = [];

  function labelOf(input) {
    var label = input.id ? document.querySelector("label[for='" + input.id + "']") : null;
    return label ? label.textContent.trim() : "the field";
  }

  function idsIn(input) {
    return input.value.split(/[\s,;+&]+/).filter(Boolean).map(function (token) {
      return /^\d+$/.test(token) ? "s" + token : token.toLowerCase();
    });
  }

  function mark() {
    var picked = idsIn(target);
    buttons.forEach(function (button) {
      button.setAttribute("aria-pressed", picked.indexOf(button.getAttribute("data-sid")) >= 0 ? "true" : "false");
    });
    if (help) { help.textContent = "Click a sentence to add it to, or remove it from: " + labelOf(target) + "."; }
  }

  function toggle(sid) {
    var picked = idsIn(target);
    var at = picked.indexOf(sid);
    if (at >= 0) { picked.splice(at, 1); } else { picked.push(sid); }
    target.value = picked.join(" ");
    target.dispatchEvent(new Event("input", { bubbles: true }));
    mark();
    say((at >= 0 ? "Removed " : "Added ") + sid + (at >= 0 ? " from " : " to ") + labelOf(target) + ".");
  }

  panel.querySelectorAll("li[data-pick-sid]").forEach(function (item) {
    var button = document.createElement("button");
    button.type = "button";
    button.className = "pick-button";
    button.setAttribute("data-sid", item.getAttribute("data-pick-sid"));
    while (item.firstChild) { button.appendChild(item.firstChild); }
    item.appendChild(button);
    button.addEventListener("click", function () { toggle(button.getAttribute("data-sid")); });
    buttons.push(button);
  });
  targets.forEach(function (input) {
    input.addEventListener("focus", function () { target = input; mark(); });
    input.addEventListener("input", mark);
  });
  mark();
}());
