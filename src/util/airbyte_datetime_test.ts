import { strictEqual, throws } from "node:assert/strict";
import { SpoutError } from "../errors.ts";
import {
  formatAirbyteDatetime,
  formatIsoMillisZ,
  parseAirbyteDatetime,
  parseWithFormats,
  pyFloatRepr,
} from "./airbyte_datetime.ts";
import { PyDateTime } from "./datetime.ts";
import { dtOf, encode, GOLDEN } from "./testdata/golden.ts";

Deno.test("airbyte DatetimeParser.parse: golden table (%s, %ms, %s_as_float, %epoch_microseconds, %_ms, UTC default)", () => {
  const failures: string[] = [];
  for (const row of GOLDEN.airbyte_parse) {
    let got: string;
    try {
      got = JSON.stringify(encode(parseAirbyteDatetime(row.value, row.format)));
    } catch (error) {
      if (!(error instanceof SpoutError)) throw error;
      got = "error";
    }
    const expected = "result" in row ? JSON.stringify(row.result) : "error";
    if (got !== expected) failures.push(`${JSON.stringify(row.value)} ${row.format}: ${got} != ${expected}`);
  }
  strictEqual(failures.join("\n"), "");
});

Deno.test("airbyte DatetimeParser.format: golden table", () => {
  const failures: string[] = [];
  for (const row of GOLDEN.airbyte_format) {
    const dt = dtOf(row.dt);
    const got = formatAirbyteDatetime(dt, row.format);
    if (got !== row.out) failures.push(`${dt.isoformat()} ${row.format}: ${got} != ${row.out}`);
  }
  strictEqual(failures.join("\n"), "");
});

Deno.test("pyFloatRepr matches Python str(float)", () => {
  strictEqual(pyFloatRepr(1700000000), "1700000000.0");
  strictEqual(pyFloatRepr(1700000000.75), "1700000000.75");
  strictEqual(pyFloatRepr(1e-7), "1e-07");
  strictEqual(pyFloatRepr(-0.5), "-0.5");
  strictEqual(pyFloatRepr(1e22), "1e+22");
  strictEqual(pyFloatRepr(1e16), "1e+16");
  strictEqual(pyFloatRepr(1234567890123456.7), "1234567890123456.8");
  strictEqual(pyFloatRepr(0.0001), "0.0001");
  strictEqual(pyFloatRepr(0.00001234), "1.234e-05");
});

Deno.test("parseWithFormats / formatIsoMillisZ match the reference state converters", () => {
  // CustomFormatConcurrentStreamStateConverter('%Y-%m-%d', ['%s', '%Y-%m-%dT%H:%M:%SZ']).parse_timestamp (CPython)
  const formats = ["%s", "%Y-%m-%dT%H:%M:%SZ", "%Y-%m-%d"];
  strictEqual(parseWithFormats("1700000000", formats).toString(), "2023-11-14 22:13:20+00:00");
  strictEqual(parseWithFormats("2024-01-02T03:04:05Z", formats).toString(), "2024-01-02 03:04:05+00:00");
  strictEqual(parseWithFormats("2024-01-02", formats).toString(), "2024-01-02 00:00:00+00:00");
  throws(
    () => parseWithFormats("x", formats),
    /No format in \["%s","%Y-%m-%dT%H:%M:%SZ","%Y-%m-%d"\] matching "x"/,
  );
  // IsoMillisConcurrentStreamStateConverter.output_format (CPython)
  const d = (microsecond: number, offsetSeconds: number | null) =>
    formatIsoMillisZ(
      PyDateTime.fromParts({
        year: 2024,
        month: 1,
        day: 2,
        hour: 3,
        minute: 4,
        second: 5,
        microsecond,
        offsetSeconds,
      }),
    );
  strictEqual(d(678901, 7200), "2024-01-02T03:04:05.678Z");
  strictEqual(d(0, null), "2024-01-02T03:04:05.000Z");
  strictEqual(d(999, 0), "2024-01-02T03:04:05.000Z");
});
