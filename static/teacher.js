// CloseRead teacher pages: live polling (dashboard roster, live progress) and print buttons.
// No inline script anywhere.
(function () {
  "use strict";


  function formatTime(date) {
    return date.toLocaleTimeString([], { hour: "2-digit", minute: "2-digit", second: "2-digit" });
  }

  // Print buttons work only with JS, so they start hidden.
  document.querySelectorAll("[data-print]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () { window.print(); });
  });

  var live = document.querySelector("[data-live-url]");
  if (!live) { return; }
  var region = live.querySelector(".live-region");
  var stamp = live.querySelector("time.updated");
  var status = live.querySelector(".live-status");
  var toggle = live.querySelector(".live-toggle");
  var url = live.getAttribute("data-live-url");
  var POLL_MS = Math.max(1, parseFloat(live.getAttribute("data-poll-seconds")) || 15) * 1000;
  var announce = live.querySelector(".live-announce");
  var OUTCOMES = [["right", "right"], ["partly", "partly right"], ["wrong", "wrong"]];
  var paused = false;
  var stopped = false;
  var timer = null;

  if (stamp) {
    var first = new Date(stamp.getAttribute("datetime"));
    if (!isNaN(first)) { stamp.textContent = formatTime(first); }
  }

  function setStatus(text) { if (status) { status.textContent = text; } }

  // The per-question tallies (rows with data-tally), to tell a screen reader what changed.
  function tallies() {
    var out = {};
    region.querySelectorAll("tr[data-tally]").forEach(function (row) {
      var counts = {};
      OUTCOMES.forEach(function (o) { counts[o[0]] = parseInt(row.getAttribute("data-" + o[0]), 10) || 0; });
      out[row.getAttribute("data-tally")] = counts;
    });
    return out;
  }

  function newAnswers(before, after) {
    var parts = [];
    Object.keys(after).forEach(function (question) {
      var was = before[question] || {};
      var news = [];
      OUTCOMES.forEach(function (o) {
        var more = after[question][o[0]] - (was[o[0]] || 0);
        if (more > 0) { news.push(more + " " + o[1]); }
      });
      if (news.length) { parts.push(question + ": " + news.join(", ")); }
    });
    return parts.length ? "New answers. " + parts.join("; ") + "." : "";
  }

  function schedule() {
    clearTimeout(timer);
    if (!paused && !stopped) { timer = setTimeout(refresh, POLL_MS); }
  }

  function refresh() {
    if (paused || stopped) { return; }
    if (document.hidden) { schedule(); return; }
    fetch(url, { credentials: "same-origin", headers: { "Accept": "text/html" }, cache: "no-store" })
      .then(function (response) {
        if (response.redirected || !response.ok) {
          stopped = true;
          setStatus(response.redirected
            ? "You are signed out, so updates stopped. Sign in again and reload."
            : "Updates stopped: the server answered " + response.status + ". Reload the page to try again.");
          if (toggle) { toggle.hidden = true; }
          return null;
        }
        return response.text();
      })
      .then(function (html) {
        if (html === null || html === undefined) { return; }
        // Do not pull the table from under someone reading it with the keyboard.
        if (region.contains(document.activeElement)) { schedule(); return; }
        var before = announce ? tallies() : null;
        region.innerHTML = html;
        if (announce) {
          var news = newAnswers(before, tallies());
          if (news) { announce.textContent = news; }
        }
        var stampNow = new Date();
        if (stamp) {
          stamp.setAttribute("datetime", stampNow.toISOString());
          stamp.textContent = formatTime(stampNow);
        }
        setStatus("");
        schedule();
      })
      .catch(function () {
        setStatus("Could not reach the server; trying again shortly.");
        schedule();
      });
  }

  if (toggle) {
    toggle.hidden = false;
    toggle.addEventListener("click", function () {
      paused = !paused;
      toggle.setAttribute("aria-pressed", paused ? "true" : "false");
      toggle.textContent = paused ? "Resume updates" : "Pause updates";
      setStatus(paused ? "Updates paused." : "");
      if (paused) { clearTimeout(timer); } else { refresh(); }
    });
  }
  document.addEventListener("visibilitychange", function () {
    if (!document.hidden && !paused && !stopped) { refresh(); }
  });
  schedule();
})();
