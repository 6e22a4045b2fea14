/**
 * Test reads: read a few pages of each stream and collect what a person needs to debug a connector — records,
 * the request/response log (secrets masked), page and paginator decisions, final state, errors — then format
 * it as tables (or keep it as one JSON document for tools).
 * @module
 */
import { CredentialRegistry } from "../http/credentials.ts";
import { type Exchange, observeExchanges } from "../http/logging.ts";
import type { ConfiguredAirbyteCatalog } from "../protocol/messages.ts";
import type { InputState } from "../protocol/state.ts";
import { readSource } from "../source/runner.ts";
import type { ReadContext, Source } from "../source/types.ts";
import type { JsonObject, JsonSchema, RecordData } from "../types.ts";
import { detectPaginator, detectRecordPath, type PaginatorGuess, type RecordPathGuess } from "./detect.ts";
import { SchemaInferrer } from "./infer_schema.ts";

/** What one stream did during a test read. */
export interface StreamReport {
  /** Stream name. */
  name: string;
  /** Records read (all of them are counted; the first `sample` are kept). */
  recordCount: number;
  /** The first records (up to the sample size). */
  records: RecordData[];
  /** HTTP exchanges (every attempt, masked). */
  exchanges: Exchange[];
  /** Pages: records per page and the next token the paginator chose. */
  pages: { records: number; nextToken?: unknown }[];
  /** Paginator / cursor decisions reported by the read. */
  decisions: string[];
  /** Last state emitted for the stream. */
  state?: JsonObject;
  /** STREAM_STATUS at the end. */
  status: string;
  /** Error message (masked), if the stream failed. */
  error?: string;
  /** Inferred schema (with `infer`). */
  schema?: JsonSchema;
  /** Record path guess from the first response (with `infer`). */
  recordPath?: RecordPathGuess;
  /** Paginator guesses from the first response (with `infer`). */
  paginators?: PaginatorGuess[];
}

/** The whole test read. */
export interface TestReadReport {
  /** Streams in catalog order. */
  streams: StreamReport[];
  /** Errors not tied to a stream (masked). */
  errors: string[];
}

/** Options of {@link collectTestRead}. */
export interface TestReadOptions {
  /** Pages per partition (default 2). */
  pages?: number;
  /** Records per stream: the read of a stream stops there (default: no limit besides `pages`). */
  limit?: number;
  /** Records kept per stream for display (default 10). */
  sample?: number;
  /** Infer a schema and guess record path / paginator. */
  infer?: boolean;
  /** Credential names hidden in the log (Authorization, Cookie always are). */
  credentials?: CredentialRegistry;
  /** Input state. */
  state?: InputState;
}

/** Header names hidden in the request log even when no authenticator registered them. */
const COMMON_CREDENTIAL_HEADERS = [
  "x-api-key",
  "api-key",
  "apikey",
  "x-auth-token",
  "x-access-token",
  "x-session-token",
  "x-csrf-token",
  "set-cookie",
];

function defaultCredentials(): CredentialRegistry {
  const registry = new CredentialRegistry();
  for (const name of COMMON_CREDENTIAL_HEADERS) registry.addHeader(name);
  return registry;
}

function newReport(name: string): StreamReport {
  return { name, recordCount: 0, records: [], exchanges: [], pages: [], decisions: [], status: "PENDING" };
}

/**
 * Reads `catalog` with page and record limits and collects a {@link TestReadReport}.
 *
 * @example
 * ```ts
 * import { collectTestRead } from "./test_read.ts";
 * import { fakeEnv } from "../env.ts";
 * import { SecretMasker } from "../secrets.ts";
 * import type { StreamMessage } from "../source/types.ts";
 * const source = {
 *   spec: () => Promise.resolve({ connectionSpecification: {} }),
 *   check: () => Promise.resolve({ status: "SUCCEEDED" as const }),
 *   streams: () => Promise.resolve([{ name: "users", jsonSchema: () => Promise.resolve({}),
 *     read: async function* (): AsyncGenerator<StreamMessage> { yield { type: "record", data: { id: 1 } }; } }]),
 * };
 * const catalog = { streams: [{ stream: { name: "users", json_schema: {}, supported_sync_modes: ["full_refresh" as const] },
 *   sync_mode: "full_refresh" as const, destination_sync_mode: "append" as const }] };
 * const report = await collectTestRead(source, {}, catalog, { env: fakeEnv(), masker: new SecretMasker() }, { infer: true });
 * if (report.streams[0].recordCount !== 1 || report.streams[0].status !== "COMPLETE") throw new Error();
 * ```
 */
export async function collectTestRead(
  source: Source,
  config: JsonObject,
  catalog: ConfiguredAirbyteCatalog,
  ctx: ReadContext,
  options: TestReadOptions = {},
): Promise<TestReadReport> {
  const sample = options.sample ?? 10;
  const reports = new Map<string, StreamReport>(
    catalog.streams.map((s) => [s.stream.name, newReport(s.stream.name)]),
  );
  const inferrers = new Map<string, SchemaInferrer>();
  const firstBodies = new Map<string, { body: unknown; headers: Headers; url: string }>();
  const errors: string[] = [];
  let current: StreamReport | undefined;
  const reportOf = (
    name: string | undefined,
  ) => (name === undefined ? current : reports.get(name) ?? current);

  const observe = observeExchanges({
    masker: ctx.masker,
    credentials: options.credentials ?? defaultCredentials(),
    env: ctx.env,
    onExchange: (exchange) => reportOf(undefined)?.exchanges.push(exchange),
  });
  const capture = (next: ReadContext["env"]["fetch"]): ReadContext["env"]["fetch"] => async (request) => {
    const response = await next(request);
    const stream = current?.name;
    if (options.infer && stream !== undefined && !firstBodies.has(stream) && response.ok) {
      const type = response.headers.get("content-type") ?? "";
      if (type === "" || /json/i.test(type)) {
        try {
          const text = await response.clone().text();
          if (text.length <= 4 * 1024 * 1024) {
            firstBodies.set(stream, { body: JSON.parse(text), headers: response.headers, url: request.url });
          }
        } catch {
          // not JSON: no guesses for this stream
        }
      }
    }
    return response;
  };
  const observer = ctx.observer;
  const readCtx: ReadContext = {
    ...ctx,
    env: {
      ...ctx.env,
      fetch: observe(capture(ctx.env.fetch)),
      // Logs (retries, waits, warnings) belong to the stream being read; nothing goes to the protocol output.
      log: (level, message) => {
        if (level !== "DEBUG" && level !== "TRACE") {
          current?.decisions.push(`${level}: ${ctx.masker.mask(message)}`);
        }
      },
    },
    maxPages: options.pages ?? 2,
    observer: {
      ...observer,
      onPage: (event) => {
        reportOf(event.stream)?.pages.push({ records: event.records, nextToken: event.nextToken });
        const r = reportOf(event.stream);
        if (r) {
          r.decisions.push(
            event.nextToken === undefined || event.nextToken === null
              ? `page ${r.pages.length}: ${event.records} records; paginator: no next page (stop)`
              : `page ${r.pages.length}: ${event.records} records; paginator: next token ${
                ctx.masker.mask(JSON.stringify(event.nextToken) ?? String(event.nextToken))
              }`,
          );
        }
        observer?.onPage?.(event);
      },
      onDecision: (event) => {
        reportOf(event.stream)?.decisions.push(ctx.masker.mask(event.message));
        observer?.onDecision?.(event);
      },
    },
  };
  if (options.limit !== undefined) readCtx.maxRecords = options.limit;

  for await (const message of readSource(source, config, catalog, options.state, readCtx)) {
    if (message.type === "RECORD") {
      const r = reports.get(message.record.stream);
      if (!r) continue;
      r.recordCount++;
      if (r.records.length < sample) r.records.push(message.record.data);
      if (options.infer) {
        let inferrer = inferrers.get(r.name);
        if (!inferrer) inferrers.set(r.name, inferrer = new SchemaInferrer());
        if (inferrer.count < 5000) inferrer.add(message.record.data);
      }
    } else if (message.type === "STATE" && message.state.stream) {
      const r = reports.get(message.state.stream.stream_descriptor.name);
      if (r) {
        const line = `state checkpoint: ${
          ctx.masker.mask(JSON.stringify(message.state.stream.stream_state))
        }`;
        if (r.decisions.at(-1) !== line) r.decisions.push(line);
        r.state = message.state.stream.stream_state ?? undefined;
      }
    } else if (message.type === "TRACE" && message.trace.stream_status) {
      const r = reports.get(message.trace.stream_status.stream_descriptor.name);
      if (r) {
        r.status = message.trace.stream_status.status;
        if (r.status === "STARTED") current = r;
      }
    } else if (message.type === "TRACE" && message.trace.error) {
      const name = message.trace.error.stream_descriptor?.name;
      const r = name === undefined ? undefined : reports.get(name);
      if (r) r.error = message.trace.error.message;
      else errors.push(message.trace.error.message);
    } else if (message.type === "LOG" && (message.log.level === "WARN" || message.log.level === "ERROR")) {
      current?.decisions.push(`${message.log.level}: ${ctx.masker.mask(message.log.message)}`);
    }
  }
  if (options.infer) {
    for (const r of reports.values()) {
      const inferrer = inferrers.get(r.name);
      if (inferrer) r.schema = inferrer.schema();
      const first = firstBodies.get(r.name);
      if (first) {
        r.recordPath = detectRecordPath(first.body);
        r.paginators = detectPaginator({ body: first.body, headers: first.headers, url: first.url });
      }
    }
  }
  return { streams: [...reports.values()], errors };
}
