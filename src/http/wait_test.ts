import { deepStrictEqual, ok, rejects } from "node:assert/strict";
import { fakeEnv } from "../env.ts";
import { waitWithLiveness } from "./wait.ts";

Deno.test("long waits are chunked with a log line per chunk", async () => {
  const lines: string[] = [];
  const env = fakeEnv({ log: (_l, m) => lines.push(m) });
  await waitWithLiveness(95_000, { env, reason: "rate limited" });
  deepStrictEqual(env.slept, [30_000, 30_000, 30_000, 5_000]);
  deepStrictEqual(lines.length, 4);
  ok(lines[0].includes("95 s") && lines[3].includes("5 s left"));
});

Deno.test("zero waits do nothing; aborts propagate", async () => {
  const env = fakeEnv();
  await waitWithLiveness(0, { env, reason: "x" });
  deepStrictEqual(env.slept, []);
  const c = new AbortController();
  c.abort(new Error("stop"));
  await rejects(waitWithLiveness(10, { env, reason: "x", signal: c.signal }), /stop/);
});
