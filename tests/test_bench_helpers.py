"""The benchmarks' pure helpers (bench/): statistics, plan checks, profile buckets, load bounds."""

import pytest

from bench.chat_load import next_message
from bench.common import percentile
from bench.loadgen import Context, LoadError, csrf_token
from bench.profile_load import bucket, parse_raw
from bench.teacher_pages import full_scans, is_select


def test_percentile_is_nearest_rank():
    values = [float(v) for v in range(1, 101)]
    assert percentile(values, 50) == 50.0
    assert percentile(values, 99) == 99.0
    assert percentile(values, 100) == 100.0
    assert percentile([3.0], 99) == 3.0


def test_full_scans_flag_big_tables_without_an_index():
    plan = [
        "SEARCH m USING INDEX idx_class_members_class_id_display_name (class_id=?)",
        "SCAN responses",
        "SCAN r USING INDEX idx_responses_question_id",
        "SCAN questions",
    ]
    assert full_scans(plan) == ["SCAN responses"]


def test_only_selects_are_replayed():
    assert is_select("  select 1")
    assert is_select("WITH x AS (SELECT 1) SELECT * FROM x")
    assert not is_select("INSERT INTO t VALUES (1)")
    assert not is_select("PRAGMA journal_mode=WAL")


def test_profile_samples_go_to_the_innermost_named_part(tmp_path):
    raw = tmp_path / "p.raw"
    raw.write_text(
        "handle (gunicorn/workers/sync.py:1);render_template (flask/templating.py:1);escape (markupsafe:1) 7\n"
        "handle (gunicorn/workers/sync.py:1);get_db (closeread/db.py:1);connect (closeread/db.py:30) 3\n"
    )
    stacks = parse_raw(raw)
    assert sum(stacks.values()) == 10
    labels = {bucket(stack.split(";")): n for stack, n in stacks.items()}
    assert labels == {"Jinja2 templates (render)": 7, "SQLite: connect + PRAGMAs": 3}


def test_load_only_goes_to_loopback():
    with pytest.raises(ValueError, match="127.0.0.1"):
        Context("http://10.0.0.1:8000", warmup=0, duration=1, max_requests=1)
    ctx = Context("http://127.0.0.1:8000", warmup=0, duration=60, max_requests=0)
    assert not ctx.running()  # the request budget bounds the run


def test_csrf_token_is_parsed_or_the_page_is_an_error():
    html = '<input id="csrf_token" name="csrf_token" type="hidden" value="abc.def">'
    assert csrf_token(html) == "abc.def"
    with pytest.raises(LoadError):
        csrf_token("<p>no form</p>")


def test_chat_learner_answers_what_the_tutor_asks():
    import random

    rng = random.Random(1)
    options = {"quick_replies": [{"label": "A. x", "value": "A. x"}, {"label": "Hint", "value": "Hint"}]}
    assert next_message(options, ["s1", "s2"], rng) == {"text": "A. x"}
    picks = next_message({"select": {"kind": "sentences", "min": 2, "max": 2, "optional": False}}, ["s1", "s2"], rng)
    assert sorted(picks["sentences"]) == ["s1", "s2"]
