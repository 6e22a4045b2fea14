/**
 * Airbyte's PaginationReset (`retriever.pagination_reset`) and its PaginationTracker: when the API answers
 * RESET_PAGINATION, or after `limits.number_of_records` records since the last (re)start, pagination starts
 * again from the first page; with SPLIT_USING_CURSOR the slice is first narrowed to start at the most recent
 * cursor value read so far (records must come in ascending cursor order).
 * @module
 */
import { SpoutError } from "../../errors.ts";
import type { StreamSlice } from "../../source/types.ts";
import { isObject, type RecordData } from "../../types.ts";
import { type Component, type ComponentPath, type FactoryContext, invalid } from "./context.ts";
import { stableJson } from "./slices.ts";

/** A compiled `pagination_reset`. */
export interface PaginationResetPolicy {
  /** RESET: restart on the same slice; SPLIT_USING_CURSOR: restart on the narrowed slice. */
  readonly action: "RESET" | "SPLIT_USING_CURSOR";
  /** Restart after this many records since the last (re)start. */
  readonly numberOfRecords?: number;
}

/**
 * Builds the retriever's `pagination_reset` (undefined when absent).
 *
 * @example
 * ```ts
 * import { buildPaginationReset } from "./pagination_reset.ts";
 * const ctx = { config: {}, components: {}, streamCache: new Map() };
 * const policy = buildPaginationReset(ctx, {
 *   pagination_reset: {
 *     type: "PaginationReset",
 *     action: "SPLIT_USING_CURSOR",
 *     limits: { type: "PaginationResetLimits", number_of_records: 500 },
 *   },
 * }, ["retriever"]);
 * if (policy?.action !== "SPLIT_USING_CURSOR" || policy.numberOfRecords !== 500) throw new Error("policy");
 * ```
 */
export function buildPaginationReset(
  ctx: FactoryContext,
  retriever: Component,
  path: ComponentPath,
): PaginationResetPolicy | undefined {
  const component = retriever.pagination_reset;
  if (!isObject(component)) return undefined;
  const action = String(component.action ?? "");
  if (action !== "RESET" && action !== "SPLIT_USING_CURSOR") {
    return invalid(ctx, [...path, "action"], `unknown PaginationReset action ${JSON.stringify(action)}`);
  }
  const limits = isObject(component.limits) ? component.limits : undefined;
  const n = limits?.number_of_records;
  if (limits && n !== undefined && n !== null) {
    const selector = retriever.record_selector;
    if (isObject(selector) && selector.record_filter !== undefined && selector.record_filter !== null) {
      invalid(ctx, [...path, "limits"], "PaginationResetLimits are not supported while having record filter");
    }
  }
  return {
    action,
    numberOfRecords: n === undefined || n === null ? undefined : Number(n),
  };
}

/** Narrows a slice to its most recent cursor value (a datetime cursor that observed the slice's records). */
export interface SliceReducer {
  /** Observes a record read for `slice` (the original slice). */
  observe(record: RecordData, slice: StreamSlice): void;
  /** The original slice narrowed to start at the most recent value observed (unchanged when none). */
  reduceSliceRange(slice: StreamSlice): StreamSlice;
}

/**
 * One slice read's pagination tracker (Airbyte's PaginationTracker): counts records since the last restart and
 * decides the slice of the next restart. Restarting on an unchanged slice is allowed once without a cursor
 * (a retry), never with one.
 *
 * @example
 * ```ts
 * import { PaginationTracker } from "./pagination_reset.ts";
 * const slice = { partition: {}, cursor_slice: {} };
 * const tracker = new PaginationTracker(undefined, 2);
 * tracker.observe({ id: 1 }, slice);
 * tracker.observe({ id: 2 }, slice);
 * if (!tracker.hasReachedLimit()) throw new Error("limit");
 * if (tracker.reduce(slice, slice) !== slice || tracker.hasReachedLimit()) throw new Error("restart");
 * let failed = false;
 * try { tracker.reduce(slice, slice); } catch { failed = true; }
 * if (!failed) throw new Error("a second restart on the same slice fails");
 * ```
 */
export class PaginationTracker {
  #count = 0;
  #sameAttempts = 0;
  readonly #reducer?: SliceReducer;
  readonly #limit?: number;
  readonly #allowed: number;

  /** `reducer` narrows slices (SPLIT_USING_CURSOR); `limit` is `limits.number_of_records`. */
  constructor(reducer?: SliceReducer, limit?: number) {
    this.#reducer = reducer;
    this.#limit = limit;
    this.#allowed = reducer ? 1 : 2;
  }

  /** Counts a record (and lets the cursor see it). */
  observe(record: RecordData, slice: StreamSlice): void {
    this.#count++;
    this.#reducer?.observe(record, slice);
  }

  /** True when `limits.number_of_records` records were read since the last restart. */
  hasReachedLimit(): boolean {
    return this.#limit !== undefined && this.#count >= this.#limit;
  }

  /** The slice to restart with; throws `pagination_loop` when it would repeat the previous one too often. */
  reduce(previous: StreamSlice, original: StreamSlice): StreamSlice {
    const next = this.#reducer ? this.#reducer.reduceSliceRange(original) : previous;
    if (next === previous || stableJson(sliceShape(next)) === stableJson(sliceShape(previous))) {
      this.#sameAttempts++;
      if (this.#sameAttempts >= this.#allowed) {
        throw new SpoutError(
          "pagination_loop",
          `pagination was reset ${this.#sameAttempts} time(s) on the same slice while at most ${this.#allowed} ` +
            "are allowed; the API keeps asking to restart without progress",
        );
      }
    } else this.#sameAttempts = 0;
    this.#count = 0;
    return next;
  }
}

function sliceShape(slice: StreamSlice): unknown {
  return { partition: slice.partition, cursor_slice: slice.cursor_slice, extra_fields: slice.extra_fields };
}
