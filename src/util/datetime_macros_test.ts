import { strictEqual } from "node:assert/strict";
import { SpoutError } from "../errors.ts";
import { dayDelta, formatDatetime, nowUtc, timestampMacro, todayUtc } from "./datetime_macros.ts";
import type { PyTimedelta } from "./timedelta.ts";
import { parseIsoDuration } from "./duration.ts";
import { GOLDEN } from "./testdata/golden.ts";

function attempt(fn: () => string): string {
  try {
    return fn();
  } catch (error) {
    if (!(error instanceof SpoutError)) throw error;
    return "error";
  }
}

Deno.test("format_datetime: golden table over strings (str_to_datetime path) and every special format", () => {
  const failures: string[] = [];
  for (const row of GOLDEN.isoparse) {
    const r = row as Record<string, unknown>;
    for (const f of ["%Y-%m-%d", "%s", "%Y-%m-%dT%H:%M:%S.%fZ", "%ms"]) {
      const expected = `format_datetime ${f}` in r ? String(r[`format_datetime ${f}`]) : "error";
      const got = attempt(() => formatDatetime(row.text, f));
      if (got !== expected) {
        failures.push(`format_datetime(${JSON.stringify(row.text)}, ${f}): ${got} != ${expected}`);
      }
    }
  }
  for (const row of GOLDEN.format_datetime) {
    const expected = "out" in row ? String(row.out) : "error";
    const got = attempt(() => formatDatetime(row.value, row.format, row.input_format));
    if (got !== expected) failures.push(`${JSON.stringify(row)}: ${got}`);
  }
  strictEqual(failures.join("\n"), "");
});

Deno.test("macros: now_utc / today_utc / day_delta / timestamp with an injected clock", () => {
  const now = Date.UTC(2024, 1, 29, 23, 30, 15, 250);
  strictEqual(nowUtc(now).toString(), "2024-02-29 23:30:15.250000+00:00");
  strictEqual(nowUtc(now).tzName, "UTC");
  strictEqual(todayUtc(now).toString(), "2024-02-29");
  strictEqual(dayDelta(now, 1), "2024-03-01T23:30:15.250000+0000");
  strictEqual(dayDelta(now, -730, "%s"), "1646177415"); // values checked against CPython
  // (now_utc() - duration('PT1H')).strftime('%s') and a month duration
  strictEqual(nowUtc(now).sub(parseIsoDuration("PT1H") as PyTimedelta).strftime("%s"), "1709245815");
  strictEqual(formatDatetime(nowUtc(now).add(parseIsoDuration("P1M")), "%Y-%m-%d"), "2024-03-29");
  // a datetime is strftime-ed directly, so '%ms' is month + 's' (reference behaviour)
  strictEqual(formatDatetime(nowUtc(now), "%ms"), "02s");
  strictEqual(timestampMacro(1658505815.9), 1658505815);
  strictEqual(timestampMacro("2022-07-22T16:03:35.5+01:00"), 1658502215.5);
});
