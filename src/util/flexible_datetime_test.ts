import { strictEqual, throws } from "node:assert/strict";
import { SpoutError } from "../errors.ts";
import { parseFlexibleDatetime } from "./flexible_datetime.ts";
import { encode, GOLDEN } from "./testdata/golden.ts";

// The golden table was generated on 2026-11-24 (dateutil fills missing fields from today).
const NOW = Date.UTC(2026, 10, 24, 8, 0, 0);

Deno.test("parseFlexibleDatetime: golden table from Airbyte ab_datetime_parse", () => {
  const failures: string[] = [];
  for (const row of GOLDEN.isoparse) {
    const r = row as Record<string, unknown>;
    const expected = "ab_datetime_parse" in r ? JSON.stringify(r.ab_datetime_parse) : "error";
    let got: string;
    try {
      got = JSON.stringify(encode(parseFlexibleDatetime(row.text, { nowMs: NOW })));
    } catch (error) {
      if (!(error instanceof SpoutError)) throw error;
      got = "error";
    }
    if (got !== expected) failures.push(`${JSON.stringify(row.text)}: ${got} != ${expected}`);
  }
  strictEqual(failures.join("\n"), "");
});

Deno.test("parseFlexibleDatetime: more dateutil shapes and error messages", () => {
  const p = (s: string) => parseFlexibleDatetime(s, { nowMs: NOW }).toString();
  strictEqual(p("01/02/2024"), "2024-01-02 00:00:00+00:00"); // month first
  strictEqual(p("13/01/2024"), "2024-01-13 00:00:00+00:00"); // swapped when the month is impossible
  strictEqual(p("2 January 2024"), "2024-01-02 00:00:00+00:00");
  strictEqual(p("Tuesday, January 2nd, 2024"), "2024-01-02 00:00:00+00:00");
  strictEqual(p("2024/01/02 3:04 pm"), "2024-01-02 15:04:00+00:00");
  strictEqual(p("2024-01-02T03:04:05.5-0130"), "2024-01-02 03:04:05.500000-01:30");
  throws(() => parseFlexibleDatetime("-5"), /Timestamp cannot be negative/);
  throws(() => parseFlexibleDatetime("2024-02-30"), /Invalid date format: 2024-02-30/);
  throws(() => parseFlexibleDatetime("12:00:00"), /Could not parse datetime string: 12:00:00/);
});
