import { deepStrictEqual, strictEqual } from "node:assert/strict";
import { compareRun, multisetDiff } from "./conformance_compare.ts";
import { maskDeep, normaliseMessage, normaliseRequest, secretValues } from "./conformance_normalize.ts";
import type { GoldenRun } from "./conformance_normalize.ts";

const base: GoldenRun = {
  command: "read",
  exit_code: 0,
  messages: [
    { type: "RECORD", stream: "s", data: { id: 1 } },
    { type: "RECORD", stream: "s", data: { id: 2 } },
    {
      type: "STATE",
      state: { type: "STREAM", stream: { stream_descriptor: { name: "s" }, stream_state: { c: 1 } } },
    },
  ],
  requests: [{ method: "GET", path: "/a", query: [], headers: {} }, {
    method: "GET",
    path: "/b",
    query: [],
    headers: {},
  }],
};

Deno.test("compareRun: equal runs, reordered requests and records match", () => {
  const other: GoldenRun = {
    ...base,
    messages: [base.messages[1], base.messages[0], base.messages[2]],
    requests: [base.requests[1], base.requests[0]],
  };
  deepStrictEqual(compareRun(base, other), []);
  strictEqual(compareRun(base, other, true)[0].field, "requests");
});

Deno.test("compareRun: reports each differing field", () => {
  const other: GoldenRun = {
    command: "read",
    exit_code: 1,
    messages: [
      { type: "RECORD", stream: "s", data: { id: 1 } },
      {
        type: "STATE",
        state: { type: "STREAM", stream: { stream_descriptor: { name: "s" }, stream_state: { c: 2 } } },
      },
      { type: "TRACE", failure_type: "system_error" },
    ],
    requests: [base.requests[0]],
  };
  const fields = compareRun(base, other).map((d) => d.field);
  deepStrictEqual(fields, ["exit_code", "requests", "records", "final_state", "errors"]);
  const records = compareRun(base, other).find((d) => d.field === "records")!;
  deepStrictEqual(records.expected, [{ type: "RECORD", stream: "s", data: { id: 2 } }]);
});

Deno.test("multisetDiff counts duplicates", () => {
  deepStrictEqual(multisetDiff([1, 1, 2], [1, 2, 2]), { missing: [1], extra: [2] });
});

Deno.test("normalisation: secrets (also inside Basic), base URL, JSON/form bodies, messages", () => {
  const secrets = secretValues({ key: "s3cret", nested: { pw: "pass-1" }, short: "ab" }, [
    "key",
    "nested.pw",
    "short",
  ]);
  deepStrictEqual(secrets, [["s3cret", "<secret:key>"], ["pass-1", "<secret:nested.pw>"]]);
  strictEqual(maskDeep(`Basic ${btoa("user:pass-1")}`, secrets), "Basic user:<secret:nested.pw>");
  const req = normaliseRequest(
    {
      method: "POST",
      path: "/t",
      query: [["k", "s3cret"]],
      headers: { "content-type": "application/x-www-form-urlencoded", referer: "http://127.0.0.1:9/x" },
      body: "b=2&a=pass-1",
    },
    "http://127.0.0.1:9",
    secrets,
  );
  deepStrictEqual(req.query, [["k", "<secret:key>"]]);
  strictEqual(req.headers.referer, "__BASE__/x");
  deepStrictEqual(req.body_form, [["a", "<secret:nested.pw>"], ["b", "2"]]);
  const msg = normaliseMessage({
    type: "STATE",
    state: {
      type: "STREAM",
      stream: { stream_descriptor: { name: "s", namespace: null }, stream_state: {} },
      sourceStats: { recordCount: 1 },
    },
  }, "http://x");
  deepStrictEqual(msg, {
    type: "STATE",
    state: { type: "STREAM", stream: { stream_descriptor: { name: "s" }, stream_state: {} } },
  });
  strictEqual(normaliseMessage({ type: "LOG", log: { level: "INFO", message: "m" } }, "http://x"), undefined);
});
