import { deepStrictEqual, strictEqual } from "node:assert/strict";
import {
  compositeErrorHandler,
  defaultErrorHandler,
  errorMessageOf,
  type InterpretInput,
  responseFilter,
  sanitizedUrl,
} from "./error_handler.ts";

const input = (status: number, body?: unknown, bodyText?: string): InterpretInput => ({
  request: new Request("https://u:p@api.test/x?key=1"),
  response: new Response(null, { status }),
  attempt: 1,
  body,
  bodyText,
});

Deno.test("default handler follows Airbyte's mapping and retries unknown codes", async () => {
  const h = defaultErrorHandler();
  strictEqual((await h.interpret(input(200)))?.action, "SUCCESS");
  strictEqual((await h.interpret(input(302)))?.action, "SUCCESS");
  strictEqual((await h.interpret(input(400)))?.action, "FAIL");
  strictEqual((await h.interpret(input(401)))?.failureType, "config_error");
  strictEqual((await h.interpret(input(404)))?.failureType, "system_error");
  strictEqual((await h.interpret(input(429)))?.action, "RATE_LIMITED");
  strictEqual((await h.interpret(input(422)))?.action, "RETRY");
  strictEqual((await h.interpret(input(422)))?.failureType, "system_error");
  const err = await h.interpret({
    request: new Request("https://a.test"),
    error: new TypeError("x"),
    attempt: 1,
  });
  strictEqual(err?.action, "RETRY");
  strictEqual(h.maxRetries, 5);
  strictEqual(h.maxTimeMs, 600_000);
});

Deno.test("filters: error_message_contains uses the JSON message parser, predicate sees {} for non-JSON", () => {
  const f = responseFilter({ action: "IGNORE", errorMessageContains: "quota" });
  strictEqual(f.matches(input(400, { error: { message: "daily quota hit" } }))?.action, "IGNORE");
  strictEqual(f.matches(input(400, undefined, "quota as text"))?.action, "IGNORE");
  strictEqual(f.matches(input(400, { other: "quota" })), undefined);
  let seen: unknown;
  responseFilter({ action: "FAIL", predicate: (c) => ((seen = c.response), false) }).matches(
    input(500, undefined, "<html>"),
  );
  deepStrictEqual(seen, {});
  const noAction = responseFilter({ httpCodes: [500] });
  strictEqual(noAction.matches(input(500)), undefined);
});

Deno.test("filter failure type applies only to FAIL; default message falls back to the mapping", () => {
  const retry = responseFilter({ action: "RETRY", httpCodes: [401], failureType: "config_error" });
  strictEqual(retry.matches(input(401))?.failureType, "config_error"); // from the mapping for 401
  const retry404 = responseFilter({ action: "RETRY", httpCodes: [404], failureType: "config_error" });
  strictEqual(retry404.matches(input(404))?.failureType, "system_error");
  const unknown = responseFilter({ action: "FAIL", httpCodes: [418] });
  strictEqual(unknown.matches(input(418))?.failureType, "system_error");
  strictEqual(unknown.matches(input(418))?.message, undefined);
  strictEqual(
    responseFilter({ action: "FAIL", httpCodes: [404] }).matches(input(404))?.message?.includes("404"),
    true,
  );
});

Deno.test("composite: first short-circuit answer wins, else the last; retries from first, time is max", async () => {
  const a = defaultErrorHandler({
    maxRetries: 2,
    maxTimeMs: 10,
    responseFilters: [responseFilter({ action: "IGNORE", httpCodes: [404] })],
  });
  const b = defaultErrorHandler({
    maxRetries: 9,
    maxTimeMs: 99,
    responseFilters: [responseFilter({ action: "RETRY", httpCodes: [403] })],
  });
  const c = compositeErrorHandler([a, b]);
  strictEqual((await c.interpret(input(404)))?.action, "IGNORE");
  strictEqual((await c.interpret(input(403)))?.action, "RETRY");
  strictEqual((await c.interpret(input(401)))?.action, "FAIL");
  strictEqual(c.maxRetries, 2);
  strictEqual(c.maxTimeMs, 99);
});

Deno.test("message parser and sanitized URL", () => {
  strictEqual(errorMessageOf({ message: "", error: "boom" }, ""), "boom");
  strictEqual(errorMessageOf(["a", { msg: "b" }, 3], ""), "a, b");
  strictEqual(errorMessageOf(undefined, "raw"), "raw");
  strictEqual(sanitizedUrl("https://u:p@api.test/a/b?key=1#f"), "https://api.test/a/b");
});
