"""Item 6 (API): the JSON API fuzzed from its own OpenAPI document with schemathesis.

Every operation in /api/openapi.json gets valid-by-schema and invalid-by-schema
requests (schemathesis' positive and negative modes, driven by hypothesis), sent
by a real learner session with CSRF on and a valid X-CSRFToken, half of them at
the learner's own attempt so the tutor really runs. At least 1,000 requests in
all; not one may answer 5xx, and every error is the documented JSON shape.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.helpers import make_app
from tests.trust_world import csrf_token

schemathesis = pytest.importorskip("schemathesis")
from schemathesis import GenerationMode  # noqa: E402

EXAMPLES = {GenerationMode.POSITIVE: 250, GenerationMode.NEGATIVE: 150}
MINIMUM_REQUESTS = 1000
LEAKS = re.compile(r"Traceback|File \"|OperationalError|sqlite3|SELECT |INSERT ")


@pytest.fixture(scope="module")
def api(tmp_path_factory):
    app = make_app(tmp_path_factory.mktemp("fuzz"), WTF_CSRF_ENABLED=True)
    app.config["PROPAGATE_EXCEPTIONS"] = False  # a crash must show up as a 500, not an exception
    if "chat_api.api_send" not in app.view_functions:
        pytest.skip("the app has no JSON API yet")
    client = app.test_client()
    slug = next(iter(app.extensions["closeread.lessons"]))
    token = csrf_token(client, f"/lessons/{slug}")
    started = client.post("/api/chat/start", json={"lesson": slug}, headers={"X-CSRFToken": token})
    assert started.status_code in (200, 201), started.get_data(as_text=True)
    attempt_id = started.get_json()["attempt_id"]
    cookie = client.get_cookie("session").value
    schema = schemathesis.openapi.from_wsgi("/api/openapi.json", app)
    operations = [result.ok() for result in schema.get_all_operations()]
    return {"app": app, "token": token, "cookie": cookie, "attempt_id": attempt_id, "operations": operations,
            "slug": slug}


def check(response, label):
    status = response.status_code
    assert status < 500, f"{label}: {status} {response.text[:500]}"
    assert not LEAKS.search(response.text), f"{label}: {response.text[:500]}"
    if status >= 400:
        body = response.json()
        assert isinstance(body, dict) and body.get("error") and body.get("message"), f"{label}: {response.text}"
    for header in ("Content-Security-Policy", "X-Content-Type-Options", "Referrer-Policy"):
        assert header.lower() in response.headers, f"{label}: no {header}"


def test_fuzz_the_json_api_from_its_openapi_document(api):
    sent = {"total": 0, "by_status": {}}
    headers = {"X-CSRFToken": api["token"]}
    cookies = {"session": api["cookie"]}
    assert len(api["operations"]) >= 3

    def fuzz(operation, mode, examples):
        @settings(max_examples=examples, deadline=None, database=None, derandomize=True,
                  suppress_health_check=list(HealthCheck))
        @given(case=operation.as_strategy(generation_mode=mode), own=st.booleans())
        def run(case, own):
            if own and "attempt_id" in (case.path_parameters or {}):
                case.path_parameters["attempt_id"] = api["attempt_id"]
            # The document declares the token header, so schemathesis fills it with noise: use the real one.
            case.headers = {**(case.headers or {}), **headers}
            response = case.call(cookies=cookies)
            sent["total"] += 1
            sent["by_status"][response.status_code] = sent["by_status"].get(response.status_code, 0) + 1
            check(response, f"{case.method} {case.formatted_path} ({mode.value}) body={case.body!r}")

        run()

    for operation in api["operations"]:
        for mode, examples in EXAMPLES.items():
            fuzz(operation, mode, examples)

    print(f"\nfuzz: {sent['total']} requests, statuses {dict(sorted(sent['by_status'].items()))}")
    assert sent["total"] >= MINIMUM_REQUESTS
    # The fuzzing got past the front door: some requests succeeded, some were refused.
    assert any(s < 300 for s in sent["by_status"]) and any(400 <= s < 500 for s in sent["by_status"])


def test_the_same_requests_without_a_token_are_all_refused(api):
    """CSRF holds for every operation whatever the body: no token, no state change."""
    client = api["app"].test_client()
    client.set_cookie("session", api["cookie"])
    for operation in api["operations"]:
        if operation.method.upper() != "POST":
            continue
        path = operation.path.replace("{attempt_id}", str(api["attempt_id"]))
        response = client.post(path, json={"lesson": api["slug"], "text": "hello"})
        assert response.status_code == 400 and response.get_json()["reason"] == "csrf", path
