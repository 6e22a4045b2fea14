/**
 * Glue between a {@link SliceCursor} and {@link readPartitions}: the stream read loop used by `HttpStream` and
 * the declarative retriever. Records are filtered by the cursor (client-side incremental), observed, and
 * checkpoints are emitted in slice order; the cursor's final state closes the read.
 * @module
 */
import type { SliceCursor } from "../incremental/types.ts";
import type { RecordData } from "../types.ts";
import { readPartitions } from "./partition_reader.ts";
import type { ReadContext, StreamMessage, StreamSlice } from "./types.ts";

/** Options of {@link readSlices}. Give `readSlice` (records) or `readSliceBatches` (pages, faster). */
export interface ReadSlicesOptions {
  /** Slicing and state. */
  cursor: SliceCursor;
  /** Reads the records of one slice. */
  readSlice?(slice: StreamSlice, signal: AbortSignal): AsyncIterable<RecordData> | Iterable<RecordData>;
  /** Reads one slice as pages of records. */
  readSliceBatches?(slice: StreamSlice, signal: AbortSignal): AsyncIterable<RecordData[]>;
  /** Read context (concurrency, signal, maxRecords). */
  ctx: ReadContext;
  /** Applies the cursor's client-side filter (`is_client_side_incremental`). Default false. */
  clientSideFilter?: boolean;
  /** Overrides `ctx.concurrency`. */
  concurrency?: number;
}

/**
 * Reads every slice of a cursor and yields records and ordered checkpoints, then the final state (unless it
 * equals the last checkpoint: the reference repeats it, spout does not).
 *
 * @example
 * ```ts
 * import { readSlices } from "./read_slices.ts";
 * import { FinalStateCursor } from "../incremental/types.ts";
 * import { fakeEnv } from "../env.ts";
 * import { SecretMasker } from "../secrets.ts";
 * const types: string[] = [];
 * for await (const m of readSlices({
 *   cursor: new FinalStateCursor(),
 *   readSlice: () => [{ id: 1 }],
 *   ctx: { env: fakeEnv(), masker: new SecretMasker() },
 * })) types.push(m.type);
 * if (types.join() !== "record,state") throw new Error(types.join());
 * ```
 */
export function readSlices(options: ReadSlicesOptions): AsyncIterable<StreamMessage> {
  const { cursor, ctx } = options;
  const filter = options.clientSideFilter && cursor.shouldSync ? cursor.shouldSync.bind(cursor) : undefined;
  let lastState: string | undefined;
  const { readSlice, readSliceBatches } = options;
  // One generator layer per record: readPartitions yields straight to the caller (this is not a generator).
  return readPartitions<StreamSlice>({
    partitions: cursor.slices(ctx),
    read: readSlice && !readSliceBatches
      ? (filter
        ? async function* (slice, signal) {
          for await (const record of readSlice(slice, signal)) if (filter(record, slice)) yield record;
        }
        : (slice, signal) => readSlice(slice, signal))
      : undefined,
    readBatches: readSliceBatches
      ? (filter
        ? async function* (slice, signal) {
          for await (const page of readSliceBatches(slice, signal)) {
            yield page.filter((r) => filter(r, slice));
          }
        }
        : (slice, signal) => readSliceBatches(slice, signal))
      : undefined,
    onRecord: (record, slice) => {
      const checkpoint = cursor.observe(record, slice);
      if (checkpoint) lastState = JSON.stringify(checkpoint);
      return checkpoint;
    },
    recordPartition: (slice) => slice.partition,
    close: (slice) => {
      const state = cursor.close(slice);
      if (state !== undefined) lastState = JSON.stringify(state);
      return state;
    },
    // The reference re-emits its last state at the end; an identical final state is not repeated here.
    finish: () => {
      const final = cursor.finalState();
      return final !== undefined && JSON.stringify(final) !== lastState
        ? [{ type: "state", state: final }]
        : [];
    },
    concurrency: options.concurrency ?? ctx.concurrency,
    signal: ctx.signal,
    maxRecords: ctx.maxRecords,
  });
}
