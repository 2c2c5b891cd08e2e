from closeread.content.sentences import parse_article, split_sentences
from tests.helpers import ROOT


def test_split_keeps_closing_quote_with_its_sentence():
    assert split_sentences("He said it was “unsafe.” Then he left.") == ["He said it was “unsafe.”", "Then he left."]


def test_split_does_not_break_inside_numbers_or_lowercase_continuations():
    text = "A Su-24 bomber fell in 2015. it was not. Really? Yes!"
    assert split_sentences(text) == ["A Su-24 bomber fell in 2015. it was not.", "Really?", "Yes!"]


def test_split_joins_wrapped_lines():
    assert split_sentences("One line\nwrapped here. Two.") == ["One line wrapped here.", "Two."]


def test_title_headings_and_trailer():
    article = parse_article("# A title: Why.\n\n## 1. Intro\n\nFirst one. Second one.\n\nPost a Comment")
    assert article.title == "A title: Why."
    assert [(s.id, s.text, s.section) for s in article.sentences] == [
        ("s1", "A title: Why.", 0),
        ("s2", "First one.", 1),
        ("s3", "Second one.", 1),
        ("s4", "Post a Comment", 1),
    ]
    assert [sec.heading for sec in article.sections] == ["", "1. Intro"]


def test_seed_article_ids_are_stable():
    article = parse_article((ROOT / "lesson/germany-mali/article.md").read_text(encoding="utf-8"))
    by_id = article.by_id
    assert len(article.sentences) == 29
    assert by_id["s1"].text.startswith("Germany Tells Mali To Halt Work")
    assert by_id["s4"].text.endswith("needed to end “immediately.”")
    assert by_id["s12"].text == "One of the main countries targeted by Russia’s mercenary forces in Mali."
    assert by_id["s16"].text.startswith("On August 14, a convoy of Russian mercenaries")
    assert "drone incident" in by_id["s23"].text
    assert by_id["s26"].text.startswith("The downing of a Russian fighter jet")
    assert by_id["s29"].text == "Post a Comment"
    assert [s.heading for s in article.sections][1:] == [
        "1. Introduction", "2. Background", "3. The Incident", "4. Reactions", "5. What’s next?",
    ]


def test_every_character_of_the_seed_survives_the_split():
    """Joining the sentences gives back the seed text without its line structure."""
    seed = (ROOT.parent / "shared/seeds/000_5abf53fc4de555ed.txt")
    md = (ROOT / "lesson/germany-mali/article.md").read_text(encoding="utf-8")
    article = parse_article(md)
    headings = {s.heading for s in article.sections}
    source = seed.read_text(encoding="utf-8") if seed.exists() else md
    lines = [line.lstrip("# ") for line in source.splitlines()]
    words = [w for line in lines if line.strip() not in headings for w in line.split()]
    assert " ".join(words) == " ".join(s.text for s in article.sentences)


def test_one_sentence_per_line_keeps_the_teachers_breaks():
    """An editor lesson (sentence_breaks = "lines"): each line is one sentence, whatever the rule would do."""
    md = ("# The U.S. Army Leaves. Or Not\n\n## 1. News\n\nThe U.S. Army left on Monday.\n"
          "It said \"Goodbye.\" Then it stayed.\n\nPost a Comment")
    article = parse_article(md, one_per_line=True)
    assert [s.text for s in article.sentences] == [
        "The U.S. Army Leaves. Or Not", "The U.S. Army left on Monday.", 'It said "Goodbye." Then it stayed.',
        "Post a Comment"]
    assert [s.section for s in article.sentences] == [0, 1, 1, 1]
    assert [s.paragraph for s in article.sentences] == [1, 2, 2, 3]
    rule = parse_article(md)
    assert len(rule.sentences) == 8  # the rule splits after "U.S." (twice), "Leaves." and the quote
