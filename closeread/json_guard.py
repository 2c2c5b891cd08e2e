"""JSON request bodies: a depth limit and valid Unicode, or 400 with a JSON message.

Python's json parser recurses once per nesting level, so 1,000 nested arrays
raised RecursionError (a 500); and it accepts escapes of lone surrogates
(``"\\ud800"``), which cannot be encoded as UTF-8 and failed later when stored
(a 500 again). The app's JSON provider now measures the nesting before parsing
and walks the parsed value for surrogates; either fault is a ``BadJSON`` (400),
answered by ``trust.py`` as ``{"error", "message", "status"}``.
"""

from __future__ import annotations

import json
import re

from flask.json.provider import DefaultJSONProvider
from werkzeug.exceptions import BadRequest

MAX_DEPTH = 32
_TOKENS = re.compile(r'"(?:[^"\\]|\\.)*"|[\[\]{}]', re.DOTALL)
_SURROGATE = re.compile(r"[\ud800-\udfff]")


class BadJSON(BadRequest):
    """A JSON body the app refuses; ``description`` says why, for the client."""


def nesting_depth(text: str) -> int:
    """The deepest nesting of arrays and objects in ``text`` (brackets inside strings do not count)."""
    depth = deepest = 0
    for token in _TOKENS.finditer(text):
        mark = token.group()
        if mark in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif mark in "]}":
            depth -= 1
    return deepest


def has_lone_surrogate(value: object) -> bool:
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            if _SURROGATE.search(item):
                return True
        elif isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return False


class GuardedJSONProvider(DefaultJSONProvider):
    def loads(self, s: str | bytes, **kwargs):
        if isinstance(s, bytes | bytearray):
            try:
                s = bytes(s).decode(json.detect_encoding(s))
            except UnicodeDecodeError as exc:
                raise BadJSON("The request body is not valid UTF-8 text.") from exc
        if nesting_depth(s) > MAX_DEPTH:
            raise BadJSON(f"The JSON is nested too deeply: {MAX_DEPTH} levels of arrays and objects at most.")
        try:
            value = json.loads(s, **kwargs)
        except RecursionError as exc:  # belt and braces: the depth check should catch it first
            raise BadJSON("The JSON is nested too deeply.") from exc
        if has_lone_surrogate(value):
            raise BadJSON("The JSON contains invalid Unicode: a lone surrogate escape such as \\ud800. "
                          "Send text as valid UTF-8.")
        return value
