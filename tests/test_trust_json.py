"""Issue 16, malformed JSON: 1,000 levels of nesting, or a lone surrogate ("\\ud800") in chat
text, gave a 500. Both are now 400 with a JSON message; a hypothesis fuzz over JSON bodies
sent to every JSON endpoint finds no response of 500 or above."""

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from closeread.json_guard import MAX_DEPTH, nesting_depth
from tests.helpers import make_app


@pytest.fixture(scope="module")
def api(tmp_path_factory):
    app = make_app(tmp_path_factory.mktemp("json"))
    app.config["PROPAGATE_EXCEPTIONS"] = False  # a crash must show up as a 500, not an exception
    client = app.test_client()
    slug = next(iter(app.extensions["closeread.lessons"]))
    started = client.post("/api/chat/start", json={"lesson": slug})
    assert started.status_code in (200, 201)
    attempt = started.get_json()["attempt_id"]
    return {"client": client, "slug": slug, "attempt": attempt,
            "urls": ["/api/chat/start", f"/api/chat/attempts/{attempt}/messages"]}


def post_raw(client, url, body: str | bytes):
    return client.post(url, data=body, content_type="application/json")


@pytest.mark.parametrize("depth", [MAX_DEPTH + 1, 1000, 100_000])
def test_deep_nesting_is_400_with_a_json_message(api, depth):
    for url in api["urls"]:
        response = post_raw(api["client"], url, "[" * depth + "]" * depth)
        assert response.status_code == 400, (url, response.status_code)
        body = response.get_json()
        assert body["status"] == 400 and "nested too deeply" in body["message"]
        nested = '{"text": ' + "[" * depth + "]" * depth + "}"
        assert post_raw(api["client"], url, nested).status_code == 400


@pytest.mark.parametrize("escape", ["\\ud800", "\\udfff", "a\\ud83d", "\\udc00\\ud800"])
def test_a_lone_surrogate_is_400_with_a_json_message(api, escape):
    url = f"/api/chat/attempts/{api['attempt']}/messages"
    response = post_raw(api["client"], url, '{"text": "' + escape + '"}')
    assert response.status_code == 400
    assert "invalid Unicode" in response.get_json()["message"]
    key = post_raw(api["client"], "/api/chat/start", '{"' + escape + '": 1, "lesson": "x"}')
    assert key.status_code == 400


def test_a_proper_surrogate_pair_and_brackets_in_strings_are_fine(api):
    url = f"/api/chat/attempts/{api['attempt']}/messages"
    response = post_raw(api["client"], url, json.dumps({"text": "hint 😀" + "[" * 200}))
    assert response.status_code == 200, response.get_data(as_text=True)
    assert nesting_depth('{"a": "[[[[{{{{", "b": [1, [2]]}') == 3


def test_invalid_utf8_is_400(api):
    response = post_raw(api["client"], "/api/chat/start", b'{"lesson": "\xff\xfe"}')
    assert response.status_code == 400 and response.is_json


json_scalars = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(
    st.characters(codec=None, categories=None), max_size=30)
json_values = st.recursive(json_scalars, lambda inner: st.lists(inner, max_size=4)
                           | st.dictionaries(st.text(max_size=8), inner, max_size=4), max_leaves=30)
chat_like = st.fixed_dictionaries({}, optional={
    "text": json_values, "lesson": json_values, "attempt_id": json_values, "new": json_values,
    "sentences": json_values, "options": json_values, "rev": json_values})
raw_bodies = st.one_of(
    json_values.map(lambda v: json.dumps(v, ensure_ascii=True)),  # lone surrogates become \\udXXX escapes
    chat_like.map(lambda v: json.dumps(v, ensure_ascii=True)),
    st.integers(0, 3000).map(lambda n: "[" * n + "]" * n),
    st.integers(0, 3000).map(lambda n: '{"text":' + "{\"a\":" * n + "1" + "}" * n + "}"),
    st.binary(max_size=60).map(lambda b: b.decode("latin-1")),
)


def test_fuzz_json_bodies_never_get_a_5xx(api):
    seen = {"total": 0, "statuses": {}}

    @settings(max_examples=300, deadline=None, database=None, derandomize=True,
              suppress_health_check=list(HealthCheck))
    @given(body=raw_bodies, which=st.integers(0, 1))
    def run(body, which):
        url = api["urls"][which]
        response = post_raw(api["client"], url, body.encode("utf-8", "surrogatepass"))
        seen["total"] += 1
        seen["statuses"][response.status_code] = seen["statuses"].get(response.status_code, 0) + 1
        assert response.status_code < 500, (url, body[:200], response.get_data(as_text=True)[:300])
        if response.status_code >= 400:
            payload = response.get_json()
            assert payload and payload.get("message"), (url, body[:200])

    run()
    print(f"\njson fuzz: {seen['total']} bodies, statuses {dict(sorted(seen['statuses'].items()))}")
    assert seen["total"] >= 300 and any(s == 400 for s in seen["statuses"])
