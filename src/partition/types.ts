/**
 * The partition router contract: it turns a stream into partitions (list values, parent records, …).
 * @module
 */
import type { RequestParts } from "../pagination/types.ts";
import type { ReadContext, StreamSlice } from "../source/types.ts";
import type { JsonObject } from "../types.ts";

/**
 * Produces the partitions of a stream. A router instance tracks the parent state of the read in progress, so
 * one instance serves one read at a time.
 */
export interface PartitionRouter {
  /**
   * The partitions (with empty `cursor_slice`), lazily. `parentState` is the incoming `parent_state`;
   * `childState` the whole incoming stream state (for migrating states that predate `parent_state`).
   */
  partitions(
    ctx: ReadContext,
    parentState?: JsonObject,
    childState?: JsonObject,
  ): AsyncIterable<StreamSlice> | Iterable<StreamSlice>;
  /**
   * State of the parent streams read incrementally (`{parent_name: state}`) as of the last partition
   * yielded, or undefined when the router has no incremental parent.
   */
  parentState?(): JsonObject | undefined;
  /** Injects the partition's values into a request. */
  applyToRequest?(parts: RequestParts, slice: StreamSlice): RequestParts;
}

/**
 * Serialises a partition like Airbyte's `PerPartitionKeySerializer` (sorted keys, compact separators).
 *
 * @example
 * ```ts
 * import { partitionKey } from "./types.ts";
 * if (partitionKey({ b: 1, a: { d: 2, c: 3 } }) !== '{"a":{"c":3,"d":2},"b":1}') throw new Error();
 * ```
 */
export function partitionKey(partition: unknown): string {
  return JSON.stringify(sortKeys(partition));
}

/**
 * Deep copy of a JSON value with object keys sorted (how partitions appear in Airbyte's state).
 *
 * @example
 * ```ts
 * import { sortKeys } from "./types.ts";
 * if (JSON.stringify(sortKeys({ b: 1, a: { d: 2, c: 3 } })) !== '{"a":{"c":3,"d":2},"b":1}') throw new Error();
 * ```
 */
export function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (typeof value === "object" && value !== null) {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) out[key] = sortKeys((value as Record<string, unknown>)[key]);
    return out;
  }
  return value;
}
