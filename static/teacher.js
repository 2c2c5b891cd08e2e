// CloseRead teacher pages: live roster polling and print buttons. No inline script anywhere.
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
  var paused = false;
  var stopped = false;
  var timer = null;

  if (stamp) {
    var first = new Date(stamp.getAttribute("datetime"));
    if (!isNaN(first)) { stamp.textContent = formatTime(first); }
  }

  function setStatus(text) { if (status) { status.textContent = text; } }

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
        region.innerHTML = html;
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
