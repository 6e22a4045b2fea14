/**
 * Picks the cursor of a stream the way the reference does: no incremental sync → final-state cursor over the
 * partitions; a datetime cursor alone; or per-partition state when both a partition router and a datetime
 * cursor are configured.
 * @module
 */
import type { PartitionRouter } from "../partition/types.ts";
import type { JsonObject } from "../types.ts";
import type { PyTimedelta } from "../util/timedelta.ts";
import type { DatetimeCursor } from "./datetime_cursor.ts";
import { PerPartitionCursor } from "./per_partition_cursor.ts";
import { FinalStateCursor, type SliceCursor } from "./types.ts";

/** Options of {@link createSliceCursor}. */
export interface SliceCursorOptions {
  /** Partition router, if any. */
  router?: PartitionRouter;
  /** Creates a datetime cursor from a `{cursor_field: value}` state, if the stream is incremental. */
  datetime?: (state: JsonObject, runtimeLookback?: PyTimedelta) => DatetimeCursor;
  /** Cursor field (required with `router` + `datetime`). */
  cursorField?: string;
  /** Incoming stream state. */
  state?: JsonObject;
  /** Global substream cursor (`global_substream_cursor`, grouping routers). */
  useGlobalCursor?: boolean;
  /** Clock in milliseconds. */
  now?: () => number;
  /** Warnings. */
  log?: (message: string) => void;
}

/**
 * Builds the cursor for one read.
 *
 * @example
 * ```ts
 * import { createSliceCursor } from "./stream_cursor.ts";
 * const cursor = createSliceCursor({});
 * if (cursor.finalState()?.__ab_no_cursor_state_message !== true) throw new Error();
 * ```
 */
export function createSliceCursor(options: SliceCursorOptions): SliceCursor {
  const { router, datetime } = options;
  if (!datetime) {
    if (!router) return new FinalStateCursor();
    return new FinalStateCursor(
      (ctx) => router.partitions(ctx, undefined),
      router.applyToRequest ? (parts, slice) => router.applyToRequest!(parts, slice) : undefined,
    );
  }
  if (!router) return datetime(options.state ?? {});
  const probe = datetime({});
  return new PerPartitionCursor({
    router,
    createCursor: (state, lookback) => datetime(state, lookback),
    cursorField: options.cursorField ?? probe.cursorField,
    state: options.state,
    useGlobalCursor: options.useGlobalCursor,
    now: options.now,
    log: options.log,
  });
}
