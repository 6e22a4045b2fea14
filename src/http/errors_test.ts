import { ok, strictEqual } from "node:assert/strict";
import { SpoutError } from "../errors.ts";
import { SecretMasker } from "../secrets.ts";
import { classifyError, classifyStatus, excerpt, HttpError } from "./errors.ts";

Deno.test("default status classification", () => {
  const table: [number, string, string | undefined][] = [
    [200, "SUCCESS", undefined],
    [204, "SUCCESS", undefined],
    [400, "FAIL", "http_client"],
    [401, "FAIL", "http_auth"],
    [403, "FAIL", "http_auth"],
    [404, "FAIL", "http_client"],
    [409, "FAIL", "http_client"],
    [408, "RETRY", "http_timeout"],
    [429, "RATE_LIMITED", "http_rate_limited"],
    [500, "RETRY", "http_server"],
    [503, "RETRY", "http_server"],
  ];
  for (const [status, action, code] of table) {
    const r = classifyStatus(status);
    strictEqual(r.action, action, `status ${status}`);
    strictEqual(r.code, code, `status ${status}`);
  }
  strictEqual(classifyStatus(401).failureType, "config_error");
});

Deno.test("error classification: network and timeouts retry, other spout errors fail", () => {
  strictEqual(classifyError(new TypeError("fetch failed")).action, "RETRY");
  strictEqual(classifyError(new SpoutError("http_timeout", "slow")).action, "RETRY");
  strictEqual(classifyError(new SpoutError("http_redirect", "loop")).action, "FAIL");
  strictEqual(classifyError(new DOMException("x", "AbortError")).action, "FAIL");
  strictEqual(classifyError(new RangeError("bug")).action, "FAIL");
});

Deno.test("HttpError masks message, URL and excerpt", () => {
  const masker = new SecretMasker();
  masker.add("tok_ABCDEF");
  const err = new HttpError("http_client", "failed with tok_ABCDEF", {
    status: 400,
    method: "POST",
    url: "https://x.test/?t=tok_ABCDEF",
    bodyExcerpt: "echo tok_ABCDEF",
    masker,
  });
  ok(
    !JSON.stringify({ m: err.message, u: err.url, b: err.bodyExcerpt, d: err.details }).includes(
      "tok_ABCDEF",
    ),
  );
  ok(err.message.includes("POST") && err.message.includes("HTTP 400"));
  strictEqual(err.failureType, "system_error");
  strictEqual(excerpt("a\n  b" + "x".repeat(600))!.length, 501);
});
