/**
 * Normalisation shared by the conformance comparison: the same rules as conformance/run_reference.py
 * (placeholder substitution, secret masking, request and message normal forms), and the comparison itself.
 * @module
 */
import type { RecordedRequest } from "./scenario_server.ts";
import { BASE_PLACEHOLDER } from "./scenario_server.ts";

/** A JSON value. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** A normalised request as stored in goldens. */
export interface NormalRequest {
  method: string;
  path: string;
  query: [string, string][];
  headers: Record<string, string>;
  body?: string;
  body_json?: Json;
  body_form?: [string, string][];
}

/** A normalised protocol message as stored in goldens. */
export type NormalMessage = { type: string; [key: string]: Json };

/** One run of a golden. */
export interface GoldenRun {
  command: string;
  exit_code: number;
  messages: NormalMessage[];
  requests: NormalRequest[];
}

/** Replaces `from` with `to` in every string of a JSON value. */
export function replaceDeep<T>(value: T, from: string, to: string): T {
  if (typeof value === "string") return value.split(from).join(to) as T;
  if (Array.isArray(value)) return value.map((v) => replaceDeep(v, from, to)) as T;
  if (value !== null && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = replaceDeep(v, from, to);
    return out as T;
  }
  return value;
}

/** The secrets of a config (by dot path) with their labels, longest first. */
export function secretValues(config: Record<string, unknown>, keys: string[]): [string, string][] {
  const out: [string, string][] = [];
  for (const key of keys) {
    let node: unknown = config;
    for (const part of key.split(".")) {
      node = node !== null && typeof node === "object" && !Array.isArray(node)
        ? (node as Record<string, unknown>)[part]
        : undefined;
    }
    if (typeof node === "string" && node.length >= 3) out.push([node, `<secret:${key}>`]);
    else if (typeof node === "number" && String(node).length >= 3) {
      out.push([String(node), `<secret:${key}>`]);
    }
  }
  return out.sort((a, b) => b[0].length - a[0].length);
}

function decodeBasic(value: string): string | undefined {
  try {
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(value) || value.length % 4 !== 0) return undefined;
    const bytes = Uint8Array.from(atob(value), (c) => c.charCodeAt(0));
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

/** Masks secrets in every string of a value (Basic credentials are decoded first). */
export function maskDeep<T>(value: T, secrets: [string, string][]): T {
  if (typeof value === "string") {
    if (value.startsWith("Basic ")) {
      const decoded = decodeBasic(value.slice(6));
      if (decoded !== undefined) return ("Basic " + maskDeep(decoded, secrets)) as T;
    }
    let s: string = value;
    for (const [secret, label] of secrets) s = s.split(secret).join(label);
    return s as T;
  }
  if (Array.isArray(value)) return value.map((v) => maskDeep(v, secrets)) as T;
  if (value !== null && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = maskDeep(v, secrets);
    return out as T;
  }
  return value;
}

/** Python's `parse_qsl(keep_blank_values=True)` on a form body, sorted. */
function parseForm(body: string): [string, string][] {
  const pairs: [string, string][] = [];
  for (const part of body.split(/[&;]/)) {
    if (part === "") continue;
    const eq = part.indexOf("=");
    const k = eq < 0 ? part : part.slice(0, eq);
    const v = eq < 0 ? "" : part.slice(eq + 1);
    const dec = (s: string) => decodeURIComponent(s.replace(/\+/g, " "));
    pairs.push([dec(k), dec(v)]);
  }
  return pairs.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0));
}

/** Normalises a recorded request like the Python driver. */
export function normaliseRequest(
  req: RecordedRequest,
  base: string,
  secrets: [string, string][],
): NormalRequest {
  const out: NormalRequest = {
    method: req.method,
    path: req.path,
    query: req.query.map(([k, v]) => [k, v]),
    headers: { ...req.headers },
  };
  if (req.body !== undefined) {
    const ctype = req.headers["content-type"] ?? "";
    if (ctype.includes("json")) {
      try {
        out.body_json = JSON.parse(req.body);
      } catch {
        out.body = req.body;
      }
    } else if (ctype.includes("x-www-form-urlencoded")) out.body_form = parseForm(req.body);
    else out.body = req.body;
  }
  return maskDeep(replaceDeep(out, base, BASE_PLACEHOLDER), secrets);
}

function normaliseState(state: Record<string, unknown>): Json {
  const out: Record<string, Json> = { type: (state.type as string | undefined) ?? "LEGACY" };
  const stream = state.stream as Record<string, unknown> | undefined;
  if (stream) {
    const d = stream.stream_descriptor as Record<string, unknown>;
    const desc: Record<string, Json> = { name: d.name as string };
    if (d.namespace) desc.namespace = d.namespace as string;
    out.stream = { stream_descriptor: desc, stream_state: (stream.stream_state ?? null) as Json };
  }
  const global = state.global as Record<string, unknown> | undefined;
  if (global) {
    out.global = {
      shared_state: (global.shared_state ?? null) as Json,
      stream_states: ((global.stream_states ?? []) as Record<string, unknown>[]).map((s) => ({
        stream_descriptor: { name: (s.stream_descriptor as Record<string, string>).name },
        stream_state: (s.stream_state ?? null) as Json,
      })),
    };
  }
  if (state.data !== undefined && out.type === "LEGACY") out.data = state.data as Json;
  return out;
}

/** Normalises one protocol message like the Python driver (undefined: not compared). */
export function normaliseMessage(msg: Record<string, unknown>, base: string): NormalMessage | undefined {
  const t = msg.type;
  if (t === "RECORD") {
    const r = msg.record as Record<string, unknown>;
    return replaceDeep(
      { type: "RECORD", stream: r.stream as string, data: r.data as Json },
      base,
      BASE_PLACEHOLDER,
    );
  }
  if (t === "STATE") {
    return {
      type: "STATE",
      state: replaceDeep(normaliseState(msg.state as Record<string, unknown>), base, BASE_PLACEHOLDER),
    };
  }
  if (t === "TRACE") {
    const trace = msg.trace as Record<string, unknown>;
    if (trace.type !== "ERROR") return undefined;
    const error = trace.error as Record<string, unknown>;
    return { type: "TRACE", failure_type: (error.failure_type ?? null) as Json };
  }
  if (t === "CONNECTION_STATUS") {
    return { type: "CONNECTION_STATUS", status: (msg.connectionStatus as Record<string, string>).status };
  }
  if (t === "CATALOG") {
    const streams = ((msg.catalog as Record<string, unknown>).streams as Record<string, unknown>[]).map((
      s,
    ) => ({
      name: s.name as string,
      json_schema: (s.json_schema ?? null) as Json,
      supported_sync_modes: [...((s.supported_sync_modes ?? []) as string[])].sort(),
      source_defined_cursor: Boolean(s.source_defined_cursor),
      default_cursor_field: (s.default_cursor_field ?? []) as Json,
      source_defined_primary_key: (s.source_defined_primary_key ?? []) as Json,
    }));
    return { type: "CATALOG", streams };
  }
  if (t === "CONTROL") {
    const control = msg.control as Record<string, unknown>;
    // source-declarative-manifest echoes the injected manifest in the config; not connector behaviour.
    const { __injected_declarative_manifest: _injected, ...config } = (control.connectorConfig as Record<
      string,
      unknown
    >).config as Record<string, Json>;
    return replaceDeep({ type: "CONTROL", config }, base, BASE_PLACEHOLDER);
  }
  return undefined;
}

/** The last raw STATE message per stream (or global), used as the next run's input state. */
export function finalStates(messages: Record<string, unknown>[]): Record<string, unknown>[] {
  const last = new Map<string, Record<string, unknown>>();
  for (const msg of messages) {
    if (msg.type !== "STATE") continue;
    const state = { ...(msg.state as Record<string, unknown>) };
    delete state.sourceStats;
    delete state.destinationStats;
    const stream = state.stream as Record<string, Record<string, string>> | undefined;
    if (state.type === "GLOBAL") last.set("__global__", state);
    else if (stream) last.set(stream.stream_descriptor.name, state);
    else last.set("__legacy__", state);
  }
  return [...last.values()];
}

/** Canonical JSON (sorted keys) used for order-insensitive comparisons. */
export function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const keys = Object.keys(value).sort();
    return `{${
      keys.map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`).join(",")
    }}`;
  }
  return JSON.stringify(value) ?? "null";
}
