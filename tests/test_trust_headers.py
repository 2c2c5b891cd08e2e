"""Item 1: every response of every route carries the security headers, error pages included,
and no served HTML has inline script or style (the CSP would block them)."""

import pytest

from closeread.security import CSP, enforce_csp
from tests.helpers import make_app
from tests.trust_routes import STATE_CHANGING, audit, concrete_requests
from tests.trust_world import build_world

REQUIRED_CSP = ["default-src 'self'", "object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'",
                "form-action 'self'"]


def assert_headers(response, where):
    csp = response.headers.get("Content-Security-Policy", "")
    if response.mimetype == "text/html":
        assert csp == CSP, f"{where}: {csp!r}"
    for directive in REQUIRED_CSP[1:]:
        assert directive in csp, f"{where}: CSP lacks {directive!r}: {csp!r}"
    # A non-HTML route may only narrow the policy: default-src 'none' (SVG charts).
    assert "default-src 'self'" in csp or "default-src 'none'" in csp, f"{where}: {csp!r}"
    assert "unsafe-eval" not in csp, where
    if response.mimetype != "image/svg+xml":
        assert "unsafe-inline" not in csp, f"{where}: {csp!r}"
    else:
        assert "script-src" not in csp and "default-src 'none'" in csp, f"{where}: {csp!r}"
    assert response.headers.get("X-Content-Type-Options") == "nosniff", where
    assert response.headers.get("Referrer-Policy") == "strict-origin-when-cross-origin", where


def assert_no_inline_code(response, where):
    if response.mimetype != "text/html":
        return
    page = audit(response.get_data(as_text=True))
    assert page.inline_scripts == 0, f"{where}: inline <script>"
    assert page.style_elements == 0, f"{where}: <style> element"
    assert page.style_attrs == 0, f"{where}: style= attribute"
    assert not page.event_attrs, f"{where}: event handler attributes {page.event_attrs}"


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    return build_world(tmp_path_factory.mktemp("headers"), TEACHER_SELF_REGISTRATION=True)


@pytest.fixture(scope="module")
def csrf_world(tmp_path_factory):
    return build_world(tmp_path_factory.mktemp("headers-csrf"), csrf=True)


def test_the_policy_is_exactly_the_documented_one():
    assert CSP == ("default-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; "
                   "form-action 'self'")


@pytest.mark.parametrize(
    ("own", "mimetype", "expected"),
    [
        (None, "text/html", CSP),
        ("default-src *", "text/html", CSP),
        ("default-src 'none'; style-src 'unsafe-inline'", "text/html", CSP),
        ("default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'self'", "image/svg+xml",
         "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; object-src 'none'; "
         "base-uri 'none'; form-action 'self'"),
        ("default-src 'none'; script-src 'unsafe-inline'", "image/svg+xml", CSP),
        ("default-src https:", "application/json", CSP),
    ],
)
def test_a_route_can_narrow_the_policy_but_never_widen_it(own, mimetype, expected):
    assert enforce_csp(own, mimetype) == expected


def test_every_route_and_method_for_every_kind_of_visitor(world):
    requests = concrete_requests(world.app, world.samples)
    assert len(requests) >= 10
    statuses = set()
    for rule, method, url in requests:
        for client in world.clients:
            response = client.open(url, method=method)
            where = f"{method} {url} ({rule.endpoint}) -> {response.status_code}"
            assert_headers(response, where)
            assert_no_inline_code(response, where)
            statuses.add(response.status_code)
    # Real pages, redirects and errors were all among them.
    assert {200, 302} <= statuses and statuses & {400, 404, 405, 422}


def test_csrf_rejections_carry_the_headers(csrf_world):
    for rule, method, url in concrete_requests(csrf_world.app, csrf_world.samples, methods=STATE_CHANGING):
        response = csrf_world.learner.open(url, method=method, data={"x": "y"})
        assert response.status_code == 400, rule.endpoint
        assert_headers(response, f"{method} {url}")
        assert_no_inline_code(response, f"{method} {url}")


@pytest.mark.parametrize(
    ("method", "path", "kwargs", "status"),
    [
        ("GET", "/no-such-page", {}, 404),
        ("GET", "/no-such-page", {"headers": {"Accept": "application/json"}}, 404),
        ("DELETE", "/", {}, 405),
        ("POST", "/lessons/germany-mali/attempts", {"data": "x" * (300 * 1024),
                                                   "content_type": "application/x-www-form-urlencoded"}, 413),
    ],
)
def test_error_responses_carry_the_headers(world, method, path, kwargs, status):
    path = path.replace("germany-mali", world.lesson.slug)
    response = world.learner.open(path, method=method, **kwargs)
    assert response.status_code == status
    assert_headers(response, path)
    assert_no_inline_code(response, path)


def test_an_unhandled_error_carries_the_headers(tmp_path):
    app = make_app(tmp_path)
    app.config["PROPAGATE_EXCEPTIONS"] = False

    @app.get("/boom-for-headers")
    def boom():
        raise RuntimeError("boom")

    for accept in ("text/html", "application/json"):
        response = app.test_client().get("/boom-for-headers", headers={"Accept": accept})
        assert response.status_code == 500
        assert_headers(response, f"500 {accept}")
