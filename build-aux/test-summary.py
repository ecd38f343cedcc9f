#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Count test cases in a meson test log.

    test-summary.py [--meson-status N] BUILDDIR/meson-logs/testlog.json

meson's own summary counts test *programs*. This counts test *cases*: for a
program that speaks TAP (GTest with --tap), each "ok"/"not ok" line; for any
other program, the program itself. It follows meson's reading of TAP:

  ok N ...                 passed
  not ok N ...             failed
  ... # SKIP ...           skipped (ok or not ok)
  not ok N ... # TODO      expected failure: not a failure
  ok N ... # TODO          unexpected pass: a failure, as meson says
  Bail out!                a failure

A TAP program that meson marks as failed (it crashed, timed out, exited
non-zero, or ran fewer cases than its plan) without a failing line counts the
cases it never reported, and at least one, as failed.

--meson-status is the exit status of `meson test`: when it says meson failed
and no case failed, one failure is counted so the last line never says
"0 failed" for a run that failed.

Prints one line per failing case, a detail line, and last of all
"N passed, N failed". Exits 1 when anything failed, 0 otherwise.
"""

import argparse
import json
import re
import sys

PLAN = re.compile(r"^1\.\.(\d+)")
RESULT = re.compile(r"^(not ok|ok)\b\s*(\d+)?\s*-?\s*([^#]*)(?:#\s*(.*))?$")
BAIL = re.compile(r"^Bail out!", re.IGNORECASE)
FAILED_PROGRAM = {"FAIL", "ERROR", "TIMEOUT", "UNEXPECTEDPASS", "INTERRUPT"}


def looks_like_tap(stdout):
    """A TAP stream has a plan or a version line at the start of a line."""
    for line in stdout.splitlines():
        if PLAN.match(line) or line.startswith("TAP version"):
            return True
    return False


def count_tap(program, stdout, result, returncode, counts, failures):
    planned = None
    seen = 0
    failed_here = 0
    for line in stdout.splitlines():
        # Indented lines are TAP 14 subtests; GTest prints none, and their
        # parent line already carries their verdict.
        m = PLAN.match(line)
        if m:
            planned = int(m.group(1))
            continue
        if BAIL.match(line):
            counts["failed"] += 1
            failed_here += 1
            failures.append(f"{program}: {line.strip()}")
            continue
        m = RESULT.match(line)
        if not m:
            continue
        seen += 1
        ok = m.group(1) == "ok"
        desc = m.group(3).strip() or f"case {m.group(2) or seen}"
        directive = (m.group(4) or "").strip()
        word = directive.split(None, 1)[0].upper() if directive else ""
        if word.startswith("SKIP"):
            counts["skipped"] += 1
        elif word.startswith("TODO"):
            if ok:
                counts["failed"] += 1
                failed_here += 1
                failures.append(f"{program}: {desc} (passed, but marked TODO)")
            else:
                counts["xfail"] += 1
        elif ok:
            counts["passed"] += 1
        else:
            counts["failed"] += 1
            failed_here += 1
            failures.append(f"{program}: {desc}")

    if result in FAILED_PROGRAM and failed_here == 0:
        missing = (planned - seen) if planned is not None and planned > seen else 0
        n = max(1, missing)
        counts["failed"] += n
        why = {"TIMEOUT": "timed out", "INTERRUPT": "was interrupted"}.get(result)
        if why is None:
            if isinstance(returncode, int) and returncode < 0:
                why = f"was killed by signal {-returncode}"
            else:
                why = f"failed (exit status {returncode})"
        extra = f", {missing} of {planned} planned cases never ran" if missing else ""
        failures.append(f"{program}: the program {why} after {seen} cases{extra}")
    elif result == "SKIP" and seen == 0:
        counts["skipped"] += 1


def main(argv):
    parser = argparse.ArgumentParser(description="Count test cases in a meson test log.")
    parser.add_argument("--meson-status", type=int, default=0,
                        help="exit status of meson test")
    parser.add_argument("testlog", help="BUILDDIR/meson-logs/testlog.json")
    args = parser.parse_args(argv[1:])
    counts = {"passed": 0, "failed": 0, "skipped": 0, "xfail": 0}
    failures = []
    programs = 0
    try:
        with open(args.testlog, encoding="utf-8", errors="replace") as f:
            lines = f.readlines()
    except OSError as e:
        print(f"no test log: {e}", file=sys.stderr)
        print("0 passed, 1 failed")
        return 1

    for raw in lines:
        raw = raw.strip()
        if not raw:
            continue
        try:
            entry = json.loads(raw)
        except ValueError:
            continue
        programs += 1
        name = entry.get("name", "?")
        result = entry.get("result", "ERROR")
        stdout = entry.get("stdout") or ""
        if looks_like_tap(stdout):
            count_tap(name, stdout, result, entry.get("returncode"), counts, failures)
        elif result == "OK":
            counts["passed"] += 1
        elif result == "SKIP":
            counts["skipped"] += 1
        elif result == "EXPECTEDFAIL":
            counts["xfail"] += 1
        else:
            counts["failed"] += 1
            failures.append(f"{name}: {result.lower()} (exit status {entry.get('returncode')})")

    if args.meson_status != 0 and counts["failed"] == 0:
        counts["failed"] += 1
        failures.append(f"meson test exited with status {args.meson_status} (see its output above)")

    if failures:
        print("Failed test cases:")
        for f in failures:
            print(f"  {f}")
    print(
        f"Test cases in {programs} programs: {counts['passed']} passed, "
        f"{counts['failed']} failed, {counts['skipped']} skipped, "
        f"{counts['xfail']} expected failures"
    )
    print(f"{counts['passed']} passed, {counts['failed']} failed")
    return 1 if counts["failed"] else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
