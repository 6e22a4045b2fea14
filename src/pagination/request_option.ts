/**
 * Airbyte's `RequestOption`: where a value (page token, page size, cursor bound) goes in a request.
 * @module
 */
import { SpoutError } from "../errors.ts";
import { isForbiddenKey } from "../extract/dpath.ts";
import type { RequestParts } from "./types.ts";

/** Where a request option is injected. */
export type InjectInto = "request_parameter" | "header" | "body_data" | "body_json";

/** A place in a request: a top-level `fieldName`, or a nested `fieldPath` (body_json only). */
export interface RequestOption {
  /** The part of the request. */
  injectInto: InjectInto;
  /** Top-level name (query parameter, header, form field or JSON key). */
  fieldName?: string;
  /** Nested JSON path; only valid with `injectInto: "body_json"`. */
  fieldPath?: readonly string[];
}

/**
 * Checks a request option the way Airbyte does when it builds one (exactly one of `fieldName`/`fieldPath`;
 * `fieldPath` only for body_json). Throws `config_invalid`.
 *
 * @example
 * ```ts
 * import { validateRequestOption } from "./request_option.ts";
 * validateRequestOption({ injectInto: "body_json", fieldPath: ["page", "size"] });
 * let rejected = false;
 * try {
 *   validateRequestOption({ injectInto: "header", fieldPath: ["x"] });
 * } catch {
 *   rejected = true;
 * }
 * if (!rejected) throw new Error("field_path is body_json only");
 * ```
 */
export function validateRequestOption(option: RequestOption): void {
  const { fieldName, fieldPath, injectInto } = option;
  if (fieldName === undefined && fieldPath === undefined) {
    throw new SpoutError("config_invalid", "RequestOption needs a field_name or a field_path");
  }
  if (fieldName !== undefined && fieldPath !== undefined) {
    throw new SpoutError("config_invalid", "RequestOption takes field_name or field_path, not both");
  }
  if (fieldPath !== undefined) {
    if (injectInto !== "body_json") {
      throw new SpoutError(
        "config_invalid",
        "RequestOption field_path is only supported with inject_into: body_json; use field_name instead",
      );
    }
    if (fieldPath.length === 0) throw new SpoutError("config_invalid", "RequestOption field_path is empty");
  }
  for (const k of fieldPath ?? [fieldName!]) {
    if (isForbiddenKey(String(k))) {
      throw new SpoutError("config_invalid", `RequestOption may not write the key "${k}"`);
    }
  }
}

/**
 * Python's `str()` for the values that end up in query strings, headers and forms.
 *
 * @example
 * ```ts
 * import { toParamString } from "./request_option.ts";
 * if (toParamString(true) !== "True" || toParamString(null) !== "None" || toParamString(2) !== "2") throw new Error();
 * ```
 */
export function toParamString(value: unknown): string {
  if (typeof value === "string") return value;
  if (value === true) return "True";
  if (value === false) return "False";
  if (value === null || value === undefined) return "None";
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}

/**
 * Injects `value` into `parts` at `option` (mutates `parts` and returns it). Query values are stringified
 * like Python's `str()` (`true` -> `"True"`); arrays repeat the query key; body_json keeps the raw value and
 * creates nested objects along `fieldPath`.
 *
 * @example
 * ```ts
 * import { injectOption } from "./request_option.ts";
 * const parts = injectOption({ path: "/x", query: {}, headers: {} }, {
 *   injectInto: "body_json",
 *   fieldPath: ["page", "cursor"],
 * }, "abc");
 * if (JSON.stringify(parts.json) !== '{"page":{"cursor":"abc"}}') throw new Error("wrong");
 * ```
 */
export function injectOption(parts: RequestParts, option: RequestOption, value: unknown): RequestParts {
  const name = option.fieldName;
  switch (option.injectInto) {
    case "request_parameter":
      parts.query[name!] = Array.isArray(value) ? value.map(toParamString) : toParamString(value);
      break;
    case "header":
      parts.headers[name!] = toParamString(value);
      break;
    case "body_data":
      (parts.form ??= {})[name!] = toParamString(value);
      break;
    case "body_json": {
      let target: Record<string, unknown> = parts.json ??= {};
      const path = option.fieldPath ?? [name!];
      for (let i = 0; i < path.length - 1; i++) {
        const k = path[i];
        if (isForbiddenKey(k)) throw new SpoutError("config_invalid", `RequestOption may not write "${k}"`);
        const cur = Object.hasOwn(target, k) ? target[k] : undefined;
        if (typeof cur !== "object" || cur === null || Array.isArray(cur)) target[k] = {};
        target = target[k] as Record<string, unknown>;
      }
      const last = path[path.length - 1];
      if (isForbiddenKey(last)) {
        throw new SpoutError("config_invalid", `RequestOption may not write "${last}"`);
      }
      target[last] = value;
      break;
    }
    default:
      throw new SpoutError("config_invalid", `unknown inject_into "${String(option.injectInto)}"`);
  }
  return parts;
}
