import { deepStrictEqual, ok, strictEqual, throws } from "node:assert/strict";
import { fakeEnv } from "../env.ts";
import {
  fixedWindowPolicy,
  HttpApiBudget,
  movingWindowPolicy,
  rateLimit,
  requestMatcher,
  unlimitedPolicy,
} from "./rate_limit.ts";
import { compose } from "./requester.ts";
import type { Env } from "../env.ts";

/** A virtual clock whose sleeps resolve in time order, so concurrent waiters interleave realistically. */
function virtualEnv(start = 0) {
  let now = start;
  const timers: { at: number; resolve: () => void }[] = [];
  const env: Env = {
    ...fakeEnv({ start }),
    now: () => now,
    sleep: (ms) => new Promise<void>((resolve) => timers.push({ at: now + Math.max(0, ms), resolve })),
  };
  const settle = () => new Promise((r) => setTimeout(r, 0));
  async function run<T>(work: Promise<T>): Promise<T> {
    let done = false;
    const result = work.finally(() => (done = true));
    while (!done) {
      await settle();
      if (done || timers.length === 0) continue;
      timers.sort((a, b) => a.at - b.at);
      const next = timers.shift()!;
      now = Math.max(now, next.at);
      next.resolve();
    }
    return result;
  }
  return { env, run };
}

Deno.test("matchers: method, base, path regex, params, headers, weight", () => {
  const m = requestMatcher({
    method: "POST",
    urlBase: "https://api.test/",
    urlPathPattern: "/reports$",
    headers: { "X-Mode": "bulk" },
    weight: 3,
  });
  const ok1 = new Request("https://api.test/v2/reports/", { method: "post", headers: { "x-mode": "bulk" } });
  ok(m(ok1));
  strictEqual(m.weight, 3);
  ok(!m(new Request("https://api.test/v2/reports", { method: "POST" })));
  ok(!m(new Request("https://other.test/v2/reports", { method: "POST", headers: { "x-mode": "bulk" } })));
  throws(() => requestMatcher({ weight: 0 }));
});

Deno.test("fixed window: waits for the next window; header updates only lower the calls left", () => {
  const p = fixedWindowPolicy({ callLimit: 3, periodMs: 10_000, now: 0 });
  strictEqual(p.tryAcquire(1, 0), 0);
  p.update(5, undefined, 0); // higher than what we think is left: ignored
  strictEqual(p.tryAcquire(1, 0), 0);
  p.update(0, undefined, 0);
  strictEqual(p.tryAcquire(1, 0), 10_001);
  strictEqual(p.tryAcquire(1, 10_001), 0); // new window
  p.update(undefined, 50_000, 10_001);
  strictEqual(p.tryAcquire(3, 10_002), 39_999); // window now ends at 50 s: 2 used + 3 > 3
  throws(() => p.tryAcquire(4, 0));
});

Deno.test("moving window: several rates, waits until enough calls leave the window", () => {
  const p = movingWindowPolicy({ rates: [{ limit: 2, intervalMs: 1000 }, { limit: 3, intervalMs: 10_000 }] });
  strictEqual(p.tryAcquire(1, 0), 0);
  strictEqual(p.tryAcquire(1, 100), 0);
  strictEqual(p.tryAcquire(1, 200), 801);
  strictEqual(p.tryAcquire(1, 1001), 0);
  strictEqual(p.tryAcquire(1, 2000), 8001); // 10 s rate is full
  const q = movingWindowPolicy({ rates: [{ limit: 5, intervalMs: 1000 }] });
  q.update(0, undefined, 0);
  ok(q.tryAcquire(1, 10) > 0);
});

Deno.test("budget: 10 concurrent requests share a 3-per-second window and never exceed it", async () => {
  const { env, run } = virtualEnv();
  const budget = new HttpApiBudget({
    env,
    policies: [
      unlimitedPolicy([requestMatcher({ urlPathPattern: "^/free" })]),
      movingWindowPolicy({ rates: [{ limit: 3, intervalMs: 1000 }] }),
    ],
  });
  const sent: number[] = [];
  const requester = compose((r) => {
    sent.push(env.now());
    return Promise.resolve(new Response(r.url));
  }, rateLimit(budget));
  await run(
    Promise.all(Array.from({ length: 10 }, (_, i) => requester(new Request(`https://api.test/x/${i}`)))),
  );
  strictEqual(sent.length, 10);
  ok(sent[9] >= 3000 && sent[9] < 4000, JSON.stringify(sent));
  for (const t of sent) ok(sent.filter((s) => s > t - 1000 && s <= t).length <= 3, JSON.stringify(sent));
  const before = env.now();
  await run(Promise.all(Array.from({ length: 10 }, () => requester(new Request("https://api.test/free")))));
  strictEqual(env.now(), before);
});

Deno.test("budget syncs from ratelimit headers and 429", async () => {
  const env = fakeEnv({ start: 1_000_000 });
  const policy = fixedWindowPolicy({ callLimit: 100, periodMs: 60_000, now: env.now() });
  const budget = new HttpApiBudget({
    env,
    policies: [policy],
    ratelimitRemainingHeader: "x-left",
    ratelimitResetHeader: "x-reset",
  });
  const replies = [
    new Response("", { headers: { "x-left": "0", "x-reset": String(1_000_000 / 1000 + 30) } }),
    new Response(""),
  ];
  const requester = compose(() => Promise.resolve(replies.shift()!), rateLimit(budget));
  await requester(new Request("https://api.test/a"));
  await requester(new Request("https://api.test/b"));
  strictEqual(env.now(), 1_000_000 + 30_001);
  const b2 = new HttpApiBudget({
    env,
    policies: [fixedWindowPolicy({ callLimit: 5, periodMs: 1000, now: env.now() })],
  });
  b2.updateFromResponse(new Request("https://api.test/"), new Response("", { status: 429 }));
  const start = env.now();
  await b2.acquire(new Request("https://api.test/"));
  deepStrictEqual(env.now() - start, 1001);
});
