/**
 * Fast JSONL writer for Airbyte messages: one JSON message per line, RECORD lines batched into ~64 KiB
 * chunks, the sink awaited (backpressure), and a flush after every other message (STATE, LOG, TRACE, …) so a
 * state never waits in a buffer and is never visible before the records it covers (they are earlier in the
 * same ordered byte stream), and liveness logs are seen while a read waits.
 *
 * Masking: LOG, TRACE and CONNECTION_STATUS messages pass every string through the {@link SecretMasker}.
 * RECORD and STATE are data and are written verbatim (masking them would corrupt data and resume points).
 * CONTROL is written verbatim on purpose: it carries the complete new config that the platform persists;
 * masking it would store `****` in place of the connector's credentials.
 * @module
 */
import type { SecretMasker } from "../secrets.ts";
import type { RecordData } from "../types.ts";
import type { AirbyteMessage } from "./messages.ts";

/** Receives encoded chunks in order; returning a promise applies backpressure. */
export type Sink = (chunk: Uint8Array) => Promise<void> | void;

/** Options for {@link MessageWriter}. */
export interface MessageWriterOptions {
  /** Masks LOG / TRACE / CONNECTION_STATUS text. */
  masker?: SecretMasker;
  /** Buffer this many characters before writing a chunk (default 65536). */
  bufferSize?: number;
  /**
   * Write buffered records at most this many milliseconds after the first of them (default 1000; 0 turns
   * the timer off), so a slow API's records show up while the read runs.
   */
  maxDelayMs?: number;
}

const RESOLVED: Promise<void> = Promise.resolve();

/** Returns `value` with every string (at any depth) passed through `mask`. */
function maskDeep(value: unknown, mask: (text: string) => string, depth = 0): unknown {
  if (typeof value === "string") return mask(value);
  if (depth > 32 || typeof value !== "object" || value === null) return value;
  if (Array.isArray(value)) return value.map((item) => maskDeep(item, mask, depth + 1));
  const out: { [key: string]: unknown } = {};
  for (const [key, item] of Object.entries(value)) out[key] = maskDeep(item, mask, depth + 1);
  return out;
}

/**
 * Record data as JSON, the way Airbyte serialises it: top-level `null` fields are omitted (the reference's
 * protocol serializer drops them; nested nulls stay).
 *
 * @example
 * ```ts
 * import { recordDataJson } from "./writer.ts";
 * if (recordDataJson({ a: null, b: { c: null }, d: 1 }) !== '{"b":{"c":null},"d":1}') throw new Error();
 * ```
 */
export function recordDataJson(data: RecordData): string {
  for (const key in data) {
    if (data[key] === null) {
      const kept: RecordData = {};
      for (const [k, v] of Object.entries(data)) if (v !== null) kept[k] = v;
      return JSON.stringify(kept);
    }
  }
  return JSON.stringify(data) ?? "{}";
}

/**
 * Serialises one message to a single JSON line (without the newline), masking where the protocol allows.
 *
 * @example
 * ```ts
 * import { serializeMessage } from "./writer.ts";
 * import { SecretMasker } from "../secrets.ts";
 * const masker = new SecretMasker();
 * masker.add("hunter2");
 * const line = serializeMessage({ type: "LOG", log: { level: "INFO", message: "pw=hunter2" } }, masker);
 * if (line.includes("hunter2")) throw new Error("leak");
 * ```
 */
export function serializeMessage(message: AirbyteMessage, masker?: SecretMasker): string {
  switch (message.type) {
    case "RECORD": {
      const r = message.record;
      const ns = r.namespace === undefined ? "" : `,"namespace":${JSON.stringify(r.namespace)}`;
      return `{"type":"RECORD","record":{"stream":${JSON.stringify(r.stream)},"data":${
        recordDataJson(r.data)
      },"emitted_at":${JSON.stringify(r.emitted_at) ?? "0"}${ns}}}`;
    }
    case "LOG":
    case "TRACE":
    case "CONNECTION_STATUS":
      if (masker && masker.size > 0) return JSON.stringify(maskDeep(message, (text) => masker.mask(text)));
      return JSON.stringify(message);
    default:
      return JSON.stringify(message);
  }
}

/**
 * Writes Airbyte messages as JSON lines to a sink.
 *
 * @example
 * ```ts
 * import { MessageWriter } from "./writer.ts";
 * const chunks: Uint8Array[] = [];
 * const writer = new MessageWriter((chunk) => {
 *   chunks.push(chunk);
 * });
 * await writer.write({ type: "LOG", log: { level: "INFO", message: "hi" } });
 * await writer.flush();
 * const text = new TextDecoder().decode(chunks[0]);
 * if (text !== '{"type":"LOG","log":{"level":"INFO","message":"hi"}}\n') throw new Error(text);
 * ```
 */
export class MessageWriter {
  readonly #sink: Sink;
  readonly #masker?: SecretMasker;
  readonly #bufferSize: number;
  readonly #maxDelayMs: number;
  #timer: ReturnType<typeof setTimeout> | undefined;
  readonly #encoder = new TextEncoder();
  #parts: string[] = [];
  #buffered = 0;
  #chain: Promise<void> = RESOLVED;
  #error: unknown = undefined;
  #failed = false;
  #messages = 0;
  #bytes = 0;

  /** Writes to `sink`; see {@link MessageWriterOptions}. */
  constructor(sink: Sink, options: MessageWriterOptions = {}) {
    this.#sink = sink;
    this.#masker = options.masker;
    this.#bufferSize = Math.max(1, options.bufferSize ?? 65536);
    this.#maxDelayMs = Math.max(0, options.maxDelayMs ?? 1000);
  }

  /** Messages accepted so far. */
  get messages(): number {
    return this.#messages;
  }

  /** Bytes handed to the sink so far. */
  get bytes(): number {
    return this.#bytes;
  }

  /**
   * Buffers one message. Resolves at once unless a chunk had to be written (then it resolves when the sink
   * has taken it). Any message but a RECORD is followed by a flush. Rejects if the sink failed earlier.
   */
  write(message: AirbyteMessage): Promise<void> {
    return this.push(message) ?? RESOLVED;
  }

  /**
   * Like {@link MessageWriter.write} but returns `undefined` when nothing has to be awaited, which saves a
   * microtask per record on hot paths: `const wait = writer.push(m); if (wait) await wait;`.
   */
  push(message: AirbyteMessage): Promise<void> | undefined {
    if (this.#failed) return Promise.reject(this.#error);
    const line = serializeMessage(message, this.#masker) + "\n";
    this.#parts.push(line);
    this.#buffered += line.length;
    this.#messages++;
    // Only records are batched: a STATE must reach the platform promptly, and LOG/TRACE/CONTROL lines are
    // rare but time-sensitive (liveness logs during long waits, errors, new credentials).
    if (message.type !== "RECORD" || this.#buffered >= this.#bufferSize) return this.#drain();
    // One timer per delay period (not per chunk: timers are not free): when it fires, whatever is buffered
    // goes out; the next record arms it again.
    this.#arm();
    return undefined;
  }

  /**
   * Buffers one RECORD line per item of `records` (a page), exactly as {@link MessageWriter.push} would for
   * each, with one stream prefix and one `emitted_at` for the batch: no message object per record. Returns
   * `undefined` when nothing has to be awaited, else a promise (backpressure). A batch is drained at most once,
   * so a chunk may exceed `bufferSize` by up to one page.
   *
   * @example
   * ```ts
   * import { MessageWriter } from "./writer.ts";
   * const chunks: Uint8Array[] = [];
   * const writer = new MessageWriter((chunk) => {
   *   chunks.push(chunk);
   * });
   * writer.pushRecords("users", [{ id: 1 }, { id: 2 }], 5);
   * await writer.flush();
   * const lines = new TextDecoder().decode(chunks[0]).trimEnd().split("\n").map((l) => JSON.parse(l));
   * if (lines.length !== 2 || lines[1].record.data.id !== 2 || lines[0].record.emitted_at !== 5) throw new Error();
   * ```
   */
  pushRecords(
    stream: string,
    records: readonly RecordData[],
    emittedAt: number,
    namespace?: string,
  ): Promise<void> | undefined {
    if (this.#failed) return Promise.reject(this.#error);
    const n = records.length;
    if (n === 0) return undefined;
    const head = `{"type":"RECORD","record":{"stream":${JSON.stringify(stream)},"data":`;
    const tail = `,"emitted_at":${JSON.stringify(emittedAt) ?? "0"}${
      namespace === undefined ? "" : `,"namespace":${JSON.stringify(namespace)}`
    }}}\n`;
    let text = "";
    for (let i = 0; i < n; i++) text += head + recordDataJson(records[i]) + tail;
    this.#parts.push(text);
    this.#buffered += text.length;
    this.#messages += n;
    if (this.#buffered >= this.#bufferSize) return this.#drain();
    this.#arm();
    return undefined;
  }

  #arm(): void {
    if (this.#timer === undefined && this.#maxDelayMs > 0) {
      this.#timer = setTimeout(() => {
        this.#timer = undefined;
        if (this.#parts.length > 0) this.#drain().catch(() => {});
      }, this.#maxDelayMs);
    }
  }

  /** Writes everything buffered and resolves when the sink has taken it (also stops the delay timer). */
  flush(): Promise<void> {
    if (this.#timer !== undefined) {
      clearTimeout(this.#timer);
      this.#timer = undefined;
    }
    return this.#drain();
  }

  #drain(): Promise<void> {
    if (this.#parts.length > 0) {
      const chunk = this.#encoder.encode(this.#parts.join(""));
      this.#parts = [];
      this.#buffered = 0;
      this.#chain = this.#chain.then(async () => {
        if (this.#failed) return;
        try {
          await this.#sink(chunk);
          this.#bytes += chunk.byteLength;
        } catch (error) {
          this.#failed = true;
          this.#error = error;
        }
      });
    }
    return this.#chain.then(() => {
      if (this.#failed) throw this.#error;
    });
  }
}
