/**
 * The read loop: turns a {@link Source} plus config, configured catalog and input state into Airbyte
 * messages, and the small `spec` / `check` / `discover` operations beside it.
 *
 * Per configured stream, in catalog order (streams are read one after another unless
 * `options.streamConcurrency` allows more; partitions inside a stream are the stream's business):
 * `TRACE STREAM_STATUS STARTED` → `RUNNING` at the first record → `RECORD`s and `STATE`s in the order the
 * stream yields them (each STATE carries `sourceStats.recordCount`, the records since the previous state of
 * that stream) → a closing state when the stream yielded none → `COMPLETE`. An INFO LOG follows STARTED
 * ("Syncing stream …") and precedes COMPLETE ("Read N records from stream … in … ms").
 *
 * Behaviour checked against Airbyte's Python CDK (7.x), with deliberate differences:
 * - A stream that yields no state ends with `{"__ab_no_cursor_state_message": true}` when it is read without
 *   a cursor (full refresh, or incremental without a cursor field), or with its input state re-emitted when it
 *   has a cursor. The reference always re-emits a final state (duplicating the last one); we do not.
 * - The closing state comes before `COMPLETE` (the reference's concurrent queue often emits it after).
 * - A failing stream yields `TRACE ERROR` (masked message, failure type from the error, stream descriptor),
 *   the same closing state as above when it yielded none (as the reference: the marker carries no
 *   progress, so it is safe), and `STREAM_STATUS INCOMPLETE`; the other streams are still read; at the end
 *   one more `TRACE ERROR` (failure type `config_error`, as the reference) lists the failed streams, and the
 *   CLI exits 1.
 * - A configured stream the source does not have gets `STREAM_STATUS INCOMPLETE` and a WARN log, and the read
 *   goes on (the reference's default); it does not fail the read.
 * - When `ctx.signal` aborts, the current stream gets `INCOMPLETE`, a `transient_error` TRACE ERROR says the
 *   read was interrupted, and no further stream is started; no state is emitted past the last record.
 * @module
 */
import { SpoutError, toSpoutError } from "../errors.ts";
import type {
  AirbyteCatalog,
  AirbyteMessage,
  AirbyteStream,
  ConfiguredAirbyteCatalog,
  ConfiguredAirbyteStream,
  StreamDescriptor,
} from "../protocol/messages.ts";
import { errorTraceMessage, logMessage, recordMessage, streamStatusMessage } from "../protocol/messages.ts";
import type { InputState } from "../protocol/state.ts";
import type { JsonObject } from "../types.ts";
import { interleave } from "./interleave.ts";
import { errorToTrace, interrupted, isAbort, OK, runStream, StreamRun } from "./stream_run.ts";
import type { Outcome, ReadMessage } from "./stream_run.ts";
import type { ConnectionStatus, ConnectorSpec, ReadContext, Source, Stream } from "./types.ts";

export { errorToTrace } from "./stream_run.ts";
export type { ReadMessage, RecordBatch } from "./stream_run.ts";

/**
 * Returns the source's specification.
 *
 * @example
 * ```ts
 * import { specOf } from "./runner.ts";
 * const source = {
 *   spec: () => Promise.resolve({ connectionSpecification: { type: "object" } }),
 *   check: () => Promise.resolve({ status: "SUCCEEDED" as const }),
 *   streams: () => Promise.resolve([]),
 * };
 * if ((await specOf(source)).connectionSpecification.type !== "object") throw new Error();
 * ```
 */
export function specOf(source: Source): Promise<ConnectorSpec> {
  return source.spec();
}

/**
 * Runs `source.check`; a thrown error becomes a FAILED status with a masked, actionable reason.
 *
 * @example
 * ```ts
 * import { checkSource } from "./runner.ts";
 * import { fakeEnv } from "../env.ts";
 * import { SecretMasker } from "../secrets.ts";
 * const masker = new SecretMasker();
 * masker.add("s3cret");
 * const source = {
 *   spec: () => Promise.resolve({ connectionSpecification: {} }),
 *   check: () => Promise.reject(new Error("401 for token s3cret")),
 *   streams: () => Promise.resolve([]),
 * };
 * const status = await checkSource(source, {}, { env: fakeEnv(), masker });
 * if (status.status !== "FAILED" || status.message?.includes("s3cret")) throw new Error("not masked");
 * ```
 */
export async function checkSource(
  source: Source,
  config: JsonObject,
  ctx: ReadContext,
): Promise<ConnectionStatus> {
  try {
    const status = await source.check(config, ctx);
    if (status.status === "SUCCEEDED") return { status: "SUCCEEDED" };
    return { status: "FAILED", message: ctx.masker.mask(status.message ?? "check failed") };
  } catch (error) {
    return { status: "FAILED", message: ctx.masker.mask(toSpoutError(error).message) };
  }
}

/**
 * Describes one stream as a catalog entry (the shape `discover` prints).
 *
 * @example
 * ```ts
 * import { describeStream } from "./runner.ts";
 * const entry = await describeStream({
 *   name: "orders",
 *   primaryKey: [["id"]],
 *   cursorField: ["updated_at"],
 *   jsonSchema: () => Promise.resolve({ type: "object" }),
 *   read: async function* () {},
 * });
 * if (entry.supported_sync_modes.join() !== "full_refresh,incremental") throw new Error();
 * if (entry.default_cursor_field?.join() !== "updated_at" || entry.source_defined_primary_key?.[0][0] !== "id") {
 *   throw new Error(JSON.stringify(entry));
 * }
 * ```
 */
export async function describeStream(stream: Stream): Promise<AirbyteStream> {
  const cursor = stream.cursorField && stream.cursorField.length > 0 ? stream.cursorField : undefined;
  const entry: AirbyteStream = {
    name: stream.name,
    json_schema: await stream.jsonSchema(),
    supported_sync_modes: cursor ? ["full_refresh", "incremental"] : ["full_refresh"],
  };
  if (stream.namespace !== undefined) entry.namespace = stream.namespace;
  if (cursor) {
    entry.source_defined_cursor = stream.sourceDefinedCursor ?? true;
    entry.default_cursor_field = [...cursor];
  }
  if (stream.primaryKey && stream.primaryKey.length > 0) {
    entry.source_defined_primary_key = stream.primaryKey.map((path) => [...path]);
  }
  entry.is_resumable = cursor !== undefined;
  entry.is_file_based = false;
  return entry;
}

/**
 * Lists the source's streams as an Airbyte catalog.
 *
 * @example
 * ```ts
 * import { discoverSource } from "./runner.ts";
 * import { fakeEnv } from "../env.ts";
 * import { SecretMasker } from "../secrets.ts";
 * const stream = {
 *   name: "users",
 *   cursorField: ["updated"],
 *   jsonSchema: () => Promise.resolve({ type: "object" }),
 *   read: async function* () {},
 * };
 * const source = {
 *   spec: () => Promise.resolve({ connectionSpecification: {} }),
 *   check: () => Promise.resolve({ status: "SUCCEEDED" as const }),
 *   streams: () => Promise.resolve([stream]),
 * };
 * const catalog = await discoverSource(source, {}, { env: fakeEnv(), masker: new SecretMasker() });
 * if (catalog.streams[0].supported_sync_modes.length !== 2) throw new Error("incremental expected");
 * ```
 */
export async function discoverSource(
  source: Source,
  config: JsonObject,
  ctx: ReadContext,
): Promise<AirbyteCatalog> {
  const streams = await source.streams(config, ctx);
  const out: AirbyteStream[] = [];
  for (const stream of streams) out.push(await describeStream(stream));
  return { streams: out };
}

/**
 * True for a TRACE ERROR message (the CLI exits 1 after one).
 *
 * @example
 * ```ts
 * import { isErrorTrace } from "./runner.ts";
 * import { errorToTrace } from "./stream_run.ts";
 * import { fakeEnv } from "../env.ts";
 * import { SecretMasker } from "../secrets.ts";
 * const trace = errorToTrace(new Error("boom"), { env: fakeEnv(), masker: new SecretMasker() });
 * if (!isErrorTrace(trace)) throw new Error("a TRACE ERROR");
 * if (isErrorTrace({ type: "LOG", log: { level: "INFO", message: "hi" } })) throw new Error("not a trace");
 * ```
 */
export function isErrorTrace(message: AirbyteMessage): boolean {
  return message.type === "TRACE" && message.trace.type === "ERROR";
}

function findStream(streams: Stream[], name: string, namespace?: string): Stream | undefined {
  return streams.find((s) => s.name === name && s.namespace === namespace) ??
    streams.find((s) => s.name === name);
}

/**
 * Reads every configured stream and yields Airbyte messages (see the module doc for the exact sequence).
 * Never throws for a stream failure: failures become TRACE ERROR messages, use {@link isErrorTrace}.
 *
 * @example
 * ```ts
 * import { readSource } from "./runner.ts";
 * import { fakeEnv } from "../env.ts";
 * import { SecretMasker } from "../secrets.ts";
 * import type { StreamMessage } from "./types.ts";
 * const stream = {
 *   name: "users",
 *   jsonSchema: () => Promise.resolve({}),
 *   read: async function* (): AsyncGenerator<StreamMessage> {
 *     yield { type: "record", data: { id: 1 } };
 *   },
 * };
 * const source = {
 *   spec: () => Promise.resolve({ connectionSpecification: {} }),
 *   check: () => Promise.resolve({ status: "SUCCEEDED" as const }),
 *   streams: () => Promise.resolve([stream]),
 * };
 * const catalog = {
 *   streams: [{
 *     stream: { name: "users", json_schema: {}, supported_sync_modes: ["full_refresh" as const] },
 *     sync_mode: "full_refresh" as const,
 *     destination_sync_mode: "append" as const,
 *   }],
 * };
 * const types: string[] = [];
 * for await (const m of readSource(source, {}, catalog, undefined, { env: fakeEnv(), masker: new SecretMasker() })) {
 *   if (m.type !== "LOG") types.push(m.type === "TRACE" ? m.trace.stream_status!.status : m.type);
 * }
 * if (types.join() !== "STARTED,RUNNING,RECORD,STATE,COMPLETE") throw new Error(types.join());
 * ```
 */
export async function* readSource(
  source: Source,
  config: JsonObject,
  catalog: ConfiguredAirbyteCatalog,
  state: InputState | undefined,
  ctx: ReadContext,
  options: ReadSourceOptions = {},
): AsyncGenerator<AirbyteMessage> {
  for await (const message of readSourceBatched(source, config, catalog, state, ctx, options)) {
    if (message.type !== "RECORDS") {
      yield message;
      continue;
    }
    const { stream, records, emittedAt, namespace } = message;
    for (const data of records) yield recordMessage(stream, data, emittedAt, namespace);
  }
}

/**
 * {@link readSource} with a stream's record pages kept together: each `records` page a stream yields comes
 * out as one {@link RecordBatch} (write it with `MessageWriter.pushRecords`), other messages as in
 * `readSource`. The fast path of `spout read`: no message object per record.
 *
 * @example
 * ```ts
 * import { readSourceBatched } from "./runner.ts";
 * import { fakeEnv } from "../env.ts";
 * import { SecretMasker } from "../secrets.ts";
 * import type { StreamMessage } from "./types.ts";
 * const stream = {
 *   name: "users",
 *   jsonSchema: () => Promise.resolve({}),
 *   read: async function* (): AsyncGenerator<StreamMessage> {
 *     yield { type: "records", data: [{ id: 1 }, { id: 2 }] };
 *   },
 * };
 * const source = {
 *   spec: () => Promise.resolve({ connectionSpecification: {} }),
 *   check: () => Promise.resolve({ status: "SUCCEEDED" as const }),
 *   streams: () => Promise.resolve([stream]),
 * };
 * const catalog = {
 *   streams: [{
 *     stream: { name: "users", json_schema: {}, supported_sync_modes: ["full_refresh" as const] },
 *     sync_mode: "full_refresh" as const,
 *     destination_sync_mode: "append" as const,
 *   }],
 * };
 * const ctx = { env: fakeEnv(), masker: new SecretMasker() };
 * const seen: string[] = [];
 * for await (const m of readSourceBatched(source, {}, catalog, undefined, ctx)) {
 *   if (m.type === "RECORDS") seen.push(`RECORDS:${m.records.length}`);
 *   else if (m.type === "STATE") seen.push("STATE");
 * }
 * if (seen.join() !== "RECORDS:2,STATE") throw new Error(seen.join());
 * ```
 */
export async function* readSourceBatched(
  source: Source,
  config: JsonObject,
  catalog: ConfiguredAirbyteCatalog,
  state: InputState | undefined,
  ctx: ReadContext,
  options: ReadSourceOptions = {},
): AsyncGenerator<ReadMessage> {
  let streams: Stream[];
  try {
    streams = await source.streams(config, ctx);
  } catch (error) {
    yield isAbort(ctx) ? interrupted(ctx) : errorToTrace(error, ctx);
    return;
  }
  const jobs: Job[] = catalog.streams.map((configured) => ({
    configured,
    stream: findStream(streams, configured.stream.name, configured.stream.namespace),
  }));
  const start = (job: Job & { stream: Stream }) =>
    new StreamRun(job.stream, job.configured.sync_mode, job.configured.cursor_field, state, ctx);
  const failed: string[] = [];
  const limit = Math.max(1, Math.floor(options.streamConcurrency ?? 1));
  if (limit === 1) {
    for (const job of jobs) {
      if (isAbort(ctx)) {
        yield interrupted(ctx);
        return;
      }
      if (!job.stream) {
        yield* missingStream(job.configured, ctx);
        continue;
      }
      // The record loop is inlined here (rather than `yield* runStream(…)`): one async-generator layer per
      // record less, about a third of the runner's cost per record.
      const run = start({ ...job, stream: job.stream });
      yield* run.begin();
      let outcome: Outcome = OK;
      try {
        for await (const item of job.stream.read(run.options, ctx)) {
          const out = run.translate(item);
          if (Array.isArray(out)) yield* out;
          else if (out !== undefined) yield out;
          if (run.truncated) break;
        }
        if (isAbort(ctx)) throw new SpoutError("internal_error", "aborted");
      } catch (error) {
        const failure = run.fail(error);
        yield* failure.messages;
        outcome = failure.outcome;
      }
      if (outcome.kind === "aborted") return;
      if (outcome.kind === "failed") failed.push(`${job.stream.name}: ${outcome.reason}`);
      else yield* run.end();
    }
  } else {
    const { results, started } = yield* interleave(
      jobs.map(({ configured, stream }) =>
        stream
          ? () => runStream(stream, start({ configured, stream }), ctx)
          : () => missingStream(configured, ctx)
      ),
      limit,
      () => !isAbort(ctx),
    );
    if (started < jobs.length) {
      yield interrupted(ctx);
      return;
    }
    for (const [i, outcome] of results.entries()) {
      if (outcome?.kind === "aborted") return;
      if (outcome?.kind === "failed") failed.push(`${jobs[i].configured.stream.name}: ${outcome.reason}`);
    }
  }
  if (failed.length > 0) {
    yield errorTraceMessage({
      message: `During the sync, the following streams did not sync successfully: ${failed.join("; ")}`,
      internalMessage: "read failure",
      failureType: "config_error",
    }, ctx.env.now());
  }
}

/** Options of {@link readSource}. */
export interface ReadSourceOptions {
  /**
   * How many streams are read at once (default 1: one after another, in catalog order). With more, messages
   * of different streams interleave; each stream's own messages keep their order.
   */
  streamConcurrency?: number;
}

/** A configured stream and the source's stream of that name (absent when the source lacks it). */
type Job = { configured: ConfiguredAirbyteStream; stream?: Stream };

async function* missingStream(
  configured: ConfiguredAirbyteStream,
  ctx: ReadContext,
): AsyncGenerator<AirbyteMessage, Outcome> {
  const descriptor: StreamDescriptor = {
    name: configured.stream.name,
    namespace: configured.stream.namespace,
  };
  yield logMessage(
    "WARN",
    `The stream '${descriptor.name}' in the catalog was not found in the source: refresh the catalog (discover) ` +
      "and remove it from the configured streams.",
  );
  yield streamStatusMessage(descriptor, "INCOMPLETE", ctx.env.now());
  return OK;
}
