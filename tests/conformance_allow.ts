/**
 * The conformance allow-list (tests/conformance/allowlist.json). An entry either hides one compared field of a
 * scenario run (`field` without `mode`), or — preferred — is *narrow*: its `mode` rewrites one precisely
 * described, deliberate difference out of the reference run after checking that the difference is exactly that,
 * and every field (including the rewritten one) is still compared.
 *
 * Modes:
 * - `parent_requests_once` (field `requests`, `paths`): the reference reads a substream's parent twice when the
 *   parent is also selected (once as a stream, once to generate partitions); spout reads it once. Requests to
 *   `paths` are compared as sets, and spout must not send any of them more often than the reference. Every
 *   other request is still compared as a multiset; records and states are compared unchanged.
 * - `login_requests_once` (field `requests`, `paths`): the reference logs in before every request (twice with
 *   Bearer injection) when a SessionTokenAuthenticator has no `expiration_duration`; spout reuses the session
 *   token of the stream (likewise the legacy authenticator's session validation request). Same comparison as
 *   `parent_requests_once`, for the login paths.
 * - `get_body_dropped` (field `requests`): the reference sends a body (and its `content-type`) on GET; spout
 *   cannot (fetch forbids GET bodies). `content-type: application/json` / `application/x-www-form-urlencoded` and
 *   body fields are dropped from the reference's GET requests only.
 * - `distinct_errors` (field `errors`): the reference reports every failed partition of a concurrently read
 *   stream; spout stops a stream at its first failure. Failure types are compared as sets.
 * @module
 */
import type { GoldenRun, NormalMessage, NormalRequest } from "./conformance_normalize.ts";
import { canonical } from "./conformance_normalize.ts";

/** Narrow allow-list modes (see the module doc). */
export type AllowMode =
  | "parent_requests_once"
  | "login_requests_once"
  | "get_body_dropped"
  | "distinct_errors";

/** One allow-list entry. */
export interface AllowEntry {
  /** Scenario name. */
  scenario: string;
  /** Run index (all runs when absent). */
  run?: number;
  /** Compared field the entry is about. */
  field: string;
  /** Why the difference is deliberate. */
  reason: string;
  /** A narrow rewrite instead of hiding the field. */
  mode?: AllowMode;
  /** Request paths of `parent_requests_once` / `login_requests_once` (exact paths). */
  paths?: string[];
}

/** Outcome of applying one narrow entry to a run pair. */
export type NarrowResult =
  | { ok: true; expected: GoldenRun; actual: GoldenRun }
  | { ok: false; why: string };

const BODY_TYPES = ["application/json", "application/x-www-form-urlencoded"];

function countBy(requests: NormalRequest[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const r of requests) out.set(canonical(r), (out.get(canonical(r)) ?? 0) + 1);
  return out;
}

function parentRequestsOnce(entry: AllowEntry, expected: GoldenRun, actual: GoldenRun): NarrowResult {
  const paths = new Set(entry.paths ?? []);
  if (paths.size === 0) return { ok: false, why: `${entry.mode} needs \`paths\`` };
  const inPaths = (r: NormalRequest) => paths.has(r.path);
  const ep = countBy(expected.requests.filter(inPaths));
  const ap = countBy(actual.requests.filter(inPaths));
  for (const [key, n] of ap) {
    const m = ep.get(key);
    if (m === undefined) {
      return { ok: false, why: `spout sent a parent request the reference did not: ${key}` };
    }
    if (n > m) {
      return { ok: false, why: `spout sent a parent request more often (${n}) than the reference (${m})` };
    }
  }
  for (const key of ep.keys()) {
    if (!ap.has(key)) return { ok: false, why: `spout never sent the parent request ${key}` };
  }
  // Same distinct parent requests, spout never more often: the reference's duplicates collapse onto spout's.
  const rest = expected.requests.filter((r) => !inPaths(r));
  return {
    ok: true,
    expected: { ...expected, requests: [...rest, ...actual.requests.filter(inPaths)] },
    actual,
  };
}

function getBodyDropped(expected: GoldenRun, actual: GoldenRun): NarrowResult {
  const requests = expected.requests.map((r) => {
    const type = (r.headers["content-type"] ?? "").split(";")[0].trim();
    if (r.method !== "GET" || !BODY_TYPES.includes(type)) return r;
    const headers = { ...r.headers };
    delete headers["content-type"];
    const { body: _b, body_json: _j, body_form: _f, ...rest } = r;
    return { ...rest, headers };
  });
  return { ok: true, expected: { ...expected, requests }, actual };
}

function distinctTraces(messages: NormalMessage[]): NormalMessage[] {
  const seen = new Set<string>();
  return messages.filter((m) => {
    if (m.type !== "TRACE") return true;
    const key = canonical(m);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * Applies one narrow entry to a (reference, spout) run pair. `ok: false` means the run does not show the
 * described difference exactly (the entry then accepts nothing).
 *
 * @example
 * ```ts
 * import { applyNarrow } from "./conformance_allow.ts";
 * const parent = { method: "GET", path: "/orgs", query: [], headers: {} };
 * const child = { method: "GET", path: "/orgs/1/users", query: [], headers: {} };
 * const ref = { command: "read", exit_code: 0, messages: [], requests: [parent, parent, child] };
 * const spout = { ...ref, requests: [parent, child] };
 * const entry = { scenario: "s", field: "requests", reason: "r", mode: "parent_requests_once" as const, paths: ["/orgs"] };
 * const out = applyNarrow(entry, ref, spout);
 * if (!out.ok || out.expected.requests.length !== 2) throw new Error("collapsed");
 * if (applyNarrow(entry, ref, { ...ref, requests: [child] }).ok) throw new Error("parent must still be sent");
 * ```
 */
export function applyNarrow(entry: AllowEntry, expected: GoldenRun, actual: GoldenRun): NarrowResult {
  switch (entry.mode) {
    case "parent_requests_once":
    case "login_requests_once":
      return parentRequestsOnce(entry, expected, actual);
    case "get_body_dropped":
      return getBodyDropped(expected, actual);
    case "distinct_errors":
      return {
        ok: true,
        expected: { ...expected, messages: distinctTraces(expected.messages) },
        actual: { ...actual, messages: distinctTraces(actual.messages) },
      };
    default:
      return { ok: false, why: `unknown allow-list mode ${String(entry.mode)}` };
  }
}
