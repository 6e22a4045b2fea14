import { deepStrictEqual, ok, strictEqual } from "node:assert/strict";
import {
  isRawJson,
  isUnsafeNumber,
  LOSSLESS_INTEGERS,
  parseLossless,
  restoreBigIntegers,
} from "./lossless_int.ts";

/** A deterministic generator of JSON texts full of number edge cases (big ints, floats, digit strings). */
function generator(seed: number) {
  let state = seed >>> 0;
  const next = () => (state = (Math.imul(state, 1664525) + 1013904223) >>> 0) / 2 ** 32;
  const pick = <T>(items: T[]): T => items[Math.floor(next() * items.length)];
  const digits = (n: number) => {
    let s = String(1 + Math.floor(next() * 9));
    while (s.length < n) s += String(Math.floor(next() * 10));
    return s;
  };
  const number = (): string =>
    pick([
      () => digits(1 + Math.floor(next() * 15)),
      () => (next() < 0.5 ? "-" : "") + digits(16 + Math.floor(next() * 8)),
      () => "9007199254740992",
      () => "9007199254740993",
      () => "12345678901234567890",
      () => "12345678901234567891",
      () => `${digits(3)}.${digits(2)}`,
      () => `${digits(17)}.5`,
      () => `1.2345678901234567e${pick(["19", "+19", "-3"])}`,
      () => `${digits(2)}e${pick(["2", "400", "-400"])}`,
      () => "1" + "0".repeat(400),
    ])();
  const value = (depth: number): string => {
    const kind = depth > 3 ? 0 : Math.floor(next() * 4);
    if (kind === 0) {
      return next() < 0.7 ? number() : JSON.stringify(pick(["x", "id 12345678901234567890", "3e52"]));
    }
    if (kind === 1) {
      return `[${Array.from({ length: Math.floor(next() * 4) }, () => value(depth + 1)).join(",")}]`;
    }
    const keys = ["id", "__proto__", "n", "k"];
    const entries = Array.from(
      { length: Math.floor(next() * 4) },
      (_, i) => `"${keys[i]}": ${value(depth + 1)}`,
    );
    return `{${entries.join(", ")}}`;
  };
  return () => value(0);
}

Deno.test("restoreBigIntegers gives exactly what the reviver parse gives (generated documents)", () => {
  const make = generator(7);
  let restored = 0;
  for (let i = 0; i < 3000; i++) {
    const text = make();
    const expected = JSON.stringify(parseLossless(text));
    const actual = JSON.stringify(restoreBigIntegers(text, JSON.parse(text)));
    strictEqual(actual, expected, text);
    if (expected !== JSON.stringify(JSON.parse(text))) restored++;
  }
  if (LOSSLESS_INTEGERS) ok(restored > 100, `only ${restored} documents had digits to restore`);
});

Deno.test("restoreBigIntegers: exact digits, floats stay floats, __proto__ stays data, ambiguity falls back", () => {
  const text = '{"__proto__": 12345678901234567890, "f": 1.5e300, "a": [-98765432109876543210, 1]}';
  const doc = restoreBigIntegers(text, JSON.parse(text)) as Record<string, unknown>;
  strictEqual(Object.getPrototypeOf(doc), Object.prototype);
  if (LOSSLESS_INTEGERS) {
    strictEqual(
      JSON.stringify(doc),
      '{"__proto__":12345678901234567890,"f":1.5e+300,"a":[-98765432109876543210,1]}',
    );
    ok(isRawJson((doc.a as unknown[])[0]));
  }
  // two literals rounding to the same float, and a float literal equal to one of them
  for (
    const twin of [
      "[12345678901234567890, 12345678901234567891]",
      "[12345678901234567890, 1.2345678901234567e19]",
    ]
  ) {
    deepStrictEqual(
      JSON.stringify(restoreBigIntegers(twin, JSON.parse(twin))),
      JSON.stringify(parseLossless(twin)),
    );
  }
  ok(isUnsafeNumber(-(2 ** 53)) && !isUnsafeNumber(2 ** 53 - 1));
});
