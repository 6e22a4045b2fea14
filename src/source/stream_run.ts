/**
 * One stream's read, as plain synchronous steps (begin, translate each stream message, end or fail) so the
 * runner can drive it inline — one async-generator layer per record instead of two.
 * @module
 */
import { SpoutError, toSpoutError } from "../errors.ts";
import type { AirbyteMessage, StreamDescriptor } from "../protocol/messages.ts";
import {
  errorTraceMessage,
  logMessage,
  NO_CURSOR_STATE,
  recordMessage,
  streamStateMessage,
  streamStatusMessage,
} from "../protocol/messages.ts";
import type { InputState } from "../protocol/state.ts";
import type { JsonObject, RecordData } from "../types.ts";
import type { ReadContext, ReadOptions, Stream, StreamMessage, SyncMode } from "./types.ts";

/**
 * A page of RECORD messages of one stream sharing one `emitted_at`: what the batched read loop
 * (`readSourceBatched`) yields for a stream's `records` message instead of one RECORD message per record.
 * `MessageWriter.pushRecords(stream, records, emittedAt, namespace)` writes it exactly as the RECORD lines.
 */
export interface RecordBatch {
  /** Marks a batch (AirbyteMessage types are never "RECORDS"). */
  type: "RECORDS";
  /** Stream name. */
  stream: string;
  /** Stream namespace, if any. */
  namespace?: string;
  /** The records, in order (at least one). */
  records: readonly RecordData[];
  /** `emitted_at` of every record of the batch. */
  emittedAt: number;
}

/** What the batched read loop yields: protocol messages and record batches. */
export type ReadMessage = AirbyteMessage | RecordBatch;

/** What happened to one stream (a failure carries its masked message). */
export type Outcome = { kind: "ok" } | { kind: "aborted" } | { kind: "failed"; reason: string };

/** The stream completed. */
export const OK: Outcome = { kind: "ok" };
/** The read was aborted while the stream ran. */
export const ABORTED: Outcome = { kind: "aborted" };

/**
 * Builds a masked TRACE ERROR from anything thrown.
 *
 * @example
 * ```ts
 * import { errorToTrace } from "./stream_run.ts";
 * import { SpoutError } from "../errors.ts";
 * import { fakeEnv } from "../env.ts";
 * import { SecretMasker } from "../secrets.ts";
 * const masker = new SecretMasker();
 * masker.add("hunter2");
 * const message = errorToTrace(new SpoutError("http_auth", "token hunter2 was refused"), { env: fakeEnv(), masker });
 * if (message.type !== "TRACE" || message.trace.error?.message.includes("hunter2")) throw new Error("masked");
 * if (message.trace.error?.failure_type !== "config_error") throw new Error("failure type from the code");
 * ```
 */
export function errorToTrace(error: unknown, ctx: ReadContext, stream?: StreamDescriptor): AirbyteMessage {
  const spout = toSpoutError(error);
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

/** True once `ctx.signal` has aborted. */
export function isAbort(ctx: ReadContext): boolean {
  return ctx.signal?.aborted === true;
}

/**
 * The TRACE ERROR of an interrupted read: transient (run again from the last state) for a signal; when the
 * abort reason is a {@link SpoutError} (e.g. an internal failure), its message and failure type.
 */
export function interrupted(ctx: ReadContext, stream?: StreamDescriptor): AirbyteMessage {
  const reason: unknown = ctx.signal?.reason;
  const spout = reason instanceof SpoutError ? reason : undefined;
  return errorTraceMessage({
    message: spout
      ? ctx.masker.mask(spout.message)
      : "The read was interrupted before it finished: run it again from the last emitted state.",
    internalMessage: ctx.masker.mask(spout ? spout.code : String(reason ?? "aborted")),
    failureType: spout ? spout.failureType : "transient_error",
    stream,
  }, ctx.env.now());
}

/**
 * The state a stream ends with when it yielded none (Airbyte expects one per stream and read): the no-cursor
 * marker for a read without a cursor, else the unchanged input state (nothing when there is none).
 */
function closingState(
  syncMode: SyncMode,
  cursorField: string[] | undefined,
  input: JsonObject | undefined,
): JsonObject | undefined {
  const hasCursor = syncMode === "incremental" && (cursorField?.length ?? 0) > 0;
  if (!hasCursor) return { ...NO_CURSOR_STATE };
  return input;
}

function notAnObject(name: string, data: unknown): SpoutError {
  const kind = Array.isArray(data) ? "array" : data === null ? "null" : typeof data;
  return new SpoutError(
    "decode_error",
    `stream ${name} produced a record that is not a JSON object (${kind}): check the record selector's field_path`,
  );
}

/** The bookkeeping of one stream's read (see the runner's module doc for the message sequence). */
export class StreamRun {
  /** Which stream. */
  readonly descriptor: StreamDescriptor;
  /** What the stream is asked to read. */
  readonly options: ReadOptions;
  /** Set when `ctx.maxRecords` was reached: the caller stops reading. */
  truncated = false;
  readonly #ctx: ReadContext;
  readonly #name: string;
  readonly #namespace?: string;
  #started = 0;
  #total = 0;
  #sinceState = 0;
  #stateSeen = false;

  constructor(
    stream: Stream,
    syncMode: SyncMode,
    configuredCursor: string[] | undefined,
    state: InputState | undefined,
    ctx: ReadContext,
  ) {
    this.descriptor = { name: stream.name, namespace: stream.namespace };
    this.#name = stream.name;
    this.#namespace = stream.namespace;
    const cursorField = configuredCursor && configuredCursor.length > 0
      ? configuredCursor
      : stream.cursorField;
    this.options = { syncMode, cursorField, state: state?.get(this.descriptor) };
    this.#ctx = ctx;
  }

  /** STARTED and the "Syncing stream" log. */
  begin(): AirbyteMessage[] {
    this.#started = this.#ctx.env.now();
    return [
      streamStatusMessage(this.descriptor, "STARTED", this.#started),
      logMessage("INFO", `Syncing stream ${this.#name} (${this.options.syncMode})`),
    ];
  }

  /**
   * Turns one stream message into protocol messages (RUNNING precedes the first record); a `records` page
   * becomes one {@link RecordBatch} (cut at `ctx.maxRecords`). Throws on bad data (a page with a record that
   * is not an object fails as a whole).
   */
  translate(item: StreamMessage): ReadMessage | ReadMessage[] | undefined {
    if (item.type === "records") return this.#batch(item.data);
    if (item.type === "record") {
      const data: unknown = item.data;
      if (typeof data !== "object" || data === null || Array.isArray(data)) {
        throw notAnObject(this.#name, data);
      }
      const now = this.#ctx.env.now();
      const record = recordMessage(this.#name, item.data, now, this.#namespace);
      this.#total++;
      this.#sinceState++;
      const max = this.#ctx.maxRecords;
      if (max !== undefined && this.#total >= max) this.truncated = true;
      if (this.#total === 1) return [streamStatusMessage(this.descriptor, "RUNNING", now), record];
      return record;
    }
    if (item.type === "state") {
      const message = streamStateMessage(this.descriptor, item.state, this.#sinceState);
      this.#sinceState = 0;
      this.#stateSeen = true;
      return message;
    }
    if (item.type === "log") return logMessage(item.level, this.#ctx.masker.mask(item.message));
    return undefined;
  }

  #batch(page: RecordData[]): ReadMessage | ReadMessage[] | undefined {
    let records: readonly RecordData[] = page;
    const max = this.#ctx.maxRecords;
    if (max !== undefined && this.#total + records.length >= max) {
      this.truncated = true;
      const room = Math.max(0, max - this.#total);
      if (room < records.length) records = records.slice(0, room);
    }
    const n = records.length;
    if (n === 0) return undefined;
    for (let i = 0; i < n; i++) {
      const data: unknown = records[i];
      if (typeof data !== "object" || data === null || Array.isArray(data)) {
        throw notAnObject(this.#name, data);
      }
    }
    const now = this.#ctx.env.now();
    const batch: RecordBatch = { type: "RECORDS", stream: this.#name, records, emittedAt: now };
    if (this.#namespace !== undefined) batch.namespace = this.#namespace;
    const first = this.#total === 0;
    this.#total += n;
    this.#sinceState += n;
    return first ? [streamStatusMessage(this.descriptor, "RUNNING", now), batch] : batch;
  }

  /** After the last stream message: the closing state if needed, the "Read N records" log, COMPLETE. */
  end(): AirbyteMessage[] {
    const out: AirbyteMessage[] = [];
    if (!this.#stateSeen && !this.truncated) this.#closing(out);
    const ms = this.#ctx.env.now() - this.#started;
    out.push(logMessage("INFO", `Read ${this.#total} records from stream ${this.#name} in ${ms} ms`));
    out.push(streamStatusMessage(this.descriptor, "COMPLETE", this.#ctx.env.now()));
    return out;
  }

  /** After an error: INCOMPLETE with an interruption trace when aborted, else TRACE ERROR + closing state. */
  fail(error: unknown): { messages: AirbyteMessage[]; outcome: Outcome } {
    const ctx = this.#ctx;
    if (isAbort(ctx)) {
      return {
        messages: [
          streamStatusMessage(this.descriptor, "INCOMPLETE", ctx.env.now()),
          interrupted(ctx, this.descriptor),
        ],
        outcome: ABORTED,
      };
    }
    const messages = [errorToTrace(error, ctx, this.descriptor)];
    if (!this.#stateSeen) this.#closing(messages);
    messages.push(streamStatusMessage(this.descriptor, "INCOMPLETE", ctx.env.now()));
    return { messages, outcome: { kind: "failed", reason: ctx.masker.mask(toSpoutError(error).message) } };
  }

  #closing(out: AirbyteMessage[]): void {
    const closing = closingState(this.options.syncMode, this.options.cursorField, this.options.state);
    if (closing) out.push(streamStateMessage(this.descriptor, closing, this.#sinceState));
  }
}

/** Drives a {@link StreamRun} as a generator (used when several streams are read at once). */
export async function* runStream(
  stream: Stream,
  run: StreamRun,
  ctx: ReadContext,
): AsyncGenerator<ReadMessage, Outcome> {
  yield* run.begin();
  try {
    for await (const item of stream.read(run.options, ctx)) {
      const out = run.translate(item);
      if (Array.isArray(out)) yield* out;
      else if (out !== undefined) yield out;
      if (run.truncated) break;
    }
    if (isAbort(ctx)) throw new SpoutError("internal_error", "aborted");
  } catch (error) {
    const { messages, outcome } = run.fail(error);
    yield* messages;
    return outcome;
  }
  yield* run.end();
  return OK;
}
