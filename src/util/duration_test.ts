import { strictEqual, throws } from "node:assert/strict";
import { PyDate } from "./datetime.ts";
import {
  addDuration,
  durationToTimedelta,
  IsoDuration,
  parseDurationToMs,
  parseIsoDuration,
} from "./duration.ts";
import { PyTimedelta } from "./timedelta.ts";
import { dtOf, GOLDEN } from "./testdata/golden.ts";

function attempt(fn: () => { toString(): string }): string {
  try {
    return fn().toString();
  } catch (error) {
    return `error: ${error instanceof Error ? error.message : String(error)}`;
  }
}

Deno.test("duration: golden isodate.parse_duration kinds, str() and date arithmetic (month-end clamping)", () => {
  const failures: string[] = [];
  for (const row of GOLDEN.durations) {
    const got = attempt(() => parseIsoDuration(row.text));
    if (!("kind" in row)) {
      if (!got.startsWith("error")) failures.push(`${row.text}: expected error, got ${got}`);
      continue;
    }
    const dur = parseIsoDuration(row.text);
    const kind = dur instanceof IsoDuration ? "Duration" : "timedelta";
    if (kind !== row.kind || got !== row.str) {
      failures.push(`${row.text}: ${kind} ${got} != ${row.kind} ${row.str}`);
    }
    if (dur instanceof PyTimedelta && dur.totalSeconds() !== row.total_seconds) {
      failures.push(`${row.text} seconds`);
    }
    for (const a of row.apply ?? []) {
      const base = "dt" in a && a.dt ? dtOf(a.dt) : PyDate.fromParts(a.date![0], a.date![1], a.date![2]);
      const plus = attempt(() => addDuration(base, dur, 1));
      const minus = attempt(() => addDuration(base, dur, -1));
      const expPlus = "plus" in a ? a.plus : "error";
      const expMinus = "minus" in a ? a.minus : "error";
      if (plus !== expPlus && !(expPlus === "error" && plus.startsWith("error"))) {
        failures.push(`${base} + ${row.text}: ${plus} != ${expPlus}`);
      }
      if (minus !== expMinus && !(expMinus === "error" && minus.startsWith("error"))) {
        failures.push(`${base} - ${row.text}: ${minus} != ${expMinus}`);
      }
    }
  }
  strictEqual(failures.join("\n"), "");
});

Deno.test("duration: helpers", () => {
  strictEqual(parseDurationToMs("PT1H30M"), 5_400_000);
  strictEqual(parseDurationToMs("P1M"), 31 * 86_400_000); // measured from 1970-01-01
  strictEqual(parseDurationToMs("P1M", Date.UTC(2024, 1, 1)), 29 * 86_400_000);
  strictEqual(durationToTimedelta(parseIsoDuration("P1W")).toString(), "7 days, 0:00:00");
  throws(() => durationToTimedelta(parseIsoDuration("P1Y")), /no fixed length/);
  const start = dtOf({
    year: 2024,
    month: 1,
    day: 31,
    hour: 0,
    minute: 0,
    second: 0,
    microsecond: 0,
    offsetSeconds: 0,
  });
  strictEqual(durationToTimedelta(parseIsoDuration("P1M"), start).toString(), "29 days, 0:00:00");
  strictEqual(start.sub(parseIsoDuration("P1M") as IsoDuration).toString(), "2023-12-31 00:00:00+00:00");
  throws(() => parseIsoDuration("1D"), /Unable to parse duration string/);
});

Deno.test("duration: date.add/sub accept ISO durations (same as addDuration)", () => {
  const d = PyDate.fromParts(2024, 3, 31);
  strictEqual(d.add(parseIsoDuration("P1M") as IsoDuration).toString(), "2024-04-30");
  strictEqual(d.sub(parseIsoDuration("P1M1D") as IsoDuration).toString(), "2024-02-28");
});
