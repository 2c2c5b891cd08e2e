"""Agreement of the explain pre-score with a teacher's scores on tests/data/explanations.toml.

The split is fixed: within each question the answers are ordered by band (then
file order) and every 4th one is held out (25 %); the rest (75 %) is what the
scorer's rules and thresholds were first tuned on. The held-out misses were studied in a later
round (general rules only), so the held-out figure is no longer an unseen estimate.

    .venv/bin/python -m tests.explain_agreement                 # the pre-score
    .venv/bin/python -m tests.explain_agreement --keyword-count # the old keyword count, for comparison
    .venv/bin/python -m tests.explain_agreement --quiz OTHER.toml --show-misses
"""

from __future__ import annotations

import argparse
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

from closeread.content.loader import load_content
from closeread.content.model import Question
from closeread.questions.prescore import prescore
from closeread.questions.rubric import read_rubric

ROOT = Path(__file__).resolve().parent.parent
SET = ROOT / "tests" / "data" / "explanations.toml"
WRONG_BANDS = ("wrong-conclusion", "negation-trap")


@dataclass(frozen=True)
class Case:
    question: str
    band: str
    text: str
    score: float
    held_out: bool


def load_cases(path: Path = SET) -> list[Case]:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    by_question: dict[str, list[dict]] = {}
    for a in data["answer"]:
        by_question.setdefault(a["question"], []).append(a)
    cases = []
    for qid, answers in by_question.items():
        ordered = sorted(answers, key=lambda a: a["band"])  # stable: file order within a band
        cases += [Case(qid, a["band"], a["text"], float(a["score"]), i % 4 == 3) for i, a in enumerate(ordered)]
    return cases


def questions(quiz_file: Path | None = None) -> dict[str, Question]:
    """The lesson's explain questions, or those of another quiz file (rubric fields re-read)."""
    quiz = load_content(ROOT)["germany-mali"].quiz.by_id
    if quiz_file is None:
        return quiz
    raw = {q["id"]: q for q in tomllib.loads(quiz_file.read_text(encoding="utf-8"))["question"]}
    for qid, q in quiz.items():
        if q.type == "explain" and qid in raw:
            q.rubric, q.wrong_conclusions, _ = read_rubric(raw[qid])
            q.prompt = raw[qid]["prompt"]
    return quiz


def keyword_count(q: Question, text: str) -> float:
    """The scorer this project used before: rubric criteria whose words appear / criteria."""
    text = " ".join(text.lower().replace("’", "'").split())
    words = [[*c.any, *c.conclusion] for c in q.rubric]
    met = sum(any(re.search(r"(?<!\w)" + re.escape(w) + r"(?!\w)", text) for w in ws) for ws in words)
    return round(q.points * met / len(q.rubric), 2)


def pre_score(q: Question, text: str) -> float:
    return prescore(q.prompt, q.points, q.rubric, text, q.wrong_conclusions).score


@dataclass
class Figures:
    n: int
    mad: float
    full_for_wrong: int  # full credit in the wrong-conclusion and negation-trap bands


def figures(cases: list[Case], quiz: dict[str, Question], scorer) -> Figures:
    diffs, full_wrong = [], 0
    for c in cases:
        q = quiz[c.question]
        got = scorer(q, c.text)
        diffs.append(abs(got - c.score))
        full_wrong += c.band in WRONG_BANDS and got >= q.points
    return Figures(len(cases), round(sum(diffs) / len(diffs), 3) if diffs else 0.0, full_wrong)


def report(scorer, quiz: dict[str, Question], show_misses: bool = False, path: Path = SET) -> str:
    cases = load_cases(path)
    lines = ["| Part | Answers | Mean absolute difference (of 2) | Full credit for a wrong conclusion |",
             "|---|---|---|---|"]
    parts = [("whole set", cases), ("tuning 75 %", [c for c in cases if not c.held_out]),
             ("held out 25 %", [c for c in cases if c.held_out])]
    for name, part in parts:
        f = figures(part, quiz, scorer)
        lines.append(f"| {name} | {f.n} | {f.mad:.3f} | {f.full_for_wrong} |")
    if show_misses:  # the held-out part has been studied since (see the README): its misses are listed too
        for c in cases:
            got = scorer(quiz[c.question], c.text)
            if abs(got - c.score) > 0.25:
                part = "held out" if c.held_out else "tuning"
                lines.append(f"\n{c.question[:12]} {c.band} ({part}) teacher {c.score} got {got}: {c.text}")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keyword-count", action="store_true", help="score with the old keyword count")
    parser.add_argument("--quiz", type=Path, help="read the explain rubrics from this quiz file instead")
    parser.add_argument("--show-misses", action="store_true", help="list answers more than 0.25 off")
    parser.add_argument("--answers", type=Path, default=SET,
                        help="another graded set of the same format (e.g. tests/data/explanations_fresh.toml)")
    args = parser.parse_args()
    scorer = keyword_count if args.keyword_count else pre_score
    print(report(scorer, questions(args.quiz), args.show_misses, args.answers))


if __name__ == "__main__":
    main()
