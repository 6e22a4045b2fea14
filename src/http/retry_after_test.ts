import { strictEqual, throws } from "node:assert/strict";
import type { BackoffContext } from "./backoff.ts";
import {
  parsePythonFloat,
  parseResetValue,
  parseRetryAfter,
  pythonRegexMatch,
  retryAfterBackoff,
  waitTimeFromHeader,
  waitUntilTimeFromHeader,
} from "./retry_after.ts";

const NOW = 1_700_000_000_000;
const withHeaders = (headers: Record<string, string>): BackoffContext => ({
  attempt: 1,
  now: NOW,
  random: () => 0.5,
  response: new Response(null, { status: 429, headers }),
});

Deno.test("Python float parsing", () => {
  strictEqual(parsePythonFloat("1_000.5"), 1000.5);
  strictEqual(parsePythonFloat("1e3"), 1000);
  strictEqual(parsePythonFloat("inf"), Infinity);
  strictEqual(parsePythonFloat("0x10"), undefined);
  strictEqual(parsePythonFloat(""), undefined);
  strictEqual(parsePythonFloat("12abc"), undefined);
});

Deno.test("Python re.match is anchored at the start", () => {
  strictEqual(pythonRegexMatch("\\d+", "42 seconds"), "42");
  strictEqual(pythonRegexMatch("\\d+", "in 42 seconds"), undefined);
  strictEqual(pythonRegexMatch("(?P<n>\\d+)", "7"), "7");
});

Deno.test("Retry-After seconds, HTTP date, past date; reset headers as epoch or delta", () => {
  strictEqual(parseRetryAfter("120", NOW), 120_000);
  strictEqual(parseRetryAfter(new Date(NOW + 5000).toUTCString(), NOW), 5000);
  strictEqual(parseRetryAfter(new Date(NOW - 5000).toUTCString(), NOW), 0);
  strictEqual(parseRetryAfter("soon", NOW), undefined);
  strictEqual(parseResetValue(String(NOW / 1000 + 30), NOW), 30_000);
  strictEqual(parseResetValue("30", NOW), 30_000);
  strictEqual(parseResetValue(String(NOW + 2000), NOW), 2000);
});

Deno.test("retryAfterBackoff prefers Retry-After, then RateLimit-Reset, then X-RateLimit-Reset; caps and never 0", () => {
  const s = retryAfterBackoff({ maxWaitMs: 60_000 });
  strictEqual(s(withHeaders({ "retry-after": "3", "x-ratelimit-reset": "100" })), 3000);
  strictEqual(s(withHeaders({ "ratelimit-reset": "4" })), 4000);
  strictEqual(s(withHeaders({ "x-ratelimit-reset": String(NOW / 1000 + 9) })), 9000);
  strictEqual(s(withHeaders({ "retry-after": "3600" })), 60_000);
  strictEqual(s(withHeaders({ "retry-after": "0" })), 1);
  strictEqual(s(withHeaders({})), undefined);
});

Deno.test("WaitTimeFromHeader: regex, float, max waiting time is inclusive", () => {
  strictEqual(waitTimeFromHeader({ header: "wait" })(withHeaders({ wait: "1.5" })), 1500);
  strictEqual(waitTimeFromHeader({ header: "wait", regex: "[\\d.]+" })(withHeaders({ wait: "2 sec" })), 2000);
  strictEqual(waitTimeFromHeader({ header: "wait" })(withHeaders({ wait: "later" })), undefined);
  strictEqual(waitTimeFromHeader({ header: "wait" })(withHeaders({})), undefined);
  throws(() =>
    waitTimeFromHeader({ header: "wait", maxWaitingTimeSeconds: 10 })(withHeaders({ wait: "10" }))
  );
  strictEqual(
    waitTimeFromHeader({ header: "wait", maxWaitingTimeSeconds: 0 })(withHeaders({ wait: "0" })),
    0,
  );
});

Deno.test("WaitUntilTimeFromHeader: epoch header, min_wait floor, past times, cap", () => {
  const until = String(NOW / 1000 + 20);
  strictEqual(waitUntilTimeFromHeader({ header: "reset" })(withHeaders({ reset: until })), 20_000);
  strictEqual(
    waitUntilTimeFromHeader({ header: "reset", minWaitSeconds: 30 })(withHeaders({ reset: until })),
    30_000,
  );
  strictEqual(waitUntilTimeFromHeader({ header: "reset", minWaitSeconds: 5 })(withHeaders({})), 5000);
  strictEqual(
    waitUntilTimeFromHeader({ header: "reset" })(withHeaders({ reset: String(NOW / 1000 - 5) })),
    undefined,
  );
  strictEqual(waitUntilTimeFromHeader({ header: "reset" })(withHeaders({})), undefined);
  throws(() =>
    waitUntilTimeFromHeader({ header: "reset", maxWaitingTimeSeconds: 20 })(withHeaders({ reset: until }))
  );
});
