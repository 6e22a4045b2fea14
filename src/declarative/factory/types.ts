/**
 * Internal runtime shapes the factory assembles into a stream: a slice reader reads one slice with the
 * cursor of the current read. These wrap the shared building blocks and stay private to the declarative
 * engine.
 * @module
 */
import type { Requester } from "../../http/requester.ts";
import type { SliceCursor } from "../../incremental/types.ts";
import type { ReadContext, StreamSlice } from "../../source/types.ts";
import type { RecordData } from "../../types.ts";

/** Per-read services of one stream. */
export interface RunContext {
  /** The read context (env, masker, signal, limits). */
  readonly ctx: ReadContext;
  /** Stream name (for errors and observers). */
  readonly stream: string;
  /** The cursor of this read (request options, client-side filtering). */
  readonly cursor?: SliceCursor;
}

/** Reads the records of one slice (all pages). */
export interface SliceReader {
  /** Yields the records of `slice`, page by page. */
  readSlice(slice: StreamSlice, run: RunContext): AsyncIterable<RecordData>;
  /** Yields the records of `slice` one page (array) at a time (the sequential fast path). */
  readSlicePages?(slice: StreamSlice, run: RunContext): AsyncIterable<RecordData[]>;
}

/** A fetch-shaped requester built for one read. */
export type RequesterFactory = (run: RunContext) => Requester;
