/**
 * Airbyte's `RequestOption` for partition and cursor values: a non-mutating wrapper over the pagination
 * module's `injectOption` (same Python `str()` conversion, same prototype-safe nested JSON paths).
 * @module
 */
import { injectOption, type RequestOption } from "../pagination/request_option.ts";
import type { RequestParts } from "../pagination/types.ts";

export type { InjectInto, RequestOption } from "../pagination/request_option.ts";

/**
 * Returns a copy of `parts` with `value` injected as the option says (`parts` is not changed).
 *
 * @example
 * ```ts
 * import { injectRequestOption } from "./request_option.ts";
 * const parts = { path: "", query: {}, headers: {} };
 * const out = injectRequestOption(parts, { injectInto: "body_json", fieldPath: ["filter", "id"] }, 7);
 * if (JSON.stringify(out.json) !== '{"filter":{"id":7}}' || "json" in parts) throw new Error("inject");
 * ```
 */
export function injectRequestOption(
  parts: RequestParts,
  option: RequestOption,
  value: unknown,
): RequestParts {
  const copy: RequestParts = {
    ...parts,
    query: { ...parts.query },
    headers: { ...parts.headers },
  };
  if (parts.form) copy.form = { ...parts.form };
  if (parts.json) copy.json = structuredClone(parts.json);
  return injectOption(copy, option, value);
}
