/**
 * The record transformation contract.
 * @module
 */
import type { RecordData } from "../types.ts";

/** What a transformation may look at besides the record (opaque values the caller provides). */
export interface TransformContext {
  /** The connector config. */
  config?: unknown;
  /** The stream slice being read. */
  streamSlice?: unknown;
  /** The stream state (deprecated in Airbyte templates, still passed). */
  streamState?: unknown;
  /** Anything else a callback needs. */
  [key: string]: unknown;
}

/**
 * Changes one record. Transformations mutate `record` in place (fast path) and return nothing, or return a
 * replacement record (used when rebuilding is cheaper than mutating, e.g. renaming every key). Callers must
 * use the returned record when there is one: `record = t(record, ctx) ?? record`.
 */
export type Transformation = (record: RecordData, ctx?: TransformContext) => RecordData | void;

/**
 * Chains transformations in order into one.
 *
 * @example
 * ```ts
 * import { composeTransformations } from "./types.ts";
 * const t = composeTransformations([(r) => { r.a = 1; }, (r) => ({ b: r.a })]);
 * if (JSON.stringify(t({})) !== '{"b":1}') throw new Error("wrong");
 * ```
 */
export function composeTransformations(transformations: readonly Transformation[]): Transformation {
  const list = transformations.slice();
  if (list.length === 1) return list[0];
  return (record: RecordData, ctx?: TransformContext): RecordData => {
    let r = record;
    for (let i = 0; i < list.length; i++) {
      const out = list[i](r, ctx);
      if (out !== undefined) r = out;
    }
    return r;
  };
}
