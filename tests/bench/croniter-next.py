#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# croniter-next.py EXPRESSIONS START N
#
# The peer of tests/bench/bench-schedule.c: for each cron expression in the
# file EXPRESSIONS (one a line), the next N run times after START (ISO 8601,
# UTC) with python3-croniter, as Prefect 2.7's CronSchedule computes them
# (aware datetimes, day_or=True). Prints, for each expression, the number
# of times and the sum of their epoch seconds ("<count> <sum>"), then
#   seconds=<time spent in croniter> expressions=<count> times=<count>
# Exits 77 when croniter is not installed, so the benchmark can skip it.

import sys
import time
from datetime import datetime, timezone

try:
    from croniter import croniter
except ImportError:
    print("python3-croniter is not installed", file=sys.stderr)
    sys.exit(77)


def main():
    path, start_text, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
    start = datetime.fromisoformat(start_text.replace("Z", "+00:00")).astimezone(timezone.utc)
    with open(path, encoding="utf-8") as f:
        expressions = [line.strip() for line in f if line.strip()]

    sums = []
    count = 0
    began = time.perf_counter()
    for expr in expressions:
        it = croniter(expr, start, day_or=True)
        total = 0
        for _ in range(n):
            total += int(it.get_next(datetime).timestamp())
        sums.append(total)
        count += n
    elapsed = time.perf_counter() - began

    for total in sums:
        print("%d %d" % (n, total))
    print("seconds=%.6f expressions=%d times=%d" % (elapsed, len(expressions), count))


if __name__ == "__main__":
    main()
