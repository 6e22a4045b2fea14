/**
 * Airbyte's `RequestOption`: where a slice or cursor value goes on an outgoing request.
 * @module
 */
import type { RequestParts } from "../pagination/types.ts";

/** Where a value is injected. */
export type InjectInto = "request_parameter" | "header" | "body_data" | "body_json";

/** A request option with an already-evaluated field name (or JSON body path). */
export interface RequestOption {
  /** Target of the injection. */
  injectInto: InjectInto;
  /** Field name (query parameter, header, form or JSON body key). */
  fieldName?: string;
  /** Nested JSON body path (body_json only). */
  fieldPath?: string[];
}

/** Python `str(value)` for the scalar values request options carry. */
export function pyStr(value: unknown): string {
  if (value === true) return "True";
  if (value === false) return "False";
  if (value === null || value === undefined) return "None";
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}

/**
 * Returns `parts` with `value` injected as the option says (a new object; `parts` is not changed).
 *
 * @example
 * ```ts
 * import { injectRequestOption } from "./request_option.ts";
 * const parts = injectRequestOption({ path: "", query: {}, headers: {} }, { injectInto: "body_json", fieldPath: ["filter", "id"] }, 7);
 * if (JSON.stringify(parts.json) !== '{"filter":{"id":7}}') throw new Error(JSON.stringify(parts.json));
 * ```
 */
export function injectRequestOption(
  parts: RequestParts,
  option: RequestOption,
  value: unknown,
): RequestParts {
  const name = option.fieldName ?? option.fieldPath?.[option.fieldPath.length - 1];
  if (name === undefined) return parts;
  switch (option.injectInto) {
    case "request_parameter":
      return {
        ...parts,
        query: { ...parts.query, [name]: Array.isArray(value) ? value.map(pyStr) : pyStr(value) },
      };
    case "header":
      return { ...parts, headers: { ...parts.headers, [name]: pyStr(value) } };
    case "body_data":
      return { ...parts, form: { ...(parts.form ?? {}), [name]: pyStr(value) } };
    case "body_json": {
      const json: Record<string, unknown> = structuredClone(parts.json ?? {});
      const path = option.fieldPath ?? [name];
      let target = json;
      for (const key of path.slice(0, -1)) {
        const next = target[key];
        if (typeof next !== "object" || next === null || Array.isArray(next)) target[key] = {};
        target = target[key] as Record<string, unknown>;
      }
      target[path[path.length - 1]] = value;
      return { ...parts, json };
    }
  }
}
