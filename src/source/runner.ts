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
import type { SpoutError as SpoutErrorType } from "../errors.ts";
import type {
  AirbyteCatalog,
  AirbyteMessage,
  AirbyteStream,
  ConfiguredAirbyteCatalog,
  StreamDescriptor,
} from "../protocol/messages.ts";
import {
  errorTraceMessage,
  logMessage,
  NO_CURSOR_STATE,
  recordMessage,
  streamStateMessage,
  streamStatusMessage,
} from "../protocol/messages.ts";
import type { InputState } from "../protocol/state.ts";
import { interleave } from "./interleave.ts";
import type { JsonObject } from "../types.ts";
import type { ConnectionStatus, ConnectorSpec, ReadContext, ReadOptions, Source, Stream } from "./types.ts";

/** Returns the source's specification. */
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

/** Describes one stream as a catalog entry (the shape `discover` prints). */
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

/** True for a TRACE ERROR message (the CLI exits 1 after one). */
export function isErrorTrace(message: AirbyteMessage): boolean {
  return message.type === "TRACE" && message.trace.type === "ERROR";
}

/** Builds a masked TRACE ERROR from anything thrown. */
export function errorToTrace(error: unknown, ctx: ReadContext, stream?: StreamDescriptor): AirbyteMessage {
  const spout: SpoutErrorType = toSpoutError(error);
  const cause = spout.cause instanceof Error ? spout.cause.message : undefined;
  const internal = cause && cause !== spout.message ? `${spout.code}: ${cause}` : spout.code;
  const stack = error instanceof Error ? error.stack : undefined;
  return errorTraceMessage({
    message: ctx.masker.mask(spout.message),
    internalMessage: ctx.masker.mask(internal),
    stackTrace: stack === undefined ? undefined : ctx.masker.mask(stack),
    failureType: spout.failureType,
    stream,
  }, ctx.env.now());
}

function findStream(streams: Stream[], name: string, namespace?: string): Stream | undefined {
  return streams.find((s) => s.name === name && s.namespace === namespace) ??
    streams.find((s) => s.name === name);
}

function isAbort(ctx: ReadContext): boolean {
  return ctx.signal?.aborted === true;
}

function interrupted(ctx: ReadContext, stream?: StreamDescriptor): AirbyteMessage {
  return errorTraceMessage({
    message: "The read was interrupted before it finished: run it again from the last emitted state.",
    internalMessage: ctx.masker.mask(String(ctx.signal?.reason ?? "aborted")),
    failureType: "transient_error",
    stream,
  }, ctx.env.now());
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
  let streams: Stream[];
  try {
    streams = await source.streams(config, ctx);
  } catch (error) {
    yield isAbort(ctx) ? interrupted(ctx) : errorToTrace(error, ctx);
    return;
  }
  const jobs: Job[] = catalog.streams.map((configured) => {
    const wanted = configured.stream;
    const stream = findStream(streams, wanted.name, wanted.namespace);
    if (!stream) {
      return {
        name: wanted.name,
        run: () => missingStream({ name: wanted.name, namespace: wanted.namespace }, ctx),
      };
    }
    const descriptor: StreamDescriptor = { name: stream.name, namespace: stream.namespace };
    return {
      name: stream.name,
      run: () => readOneStream(stream, descriptor, configured.sync_mode, configured.cursor_field, state, ctx),
    };
  });
  const failed: string[] = [];
  const limit = Math.max(1, Math.floor(options.streamConcurrency ?? 1));
  if (limit === 1) {
    for (const job of jobs) {
      if (isAbort(ctx)) {
        yield interrupted(ctx);
        return;
      }
      const outcome = yield* job.run();
      if (outcome.kind === "aborted") return;
      if (outcome.kind === "failed") failed.push(`${job.name}: ${outcome.reason}`);
    }
  } else {
    const { results, started } = yield* interleave(
      jobs.map((job) => job.run),
      limit,
      () => !isAbort(ctx),
    );
    if (started < jobs.length) {
      yield interrupted(ctx);
      return;
    }
    for (const [i, outcome] of results.entries()) {
      if (outcome?.kind === "aborted") return;
      if (outcome?.kind === "failed") failed.push(`${jobs[i].name}: ${outcome.reason}`);
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

/** What happened to one stream (a failure carries its masked message). */
type Outcome = { kind: "ok" } | { kind: "aborted" } | { kind: "failed"; reason: string };
const OK: Outcome = { kind: "ok" };
const ABORTED: Outcome = { kind: "aborted" };
type Job = { name: string; run: () => AsyncGenerator<AirbyteMessage, Outcome> };

async function* missingStream(
  descriptor: StreamDescriptor,
  ctx: ReadContext,
): AsyncGenerator<AirbyteMessage, Outcome> {
  yield logMessage(
    "WARN",
    `The stream '${descriptor.name}' in the catalog was not found in the source: refresh the catalog (discover) ` +
      "and remove it from the configured streams.",
  );
  yield streamStatusMessage(descriptor, "INCOMPLETE", ctx.env.now());
  return OK;
}

async function* readOneStream(
  stream: Stream,
  descriptor: StreamDescriptor,
  syncMode: ReadOptions["syncMode"],
  configuredCursor: string[] | undefined,
  state: InputState | undefined,
  ctx: ReadContext,
): AsyncGenerator<AirbyteMessage, Outcome> {
  const cursorField = configuredCursor && configuredCursor.length > 0 ? configuredCursor : stream.cursorField;
  const options: ReadOptions = { syncMode, cursorField, state: state?.get(descriptor) };
  const now = () => ctx.env.now();
  const started = now();
  yield streamStatusMessage(descriptor, "STARTED", started);
  yield logMessage("INFO", `Syncing stream ${descriptor.name} (${syncMode})`);
  let total = 0;
  let sinceState = 0;
  let stateSeen = false;
  let truncated = false;
  try {
    for await (const item of stream.read(options, ctx)) {
      if (item.type === "record") {
        const data: unknown = item.data;
        if (typeof data !== "object" || data === null || Array.isArray(data)) {
          throw new SpoutError(
            "decode_error",
            `stream ${descriptor.name} produced a record that is not a JSON object (${
              Array.isArray(data) ? "array" : data === null ? "null" : typeof data
            }): check the record selector's field_path`,
          );
        }
        if (total === 0) yield streamStatusMessage(descriptor, "RUNNING", now());
        total++;
        sinceState++;
        yield recordMessage(descriptor.name, item.data, now(), descriptor.namespace);
        if (ctx.maxRecords !== undefined && total >= ctx.maxRecords) {
          truncated = true;
          break;
        }
      } else if (item.type === "state") {
        yield streamStateMessage(descriptor, item.state, sinceState);
        sinceState = 0;
        stateSeen = true;
      } else if (item.type === "log") {
        yield logMessage(item.level, ctx.masker.mask(item.message));
      }
    }
    if (isAbort(ctx)) throw new SpoutError("internal_error", "aborted");
  } catch (error) {
    if (isAbort(ctx)) {
      yield streamStatusMessage(descriptor, "INCOMPLETE", now());
      yield interrupted(ctx, descriptor);
      return ABORTED;
    }
    yield errorToTrace(error, ctx, descriptor);
    if (!stateSeen) {
      const closing = closingState(syncMode, cursorField, options.state);
      if (closing) yield streamStateMessage(descriptor, closing, sinceState);
    }
    yield streamStatusMessage(descriptor, "INCOMPLETE", now());
    return { kind: "failed", reason: ctx.masker.mask(toSpoutError(error).message) };
  }
  if (!stateSeen && !truncated) {
    const closing = closingState(syncMode, cursorField, options.state);
    if (closing) yield streamStateMessage(descriptor, closing, sinceState);
  }
  yield logMessage("INFO", `Read ${total} records from stream ${descriptor.name} in ${now() - started} ms`);
  yield streamStatusMessage(descriptor, "COMPLETE", now());
  return OK;
}

/**
 * The state a stream ends with when it yielded none (Airbyte expects one per stream and read): the no-cursor
 * marker for a read without a cursor, else the unchanged input state (nothing when there is none).
 */
function closingState(
  syncMode: ReadOptions["syncMode"],
  cursorField: string[] | undefined,
  input: JsonObject | undefined,
): JsonObject | undefined {
  const hasCursor = syncMode === "incremental" && (cursorField?.length ?? 0) > 0;
  if (!hasCursor) return { ...NO_CURSOR_STATE };
  return input;
}
