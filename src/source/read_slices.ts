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

/** Options of {@link readSlices}. */
export interface ReadSlicesOptions {
  /** Slicing and state. */
  cursor: SliceCursor;
  /** Reads the records of one slice. */
  readSlice(slice: StreamSlice, signal: AbortSignal): AsyncIterable<RecordData> | Iterable<RecordData>;
  /** Read context (concurrency, signal, maxRecords). */
  ctx: ReadContext;
  /** Applies the cursor's client-side filter (`is_client_side_incremental`). Default false. */
  clientSideFilter?: boolean;
  /** Overrides `ctx.concurrency`. */
  concurrency?: number;
}

/**
 * Reads every slice of a cursor and yields records and ordered checkpoints, then the final state.
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
export async function* readSlices(
  options: ReadSlicesOptions,
): AsyncGenerator<StreamMessage, void, undefined> {
  const { cursor, ctx } = options;
  const filter = options.clientSideFilter && cursor.shouldSync ? cursor.shouldSync.bind(cursor) : undefined;
  let stopped = false;
  let count = 0;
  let lastState: string | undefined;
  const maxRecords = ctx.maxRecords ?? Infinity;
  const messages = readPartitions<StreamSlice>({
    partitions: cursor.slices(ctx),
    read: filter
      ? async function* (slice, signal) {
        for await (const record of options.readSlice(slice, signal)) if (filter(record, slice)) yield record;
      }
      : (slice, signal) => options.readSlice(slice, signal),
    onRecord: (record, slice) => cursor.observe(record, slice),
    recordPartition: (slice) => slice.partition,
    close: (slice) => cursor.close(slice),
    concurrency: options.concurrency ?? ctx.concurrency,
    signal: ctx.signal,
  });
  for await (const message of messages) {
    if (message.type === "state") lastState = JSON.stringify(message.state);
    yield message;
    if (message.type === "record" && ++count >= maxRecords) {
      stopped = true;
      break;
    }
  }
  if (stopped) return;
  const final = cursor.finalState();
  // The reference re-emits its last state at the end; an identical final state is not repeated here.
  if (final !== undefined && JSON.stringify(final) !== lastState) yield { type: "state", state: final };
}
