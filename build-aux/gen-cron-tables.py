#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# gen-cron-tables.py [OUTPUT]
#
# Writes tests/data/cron/croniter-table.txt: the next 5 run times of a few
# hundred random cron expressions in several time zones, as Debian's
# python3-croniter (1.3.5, what Prefect 2.7 uses) computes them. The C tests
# (tests/test-schedule-table.c) check that PwSchedule agrees on every line,
# without needing Python.
#
# croniter is wrong across DST changes (a daily 01:30 job on a fall-back day
# comes out as 02:30 the next day), so every start instant is chosen so
# that no offset change of its zone falls within three weeks of the span it
# covers. DST behaviour is tested by hand in tests/test-schedule-dst.c.
#
# croniter 1.3.5 also skips 1 March after February when the day-of-month
# field holds days past the 28th (`33 20 */10 * *`: 21 February, then
# 11 March); this seed's table does not run into it, and
# tests/bench/bench-schedule.c lists the expressions where it happens. Should
# a new seed run into it, the C tests will name the line.
#
# Run with Debian's python3 (apt-get install python3-croniter):
#   /usr/bin/python3 build-aux/gen-cron-tables.py tests/data/cron/croniter-table.txt

import random
import sys
from datetime import datetime, timedelta

import croniter
import pytz
from croniter import croniter as Croniter

SEED = 20260101
N_EXPRESSIONS = 320
ZONES = ["UTC", "Europe/Berlin", "America/New_York", "Asia/Kolkata", "Australia/Sydney"]
N_TIMES = 5
MARGIN = timedelta(weeks=3)
START_MIN = datetime(2024, 1, 1, tzinfo=pytz.utc)
START_SPAN = timedelta(days=7 * 365)

MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
WEEKDAYS = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"]
MACROS = ["@hourly", "@daily", "@midnight", "@weekly", "@monthly", "@yearly", "@annually"]

# (low, high) of each field; day-of-week also takes 7 for Sunday.
FIELDS = [(0, 59), (0, 23), (1, 31), (1, 12), (0, 6)]


def value(rng, field, lo, hi):
    v = rng.randint(lo, hi)
    if field == 3 and rng.random() < 0.3:
        return MONTHS[v - 1].upper() if rng.random() < 0.5 else MONTHS[v - 1]
    if field == 4:
        if v == 0 and rng.random() < 0.3:
            return "7"
        if rng.random() < 0.3:
            name = WEEKDAYS[v]
            return name.capitalize() if rng.random() < 0.5 else name
    return str(v)


def item(rng, field):
    lo, hi = FIELDS[field]
    kind = rng.random()
    if kind < 0.35:
        return value(rng, field, lo, hi)
    if kind < 0.55:
        a = rng.randint(lo, hi - 1)
        b = rng.randint(a + 1, hi)
        if field == 4 and b == 6 and rng.random() < 0.2:
            return "%s-sun" % WEEKDAYS[a]
        return "%s-%s" % (value(rng, field, a, a), value(rng, field, b, b))
    if kind < 0.75:
        return "*/%d" % rng.randint(2, max(2, (hi - lo + 1) // 2))
    if kind < 0.9:
        a = rng.randint(lo, hi - 2)
        b = rng.randint(a + 2, hi)
        return "%d-%d/%d" % (a, b, rng.randint(2, max(2, (b - a))))
    a = rng.randint(lo, hi - 1)
    return "%d/%d" % (a, rng.randint(2, max(2, (hi - a))))


def field_text(rng, field):
    # Wide fields are mostly "*"; the table should be dense enough that five
    # times fit between two DST changes often.
    star = [0.25, 0.35, 0.75, 0.8, 0.7][field]
    if rng.random() < star:
        return "*"
    if rng.random() < 0.25:
        return ",".join(item(rng, field) for _ in range(rng.randint(2, 4)))
    return item(rng, field)


def expression(rng):
    if rng.random() < 0.04:
        return rng.choice(MACROS)
    return " ".join(field_text(rng, f) for f in range(5))


def offsets_constant(tz, start, end):
    """Whether tz keeps one UTC offset from start to end (checked daily:
    offsets change for months at a time)."""
    first = start.astimezone(tz).utcoffset()
    t = start
    while t <= end:
        if t.astimezone(tz).utcoffset() != first:
            return False
        t += timedelta(days=1)
    return end.astimezone(tz).utcoffset() == first


def next_times(expr, tz, start, day_or):
    it = Croniter(expr, start.astimezone(tz), day_or=day_or)
    return [it.get_next(datetime).astimezone(pytz.utc) for _ in range(N_TIMES)]


def utc_text(t):
    return t.astimezone(pytz.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def main():
    out_path = sys.argv[1] if len(sys.argv) > 1 else "tests/data/cron/croniter-table.txt"
    rng = random.Random(SEED)
    lines = []
    skipped = 0
    expressions = set()

    while len(expressions) < N_EXPRESSIONS:
        expr = expression(rng)
        if expr in expressions:
            continue
        try:
            Croniter(expr, START_MIN)
        except (croniter.CroniterBadCronError, croniter.CroniterNotAlphaError, ValueError):
            continue
        expressions.add(expr)
        day_or = rng.random() >= 0.2

        for zone in ZONES:
            tz = pytz.timezone(zone)
            for _ in range(40):
                start = START_MIN + timedelta(seconds=rng.randint(0, int(START_SPAN.total_seconds())))
                if rng.random() < 0.4:
                    start = start.replace(second=0)
                try:
                    times = next_times(expr, tz, start, day_or)
                except croniter.CroniterBadDateError:
                    times = None
                    break
                if offsets_constant(tz, start - MARGIN, times[-1] + MARGIN):
                    lines.append("\t".join([expr, zone, "1" if day_or else "0", utc_text(start),
                                            " ".join(utc_text(t) for t in times)]))
                    break
            else:
                skipped += 1
            if times is None:
                break

    with open(out_path, "w", encoding="utf-8") as f:
        f.write("# Generated by build-aux/gen-cron-tables.py with python3-croniter %s (seed %d).\n"
                % (getattr(croniter, "__version__", "1.3.5"), SEED))
        f.write("# Do not edit. Columns, tab-separated: expression, time zone, day_or (1/0),\n")
        f.write("# start instant (UTC), the next %d run times strictly after it (UTC).\n" % N_TIMES)
        f.write("# Every span is at least three weeks away from a DST change of its zone.\n")
        for line in lines:
            f.write(line + "\n")

    print("%d lines, %d expressions, %d (expression, zone) pairs skipped near DST"
          % (len(lines), len(expressions), skipped), file=sys.stderr)


if __name__ == "__main__":
    main()
