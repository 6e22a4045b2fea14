import { deepStrictEqual, strictEqual, throws } from "node:assert/strict";
import { PyDate, PyDateTime, type Timespec } from "./datetime.ts";
import { PyTimedelta } from "./timedelta.ts";
import { dtOf, GOLDEN } from "./testdata/golden.ts";

Deno.test("datetime: golden str(), isoformat(timespec), timestamp(), weekday, isocalendar", () => {
  for (const row of GOLDEN.datetime_str) {
    const dt = dtOf(row.dt);
    strictEqual(dt.toString(), row.str);
    strictEqual(dt.isoformat(), row.iso);
    strictEqual(dt.isoformat(" "), row.iso_space);
    for (const [spec, expected] of Object.entries(row.timespecs)) {
      strictEqual(dt.isoformat("T", spec as Timespec), expected);
    }
    strictEqual(dt.timestamp(), row.timestamp, row.str);
    strictEqual(dt.weekday(), row.weekday);
    strictEqual(dt.isoweekday(), row.isoweekday);
    deepStrictEqual(dt.isocalendar(), row.isocalendar);
    strictEqual(dt.date().toString(), row.date);
  }
});

Deno.test("datetime: golden + and - timedelta keep the offset and carry microseconds", () => {
  for (const row of GOLDEN.arith) {
    const dt = dtOf(row.dt);
    const td = PyTimedelta.of(row.kw);
    strictEqual(dt.add(td).toString(), row.plus, `${dt} + ${td}`);
    strictEqual(dt.sub(td).toString(), row.minus, `${dt} - ${td}`);
  }
});

Deno.test("datetime: golden differences and comparisons across offsets", () => {
  for (const row of GOLDEN.diffs) {
    const a = dtOf(row.a);
    const b = dtOf(row.b);
    strictEqual(a.sub(b).toString(), row.diff);
    strictEqual(Math.sign(a.compare(b)), row.cmp);
    strictEqual(a.equals(b), row.eq);
  }
});

Deno.test("date: golden +/- timedelta use whole days only (Python quirk)", () => {
  for (const row of GOLDEN.date_arith) {
    const d = PyDate.fromParts(row.date[0], row.date[1], row.date[2]);
    const td = PyTimedelta.of(row.kw);
    strictEqual(d.add(td).toString(), row.plus, `${d} + ${JSON.stringify(row.kw)}`);
    strictEqual(d.sub(td).toString(), row.minus, `${d} - ${JSON.stringify(row.kw)}`);
  }
});

Deno.test("datetime: naive vs aware mixing fails like Python; equality is false", () => {
  const naive = PyDateTime.fromParts({ year: 2024, month: 1, day: 1 });
  const aware = PyDateTime.fromParts({ year: 2024, month: 1, day: 1, offsetSeconds: 0 });
  throws(() => naive.compare(aware), /offset-naive and offset-aware/);
  throws(() => naive.sub(aware), /offset-naive and offset-aware/);
  strictEqual(naive.equals(aware), false);
});

Deno.test("datetime: constructors, epoch accessors, replace, astimezone, validation", () => {
  const dt = PyDateTime.fromEpochMicros(1_704_164_645_006_789n, 3600);
  strictEqual(dt.toString(), "2024-01-02 04:04:05.006789+01:00");
  strictEqual(dt.epochMicros, 1_704_164_645_006_789n);
  strictEqual(dt.epochSeconds, 1_704_164_645);
  strictEqual(dt.tzName, "UTC+01:00");
  strictEqual(PyDateTime.fromEpochMicros(-1, 0).toString(), "1969-12-31 23:59:59.999999+00:00");
  strictEqual(PyDateTime.now(1_700_000_000_123, 0).isoformat(), "2023-11-14T22:13:20.123000+00:00");
  // datetime.fromtimestamp(t, timezone.utc) results from CPython 3.11
  const fromTs: [number, string][] = [
    [1.0000005, "1970-01-01 00:00:01.000001+00:00"],
    [1700000000.0000005, "2023-11-14 22:13:20+00:00"],
    [0.0000005, "1970-01-01 00:00:00+00:00"],
    [2.5e-6, "1970-01-01 00:00:00.000002+00:00"],
    [1700000000.75, "2023-11-14 22:13:20.750000+00:00"],
    [-0.5, "1969-12-31 23:59:59.500000+00:00"],
    [-1.0000005, "1969-12-31 23:59:58.999999+00:00"],
    [1.9999995, "1970-01-01 00:00:01.999999+00:00"],
  ];
  for (const [t, expected] of fromTs) {
    strictEqual(PyDateTime.fromTimestamp(t, 0).toString(), expected, String(t));
  }
  strictEqual(dt.astimezone(0).toString(), "2024-01-02 03:04:05.006789+00:00");
  strictEqual(dt.astimezone(-18000).toString(), "2024-01-01 22:04:05.006789-05:00");
  strictEqual(dt.replace({ offsetSeconds: null }).toString(), "2024-01-02 04:04:05.006789");
  strictEqual(dt.replace({ day: 31, microsecond: 0 }).toString(), "2024-01-31 04:04:05+01:00");
  throws(() => dt.replace({ month: 2, day: 30 }), /day is out of range/);
  throws(() => PyDateTime.fromParts({ year: 0, month: 1, day: 1 }), /year must be in 1..9999/);
  throws(() => PyDateTime.fromParts({ year: 2024, month: 1, day: 1, hour: 24 }), /hour/);
  throws(
    () => PyDateTime.fromParts({ year: 9999, month: 12, day: 31 }).add(PyTimedelta.of({ days: 1 })),
    /out of range/,
  );
  strictEqual(JSON.stringify([dt.date()]), '["2024-01-02"]');
  strictEqual(PyDate.fromParts(2024, 3, 1).sub(PyDate.fromParts(2024, 2, 1)).toString(), "29 days, 0:00:00");
  strictEqual(PyDateTime.combine(PyDate.fromParts(2024, 3, 1), 0).toString(), "2024-03-01 00:00:00+00:00");
});
