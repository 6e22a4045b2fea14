import { ok, strictEqual } from "node:assert/strict";
import type { FactoryContext } from "./context.ts";
import { buildBackoffStrategy, buildErrorHandler, headersView } from "./error_handler.ts";

const ctx: FactoryContext = { config: {}, components: {}, streamCache: new Map() };

Deno.test("headersView reads headers case-insensitively like requests' CaseInsensitiveDict", () => {
  const view = headersView(new Headers({ "X-RateLimit-Remaining": "3" }));
  strictEqual(view["x-ratelimit-remaining"], "3");
  strictEqual(view["X-RateLimit-Remaining"], "3");
  ok("X-RATELIMIT-REMAINING" in view);
});

Deno.test("error handler: a predicate filter sees the JSON body and the default mapping applies otherwise", async () => {
  const handler = buildErrorHandler(ctx, {
    type: "DefaultErrorHandler",
    response_filters: [{
      type: "HttpResponseFilter",
      action: "IGNORE",
      predicate: "{{ 'not found' in response.error }}",
    }],
  }, ["error_handler"]);
  const request = new Request("https://api.test/x");
  const ignored = await handler.interpret({
    request,
    response: new Response("", { status: 404 }),
    attempt: 1,
    body: { error: "item not found" },
  });
  strictEqual(ignored?.action, "IGNORE");
  const failed = await handler.interpret({
    request,
    response: new Response("", { status: 404 }),
    attempt: 1,
    body: { error: "gone" },
  });
  strictEqual(failed?.action, "FAIL");
  strictEqual(handler.maxRetries, 5);
});

Deno.test("backoff strategies: exponential factor in seconds, constant, wait time from a header", () => {
  const exp = buildBackoffStrategy(ctx, { type: "ExponentialBackoffStrategy", factor: 2 }, ["b"]);
  strictEqual(exp({ attempt: 1, now: 0, random: () => 0 }), 4000);
  const constant = buildBackoffStrategy(ctx, {
    type: "ConstantBackoffStrategy",
    backoff_time_in_seconds: 1.5,
  }, ["b"]);
  strictEqual(constant({ attempt: 3, now: 0, random: () => 0 }), 1500);
  const header = buildBackoffStrategy(ctx, { type: "WaitTimeFromHeader", header: "Retry-In" }, ["b"]);
  strictEqual(
    header({
      attempt: 1,
      now: 0,
      random: () => 0,
      response: new Response("", { headers: { "retry-in": "7" } }),
    }),
    7000,
  );
});
