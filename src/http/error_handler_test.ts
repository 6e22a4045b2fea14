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

/** Expected outcomes recorded from the Python CDK (DefaultErrorHandler.interpret_response). */
const AIRBYTE_MATRIX: [string, number, string, string][] = [
  ["default", 200, "SUCCESS", "None"],
  ["default", 302, "SUCCESS", "None"],
  ["default", 401, "FAIL", "config_error"],
  ["default", 404, "FAIL", "system_error"],
  ["default", 409, "RETRY", "system_error"],
  ["default", 418, "RETRY", "system_error"],
  ["default", 429, "RATE_LIMITED", "transient_error"],
  ["default", 500, "RETRY", "transient_error"],
  ["default", 501, "RETRY", "system_error"],
  ["default", 400, "FAIL", "system_error"],
  ["default", 200, "SUCCESS", "None"],
  ["retry401_ct", 200, "SUCCESS", "None"],
  ["retry401_ct", 302, "SUCCESS", "None"],
  ["retry401_ct", 401, "RETRY", "config_error"],
  ["retry401_ct", 404, "RETRY", "system_error"],
  ["retry401_ct", 409, "RETRY", "system_error"],
  ["retry401_ct", 418, "RETRY", "system_error"],
  ["retry401_ct", 429, "RATE_LIMITED", "transient_error"],
  ["retry401_ct", 500, "RETRY", "transient_error"],
  ["retry401_ct", 501, "RETRY", "system_error"],
  ["retry401_ct", 400, "FAIL", "system_error"],
  ["retry401_ct", 200, "SUCCESS", "None"],
  ["fail418_ct", 200, "SUCCESS", "None"],
  ["fail418_ct", 302, "SUCCESS", "None"],
  ["fail418_ct", 401, "FAIL", "config_error"],
  ["fail418_ct", 404, "FAIL", "system_error"],
  ["fail418_ct", 409, "RETRY", "system_error"],
  ["fail418_ct", 418, "FAIL", "config_error"],
  ["fail418_ct", 429, "RATE_LIMITED", "transient_error"],
  ["fail418_ct", 500, "FAIL", "config_error"],
  ["fail418_ct", 501, "RETRY", "system_error"],
  ["fail418_ct", 400, "FAIL", "system_error"],
  ["fail418_ct", 200, "SUCCESS", "None"],
  ["ignore_msg", 200, "SUCCESS", "None"],
  ["ignore_msg", 302, "SUCCESS", "None"],
  ["ignore_msg", 401, "FAIL", "config_error"],
  ["ignore_msg", 404, "FAIL", "system_error"],
  ["ignore_msg", 409, "RETRY", "system_error"],
  ["ignore_msg", 418, "RETRY", "system_error"],
  ["ignore_msg", 429, "RATE_LIMITED", "transient_error"],
  ["ignore_msg", 500, "RETRY", "transient_error"],
  ["ignore_msg", 501, "RETRY", "system_error"],
  ["ignore_msg", 400, "IGNORE", "system_error"],
  ["ignore_msg", 200, "IGNORE", "system_error"],
];

Deno.test("filter/default handler matrix is identical to the Python CDK's answers", async () => {
  const handlers: Record<string, ReturnType<typeof defaultErrorHandler>> = {
    default: defaultErrorHandler(),
    retry401_ct: defaultErrorHandler({
      responseFilters: [
        responseFilter({ action: "RETRY", httpCodes: [401, 404], failureType: "config_error" }),
      ],
    }),
    fail418_ct: defaultErrorHandler({
      responseFilters: [
        responseFilter({ action: "FAIL", httpCodes: [418, 500], failureType: "config_error" }),
      ],
    }),
    ignore_msg: defaultErrorHandler({
      responseFilters: [responseFilter({ action: "IGNORE", errorMessageContains: "quota" })],
    }),
  };
  const bodies: Record<number, string> = { 400: '{"errors":[{"message":"quota exceeded"}]}', 302: "" };
  let quotaOk = 0;
  for (const [name, status, action, failureType] of AIRBYTE_MATRIX) {
    let text = bodies[status] ?? "{}";
    if (status === 200 && quotaOk++ % 2 === 1) text = '{"message":"quota"}';
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      body = undefined;
    }
    const r = await handlers[name].interpret({ ...input(status, body, text) });
    strictEqual(r?.action, action, `${name} ${status}`);
    strictEqual(r?.failureType ?? "None", failureType, `${name} ${status}`);
  }
});
