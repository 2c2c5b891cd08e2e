"""Checks of what a phone user meets: no sideways scrolling, big enough targets."""

MIN_TARGET_PX = 44

_TARGETS_JS = """
(minPx) => {
  const out = [];
  const visible = (el) => {
    const r = el.getBoundingClientRect();
    const cs = getComputedStyle(el);
    return r.width > 0 && r.height > 0 && cs.visibility !== 'hidden' && cs.display !== 'none';
  };
  const inlineInText = (el) => {
    // WCAG 2.5.8 exempts targets inside a sentence of text (links, and the glossary's inline word buttons).
    // A <button> always lays out as inline-block, so for the glossary words the test is the sentence around them.
    const glossWord = el.tagName === 'BUTTON' && el.classList.contains('gloss') && el.closest('.sentence');
    if (el.tagName !== 'A' && !glossWord) return false;
    const parent = el.parentElement;
    const text = (parent.textContent || '').trim();
    const inline = glossWord || getComputedStyle(el).display === 'inline';
    return text.length > (el.textContent || '').trim().length + 1 && inline;
  };
  const box = (el) => {
    let r = el.getBoundingClientRect();
    let rects = [r];
    if ((el.type === 'checkbox' || el.type === 'radio') && el.labels) {
      for (const l of el.labels) rects.push(l.getBoundingClientRect());
    }
    const left = Math.min(...rects.map(x => x.left)), right = Math.max(...rects.map(x => x.right));
    const top = Math.min(...rects.map(x => x.top)), bottom = Math.max(...rects.map(x => x.bottom));
    return {w: right - left, h: bottom - top};
  };
  const selector = 'a[href], button, input:not([type=hidden]), select, textarea, summary, [tabindex="0"]';
  const runningText = '.article-panel .article-text, .teaching, .prompt, .explanation, .reveal, .review, '
    + '.legend, .evidence-quote, .note, .flash, footer';
  for (const el of document.querySelectorAll(selector)) {
    if (!visible(el) || inlineInText(el) || el.classList.contains('skip-link')) continue;
    if (el.closest(runningText)) {
      if (el.tagName === 'A') continue;  // links inside running text
    }
    const b = box(el);
    if (el.matches('[tabindex="0"]') && !el.matches('a, button, input, select, textarea, summary')) continue;
    if (b.h < minPx - 0.5 || b.w < minPx - 0.5) {
      const text = (el.textContent || el.value || el.name || '').trim().slice(0, 40);
      out.push({tag: el.tagName, text, w: Math.round(b.w), h: Math.round(b.h)});
    }
  }
  return out;
}
"""


def horizontal_overflow(page) -> int:
    """How many CSS pixels the page is wider than the screen (0 is good).

    Compared with the viewport the test set, not ``window.innerWidth``: with ``is_mobile`` the layout viewport
    widens to fit wide content (as a phone's browser does), so innerWidth would grow with the overflow."""
    width = page.viewport_size["width"] if page.viewport_size else page.evaluate("window.innerWidth")
    return page.evaluate("document.documentElement.scrollWidth") - width


def small_targets(page) -> list[dict]:
    return page.evaluate(_TARGETS_JS, MIN_TARGET_PX)


def zoom_text(page, percent: int = 200) -> None:
    """Like a browser's text-only zoom: scale the root font size."""
    page.wait_for_load_state("load")
    page.evaluate(f"document.documentElement.style.fontSize = '{percent}%'")


def header_item_tops(page) -> list[float]:
    """The top of the brand and of each visible item of the site's menu, in CSS pixels."""
    return page.evaluate("""() => [...document.querySelectorAll('.site-header .brand, .site-header nav li')]
        .filter(el => el.getBoundingClientRect().width > 0)
        .map(el => el.getBoundingClientRect().top)""")


def assert_menu_one_row(page, label: str, tolerance: float = 4) -> None:
    """The brand and every menu item share one row (their tops within a few pixels)."""
    tops = header_item_tops(page)
    assert len(tops) >= 2, f"{label}: no menu found"
    assert max(tops) - min(tops) <= tolerance, f"{label}: the menu takes more than one row (tops {tops})"


_TOO_WIDE_JS = """
(width) => {
  const clipped = (el) => {  // inside a box that scrolls or clips it: no reason for the page to scroll
    // An absolutely positioned box escapes the scrolling boxes between it and its containing block.
    let escapes = ['absolute', 'fixed'].includes(getComputedStyle(el).position);
    for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
      const style = getComputedStyle(a);
      if (escapes && style.position === 'static') continue;
      if (style.overflowX !== 'visible') return true;
      if (style.position !== 'static') escapes = ['absolute', 'fixed'].includes(style.position);
    }
    return false;
  };
  const past = (el) => el.getBoundingClientRect().right > width + 0.5 && !clipped(el);
  const out = [...document.querySelectorAll('body *')]
    .filter(el => past(el) && ![...el.children].some(past))
    .map(el => `${el.tagName.toLowerCase()}.${el.className} "${(el.textContent || '').trim().slice(0, 40)}"`);
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {  // a long word (an address, an e-mail) reaching past its box
    const range = document.createRange();
    range.selectNodeContents(walker.currentNode);
    const parent = walker.currentNode.parentElement;
    if (range.getBoundingClientRect().right > width + 0.5 && getComputedStyle(parent).overflowX === 'visible'
        && !clipped(parent)) {
      const text = walker.currentNode.textContent.trim().slice(0, 40);
      out.push(`text in ${parent.tagName.toLowerCase()}.${parent.className} "${text}"`);
    }
  }
  return out.slice(0, 6);
}
"""


def too_wide(page, width: int) -> list[str]:
    """What reaches past ``width`` CSS pixels outside any scrolling box: what makes a page scroll sideways."""
    return page.evaluate(_TOO_WIDE_JS, width)


def assert_phone_friendly(page, label: str) -> None:
    page.wait_for_load_state("load")  # styles applied before anything is measured
    overflow = horizontal_overflow(page)
    if overflow > 0:
        culprits = too_wide(page, page.viewport_size["width"])
        raise AssertionError(f"{label}: page scrolls sideways by {overflow}px: {culprits}")
    small = small_targets(page)
    assert not small, f"{label}: touch targets under {MIN_TARGET_PX}px: {small}"
