/**
 * Airbyte's `IncrementingCountCursor`: incremental sync on a continuously increasing integer field. One slice
 * `{start, end: Infinity}` starts at the larger of the previous sync's value and `start`; the records are not
 * filtered; the state is `{...incoming legacy state, [cursor_field]: highest value read}` (the previous value
 * when nothing higher was read). The reference runs it through its concurrent cursor with the integer state
 * converter; this follows the same interval bookkeeping, so the same state comes out, including from an
 * incoming concurrent-format state (`{"state_type": "integer", "slices": [...]}`).
 * @module
 */
import { SpoutError } from "../errors.ts";
import type { RequestParts } from "../pagination/types.ts";
import { injectRequestOption, type RequestOption } from "../partition/request_option.ts";
import type { StreamSlice } from "../source/types.ts";
import type { JsonObject, RecordData } from "../types.ts";
import type { SliceCursor } from "./types.ts";

/** Options of {@link IncrementingCountCursor}. */
export interface IncrementingCountCursorOptions {
  /** Top-level record field holding the count. */
  cursorField: string;
  /** First value to sync (`start_value`, default 0). */
  start?: number;
  /** Incoming stream state. */
  state?: JsonObject;
  /** Where the slice's start goes in the request (`start_value_option`). */
  startValueOption?: RequestOption;
  /** Warnings (a record without the cursor field, logged once). */
  log?: (message: string) => void;
}

interface Interval {
  start: number;
  end: number;
  mostRecent?: number;
}

const STATE_TYPES = ["date-range", "integer"];

function numeric(value: unknown, what: string): number {
  if (typeof value === "number") return value;
  throw new SpoutError(
    "state_invalid",
    `${what} ${JSON.stringify(value)} is not a number; reset the stream's state or fix the cursor field`,
  );
}

function merge(intervals: Interval[]): Interval[] {
  if (intervals.length === 0) return [];
  const sorted = [...intervals].sort((a, b) => a.start - b.start || a.end - b.end);
  const out: Interval[] = [{ ...sorted[0] }];
  for (const current of sorted.slice(1)) {
    const last = out[out.length - 1];
    if (last.end + 1 >= current.start) {
      last.end = Math.max(last.end, current.end);
      const a = last.mostRecent;
      const b = current.mostRecent;
      // Python's `max(b, a) if b and a else b or a` (0 is falsy)
      last.mostRecent = a && b ? Math.max(a, b) : b || a;
    } else out.push({ ...current });
  }
  return out;
}

/**
 * The incrementing count cursor of one read.
 *
 * @example
 * ```ts
 * import { IncrementingCountCursor } from "./incrementing_count_cursor.ts";
 * const cursor = new IncrementingCountCursor({ cursorField: "id", start: 5, state: { id: 8 } });
 * const [slice] = [...cursor.slices()];
 * if (slice.cursor_slice.start !== 8) throw new Error("starts at the previous value");
 * cursor.observe({ id: 9 }, slice);
 * cursor.observe({ id: 7 }, slice);
 * if (cursor.close(slice)?.id !== 9) throw new Error("state is the highest value read");
 * ```
 */
export class IncrementingCountCursor implements SliceCursor {
  /** The cursor field. */
  readonly cursorField: string;
  #start: number;
  /** Where this sync starts (the reference's `ConcurrentCursor.start`). */
  readonly syncStart: number;
  #intervals: Interval[];
  #legacy: JsonObject;
  #mostRecent = new Map<unknown, number>();
  #closedOne = false;
  #warned = false;
  #options: IncrementingCountCursorOptions;

  /** Builds the cursor from the incoming state (legacy `{field: n}` or the concurrent format). */
  constructor(options: IncrementingCountCursorOptions) {
    this.#options = options;
    this.cursorField = options.cursorField;
    this.#start = options.start ?? 0;
    const state = options.state ?? {};
    if (Object.keys(state).length > 0 && STATE_TYPES.includes(String(state.state_type))) {
      const slices = Array.isArray(state.slices) ? state.slices as JsonObject[] : [];
      this.#intervals = slices.map((s) => ({
        start: numeric(s.start, "state slice start"),
        end: numeric(s.end, "state slice end"),
        mostRecent: s.most_recent_cursor_value === undefined || s.most_recent_cursor_value === null
          ? undefined
          : numeric(s.most_recent_cursor_value, "state cursor value"),
      }));
      const first = slices[0];
      const fromState = first
        ? ("most_recent_cursor_value" in first ? first.most_recent_cursor_value : first.end)
        : undefined;
      this.syncStart = (typeof fromState === "number" && fromState) || this.#start || 0;
      this.#legacy = typeof state.legacy === "object" && state.legacy !== null && !Array.isArray(state.legacy)
        ? { ...state.legacy as JsonObject }
        : {};
    } else {
      const previous = state[this.cursorField];
      let syncStart = this.#start;
      if (previous !== undefined && previous !== null) {
        const value = numeric(previous, `state value of ${this.cursorField}`);
        if (value && value >= this.#start) syncStart = value;
      }
      this.syncStart = syncStart;
      this.#intervals = [{ start: this.#start, end: syncStart, mostRecent: syncStart }];
      this.#legacy = { ...state };
    }
  }

  #split(lower: number, upper: number, upperIsEnd: boolean): StreamSlice[] {
    if (lower >= upper) return [];
    if (this.#start && upper < this.#start) return [];
    const from = this.#start ? Math.max(lower, this.#start) : lower;
    if (from > upper || (from === upper && !upperIsEnd)) return [];
    return [{ partition: {}, cursor_slice: { start: from, end: upper } }];
  }

  /** The slices: any gap before or between the state's intervals, then `{start: last end, end: Infinity}`. */
  slices(): Iterable<StreamSlice> {
    const intervals = this.#intervals = merge(this.#intervals);
    if (intervals.length === 0) throw new SpoutError("state_invalid", "the cursor state has no slices");
    const out: StreamSlice[] = [];
    if (this.#start < intervals[0].start) out.push(...this.#split(this.#start, intervals[0].start, false));
    for (let i = 0; i < intervals.length - 1; i++) {
      out.push(...this.#split(intervals[i].end, intervals[i + 1].start, false));
    }
    out.push(...this.#split(intervals[intervals.length - 1].end, Infinity, true));
    return out;
  }

  /** Tracks the highest cursor value of the record's slice; a record without one is read and logged. */
  observe(record: RecordData, slice: StreamSlice): void {
    const value = record[this.cursorField];
    if (value === undefined || value === null) {
      if (!this.#warned) {
        this.#warned = true;
        this.#options.log?.(
          `Could not find cursor field \`${this.cursorField}\` in record. The incremental sync will assume it needs to be synced`,
        );
      }
      return;
    }
    const count = numeric(value, `cursor value of ${this.cursorField}`);
    const current = this.#mostRecent.get(slice.cursor_slice);
    if (current === undefined || current < count) this.#mostRecent.set(slice.cursor_slice, count);
  }

  /** Closes the slice; returns the new state when it read a (non-zero) value, as the reference emits it. */
  close(slice: StreamSlice): JsonObject | undefined {
    const mostRecent = this.#mostRecent.get(slice.cursor_slice);
    this.#mostRecent.delete(slice.cursor_slice);
    const hadClosed = this.#closedOne;
    this.#closedOne = true;
    if (!mostRecent) return undefined;
    if (hadClosed) {
      throw new SpoutError(
        "state_invalid",
        "an IncrementingCountCursor tracks one slice only; the state has gaps that would need several",
      );
    }
    this.#intervals = merge([
      ...this.#intervals,
      { start: this.syncStart, end: mostRecent, mostRecent },
    ]);
    return this.state();
  }

  /** `{...legacy state, [cursorField]: latest complete value}`. */
  state(): JsonObject {
    const first = merge(this.#intervals)[0];
    const out: JsonObject = { ...this.#legacy };
    if (first) out[this.cursorField] = first.mostRecent || first.start;
    return out;
  }

  /** The final state (always emitted). */
  finalState(): JsonObject {
    return this.state();
  }

  /** Injects the slice's start through `startValueOption`. */
  applyToRequest(parts: RequestParts, slice: StreamSlice): RequestParts {
    const option = this.#options.startValueOption;
    if (!option) return parts;
    return injectRequestOption(parts, option, slice.cursor_slice.start);
  }
}
