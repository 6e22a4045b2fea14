/**
 * The Stream the declarative factory builds for a `DeclarativeStream` component: slices from the partition
 * router and the incremental cursor, records from the retriever, state checkpoints in partition order through
 * the shared partition reader.
 * @module
 */
import { readPartitions } from "../source/partition_reader.ts";
import type { ReadContext, ReadOptions, Stream, StreamMessage, StreamSlice } from "../source/types.ts";
import { NO_CURSOR_STATE, type SliceCursor } from "../incremental/types.ts";
import type { JsonSchema } from "../types.ts";
import type { RunContext, SliceReader } from "./factory/types.ts";

/** Builds a cursor for one read from the incoming state. */
export type CursorFactory = (options: ReadOptions, run: RunContext) => SliceCursor;

/** Everything a declarative stream is made of. */
export interface DeclarativeStreamParts {
  /** Stream name. */
  name: string;
  /** Primary key as field paths. */
  primaryKey?: string[][];
  /** Cursor field, when the stream is incremental. */
  cursorField?: string[];
  /** Loads the JSON schema (cached after the first call). */
  schema(): Promise<JsonSchema>;
  /** Reads one slice. */
  reader: SliceReader;
  /** Creates the cursor for a read (also used for full refresh: it only lists partitions). */
  cursor: CursorFactory;
  /** Partitions read at once (manifest `concurrency_level`). */
  concurrency?: number;
  /** The resolved manifest component (for tooling and tests). */
  manifest?: { [key: string]: unknown };
}

/**
 * A stream built from a manifest.
 *
 * @example
 * ```ts
 * import { DeclarativeStream } from "./declarative_stream.ts";
 * import { fakeEnv } from "../env.ts";
 * import { SecretMasker } from "../secrets.ts";
 * const stream = new DeclarativeStream({
 *   name: "items",
 *   schema: () => Promise.resolve({}),
 *   reader: { async *readSlice() { yield { id: 1 }; } },
 *   cursor: () => ({
 *     async *slices() { yield { partition: {}, cursor_slice: {} }; },
 *     observe: () => {},
 *     state: () => ({}),
 *     close: () => undefined,
 *     finalState: () => undefined,
 *   }),
 * });
 * const out = [];
 * for await (const m of stream.read({ syncMode: "full_refresh" }, { env: fakeEnv(), masker: new SecretMasker() })) {
 *   out.push(m);
 * }
 * if (out.length !== 2 || out[1].type !== "state") throw new Error(JSON.stringify(out));
 * ```
 */
export class DeclarativeStream implements Stream {
  /** Stream name. */
  readonly name: string;
  /** Primary key. */
  readonly primaryKey?: string[][];
  /** Cursor field. */
  readonly cursorField?: string[];
  /** True when the manifest defines the cursor. */
  readonly sourceDefinedCursor?: boolean;
  /** The resolved manifest component. */
  readonly manifest?: { [key: string]: unknown };
  readonly #parts: DeclarativeStreamParts;

  constructor(parts: DeclarativeStreamParts) {
    this.#parts = parts;
    this.name = parts.name;
    this.primaryKey = parts.primaryKey;
    this.cursorField = parts.cursorField;
    this.sourceDefinedCursor = parts.cursorField !== undefined && parts.cursorField.length > 0;
    this.manifest = parts.manifest;
  }

  /** The stream's JSON schema. */
  jsonSchema(): Promise<JsonSchema> {
    return this.#parts.schema();
  }

  /** Reads records and ordered state checkpoints. */
  async *read(options: ReadOptions, ctx: ReadContext): AsyncIterable<StreamMessage> {
    // Like the reference (its STREAM_STATUS messages carry the stream's schema), the schema is loaded once
    // per read: a DynamicSchemaLoader sends its request on read too. The loader caches it.
    await this.#parts.schema();
    const base: RunContext = { ctx, stream: this.name };
    const cursor = this.#parts.cursor(options, base);
    const run: RunContext = { ...base, cursor };
    const reader = this.#parts.reader;
    let emitted = 0;
    const max = ctx.maxRecords ?? Infinity;
    try {
      const concurrency = this.#parts.concurrency ?? ctx.concurrency ?? 1;
      if (concurrency <= 1 && reader.readSlicePages) {
        // Sequential fast path: one `records` message per page, no extra async hop per record.
        for await (const slice of cursor.slices(ctx)) {
          for await (const page of reader.readSlicePages(slice, run)) {
            const n = Math.min(page.length, max - emitted);
            for (let i = 0; i < n; i++) cursor.observe(page[i], slice);
            if (n > 0) yield { type: "records", data: n === page.length ? page : page.slice(0, n) };
            if ((emitted += n) >= max) return;
          }
          const state = cursor.close(slice);
          if (state) yield { type: "state", state };
        }
      } else {
        const readPages = reader.readSlicePages?.bind(reader);
        const messages = readPartitions<StreamSlice>({
          partitions: cursor.slices(ctx),
          read: readPages
            ? undefined
            : (slice, signal) => reader.readSlice(slice, { ...run, ctx: { ...ctx, signal } }),
          readBatches: readPages
            ? (slice, signal) => readPages(slice, { ...run, ctx: { ...ctx, signal } })
            : undefined,
          onRecord: (record, slice) => cursor.observe(record, slice),
          close: (slice) => cursor.close(slice),
          concurrency,
          signal: ctx.signal,
          maxRecords: max,
        });
        for await (const message of messages) {
          yield message;
          if (message.type === "records") emitted += message.data.length;
          else if (message.type === "record") emitted++;
          if (emitted >= max) return;
        }
      }
    } catch (error) {
      // Like the reference (ensure_at_least_one_state_emitted), a failed stream still ends with the state of its
      // closed slices: never ahead of the records already emitted.
      if (!ctx.signal?.aborted) yield { type: "state", state: cursor.finalState() ?? { ...NO_CURSOR_STATE } };
      throw error;
    }
    yield { type: "state", state: cursor.finalState() ?? { ...NO_CURSOR_STATE } };
  }
}
