/**
 * Compares one spout run with the reference golden run, field by field.
 * @module
 */
import { canonical, type GoldenRun, type NormalMessage } from "./conformance_normalize.ts";

/** One difference between the reference (expected) and spout (actual). */
export interface Difference {
  /** Compared aspect: exit_code, requests, records, final_state, state_sequence, errors, connection_status, catalog, control. */
  field: string;
  /** What the reference produced (only the differing part for multisets). */
  expected: unknown;
  /** What spout produced (only the differing part for multisets). */
  actual: unknown;
}

/** The items of `a` missing from `b` and the items of `b` missing from `a` (multiset semantics). */
export function multisetDiff<T>(a: T[], b: T[]): { missing: T[]; extra: T[] } {
  const counts = new Map<string, { n: number; item: T }>();
  for (const item of a) {
    const key = canonical(item);
    const entry = counts.get(key);
    if (entry) entry.n++;
    else counts.set(key, { n: 1, item });
  }
  const extra: T[] = [];
  for (const item of b) {
    const entry = counts.get(canonical(item));
    if (entry && entry.n > 0) entry.n--;
    else extra.push(item);
  }
  const missing: T[] = [];
  for (const { n, item } of counts.values()) for (let i = 0; i < n; i++) missing.push(item);
  return { missing, extra };
}

function ofType(messages: NormalMessage[], type: string): NormalMessage[] {
  return messages.filter((m) => m.type === type);
}

function stateKey(m: NormalMessage): string {
  const s = m.state as Record<string, unknown>;
  if (s.type === "GLOBAL") return "__global__";
  const stream = s.stream as { stream_descriptor: { name: string } } | undefined;
  return stream ? stream.stream_descriptor.name : "__legacy__";
}

function statesByStream(messages: NormalMessage[]): Record<string, unknown[]> {
  const out: Record<string, unknown[]> = {};
  for (const m of ofType(messages, "STATE")) (out[stateKey(m)] ??= []).push(m.state);
  return out;
}

function finalStateMap(messages: NormalMessage[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const m of ofType(messages, "STATE")) out[stateKey(m)] = m.state;
  return out;
}

/**
 * Compares a run; an empty list means the run conforms. The STATE sequence is compared only when the final
 * states agree and the reference is deterministic (it reads partitions concurrently, so intermediate states of
 * multi-partition streams depend on timing).
 */
export function compareRun(
  expected: GoldenRun,
  actual: GoldenRun,
  orderedRequests = false,
  compareStateSequence = true,
): Difference[] {
  const diffs: Difference[] = [];
  if (expected.exit_code !== actual.exit_code) {
    diffs.push({ field: "exit_code", expected: expected.exit_code, actual: actual.exit_code });
  }
  if (orderedRequests) {
    if (canonical(expected.requests) !== canonical(actual.requests)) {
      diffs.push({ field: "requests", expected: expected.requests, actual: actual.requests });
    }
  } else {
    const d = multisetDiff(expected.requests, actual.requests);
    if (d.missing.length || d.extra.length) {
      diffs.push({ field: "requests", expected: d.missing, actual: d.extra });
    }
  }
  const records = multisetDiff(ofType(expected.messages, "RECORD"), ofType(actual.messages, "RECORD"));
  if (records.missing.length || records.extra.length) {
    diffs.push({ field: "records", expected: records.missing, actual: records.extra });
  }
  const ef = finalStateMap(expected.messages);
  const af = finalStateMap(actual.messages);
  if (canonical(ef) !== canonical(af)) diffs.push({ field: "final_state", expected: ef, actual: af });
  else if (compareStateSequence) {
    // Per stream: the reference interleaves streams concurrently, so only each stream's own sequence counts.
    const es = statesByStream(expected.messages);
    const as = statesByStream(actual.messages);
    if (canonical(es) !== canonical(as)) diffs.push({ field: "state_sequence", expected: es, actual: as });
  }
  const simple: [string, string][] = [
    ["errors", "TRACE"],
    ["connection_status", "CONNECTION_STATUS"],
    ["catalog", "CATALOG"],
    ["control", "CONTROL"],
  ];
  for (const [field, type] of simple) {
    const e = ofType(expected.messages, type);
    const a = ofType(actual.messages, type);
    const d = multisetDiff(e, a);
    if (d.missing.length || d.extra.length) diffs.push({ field, expected: e, actual: a });
  }
  return diffs;
}
