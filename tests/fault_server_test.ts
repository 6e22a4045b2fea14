/** The fault server itself does what the reliability tests rely on. */
import { deepStrictEqual, ok, rejects, strictEqual } from "node:assert/strict";
import { type Fault, gzipBomb, json, seededRandom, startFaultServer } from "./fault_server.ts";

Deno.test("fault server: records requests, answers JSON, injects seeded 503/429 with Retry-After", async () => {
  const server = startFaultServer({
    handler: (r) => json({ path: r.path }),
    flaky: { rate503: 0.3, rate429: 0.2, seed: 9, retryAfter: { kind: "seconds", seconds: 3 } },
    maxRequests: 100,
  });
  try {
    const statuses: number[] = [];
    for (let i = 0; i < 40; i++) {
      const res = await fetch(`${server.url}/p/${i}?q=${i}`, {
        method: "POST",
        body: "hello",
        headers: { "x-k": "v" },
      });
      statuses.push(res.status);
      if (res.status === 429) strictEqual(res.headers.get("retry-after"), "3");
      if (res.status === 200) deepStrictEqual(await res.json(), { path: `/p/${i}` });
      else await res.body?.cancel();
    }
    const failures = statuses.filter((s) => s !== 200).length;
    strictEqual(failures, server.injected());
    ok(failures > 5 && failures < 35, `injected ${failures}`);
    ok(statuses.includes(503) && statuses.includes(429));
    strictEqual(server.requests.length, 40);
    strictEqual(server.requests[3].query.q, "3");
    strictEqual(server.requests[3].body, "hello");
    strictEqual(server.requests[3].headers["x-k"], "v");
  } finally {
    await server.close();
  }
  // same seed, same sequence
  const a = seededRandom(5), b = seededRandom(5);
  deepStrictEqual([a(), a(), a()], [b(), b(), b()]);
});

Deno.test("fault server: Retry-After variants, truncation, reset, stall, redirect, bomb, request bound", async () => {
  const date = new Date(Date.UTC(2030, 0, 1));
  const faults: Record<string, Fault> = {
    "/date": { kind: "status", status: 429, retryAfter: { kind: "http-date", date } },
    "/rl": { kind: "status", status: 429, retryAfter: { kind: "ratelimit-reset", seconds: 7 } },
    "/xrl": {
      kind: "status",
      status: 429,
      retryAfter: { kind: "x-ratelimit-reset", epochSeconds: 1700000000 },
    },
    "/trunc": { kind: "truncate", body: '{"data": [1, 2', declaredLength: 500 },
    "/reset": { kind: "reset" },
    "/stall": { kind: "stall" },
    "/redir": { kind: "redirect", location: "http://127.0.0.1:1/elsewhere" },
    "/bomb": { kind: "gzip-bomb", inflatedMiB: 4 },
    "/slow": { kind: "slow", delayMs: 30, then: json({ slow: true }) },
  };
  const server = startFaultServer({ handler: (r) => faults[r.path] ?? json({}), maxRequests: 12 });
  try {
    strictEqual((await fetch(`${server.url}/date`)).headers.get("retry-after"), date.toUTCString());
    strictEqual((await fetch(`${server.url}/rl`)).headers.get("ratelimit-reset"), "7");
    strictEqual((await fetch(`${server.url}/xrl`)).headers.get("x-ratelimit-reset"), "1700000000");
    const trunc = await fetch(`${server.url}/trunc`);
    await rejects(trunc.text());
    await rejects(fetch(`${server.url}/reset`));
    await rejects(fetch(`${server.url}/stall`, { signal: AbortSignal.timeout(100) }));
    const redir = await fetch(`${server.url}/redir`, { redirect: "manual" });
    strictEqual(redir.status, 302);
    strictEqual(redir.headers.get("location"), "http://127.0.0.1:1/elsewhere");
    const bomb = await fetch(`${server.url}/bomb`);
    strictEqual((await bomb.arrayBuffer()).byteLength, 4 * 1024 * 1024 + 12);
    ok((await gzipBomb(4)).length < 16 * 1024, "small compressed");
    deepStrictEqual(await (await fetch(`${server.url}/slow`)).json(), { slow: true });
    while (server.count() < 12) await (await fetch(`${server.url}/x`)).body?.cancel();
    const over = await fetch(`${server.url}/x`);
    strictEqual(over.status, 599);
    await over.body?.cancel();
  } finally {
    await server.close();
  }
});
