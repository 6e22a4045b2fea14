import { deepStrictEqual, strictEqual } from "node:assert/strict";
import {
  airbyteDefaultBackoff,
  type BackoffContext,
  constantBackoff,
  exponentialBackoff,
  firstBackoff,
  fullJitterBackoff,
} from "./backoff.ts";

const ctx = (attempt: number, random = 0.5): BackoffContext => ({ attempt, now: 0, random: () => random });

Deno.test("exponential backoff is factor * 2^attempt with Airbyte's 5 s default", () => {
  const s = exponentialBackoff();
  deepStrictEqual([1, 2, 3, 4, 5].map((a) => s(ctx(a))), [10_000, 20_000, 40_000, 80_000, 160_000]);
});

Deno.test("exponential jitter range is uniform in [w, w + 2 * range]", () => {
  const s = exponentialBackoff({ factorMs: 1000, jitterRangeMs: 500 });
  strictEqual(s(ctx(1, 0)), 2000);
  strictEqual(s(ctx(1, 0.999999)), 2000 + 0.999999 * 1000);
});

Deno.test("full jitter is random * capped exponential", () => {
  const s = fullJitterBackoff(1000, 8000);
  deepStrictEqual([1, 2, 3, 4, 5, 6].map((a) => s(ctx(a, 1))), [1000, 2000, 4000, 8000, 8000, 8000]);
  strictEqual(s(ctx(3, 0)), 0);
  strictEqual(exponentialBackoff({ factorMs: 1000, fullJitter: true, maxMs: 3000 })(ctx(5, 0.5)), 1500);
});

Deno.test("constant backoff, Airbyte default and first-wins selection", () => {
  strictEqual(constantBackoff({ ms: 5000 })(ctx(9)), 5000);
  strictEqual(constantBackoff({ ms: 5000, jitterRangeMs: 1000 })(ctx(1, 0.25)), 5500);
  deepStrictEqual([1, 2, 3, 4, 5].map((a) => airbyteDefaultBackoff()(ctx(a))), [
    1000,
    2000,
    4000,
    8000,
    16000,
  ]);
  strictEqual(firstBackoff([() => 0, () => undefined, () => NaN, constantBackoff({ ms: 3 })], ctx(1)), 3);
  strictEqual(firstBackoff([() => undefined], ctx(1)), undefined);
});
