/**
 * The cursor contract the stream read loop drives: it generates slices, observes records, and produces the
 * state to checkpoint when a slice closes. Slices are closed in order (see `readPartitions`).
 * @module
 */
import type { RequestParts } from "../pagination/types.ts";
import type { JsonObject, RecordData } from "../types.ts";
import type { ReadContext, StreamSlice } from "../source/types.ts";
import { NO_CURSOR_STATE } from "../protocol/messages.ts";

/** Drives slicing and state for one stream read. A cursor instance serves exactly one read. */
export interface SliceCursor {
  /** The slices to read, generated lazily. */
  slices(ctx: ReadContext): AsyncIterable<StreamSlice> | Iterable<StreamSlice>;
  /** Client-side filter: false drops the record (is_client_side_incremental / data feeds). */
  shouldSync?(record: RecordData, slice: StreamSlice): boolean;
  /**
   * Observes a record that is about to be emitted. May return a state to checkpoint right after the record
   * (mid-slice checkpoints, e.g. every N records of a sorted stream read sequentially).
   */
  observe(record: RecordData, slice: StreamSlice): JsonObject | undefined | void;
  /** Closes a slice whose records (and those of every earlier slice) were all emitted; returns a checkpoint. */
  close(slice: StreamSlice): JsonObject | undefined;
  /** The state to emit when every slice is done (Airbyte emits at least one state per stream). */
  finalState(): JsonObject | undefined;
  /** The current state (what templates see as `stream_state`). */
  state(): JsonObject;
  /** Injects slice values into a request (request options of routers and cursors). */
  applyToRequest?(parts: RequestParts, slice: StreamSlice): RequestParts;
}

export { NO_CURSOR_STATE } from "../protocol/messages.ts";

/**
 * A cursor for streams without incremental state: one empty slice (or the given slices), and the
 * no-cursor marker as final state.
 *
 * @example
 * ```ts
 * import { FinalStateCursor } from "./types.ts";
 * const cursor = new FinalStateCursor();
 * if (JSON.stringify(cursor.finalState()) !== '{"__ab_no_cursor_state_message":true}') throw new Error();
 * ```
 */
export class FinalStateCursor implements SliceCursor {
  #slices: (ctx: ReadContext) => AsyncIterable<StreamSlice> | Iterable<StreamSlice>;
  #apply?: (parts: RequestParts, slice: StreamSlice) => RequestParts;

  /** `slices` defaults to a single empty slice; `applyToRequest` comes from a partition router. */
  constructor(
    slices?: (ctx: ReadContext) => AsyncIterable<StreamSlice> | Iterable<StreamSlice>,
    applyToRequest?: (parts: RequestParts, slice: StreamSlice) => RequestParts,
  ) {
    this.#slices = slices ?? (() => [{ partition: {}, cursor_slice: {} }]);
    this.#apply = applyToRequest;
  }

  /** The slices. */
  slices(ctx: ReadContext): AsyncIterable<StreamSlice> | Iterable<StreamSlice> {
    return this.#slices(ctx);
  }

  /** No-op. */
  observe(): void {}

  /** No intermediate checkpoints. */
  close(): JsonObject | undefined {
    return undefined;
  }

  /** The no-cursor marker. */
  finalState(): JsonObject {
    return { ...NO_CURSOR_STATE };
  }

  /** Empty state. */
  state(): JsonObject {
    return {};
  }

  /** Delegates to the router's request options. */
  applyToRequest(parts: RequestParts, slice: StreamSlice): RequestParts {
    return this.#apply ? this.#apply(parts, slice) : parts;
  }
}
