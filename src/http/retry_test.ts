import { deepStrictEqual, ok, rejects, strictEqual } from "node:assert/strict";
import { fakeEnv } from "../env.ts";
import { SpoutError } from "../errors.ts";
import { SecretMasker } from "../secrets.ts";
import { constantBackoff, exponentialBackoff } from "./backoff.ts";
import { compositeErrorHandler, defaultErrorHandler, responseFilter } from "./error_handler.ts";
import { HttpError } from "./errors.ts";
import { compose, type Requester } from "./requester.ts";
import { airbyteRetryRuntime, isIgnoredResponse, retry, withErrorHandler } from "./retry.ts";
import { waitTimeFromHeader } from "./retry_after.ts";

type Reply = Response | Error;

function scripted(replies: Reply[]): Requester & { calls: Request[] } {
  const calls: Request[] = [];
  const fn = (request: Request) => {
    calls.push(request);
    const next = replies.shift();
    if (next === undefined) return Promise.reject(new Error("no more scripted replies"));
    return next instanceof Error ? Promise.reject(next) : Promise.resolve(next);
  };
  return Object.assign(fn, { calls });
}

const req = () => new Request("https://api.test/items?page=1");

Deno.test("429 with Retry-After seconds waits exactly that long, then succeeds", async () => {
  const env = fakeEnv();
  const base = scripted([
    new Response(null, { status: 429, headers: { "Retry-After": "7" } }),
    new Response("ok"),
  ]);
  const res = await compose(base, retry({ env }))(req());
  strictEqual(await res.text(), "ok");
  deepStrictEqual(env.slept, [7000]);
  strictEqual(base.calls.length, 2);
});

Deno.test("429 with Retry-After HTTP date waits until that date", async () => {
  const start = Date.UTC(2024, 0, 1, 12, 0, 0);
  const env = fakeEnv({ start });
  const date = new Date(start + 42_000).toUTCString();
  const base = scripted([
    new Response(null, { status: 429, headers: { "Retry-After": date } }),
    new Response("ok"),
  ]);
  await compose(base, retry({ env, livenessIntervalMs: 60_000 }))(req());
  deepStrictEqual(env.slept, [42_000]);
});

Deno.test("503 then 200 retries once with the default jittered backoff", async () => {
  const env = fakeEnv(); // random() = 0.5
  const base = scripted([new Response("down", { status: 503 }), new Response("ok")]);
  const res = await compose(base, retry({ env }))(req());
  strictEqual(res.status, 200);
  deepStrictEqual(env.slept, [500]); // 0.5 * 1000 * 2^0
});

Deno.test("401 fails immediately as a config error without retrying", async () => {
  const env = fakeEnv();
  const base = scripted([new Response("bad token", { status: 401 })]);
  const err = await compose(base, retry({ env }))(req()).catch((e) => e);
  ok(err instanceof HttpError);
  strictEqual(err.code, "http_auth");
  strictEqual(err.failureType, "config_error");
  strictEqual(err.status, 401);
  strictEqual(base.calls.length, 1);
  deepStrictEqual(env.slept, []);
});

Deno.test("404 fails with a masked body excerpt", async () => {
  const masker = new SecretMasker();
  masker.add("sekrit-key-123");
  const body = JSON.stringify({ error: "no such item", echo: "sekrit-key-123" });
  const base = scripted([new Response(body, { status: 404 })]);
  const request = new Request("https://api.test/items/9?api_key=sekrit-key-123");
  const err = await compose(base, retry({ env: fakeEnv(), masker }))(request).catch((e) => e);
  ok(err instanceof HttpError);
  strictEqual(err.code, "http_client");
  ok(err.message.includes("no such item"), err.message);
  ok(err.message.includes("HTTP 404"), err.message);
  ok(!err.message.includes("sekrit-key-123"), err.message);
  ok(!err.url.includes("sekrit-key-123"));
});

Deno.test("network errors are retried", async () => {
  const env = fakeEnv();
  const base = scripted([new TypeError("connection refused"), new TypeError("reset"), new Response("ok")]);
  const res = await compose(base, retry({ env }))(req());
  strictEqual(res.status, 200);
  strictEqual(env.slept.length, 2);
});

Deno.test("exhausted retries throw retries_exhausted naming the status", async () => {
  const env = fakeEnv();
  const base = scripted(Array.from({ length: 4 }, () => new Response("busy", { status: 502 })));
  const err = await compose(base, retry({ env, maxRetries: 3 }))(req()).catch((e) => e);
  ok(err instanceof HttpError);
  strictEqual(err.code, "retries_exhausted");
  strictEqual(err.failureType, "transient_error");
  ok(err.message.includes("HTTP 502"), err.message);
  ok(err.message.includes("4 attempts"), err.message);
  strictEqual(base.calls.length, 4);
});

Deno.test("non-retryable spout errors pass through untouched", async () => {
  const base = scripted([new SpoutError("http_body_too_large", "too big")]);
  await rejects(
    compose(base, retry({ env: fakeEnv() }))(req()),
    (e: SpoutError) => e.code === "http_body_too_large",
  );
  strictEqual(base.calls.length, 1);
});

Deno.test("exponential backoff math matches Airbyte (factor * 2^attempt) plus padding", async () => {
  const env = fakeEnv();
  const base = scripted([
    ...Array.from({ length: 3 }, () => new Response(null, { status: 500 })),
    new Response("ok"),
  ]);
  const handler = defaultErrorHandler({ backoff: [exponentialBackoff({ factorMs: 5000 })] });
  await compose(base, withErrorHandler(handler, airbyteRetryRuntime({ env, livenessIntervalMs: 1e9 })))(
    req(),
  );
  deepStrictEqual(env.slept, [11_000, 21_000, 41_000]);
});

Deno.test("Airbyte default backoff without strategies is 1, 2, 4 s", async () => {
  const env = fakeEnv();
  const base = scripted([
    ...Array.from({ length: 3 }, () => new Response(null, { status: 500 })),
    new Response("ok"),
  ]);
  await compose(base, withErrorHandler(defaultErrorHandler(), airbyteRetryRuntime({ env })))(req());
  deepStrictEqual(env.slept, [1000, 2000, 4000]);
});

Deno.test("a 95 s wait logs liveness at least every 30 s", async () => {
  const lines: { at: number; message: string }[] = [];
  const env = fakeEnv({ log: (_level, message) => lines.push({ at: env.now(), message }) });
  const base = scripted([
    new Response(null, { status: 429, headers: { "retry-after": "95" } }),
    new Response("ok"),
  ]);
  await compose(base, retry({ env }))(req());
  strictEqual(env.slept.reduce((a, b) => a + b, 0), 95_000);
  ok(env.slept.every((ms) => ms <= 30_000));
  const waits = lines.filter((l) => /waiting/i.test(l.message));
  ok(waits.length >= 4, JSON.stringify(lines));
  for (let i = 1; i < waits.length; i++) ok(waits[i].at - waits[i - 1].at <= 30_000);
});

Deno.test("total wait cap bounds the time spent retrying", async () => {
  const env = fakeEnv();
  const base = scripted(Array.from({ length: 10 }, () => new Response(null, { status: 503 })));
  const handler = defaultErrorHandler({ backoff: [constantBackoff({ ms: 40_000 })], maxRetries: 9 });
  const err = await compose(base, withErrorHandler(handler, { env, maxTotalWaitMs: 100_000 }))(req()).catch((
    e,
  ) => e);
  strictEqual(err.code, "retries_exhausted");
  strictEqual(env.slept.reduce((a, b) => a + b, 0), 100_000);
  strictEqual(base.calls.length, 4); // waits 40 + 40 + 20 s, then the cap is reached
});

Deno.test("IGNORE returns the response marked as ignored; SUCCESS filter overrides a 500", async () => {
  const handler = defaultErrorHandler({
    responseFilters: [
      responseFilter({ action: "IGNORE", httpCodes: [404] }),
      responseFilter({ action: "SUCCESS", errorMessageContains: "partial" }),
    ],
  });
  const base = scripted([
    new Response("gone", { status: 404 }),
    new Response('{"message":"partial data"}', { status: 500 }),
  ]);
  const requester = compose(base, withErrorHandler(handler, { env: fakeEnv() }));
  const ignored = await requester(req());
  ok(isIgnoredResponse(ignored));
  strictEqual(await ignored.text(), "gone");
  const success = await requester(req());
  ok(!isIgnoredResponse(success));
  strictEqual(success.status, 500);
});

Deno.test("predicate filters see the parsed body of a 200 response", async () => {
  const handler = defaultErrorHandler({
    responseFilters: [
      responseFilter({
        action: "RETRY",
        predicate: (ctx) => (ctx.response as { status?: string }).status === "pending",
      }),
    ],
  });
  const env = fakeEnv();
  const base = scripted([new Response('{"status":"pending"}'), new Response('{"status":"done"}')]);
  const res = await compose(base, withErrorHandler(handler, { env }))(req());
  deepStrictEqual(await res.json(), { status: "done" });
  strictEqual(env.slept.length, 1);
});

Deno.test("FAIL filter with failure type and message; composite lets a later RETRY win over FAIL", async () => {
  const failing = defaultErrorHandler({
    responseFilters: [
      responseFilter({
        action: "FAIL",
        httpCodes: [418],
        failureType: "config_error",
        errorMessage: () => "teapot",
      }),
    ],
  });
  const err = await compose(
    scripted([new Response("", { status: 418 })]),
    withErrorHandler(failing, { env: fakeEnv() }),
  )(
    req(),
  ).catch((e) => e);
  strictEqual(err.failureType, "config_error");
  ok(err.message.startsWith("teapot"), err.message);

  const retrying = defaultErrorHandler({
    responseFilters: [responseFilter({ action: "RETRY", httpCodes: [418] })],
  });
  const env = fakeEnv();
  const base = scripted([new Response("", { status: 418 }), new Response("ok")]);
  const res = await compose(base, withErrorHandler(compositeErrorHandler([failing, retrying]), { env }))(
    req(),
  );
  strictEqual(res.status, 200);
});

Deno.test("max_waiting_time refusal surfaces as a transient rate-limit error", async () => {
  const handler = defaultErrorHandler({
    backoff: [waitTimeFromHeader({ header: "Retry-After", maxWaitingTimeSeconds: 60 })],
  });
  const base = scripted([new Response(null, { status: 429, headers: { "Retry-After": "600" } })]);
  const err = await compose(base, withErrorHandler(handler, { env: fakeEnv() }))(req()).catch((e) => e);
  strictEqual(err.code, "http_rate_limited");
  strictEqual(err.failureType, "transient_error");
});

Deno.test("RESET_PAGINATION throws http_reset_pagination", async () => {
  const handler = defaultErrorHandler({
    responseFilters: [responseFilter({ action: "RESET_PAGINATION", httpCodes: [410] })],
  });
  const err = await compose(
    scripted([new Response("", { status: 410 })]),
    withErrorHandler(handler, { env: fakeEnv() }),
  )(
    req(),
  ).catch((e) => e);
  strictEqual(err.code, "http_reset_pagination");
});

Deno.test("requests with bodies are re-sent intact on retry and onRetry reports waits", async () => {
  const env = fakeEnv();
  const bodies: string[] = [];
  const replies = [new Response(null, { status: 500 }), new Response("ok")];
  const base: Requester = async (r) => {
    bodies.push(await r.text());
    return replies.shift()!;
  };
  const events: number[] = [];
  const requester = compose(base, retry({ env, onRetry: (e) => events.push(e.status ?? 0) }));
  await requester(new Request("https://api.test/q", { method: "POST", body: '{"q":1}' }));
  deepStrictEqual(bodies, ['{"q":1}', '{"q":1}']);
  deepStrictEqual(events, [500]);
});

Deno.test("an aborted request is not retried", async () => {
  const controller = new AbortController();
  controller.abort();
  const base = scripted([new DOMException("aborted", "AbortError") as unknown as Error]);
  await rejects(
    compose(base, retry({ env: fakeEnv() }))(new Request("https://api.test/", { signal: controller.signal })),
  );
  strictEqual(base.calls.length, 1);
});

Deno.test("withErrorHandler: a rate-limited retry that another credential can serve waits 0.1 s (+ padding), not the backoff", async () => {
  for (const rotatable of [true, false]) {
    const env = fakeEnv();
    const statuses = [429, 200];
    const sent: Response[] = [];
    const base: Requester = () => {
      const response = new Response("{}", { status: statuses.shift() });
      sent.push(response);
      return Promise.resolve(response);
    };
    const handler = defaultErrorHandler({ backoff: [constantBackoff({ ms: 30_000 })] });
    const requester = compose(
      base,
      withErrorHandler(handler, {
        env,
        ...airbyteRetryRuntime({ canRotate: (response) => rotatable && response === sent[0] }),
      }),
    );
    strictEqual((await requester(new Request("https://api.test/x"))).status, 200);
    strictEqual(env.slept.reduce((a, b) => a + b, 0), rotatable ? 1100 : 31_000);
  }
});
