import { strictEqual } from "node:assert/strict";
import { findTokenValue, formatAirbyteDateTime, parseDateTime } from "./token_helpers.ts";

Deno.test("findTokenValue searches top level first, then nested objects and arrays up to depth 5", () => {
  strictEqual(
    findTokenValue({ access_token: "top", nested: { access_token: "deep" } }, "access_token"),
    "top",
  );
  strictEqual(findTokenValue({ a: [{ b: { access_token: "x" } }] }, "access_token"), "x");
  strictEqual(findTokenValue({ a: { b: { c: { d: { e: { f: { k: 1 } } } } } } }, "k"), undefined);
  strictEqual(findTokenValue({ a: null, b: { k: 0 } }, "k"), 0);
});

Deno.test("parseDateTime accepts epoch seconds, ISO with/without zone, space-separated and offsets", () => {
  strictEqual(parseDateTime(1_700_000_000), 1_700_000_000_000);
  strictEqual(parseDateTime("1700000000"), 1_700_000_000_000);
  strictEqual(parseDateTime("2024-01-01T10:00:00"), Date.UTC(2024, 0, 1, 10));
  strictEqual(parseDateTime("2024-01-01T10:00:00+0200"), Date.UTC(2024, 0, 1, 8));
  strictEqual(parseDateTime("2024-01-01T10:00:00.5Z"), Date.UTC(2024, 0, 1, 10, 0, 0, 500));
  strictEqual(parseDateTime("2024-01-01"), Date.UTC(2024, 0, 1));
  strictEqual(parseDateTime("tomorrow"), undefined);
  strictEqual(parseDateTime(undefined), undefined);
});

Deno.test("formatAirbyteDateTime matches Python's str(datetime) with +00:00", () => {
  strictEqual(formatAirbyteDateTime(Date.UTC(2026, 10, 24, 8, 54, 15)), "2026-11-24T08:54:15+00:00");
  strictEqual(
    formatAirbyteDateTime(Date.UTC(2026, 10, 24, 8, 54, 15, 652)),
    "2026-11-24T08:54:15.652000+00:00",
  );
});
