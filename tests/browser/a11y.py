"""axe-core checks for the browser tests (axe-core ships inside axe-playwright-python)."""

from axe_playwright_python.sync_playwright import Axe

_axe = Axe()
BLOCKING = {"serious", "critical"}


def violations(page) -> list[dict]:
    """Serious and critical axe violations on the page as it is now."""
    results = _axe.run(page)
    found = results.response["violations"]
    return [
        {"id": v["id"], "impact": v["impact"], "help": v["help"], "nodes": [n["target"] for n in v["nodes"]][:5]}
        for v in found
        if v["impact"] in BLOCKING
    ]


def assert_accessible(page, label: str) -> None:
    problems = violations(page)
    assert not problems, f"axe found serious/critical problems on {label}: {problems}"
