/**
 * The `field_path` walk shared by the ported record extractors: the path is rendered once per component, the
 * returned reader walks a decoded document along it (undefined where the path is missing).
 * @module
 */
import type { ComponentContext, ComponentOptions } from "../../src/declarative/components.ts";
import { isObject } from "../../src/types.ts";

/**
 * Renders `options.field_path` and returns a reader of that path.
 *
 * @example
 * ```ts
 * import { fieldPathReader } from "./field_path.ts";
 * const ctx = { template: (s: unknown) => ({ render: () => String(s) }) } as never;
 * const read = fieldPathReader({ field_path: ["data", "items"] }, ctx);
 * if ((read({ data: { items: [1] } }) as number[])[0] !== 1) throw new Error("path");
 * ```
 */
export function fieldPathReader(
  options: ComponentOptions,
  ctx: ComponentContext,
): (document: unknown) => unknown {
  const path = (Array.isArray(options.field_path) ? options.field_path : []).map((s) =>
    ctx.template(s).render()
  );
  return (document) => {
    let node: unknown = document;
    for (const segment of path) node = isObject(node) ? node[segment] : undefined;
    return node;
  };
}
