/**
 * Airbyte's `FlattenFields`: nested objects (and lists) become top-level dotted keys.
 * @module
 */
import type { RecordData } from "../types.ts";
import { isPlainObject, safeSet } from "./_safe.ts";
import type { Transformation } from "./types.ts";

/** Options of {@link flattenFields}. */
export interface FlattenFieldsOptions {
  /** Flatten arrays too, with index keys like `items.0.id` (default true). */
  flattenLists?: boolean;
}

/**
 * Flattens a record with Airbyte's exact algorithm (a stack, so keys come out in reverse order): a nested
 * key keeps its own name unless that name is already taken, in which case it becomes `parent.key`; once
 * any list has been flattened, all later keys use the `parent.key` form. Empty objects disappear.
 *
 * @example
 * ```ts
 * import { flattenFields } from "./flatten.ts";
 * const out = flattenFields()({ a: { b: 1 }, b: 2 });
 * if (JSON.stringify(out) !== '{"b":2,"a.b":1}') throw new Error(JSON.stringify(out));
 * ```
 */
export function flattenFields(options: FlattenFieldsOptions = {}): Transformation {
  const flattenLists = options.flattenLists ?? true;
  return (record: RecordData): RecordData => {
    const out: RecordData = {};
    const values: unknown[] = [record];
    const keys: string[] = ["_"];
    let forceParent = false;
    while (values.length) {
      const current = values.pop();
      const parentKey = keys.pop()!;
      if (isPlainObject(current)) {
        for (const k in current) {
          if (!Object.hasOwn(current, k)) continue;
          const newKey = forceParent || Object.hasOwn(out, k) ? `${parentKey}.${k}` : k;
          values.push(current[k]);
          keys.push(newKey);
        }
      } else if (Array.isArray(current) && flattenLists) {
        for (let i = 0; i < current.length; i++) {
          forceParent = true;
          values.push(current[i]);
          keys.push(`${parentKey}.${i}`);
        }
      } else safeSet(out, parentKey, current);
    }
    return out;
  };
}
