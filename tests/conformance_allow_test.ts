import { deepStrictEqual, ok, strictEqual } from "node:assert/strict";
import { type AllowEntry, applyNarrow } from "./conformance_allow.ts";
import { compareRun } from "./conformance_compare.ts";
import type { GoldenRun, NormalRequest } from "./conformance_normalize.ts";

const get = (path: string, headers: Record<string, string> = {}): NormalRequest => ({
  method: "GET",
  path,
  query: [],
  headers,
});
const run = (requests: NormalRequest[], traces: string[] = []): GoldenRun => ({
  command: "read",
  exit_code: traces.length ? 1 : 0,
  messages: [
    { type: "RECORD", stream: "orgs", data: { id: 1 } },
    ...traces.map((t) => ({ type: "TRACE", failure_type: t })),
  ],
  requests,
});
const parentOnce: AllowEntry = {
  scenario: "s",
  field: "requests",
  reason: "r",
  mode: "parent_requests_once",
  paths: ["/orgs"],
};

Deno.test("parent_requests_once: the reference's duplicate parent requests collapse onto spout's", () => {
  const ref = run([get("/orgs"), get("/orgs"), get("/orgs/1/users")]);
  const spout = run([get("/orgs"), get("/orgs/1/users")]);
  strictEqual(compareRun(ref, spout)[0].field, "requests");
  const out = applyNarrow(parentOnce, ref, spout);
  ok(out.ok);
  deepStrictEqual(compareRun(out.expected, out.actual), []);
});

Deno.test("parent_requests_once: every other request is still compared", () => {
  const ref = run([get("/orgs"), get("/orgs"), get("/orgs/1/users"), get("/orgs/1/users")]);
  const spout = run([get("/orgs"), get("/orgs/1/users")]);
  const out = applyNarrow(parentOnce, ref, spout);
  ok(out.ok);
  const diffs = compareRun(out.expected, out.actual);
  deepStrictEqual(diffs.map((d) => d.field), ["requests"]);
  deepStrictEqual(diffs[0].expected, [get("/orgs/1/users")]);
});

Deno.test("parent_requests_once: refuses when spout sends a parent request more often, never, or differently", () => {
  const ref = run([get("/orgs"), get("/orgs")]);
  strictEqual(applyNarrow(parentOnce, ref, run([get("/orgs"), get("/orgs"), get("/orgs")])).ok, false);
  strictEqual(applyNarrow(parentOnce, ref, run([])).ok, false);
  strictEqual(applyNarrow(parentOnce, ref, run([get("/orgs", { authorization: "x" })])).ok, false);
  strictEqual(applyNarrow({ ...parentOnce, paths: [] }, ref, run([get("/orgs")])).ok, false);
});

Deno.test("login_requests_once: repeated logins collapse, the API requests are still compared", () => {
  const login: NormalRequest = { method: "POST", path: "/login", query: [], headers: {} };
  const entry: AllowEntry = { ...parentOnce, mode: "login_requests_once", paths: ["/login"] };
  const ref = run([login, login, get("/a"), login, login, get("/b")]);
  const out = applyNarrow(entry, ref, run([login, get("/a"), get("/b")]));
  ok(out.ok);
  deepStrictEqual(compareRun(out.expected, out.actual), []);
  const missing = applyNarrow(entry, ref, run([login, get("/a")]));
  ok(missing.ok);
  deepStrictEqual(compareRun(missing.expected, missing.actual).map((d) => d.field), ["requests"]);
});

Deno.test("get_body_dropped: only body content-types on GET are dropped from the reference", () => {
  const entry: AllowEntry = { scenario: "s", field: "requests", reason: "r", mode: "get_body_dropped" };
  const post: NormalRequest = {
    method: "POST",
    path: "/q",
    query: [],
    headers: { "content-type": "application/json" },
    body_json: { a: 1 },
  };
  const ref = run([get("/a", { "content-type": "application/json", "x-key": "k" }), post]);
  const out = applyNarrow(entry, ref, run([get("/a", { "x-key": "k" }), post]));
  ok(out.ok);
  deepStrictEqual(compareRun(out.expected, out.actual), []);
  // Other headers and POST bodies are untouched.
  const missingKey = applyNarrow(entry, ref, run([get("/a"), post]));
  ok(missingKey.ok);
  strictEqual(compareRun(missingKey.expected, missingKey.actual)[0].field, "requests");
  const other = applyNarrow(entry, run([get("/a", { "content-type": "text/csv" })]), run([get("/a")]));
  ok(other.ok);
  strictEqual(compareRun(other.expected, other.actual).length, 1);
});

Deno.test("distinct_errors: failure types compare as a set, a different type still differs", () => {
  const entry: AllowEntry = { scenario: "s", field: "errors", reason: "r", mode: "distinct_errors" };
  const ref = run([], ["system_error", "system_error", "config_error"]);
  const same = applyNarrow(entry, ref, run([], ["system_error", "config_error"]));
  ok(same.ok);
  deepStrictEqual(compareRun(same.expected, same.actual), []);
  const other = applyNarrow(entry, ref, run([], ["config_error"]));
  ok(other.ok);
  deepStrictEqual(compareRun(other.expected, other.actual).map((d) => d.field), ["errors"]);
});
