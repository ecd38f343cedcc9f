#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# croniter-next.py EXPRESSIONS START N
#
# The peer of tests/bench/bench-schedule.c: for each cron expression in the
# file EXPRESSIONS (one a line), the next N run times after START (ISO 8601,
# UTC) with python3-croniter, as Prefect 2.7's CronSchedule computes them
# (aware datetimes, day_or=True). Prints one line:
#   seconds=<time spent in croniter> expressions=<count> times=<count> checksum=<sum of epochs>
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

    checksum = 0
    count = 0
    began = time.perf_counter()
    for expr in expressions:
        it = croniter(expr, start, day_or=True)
        for _ in range(n):
            t = it.get_next(datetime)
            checksum += int(t.timestamp())
            count += 1
    elapsed = time.perf_counter() - began

    print("seconds=%.6f expressions=%d times=%d checksum=%d"
          % (elapsed, len(expressions), count, checksum))


if __name__ == "__main__":
    main()
