/**
 * Airbyte's `RemoveFields`: deletes fields by path, with `*`/`**` wildcards and an optional condition.
 * @module
 */
import { compilePath, deletePath, type PathSegment } from "../extract/dpath.ts";
import type { RecordData } from "../types.ts";
import type { Transformation } from "./types.ts";

/** Options of {@link removeFields}. */
export interface RemoveFieldsOptions {
  /** Paths to delete; missing paths are ignored. List items are set to null (the last one is removed). */
  fieldPointers: readonly (readonly PathSegment[])[];
  /**
   * Airbyte `condition` (the value is `property`). Parity note: Airbyte passes it to dpath as a filter, and
   * dpath then deletes every leaf of the record for which it is true, whatever the pointers say; spout does
   * the same, so `["**"]` with `(v) => v === ""` (the usual use) removes every empty string.
   */
  condition?: (property: unknown) => boolean;
}

/**
 * Builds a RemoveFields transformation (paths compiled once).
 *
 * @example
 * ```ts
 * import { removeFields } from "./remove_fields.ts";
 * const t = removeFields({ fieldPointers: [["secret"], ["items", "*", "tmp"]] });
 * const r = { id: 1, secret: "x", items: [{ tmp: 1, v: 2 }] };
 * t(r);
 * if (JSON.stringify(r) !== '{"id":1,"items":[{"v":2}]}') throw new Error(JSON.stringify(r));
 * ```
 */
export function removeFields(options: RemoveFieldsOptions): Transformation {
  const paths = options.fieldPointers.map((p) => compilePath(p));
  const condition = options.condition;
  return (record: RecordData): void => {
    for (let i = 0; i < paths.length; i++) deletePath(record, paths[i], condition);
  };
}
