import { deepStrictEqual, strictEqual, throws } from "node:assert/strict";
import { PyTimedelta } from "./timedelta.ts";
import { GOLDEN } from "./testdata/golden.ts";

Deno.test("timedelta: golden str/normalisation/arithmetic from Python", () => {
  for (const row of GOLDEN.timedelta) {
    const td = PyTimedelta.of(row.kw);
    const label = JSON.stringify(row.kw);
    deepStrictEqual([td.days, td.seconds, td.microseconds], [row.days, row.seconds, row.microseconds], label);
    strictEqual(td.toString(), row.str, label);
    strictEqual(td.totalSeconds(), row.total_seconds, label);
    strictEqual(td.neg().toString(), row.neg, label);
    strictEqual(td.abs().toString(), row.abs, label);
    strictEqual(td.mul(3).toString(), row.x3, label);
    strictEqual(td.mul(0.5).toString(), row.x0_5, label);
  }
});

Deno.test("timedelta: constructor, division, comparison, range", () => {
  strictEqual(new PyTimedelta(-1n).toString(), "-1 day, 23:59:59.999999");
  strictEqual(new PyTimedelta(1.5).microseconds, 2); // half-even
  strictEqual(new PyTimedelta(2.5).microseconds, 2);
  strictEqual(PyTimedelta.of({ days: 1 }).div(PyTimedelta.of({ hours: 1 })), 24);
  strictEqual(PyTimedelta.of({ hours: 25 }).floorDiv(PyTimedelta.of({ days: 1 })), 1);
  strictEqual(PyTimedelta.of({ hours: -1 }).floorDiv(PyTimedelta.of({ days: 1 })), -1);
  strictEqual(PyTimedelta.of({ hours: 3 }).divBy(2).toString(), "1:30:00");
  strictEqual(PyTimedelta.of({ hours: 1 }).compare(PyTimedelta.of({ minutes: 61 })), -1);
  strictEqual(PyTimedelta.of({ minutes: 60 }).equals(PyTimedelta.of({ hours: 1 })), true);
  strictEqual(JSON.stringify({ t: PyTimedelta.of({ seconds: 1 }) }), '{"t":"0:00:01"}');
  throws(() => PyTimedelta.of({ days: 1_000_000_000 }), /out of range/);
  throws(() => PyTimedelta.of({ days: 1 }).div(new PyTimedelta(0)), /division by zero/);
});
