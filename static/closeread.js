/* CloseRead: small optional enhancements shared by the quiz and the chat pages.
 *
 * Without this script every page still works: the "Article" button is a link
 * to the article further down the page, and "Sentence s14 in the article"
 * jumps to that sentence. With it:
 * - on a phone the "Article" button opens the article as a drawer over the
 *   page, at the evidence sentence; what is typed in the answer box stays put
 *   because the page never moves; Escape or "Close" shuts it;
 * - on a desktop the article panel (which scrolls on its own) is scrolled to
 *   the highlighted evidence, and sentence links scroll the panel, not the page;
 * - the bar under a sentence-picking question counts the ticked sentences;
 * - after an answer the feedback box takes focus without scrolling, so a screen
 *   reader hears the verdict while the statement stays in view;
 * - a round's result is announced politely.
 */
(function () {
  "use strict";

  var phone = window.matchMedia("(max-width: 61.99rem)");

  function firstEvidence(panel) {
    return panel.querySelector(".article-text .sentence.evidence, .chat-sentence.evidence");
  }

  function sentenceIn(panel, sid) {
    return panel.querySelector('[data-sid="' + sid + '"]');
  }

  /* Scroll a panel (not the page) so that el sits a third of the way down. */
  function scrollPanelTo(panel, el) {
    if (!el || panel.scrollHeight <= panel.clientHeight) { return; }
    var offset = el.getBoundingClientRect().top - panel.getBoundingClientRect().top;
    panel.scrollTop += offset - panel.clientHeight / 3;
  }

  function show(panel, el) {
    if (!el) { return; }
    Array.prototype.forEach.call(panel.querySelectorAll(".shown"), function (s) { s.classList.remove("shown"); });
    el.classList.add("shown");
    scrollPanelTo(panel, el);
  }

  function Drawer(toggle, panel) {
    this.toggle = toggle;
    this.panel = panel;
    toggle.setAttribute("aria-expanded", "false");
    var bar = document.createElement("div");
    bar.className = "drawer-bar";
    var title = document.createElement("span");
    title.className = "drawer-title";
    title.textContent = "The article";
    title.setAttribute("aria-hidden", "true"); // the panel's own heading names it
    var close = document.createElement("button");
    close.type = "button";
    close.className = "button drawer-close";
    close.textContent = "Close";
    close.setAttribute("aria-label", "Close the article");
    bar.appendChild(title);
    bar.appendChild(close);
    panel.insertBefore(bar, panel.firstChild);
    var self = this;
    close.addEventListener("click", function () { self.close(); });
    panel.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && self.isOpen()) { event.preventDefault(); self.close(); }
    });
    toggle.addEventListener("click", function (event) {
      if (!phone.matches) { return; } // desktop: the article is beside the question already
      event.preventDefault();
      self.open(null);
    });
    // Sending a selection from inside the drawer: shut it so the tutor's reply is seen.
    panel.addEventListener("click", function (event) {
      var t = event.target;
      if (t && t.type === "submit" && self.isOpen()) { window.setTimeout(function () { self.close(true); }, 0); }
    });
  }

  Drawer.prototype.isOpen = function () { return this.panel.classList.contains("drawer-open"); };

  Drawer.prototype.open = function (target) {
    this.panel.classList.add("drawer-open");
    this.toggle.setAttribute("aria-expanded", "true");
    this.panel.focus({ preventScroll: true });
    show(this.panel, target || firstEvidence(this.panel));
  };

  Drawer.prototype.close = function (keepFocus) {
    this.panel.classList.remove("drawer-open");
    this.toggle.setAttribute("aria-expanded", "false");
    if (!keepFocus) { this.toggle.focus({ preventScroll: true }); }
  };

  function setUp(toggle) {
    var panel = document.getElementById(toggle.getAttribute("aria-controls"));
    if (!panel) { return; }
    var drawer = new Drawer(toggle, panel);

    // "Sentence s14 in the article": the drawer on a phone, the panel's own scroll on a desktop.
    document.addEventListener("click", function (event) {
      var link = event.target.closest ? event.target.closest("a.to-sentence") : null;
      if (!link) { return; }
      var el = sentenceIn(panel, link.getAttribute("href").slice(1));
      if (!el) { return; }
      event.preventDefault();
      if (phone.matches) {
        drawer.open(el);
      } else {
        show(panel, el);
      }
    });

    if (!phone.matches) { scrollPanelTo(panel, firstEvidence(panel)); }
  }

  function focusFeedback() {
    var feedback = document.getElementById("feedback");
    if (feedback && window.location.hash === "#question") {
      // After the load: the browser's own jump to #question would otherwise take the focus back.
      window.addEventListener("load", function () {
        window.setTimeout(function () { feedback.focus({ preventScroll: true }); }, 0);
      });
    }
  }

  /* "3 selected · Check": written here so screen readers hear it (a CSS counter shows it without JS). */
  function countPicks() {
    var form = document.getElementById("answer-form");
    var count = form && form.querySelector(".pick-count");
    if (!count) { return; }
    count.classList.add("counted");
    count.setAttribute("aria-live", "polite");
    function update() {
      var n = form.querySelectorAll("input.pick-box:checked").length;
      count.textContent = n + " selected ·";
    }
    form.addEventListener("change", update);
    update();
  }

  /* A round's result: a status region is filled after the page loads, so screen readers announce it
     politely ("Round 2 done. You scored 6 of 7."). Without this script the heading says the same. */
  function announce() {
    Array.prototype.forEach.call(document.querySelectorAll("[data-announce]"), function (el) {
      window.setTimeout(function () { el.textContent = el.getAttribute("data-announce"); }, 400);
    });
  }

  Array.prototype.forEach.call(document.querySelectorAll("a.article-toggle[aria-controls]"), setUp);
  focusFeedback();
  countPicks();
  announce();
}());
