/**
 * Airbyte's `DpathFlattenFields`: lifts the keys of one nested object to the top level.
 * @module
 */
import { compilePath, deletePath, getPath, type PathSegment, valuesAt } from "../extract/dpath.ts";
import type { RecordData } from "../types.ts";
import { isPlainObject, safeSet } from "./_safe.ts";
import type { Transformation } from "./types.ts";

/** Options of {@link dpathFlattenFields}. */
export interface DpathFlattenFieldsOptions {
  /** Path of the object to lift (`*` takes the first match). */
  fieldPath: readonly PathSegment[];
  /** Delete the original object after lifting (default false). */
  deleteOriginValue?: boolean;
  /** Replace the whole record with the lifted object (default false). */
  replaceRecord?: boolean;
  /** Prefix added to lifted keys (Airbyte `key_transformation.prefix`). */
  keyPrefix?: string;
  /** Suffix added to lifted keys (Airbyte `key_transformation.suffix`). */
  keySuffix?: string;
}

/**
 * Builds the transformation. As in Airbyte, nothing happens when the path does not lead to an object, or when
 * a lifted key already exists in the record (no partial merge).
 *
 * @example
 * ```ts
 * import { dpathFlattenFields } from "./dpath_flatten.ts";
 * const t = dpathFlattenFields({ fieldPath: ["data"], deleteOriginValue: true });
 * const r = { id: 1, data: { a: 1, b: 2 } };
 * const out = t(r) ?? r;
 * if (JSON.stringify(out) !== '{"id":1,"a":1,"b":2}') throw new Error(JSON.stringify(out));
 * ```
 */
export function dpathFlattenFields(options: DpathFlattenFieldsOptions): Transformation {
  const path = compilePath(options.fieldPath);
  const star = path.segments.includes("*");
  const { deleteOriginValue = false, replaceRecord = false, keyPrefix, keySuffix } = options;
  return (record: RecordData): RecordData | void => {
    const extracted = star ? valuesAt(record, path)[0] : getPath(record, path);
    if (!isPlainObject(extracted)) return;
    let lifted: Record<string, unknown> = extracted;
    if (keyPrefix || keySuffix) {
      lifted = {};
      for (const k in extracted) {
        if (Object.hasOwn(extracted, k)) {
          safeSet(lifted, `${keyPrefix ?? ""}${k}${keySuffix ?? ""}`, extracted[k]);
        }
      }
    }
    const keys = Object.keys(lifted);
    if (replaceRecord && keys.length) {
      const out: RecordData = {};
      for (const k of keys) safeSet(out, k, lifted[k]);
      return out;
    }
    for (const k of keys) if (Object.hasOwn(record, k)) return;
    if (deleteOriginValue) deletePath(record, path);
    for (const k of keys) safeSet(record, k, lifted[k]);
  };
}
