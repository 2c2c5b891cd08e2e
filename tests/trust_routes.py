"""Route enumeration for the trust tests: every rule of url_map as a real request.

``concrete_requests`` turns each rule into (rule, method, url), filling URL
arguments from ``samples`` (ids of rows that exist, so the views really render)
and falling back to harmless dummies. Tests then assert a property of every
response, so a route added later is covered without editing the tests.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

from werkzeug.routing import IntegerConverter

STATE_CHANGING = ("POST", "PUT", "PATCH", "DELETE")
CHECKED_METHODS = ("GET",) + STATE_CHANGING


def concrete_requests(app, samples: dict | None = None, methods=CHECKED_METHODS):
    samples = samples or {}
    out = []
    for rule in sorted(app.url_map.iter_rules(), key=lambda r: (r.rule, r.endpoint)):
        values = {}
        for arg in rule.arguments:
            if arg in samples:
                values[arg] = samples[arg]
            elif rule.endpoint == "static" and arg == "filename":
                values[arg] = "style.css"
            elif isinstance(rule._converters.get(arg), IntegerConverter):
                values[arg] = 1
            else:
                values[arg] = "x"
        built = rule.build(values, append_unknown=False)
        if built is None:
            continue
        url = built[1]
        for method in sorted((rule.methods or set()) & set(methods)):
            out.append((rule, method, url))
    return out


def state_changing_rules(app):
    return [r for r in app.url_map.iter_rules() if set(r.methods or ()) & set(STATE_CHANGING)]


class PageAudit(HTMLParser):
    """Collects what the security rules forbid in a served page."""

    URL_ATTRS = {"href", "src", "action", "formaction", "xlink:href", "data", "poster", "background", "srcdoc"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.scripts: list[dict] = []  # every <script>, with its attributes
        self.inline_scripts = 0  # <script> with content or without a same-site src
        self.event_attrs: list[tuple[str, str]] = []
        self.js_urls: list[tuple[str, str]] = []
        self.style_attrs = 0
        self.style_elements = 0
        self.dangerous_tags: list[str] = []
        self.text: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "script":
            self.scripts.append(a)
            src = a.get("src") or ""
            if not src.startswith("/static/"):
                self.inline_scripts += 1
            self._in_script = True
        if tag == "style":
            self.style_elements += 1
        if tag in ("iframe", "object", "embed", "base", "frame", "frameset", "applet"):
            self.dangerous_tags.append(tag)
        if tag == "meta" and (a.get("http-equiv") or "").lower() == "refresh":
            self.dangerous_tags.append("meta refresh")
        for name, value in attrs:
            lname = name.lower()
            if lname.startswith("on"):
                self.event_attrs.append((tag, name))
            if lname == "style":
                self.style_attrs += 1
            if lname in self.URL_ATTRS and value and is_script_url(value):
                self.js_urls.append((tag, value))

    handle_startendtag = handle_starttag

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = False

    def handle_data(self, data):
        if self._in_script and data.strip():
            self.inline_scripts += 1
        self.text.append(data)

    @property
    def all_text(self) -> str:
        return "".join(self.text)


_SCRIPT_URL = re.compile(r"^(javascript|vbscript|data:text/html)", re.IGNORECASE)
_IGNORED_IN_SCHEME = re.compile(r"[\x00-\x20]")


def is_script_url(value: str) -> bool:
    """Browsers ignore whitespace and control characters inside a URL scheme."""
    return bool(_SCRIPT_URL.match(_IGNORED_IN_SCHEME.sub("", value)))


def audit(html: str) -> PageAudit:
    parser = PageAudit()
    parser.feed(html)
    parser.close()
    return parser
