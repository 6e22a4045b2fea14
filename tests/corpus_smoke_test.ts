/**
 * Corpus smoke test: every pure-declarative corpus manifest runs spec, check and a read of every stream
 * against one loopback server that fakes each stream's API (records shaped by the stream's schema, placed at
 * its record path, pages ending after two). Clean SpoutErrors (config, HTTP) are fine; internal errors
 * (TypeError, undefined access, `internal_error`) are failures. The floor ratchets upward.
 */
import { ok } from "node:assert/strict";
import { createDeclarativeSource } from "../src/declarative/manifest_source.ts";
import { sampleConfig, sampleRecord } from "../src/declarative/sample_data.ts";
import { defaultEnv } from "../src/env.ts";
import { SpoutError } from "../src/errors.ts";
import { SecretMasker } from "../src/secrets.ts";
import type { ReadContext, Stream } from "../src/source/types.ts";
import { isObject, type JsonObject, type JsonSchema } from "../src/types.ts";
import { messageRecords } from "../src/source/stream_messages.ts";

const CORPUS = new URL("../../shared/corpus/manifests/", import.meta.url);
const MIN_CLEAN_RATIO = Number(Deno.env.get("SMOKE_FLOOR") ?? "0.98");
const PER_MANIFEST_MS = 10_000;
const MAX_REQUESTS_PER_STREAM = 20;
const CONCURRENCY = 6;
const STREAM_CONCURRENCY = 4;

interface Route {
  recordPath: string[];
  schema: JsonSchema;
  extraFields: string[];
  requests: number;
  pages: Map<string, number>;
}

const routes = new Map<string, Route>();

function placeAt(path: string[], records: unknown[]): unknown {
  let body: unknown = records;
  for (let i = path.length - 1; i >= 0; i--) {
    const key = path[i];
    body = key === "*" ? [body] : { [key]: body };
  }
  // Wildcards: `data.*.items` means every element of data holds items.
  return body;
}

function tokenBody(): JsonObject {
  return {
    access_token: "canary-access-token",
    token: "canary-session-token",
    expires_in: 3600,
    token_type: "Bearer",
    refresh_token: "canary-refresh-token",
  };
}

function handle(request: Request): Response {
  const key = request.headers.get("x-smoke-key") ?? "";
  const route = routes.get(key);
  const url = new URL(request.url);
  if (!route) return Response.json({ error: "unknown route" }, { status: 404 });
  route.requests++;
  if (route.requests > MAX_REQUESTS_PER_STREAM) {
    return Response.json({ error: "too many requests" }, { status: 400 });
  }
  if (/token|oauth|login|auth|session/i.test(url.pathname)) return Response.json(tokenBody());
  const seen = route.pages.get(url.pathname) ?? 0;
  route.pages.set(url.pathname, seen + 1);
  const records = seen < 2
    ? [0, 1].map((i) => {
      const rec = sampleRecord(route.schema, seen * 2 + i);
      for (const field of route.extraFields) rec[field] ??= seen * 2 + i + 1;
      return rec;
    })
    : [];
  const body = placeAt(route.recordPath, records);
  return Response.json(isObject(body) ? { ...tokenBody(), ...body } : body);
}

function recordPathOf(stream: Stream): string[] {
  const component = (stream as unknown as { manifest?: Record<string, unknown> }).manifest;
  const retriever = isObject(component?.retriever) ? component.retriever : {};
  const selector = isObject(retriever.record_selector) ? retriever.record_selector : {};
  const extractor = isObject(selector.extractor) ? selector.extractor : {};
  const path = Array.isArray(extractor.field_path) ? extractor.field_path : [];
  const params = isObject(extractor.$parameters) ? extractor.$parameters : {};
  return path.map((p) => {
    const s = String(p);
    const m = /^\{\{\s*parameters(?:\.(\w+)|\[['"](\w+)['"]\])\s*\}\}$/.exec(s);
    if (m) return String(params[m[1] ?? m[2]] ?? s);
    return s;
  });
}

function parentKeys(text: string): string[] {
  const keys = new Set<string>(["id"]);
  for (const m of text.matchAll(/parent_key:\s*["']?([A-Za-z_][\w]*)["']?/g)) keys.add(m[1]);
  return [...keys];
}

/** Moves every date-like config value (defaults such as 2017-01-25) to 2024-01-08 so reads have few windows. */
function recentDates(value: unknown): unknown {
  if (typeof value === "string") return value.replace(/^\d{4}-\d{2}-\d{2}/, "2024-01-08");
  if (Array.isArray(value)) return value.map(recentDates);
  if (isObject(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, recentDates(v)]));
  return value;
}

interface Outcome {
  name: string;
  spec: boolean;
  check: boolean;
  streams: number;
  streamsClean: number;
  failures: string[];
  ms: number;
  records: number;
  streamsWithRecords: number;
  clean: string[];
  timeouts: string[];
}

/** Our own deadline fired (a loaded machine, not a product error); counted and printed separately. */
function isDeadline(error: unknown): boolean {
  return error instanceof DOMException && (error.name === "TimeoutError" || error.name === "AbortError") ||
    (error instanceof SpoutError && /aborted due to timeout/.test(error.message));
}

function isInternal(error: unknown): boolean {
  return !(error instanceof SpoutError) || error.code === "internal_error";
}

function describe(error: unknown): string {
  if (error instanceof SpoutError) return `${error.code}: ${error.message}`.slice(0, 300);
  if (error instanceof Error) {
    return `${error.name}: ${error.message} ${error.stack?.split("\n")[1]?.trim() ?? ""}`;
  }
  return String(error);
}

async function runManifest(file: string, text: string, port: number, index: number): Promise<Outcome> {
  const outcome: Outcome = {
    name: file,
    spec: false,
    check: false,
    streams: 0,
    streamsClean: 0,
    failures: [],
    ms: 0,
    records: 0,
    streamsWithRecords: 0,
    clean: [],
    timeouts: [],
  };
  const t0 = Date.now();
  let deadline = AbortSignal.timeout(PER_MANIFEST_MS);
  const makeCtx = (key: string, own?: AbortSignal): ReadContext => {
    const signal = own ?? deadline;
    return makeReadContext(key, signal);
  };
  // A fake clock that sleeping advances (rate-limit budgets and backoff wait on it), starting 2024-01-10.
  let clock = Date.UTC(2024, 0, 10);
  const makeReadContext = (key: string, signal: AbortSignal): ReadContext => ({
    env: defaultEnv({
      now: () => clock,
      sleep: (ms: number) => {
        clock += Math.max(0, ms);
        return Promise.resolve();
      },
      fetch: (request: Request) => {
        const url = new URL(request.url);
        const target = `http://127.0.0.1:${port}${url.pathname}${url.search}`;
        const headers = new Headers(request.headers);
        headers.set("x-smoke-key", key);
        return fetch(
          new Request(target, { method: request.method, headers, body: request.body, signal }),
        );
      },
    }),
    masker: new SecretMasker(),
    signal,
    maxPages: 5,
    maxRecords: 20,
  });
  let source;
  try {
    source = await createDeclarativeSource(text, { path: file });
    const spec = await source.spec();
    outcome.spec = true;
    const config = recentDates(sampleConfig(spec.connectionSpecification)) as JsonObject;
    deadline = AbortSignal.timeout(PER_MANIFEST_MS);
    for (const k of ["check", "streams"]) {
      routes.set(`${index}:${k}`, {
        recordPath: [],
        schema: {},
        extraFields: [],
        requests: 0,
        pages: new Map(),
      });
    }
    try {
      const status = await source.check(config, makeCtx(`${index}:check`));
      if (
        status.status === "FAILED" &&
        /internal error|TypeError|Cannot read properties/.test(status.message ?? "") &&
        !/aborted due to timeout/.test(status.message ?? "")
      ) {
        outcome.failures.push(`check: ${status.message?.slice(0, 200)}`);
      } else outcome.check = true;
    } catch (error) {
      if (isInternal(error)) outcome.failures.push(`check threw ${describe(error)}`);
      else outcome.check = true;
    }
    const streams = await source.streams(config, makeCtx(`${index}:streams`));
    outcome.streams = streams.length;
    const extra = parentKeys(text);
    let nextStream = 0;
    const readOne = async (stream: Stream, s: number) => {
      const key = `${index}:${s}`;
      try {
        routes.set(key, {
          recordPath: recordPathOf(stream),
          schema: await stream.jsonSchema(),
          extraFields: extra,
          requests: 0,
          pages: new Map(),
        });
        const syncMode = stream.cursorField && stream.cursorField.length > 0 ? "incremental" : "full_refresh";
        let n = 0;
        for await (
          const message of stream.read({ syncMode }, makeCtx(key, AbortSignal.timeout(PER_MANIFEST_MS)))
        ) {
          n += messageRecords(message).length;
        }
        outcome.records += n;
        if (n > 0) outcome.streamsWithRecords++;
        outcome.streamsClean++;
      } catch (error) {
        if (isDeadline(error)) {
          outcome.streamsClean++;
          outcome.timeouts.push(stream.name);
        } else if (isInternal(error)) outcome.failures.push(`stream ${stream.name}: ${describe(error)}`);
        else {
          outcome.streamsClean++;
          outcome.clean.push(`stream ${stream.name}: ${describe(error)}`);
        }
      }
    };
    await Promise.all(Array.from({ length: STREAM_CONCURRENCY }, async () => {
      while (nextStream < streams.length) {
        const s = nextStream++;
        await readOne(streams[s], s);
      }
    }));
  } catch (error) {
    if (isInternal(error)) outcome.failures.push(`load: ${describe(error)}`);
    else outcome.failures.push(`load (clean): ${describe(error)}`);
  }
  outcome.ms = Date.now() - t0;
  return outcome;
}

Deno.test("corpus smoke: pure-declarative manifests run spec, check and read without internal errors", async () => {
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen() {} }, handle);
  try {
    const files: string[] = [];
    for await (const entry of Deno.readDir(CORPUS)) if (entry.name.endsWith(".yaml")) files.push(entry.name);
    files.sort();
    const only = Deno.env.get("SMOKE_ONLY");
    const selected: [string, string][] = [];
    for (const file of files) {
      if (only && !file.includes(only)) continue;
      const text = await Deno.readTextFile(new URL(file, CORPUS));
      if (text.includes("class_name")) continue;
      selected.push([file, text]);
    }
    const outcomes: Outcome[] = [];
    let next = 0;
    const started = Date.now();
    await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
      while (next < selected.length) {
        const i = next++;
        outcomes.push(await runManifest(selected[i][0], selected[i][1], server.addr.port, i));
      }
    }));
    const clean = outcomes.filter((o) => o.failures.length === 0);
    const specs = outcomes.filter((o) => o.spec).length;
    const checks = outcomes.filter((o) => o.check).length;
    const streams = outcomes.reduce((n, o) => n + o.streams, 0);
    const streamsClean = outcomes.reduce((n, o) => n + o.streamsClean, 0);
    console.log(
      `corpus smoke: ${outcomes.length} manifests, ${clean.length} with zero internal errors; spec ok ${specs}, ` +
        `check ok ${checks}, streams read cleanly ${streamsClean}/${streams} in ${Date.now() - started} ms`,
    );
    const withRecords = outcomes.reduce((n, o) => n + o.streamsWithRecords, 0);
    const records = outcomes.reduce((n, o) => n + o.records, 0);
    console.log(`  streams that produced records: ${withRecords}/${streams}; records: ${records}`);
    const codes = new Map<string, number>();
    for (const o of outcomes) {
      for (const c of o.clean) {
        const code = c.replace(/^stream [^:]*: /, "").split(":")[0];
        codes.set(code, (codes.get(code) ?? 0) + 1);
      }
    }
    console.log(`  clean stream errors by code: ${JSON.stringify(Object.fromEntries(codes))}`);
    const timeouts = outcomes.flatMap((o) => o.timeouts.map((t) => `${o.name}:${t}`));
    console.log(
      `  streams stopped by the test deadline (machine load): ${timeouts.length} ${
        timeouts.slice(0, 10).join(" ")
      }`,
    );
    if (Deno.env.get("SMOKE_VERBOSE")) {
      for (const o of outcomes) {
        for (const c of o.clean) console.log(`  [clean] ${o.name}: ${c.slice(0, 240)}`);
      }
    }
    const slow = [...outcomes].sort((a, b) => b.ms - a.ms).slice(0, 5);
    console.log(`  slowest: ${slow.map((o) => `${o.name} ${o.ms} ms`).join(", ")}`);
    for (const o of outcomes.sort((a, b) => a.name.localeCompare(b.name))) {
      for (const f of o.failures.slice(0, 3)) console.log(`  ${o.name}: ${f}`);
    }
    ok(
      clean.length >= Math.floor(outcomes.length * MIN_CLEAN_RATIO),
      `only ${clean.length}/${outcomes.length} manifests ran without internal errors`,
    );
  } finally {
    await server.shutdown();
  }
});
