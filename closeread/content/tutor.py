"""The tutor's own teaching text: skill lessons, check questions, stop-and-think prompts.

A teacher can edit ``lesson/<slug>/tutor.toml``; the content loader reads it
with the rest of the lesson (``Lesson.tutor``) and validates it with the same
:class:`ContentProblem` / :class:`ContentError` types as the other content
files, so a broken file stops the app naming the file, the item and the fault.
The file is optional: without it the tutor teaches from
built-in skill text, builds each skill's check question from the lesson's
claim ledger, and uses a generic stop-and-think prompt, so any valid lesson
(for example ``tests/fixtures/mini``) can be done in the chat.

Practice only: nothing in this file is scored.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from .checker import ID_PATTERN, Checker, ContentProblem
from .model import Lesson

SKILLS = {
    "states": "What it states",
    "unsupported": "What is unsupported",
    "contradiction": "Where it contradicts itself",
}
DEFAULT_TEACH = {
    "states": (
        "**Skill 1: what the article states.** Before you judge an article, be exact about what it actually "
        "says. A sentence can *report* that someone said something without the article saying it itself, "
        "and a headline can promise more than the text delivers. When you answer, point to the words."
    ),
    "unsupported": (
        "**Skill 2: what is unsupported.** A claim is *supported* when the article gives you something you could "
        "check: a named source, a date, a document, a number with its origin. Saying it again, sounding sure, or "
        "a vague source (\"officials say\", \"reports suggest\") is not support."
    ),
    "contradiction": (
        "**Skill 3: where it contradicts itself.** Two statements *contradict* each other when they cannot both "
        "be true. If you can make both true with an ordinary explanation, it is only a *tension*: odd, worth "
        "asking about, but not a contradiction. Try hard to make both true before you call it a contradiction."
    ),
}
DEFAULT_CHECK_PROMPT = "Here is a sentence from the article. Which label fits it best?"
DEFAULT_CHECK_OPTIONS = {
    "stated": "Stated: the article says it and that is all there is to it",
    "unsupported": "Unsupported: the article asserts it without support",
    "contradicted": "Contradicted: another sentence of the article says the opposite",
}
# Which ledger labels make a good example sentence for each skill (any of the first), which rule it out, and
# its key. A sentence with a named source ("supported") is a plain statement too: some articles (Germany–Mali)
# have no sentence labelled only "stated", and without it their States skill would have no check.
DEFAULT_CHECK_PICK = {
    "states": ({"stated", "supported"}, {"unsupported", "vague-attribution", "contradicted", "tension", "structural"},
               "stated"),
    "unsupported": ({"unsupported"}, {"contradicted"}, "unsupported"),
    "contradiction": ({"contradicted"}, set(), "contradicted"),
}
DEFAULT_THINK_PROMPT = (
    "**Stop and think.** Which sentence in this part would you most want a source for? Name it by its number "
    "(like s3) or by a few of its words, or say **next**."
)
DEFAULT_THINK_REPLY = (
    "Keep that in mind. For any sentence ask three things: does the article *say* it, does it *back it up*, "
    "and does anything else in the article *clash* with it?"
)
DEFAULT_THINK_HINT = "Look for a claim with no name, no date and no number you could check."

TOP_KEYS = {"greeting", "skill", "section"}
SKILL_KEYS = {"category", "title", "teach", "check"}
CHECK_KEYS = {"prompt", "quote", "key", "hint", "option"}
OPTION_KEYS = {"id", "text", "feedback"}
SECTION_KEYS = {"number", "prompt", "look_for", "reply", "hint"}


@dataclass(frozen=True)
class CheckOption:
    id: str
    text: str
    feedback: str


@dataclass
class SkillCheck:
    prompt: str
    options: list[CheckOption]
    key: str
    quote_id: str | None = None  # a sentence shown with the prompt
    hint: str | None = None

    @property
    def option_by_id(self) -> dict[str, CheckOption]:
        return {o.id: o for o in self.options}


@dataclass
class Skill:
    category: str
    title: str
    teach: str
    check: SkillCheck | None = None


@dataclass
class StopThink:
    section: int
    prompt: str
    reply: str
    look_for: list[str] = field(default_factory=list)
    hint: str | None = None


@dataclass
class TutorContent:
    skills: list[Skill]
    think: dict[int, StopThink]
    greeting: str | None = None
    from_file: bool = False

    def stop_and_think(self, section: int) -> StopThink:
        return self.think.get(section) or StopThink(section, DEFAULT_THINK_PROMPT, DEFAULT_THINK_REPLY,
                                                     hint=DEFAULT_THINK_HINT)


def reading_sections(lesson: Lesson) -> list:
    """The parts the tutor reads through, in order (the headline counts as one)."""
    return [s for s in lesson.article.sections if s.sentences]


def default_check(lesson: Lesson, category: str) -> SkillCheck | None:
    """A check question built from the claim ledger: label one example sentence."""
    wanted, avoid, key = DEFAULT_CHECK_PICK[category]
    for s in lesson.article.sentences:
        entry = lesson.ledger.get(s.id)
        if s.section == 0 or entry is None or not wanted & set(entry.labels) or avoid & set(entry.labels):
            continue
        explained = f"The sentence: “{s.text}” {entry.note}"
        options = [CheckOption(oid, text, explained) for oid, text in DEFAULT_CHECK_OPTIONS.items()]
        return SkillCheck(DEFAULT_CHECK_PROMPT, options, key, quote_id=s.id,
                          hint="Ask: could you check it from what the article gives you? Does another sentence "
                               "clash with it?")
    return None


def default_content(lesson: Lesson) -> TutorContent:
    skills = [Skill(c, title, DEFAULT_TEACH[c], default_check(lesson, c)) for c, title in SKILLS.items()]
    return TutorContent(skills=skills, think={})


def _unknown_keys(check: Checker, item: str | None, data: dict, known: set[str]) -> None:
    for key in sorted(set(data) - known):
        check.fail(item, f"unknown key '{key}' (known: {', '.join(sorted(known))})")


def _load_check(raw: object, check: Checker, item: str) -> SkillCheck | None:
    if not isinstance(raw, dict):
        check.fail(item, "'check' must be a table")
        return None
    _unknown_keys(check, f"{item} check", raw, CHECK_KEYS)
    prompt = check.text(item, raw, "prompt")
    quote_id = check.resolve(item, raw["quote"], "check quote") if "quote" in raw else None
    hint = check.text(item, raw, "hint", required=False)
    options: list[CheckOption] = []
    raw_options = raw.get("option")
    if not isinstance(raw_options, list) or len(raw_options) < 2:
        check.fail(item, "a check needs at least two [[skill.check.option]] entries")
        raw_options = []
    for n, opt in enumerate(raw_options, 1):
        if not isinstance(opt, dict):
            check.fail(item, f"check option {n} must be a table")
            continue
        _unknown_keys(check, f"{item} option {n}", opt, OPTION_KEYS)
        oid = opt.get("id")
        if not isinstance(oid, str) or not ID_PATTERN.match(oid):
            check.fail(item, f"check option {n} needs an 'id' of lower-case letters, digits and hyphens")
            continue
        text = check.text(f"{item} option {oid}", opt, "text")
        feedback = check.text(f"{item} option {oid}", opt, "feedback")
        check.quotes_article(f"{item} option {oid}", feedback, "feedback")
        options.append(CheckOption(oid, text or "", feedback or ""))
    ids = [o.id for o in options]
    for dup in sorted({i for i in ids if ids.count(i) > 1}):
        check.fail(item, f"duplicate check option id '{dup}'")
    key = raw.get("key")
    if not isinstance(key, str) or key not in ids:
        check.fail(item, f"check key {key!r} is not one of the options ({', '.join(ids)})")
        return None
    if prompt is None:
        return None
    return SkillCheck(prompt, options, key, quote_id=quote_id, hint=hint)


def _tables(data: dict, key: str, label: str, check: Checker):
    """Yield (number, table) for each ``[[key]]`` entry, reporting entries that are not tables."""
    raw_list = data.get(key, [])
    if not isinstance(raw_list, list):
        check.fail(None, f"'{key}' must be an array of tables ([[{key}]])")
        return
    for n, raw in enumerate(raw_list, 1):
        if isinstance(raw, dict):
            yield n, raw
        else:
            check.fail(f"{label} {n}", "must be a table")


def _load_skills(data: dict, lesson: Lesson, check: Checker) -> list[Skill]:
    given: dict[str, Skill] = {}
    for n, raw in _tables(data, "skill", "skill", check):
        category = raw.get("category")
        item = f"skill {category}" if isinstance(category, str) else f"skill {n}"
        _unknown_keys(check, item, raw, SKILL_KEYS)
        if category not in SKILLS:
            check.fail(item, f"unknown category {category!r} (known: {', '.join(SKILLS)})")
            continue
        if category in given:
            check.fail(item, "this skill is already defined")
            continue
        teach = check.text(item, raw, "teach")
        title = check.text(item, raw, "title", required=False) or SKILLS[category]
        chk = _load_check(raw["check"], check, item) if "check" in raw else default_check(lesson, category)
        given[category] = Skill(category, title, teach or "", chk)
    return [given.get(c) or Skill(c, t, DEFAULT_TEACH[c], default_check(lesson, c)) for c, t in SKILLS.items()]


def _load_sections(data: dict, lesson: Lesson, check: Checker) -> dict[int, StopThink]:
    numbers = {s.number for s in reading_sections(lesson)}
    think: dict[int, StopThink] = {}
    for n, raw in _tables(data, "section", "section entry", check):
        number = raw.get("number")
        item = f"section {number}" if isinstance(number, int) else f"section entry {n}"
        _unknown_keys(check, item, raw, SECTION_KEYS)
        if not isinstance(number, int) or isinstance(number, bool) or number not in numbers:
            known = ", ".join(str(x) for x in sorted(numbers))
            check.fail(item, f"'number' must be one of the article's sections ({known})")
            continue
        if number in think:
            check.fail(item, "this section already has a stop-and-think prompt")
            continue
        prompt = check.text(item, raw, "prompt")
        reply = check.text(item, raw, "reply")
        check.quotes_article(item, reply, "reply")
        look_for = check.resolve_all(item, raw["look_for"], "look_for quote") if "look_for" in raw else []
        hint = check.text(item, raw, "hint", required=False)
        if prompt and reply:
            think[number] = StopThink(number, prompt, reply, look_for, hint)
    return think


def load_tutor_content(root: str | Path, lesson: Lesson, problems: list[ContentProblem]) -> TutorContent:
    """Read and validate ``lesson/<slug>/tutor.toml``; append any faults to ``problems``."""
    rel = f"lesson/{lesson.slug}/tutor.toml"
    path = Path(root) / rel
    if not path.exists():
        return default_content(lesson)
    try:
        with path.open("rb") as fh:
            data = tomllib.load(fh)
    except tomllib.TOMLDecodeError as exc:
        problems.append(ContentProblem(rel, None, f"invalid TOML: {exc}"))
        return default_content(lesson)
    check = Checker(rel, lesson.article, problems)
    _unknown_keys(check, None, data, TOP_KEYS)
    greeting = check.text(None, data, "greeting", required=False)
    return TutorContent(
        skills=_load_skills(data, lesson, check),
        think=_load_sections(data, lesson, check),
        greeting=greeting,
        from_file=True,
    )
