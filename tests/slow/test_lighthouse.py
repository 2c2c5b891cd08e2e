"""Lighthouse 12 (the npm package in package.json) with Debian's chromium: accessibility 100 and SEO 100
on the home, lesson, question, chat and dashboard pages (and a round's teaching), against a live server.

The figures go to tests/artifacts/lighthouse.json and are printed (``pytest tests/slow -s``).
About 10 s a page.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess

import pytest

from tests.browser.conftest import CHROMIUM, LiveServer
from tests.helpers import ROOT, make_app
from tests.test_teacher_support import PASSWORD_A, Student, add_teacher, create_class, key_answers

LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
ARTIFACTS = ROOT / "tests" / "artifacts"
CATEGORIES = ("accessibility", "seo")


def run_lighthouse(url: str, cookie: str | None) -> dict:
    cmd = [
        str(LIGHTHOUSE), url, "--quiet", "--output=json", "--output-path=stdout",
        f"--only-categories={','.join(CATEGORIES)}",
        "--chrome-flags=--headless=new --no-sandbox --disable-gpu",
        "--form-factor=desktop", "--screenEmulation.disabled",
    ]
    if cookie:
        cmd.append("--extra-headers=" + json.dumps({"Cookie": cookie}))
    out = subprocess.run(cmd, capture_output=True, text=True, timeout=180, env={"CHROME_PATH": CHROMIUM,
                                                                                 "PATH": "/usr/bin:/bin",
                                                                                 "HOME": str(ROOT)})
    assert out.returncode == 0, out.stderr[-2000:]
    return json.loads(out.stdout)


def session_cookie(client) -> str:
    cookie = client.get_cookie("session")
    return f"session={cookie.value}"


@pytest.fixture
def site(tmp_path):
    if not LIGHTHOUSE.exists():
        pytest.fail("lighthouse is not installed: run `npm ci --ignore-scripts` (make vnu does it)")
    if shutil.which("chromium") is None and not (ROOT / CHROMIUM).exists():
        pytest.fail("chromium is not installed")
    # The learner's pages on the real lesson; the dashboard on a class of the mini lesson (tests' helpers).
    (tmp_path / "real").mkdir()
    (tmp_path / "mini").mkdir()
    real = make_app(tmp_path / "real")
    ben = real.test_client()
    ben_attempt = int(re.search(r"/attempts/(\d+)/", ben.post("/lessons/germany-mali/attempts").headers["Location"])
                      .group(1))
    chat = int(ben.post("/lessons/germany-mali/chat").headers["Location"].rsplit("/", 1)[1])
    mini = make_app(tmp_path / "mini", ROOT / "tests" / "fixtures" / "mini")
    add_teacher(mini, "lh@school.org", PASSWORD_A)
    teacher = mini.test_client()
    teacher.post("/teacher/sign-in", data={"email": "lh@school.org", "password": PASSWORD_A})
    class_id, code = create_class(teacher, "9L")
    ann = Student(mini, code, "Ann")
    attempt = ann.attempt(key_answers(mini))
    ann.client.post(f"/attempts/{attempt}/trust/before", data={"rating": 4})
    ann.client.post(f"/attempts/{attempt}/trust/after", data={"rating": 2})
    with LiveServer(real) as learner_server, LiveServer(mini) as teacher_server:
        yield {
            "home": (learner_server, "/", None),
            "lesson": (learner_server, "/lessons/germany-mali", session_cookie(ben)),
            "question": (learner_server, f"/attempts/{ben_attempt}/questions/1", session_cookie(ben)),
            "round": (learner_server, f"/attempts/{ben_attempt}/rounds/says", session_cookie(ben)),
            "chat": (learner_server, f"/chat/{chat}", session_cookie(ben)),
            "dashboard": (teacher_server, f"/teacher/classes/{class_id}/lessons/mini", session_cookie(teacher)),
        }


def test_accessibility_and_seo_are_100(site):
    figures = {}
    for name, (server, path, cookie) in site.items():
        report = run_lighthouse(server.url + path, cookie)
        assert report["lighthouseVersion"].startswith("12."), report["lighthouseVersion"]
        assert report["finalDisplayedUrl"].endswith(path), (name, report["finalDisplayedUrl"])  # not a sign-in page
        scores = {c: round(report["categories"][c]["score"] * 100) for c in CATEGORIES}
        failed = [a["id"] for a in report["audits"].values() if a.get("score") == 0 and a["scoreDisplayMode"] in
                  ("binary", "numeric")]
        figures[name] = {**scores, "failed": failed, "lighthouse": report["lighthouseVersion"]}
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / "lighthouse.json").write_text(json.dumps(figures, indent=2))
    print("\nLighthouse", json.dumps(figures, indent=2))
    for name, f in figures.items():
        assert f["accessibility"] == 100 and f["seo"] == 100, (name, f)
