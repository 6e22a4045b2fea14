import { deepStrictEqual, strictEqual } from "node:assert/strict";
import { fakeEnv } from "../../env.ts";
import { compose } from "../../http/requester.ts";
import { rotatingTokens, type TokenQuotaSpec } from "./token_rotation.ts";

const core: TokenQuotaSpec = {
  name: "core",
  remainingPath: ["r"],
  resetPath: ["t"],
  limitPath: ["l"],
  matchers: [],
  exhaustionStatusCodes: [],
};

function world(remaining: Record<string, number>, resetSeconds: number, limit = 1000) {
  const sleeps: number[] = [];
  const env = fakeEnv({
    start: 0,
    fetch: (r) => {
      const token = r.headers.get("authorization")!.slice("Bearer ".length);
      if (new URL(r.url).pathname === "/quota") {
        return Promise.resolve(Response.json({ r: remaining[token], t: resetSeconds, l: limit }));
      }
      return Promise.resolve(new Response(token));
    },
  });
  const sleep = env.sleep;
  env.sleep = (ms, signal) => (sleeps.push(ms), sleep(ms, signal));
  return { env, sleeps };
}

Deno.test("proactive throttling: below every token's reserve, each call waits until-reset / calls-left (max 10 s)", async () => {
  const { env, sleeps } = world({ a: 30, b: 10 }, 80);
  const auth = rotatingTokens({ tokens: ["a", "b"], quotas: [core], quotaStatusUrl: "https://x/quota", env });
  const send = compose(env.fetch, auth);
  await send(new Request("https://x/items"));
  // reserve = max(50, 0.1 * 1000) = 100 > 29 and 10; 80 s until reset over 39 remaining calls
  deepStrictEqual(sleeps, [80_000 / 39]);
});

Deno.test("no throttling while one token is above its reserve", async () => {
  const { env, sleeps } = world({ a: 30, b: 500 }, 80);
  const send = compose(
    env.fetch,
    rotatingTokens({ tokens: ["a", "b"], quotas: [core], quotaStatusUrl: "https://x/quota", env }),
  );
  await send(new Request("https://x/items"));
  deepStrictEqual(sleeps, []);
});

Deno.test("hasAlternativeToken: only when the sender is spent and another token has calls", async () => {
  const { env } = world({ a: 1, b: 5 }, 3600);
  const auth = rotatingTokens({
    tokens: ["a", "b"],
    quotas: [core],
    quotaStatusUrl: "https://x/quota",
    env,
    budgetMinReserve: 0,
    budgetReserveFraction: 0,
  });
  const send = compose(env.fetch, auth);
  strictEqual(await (await send(new Request("https://x/items"))).text(), "a");
  const fromA = new Request("https://x/items", { headers: { authorization: "Bearer a" } });
  const fromB = new Request("https://x/items", { headers: { authorization: "Bearer b" } });
  strictEqual(auth.hasAlternativeToken(fromA), true);
  strictEqual(auth.hasAlternativeToken(fromB), false);
  strictEqual(auth.hasAlternativeToken(new Request("https://x/items")), false);
});

Deno.test("canRotate answers for the response a spent token received", async () => {
  const { env } = world({ a: 1, b: 5 }, 3600);
  const auth = rotatingTokens({
    tokens: ["a", "b"],
    quotas: [{ ...core, exhaustionStatusCodes: [429] }],
    quotaStatusUrl: "https://x/quota",
    env: {
      ...env,
      fetch: (r) =>
        new URL(r.url).pathname === "/quota"
          ? env.fetch(r)
          : Promise.resolve(new Response("", { status: 429 })),
    },
    budgetMinReserve: 0,
    budgetReserveFraction: 0,
  });
  const send = compose(
    (r) =>
      new URL(r.url).pathname === "/quota"
        ? env.fetch(r)
        : Promise.resolve(new Response("", { status: 429 })),
    auth,
  );
  const limited = await send(new Request("https://x/items"));
  strictEqual(auth.canRotate(limited), true);
  strictEqual(auth.canRotate(new Response("")), false);
});
