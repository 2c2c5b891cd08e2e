"""Run every benchmark: ``python -m bench.run_all`` (``make bench``) or ``--smoke`` (``make bench-smoke``).

The full run appends its figures to bench/RESULTS.md with the date and the
machine; when a throughput target is missed it also records a py-spy profile of
that flow, so the results say where the time goes. The smoke run (about a minute)
checks that every benchmark still runs: it exits non-zero on a fault (a crash,
an HTTP error under load, a third-party request), never on a missed target,
since speed depends on the machine; it writes nothing.
"""

from __future__ import annotations

import argparse
import sys
import time
import traceback

from . import (
    chat_load,
    common,
    editor_actions,
    page_weight,
    profile_load,
    startup_memory,
    submit_load,
    teacher_pages,
)
from .common import Report, append_results

BENCHMARKS = [
    ("startup_memory", startup_memory.run),
    ("teacher_pages", teacher_pages.run),
    ("page_weight", page_weight.run),
    ("submit_load", submit_load.run),
    ("chat_load", chat_load.run),
    ("editor_actions", editor_actions.run),
]
PROFILE_SECONDS = 10.0


def missed_throughput(report: Report) -> bool:
    return any("throughput" in t.name and not t.met for t in report.targets)


def summary(reports: list[Report]) -> Report:
    out = Report("Summary")
    out.add("| benchmark | target | measured | goal | met |")
    out.add("|---|---|---|---|---|")
    for r in reports:
        for t in r.targets:
            out.add(f"| {r.title} | {t.name} | {t.measured} | {t.target} | {'yes' if t.met else '**no**'} |")
    faults = [f"{r.title}: {f}" for r in reports for f in r.failures]
    out.add("")
    out.add(f"Faults: {len(faults)}." + ("" if not faults else " " + "; ".join(faults)))
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--smoke", action="store_true", help="about a minute; checks the benchmarks run; no RESULTS.md")
    parser.add_argument("--only", action="append", choices=[n for n, _ in BENCHMARKS], help="run only these")
    parser.add_argument("--no-profile", action="store_true", help="skip the py-spy profile of a missed target")
    args = parser.parse_args(argv)
    if args.smoke:
        common.QUIET_WAIT["seconds"] = 2.0
    start = time.perf_counter()
    print(f"Machine: {common.machine()}", flush=True)
    reports: list[Report] = []
    for name, run in BENCHMARKS:
        if args.only and name not in args.only:
            continue
        print(f"\n=== {name}{' (smoke)' if args.smoke else ''} ===", flush=True)
        t0 = time.perf_counter()
        try:
            report = run(args.smoke)
        except Exception:  # noqa: BLE001 - one broken benchmark must not hide the others' figures
            report = Report(name)
            report.fail("crashed:\n```\n" + traceback.format_exc()[-3000:] + "```")
            print(traceback.format_exc(), flush=True)
        print(f"  ({time.perf_counter() - t0:.0f} s)", flush=True)
        reports.append(report)
        if not args.smoke and not args.no_profile and missed_throughput(report):
            flow = "chat" if name == "chat_load" else "submit"
            print(f"\n=== profile of the {flow} flow (a throughput target was missed) ===", flush=True)
            try:
                reports.append(profile_load.run(flow, PROFILE_SECONDS))
            except Exception:  # noqa: BLE001 - the profile is an extra; say why it is missing
                failed = Report(f"Profile: {flow} flow")
                failed.add("The profile could not be taken:\n```\n" + traceback.format_exc()[-1500:] + "```")
                reports.append(failed)
    print("\n=== summary ===", flush=True)
    reports.append(summary(reports))
    seconds = time.perf_counter() - start
    print(f"Total: {seconds:.0f} s", flush=True)
    if not args.smoke:
        append_results(reports, "make bench", seconds)
    return 1 if any(r.failures for r in reports) else 0


if __name__ == "__main__":
    sys.exit(main())
