/**
 * Small value types shared by every layer.
 * @module
 */

/** A JSON value as parsed by `JSON.parse`. */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/** A plain JSON object. */
export type JsonObject = { [key: string]: JsonValue };

/** One record as produced by a stream (a JSON object; values may be anything JSON-serialisable). */
export type RecordData = { [key: string]: unknown };

/** A JSON schema document (kept loose on purpose: schemas come from manifests and users). */
export type JsonSchema = { [key: string]: unknown };

/**
 * Returns true when `value` is a plain object (not null, not an array).
 *
 * @example
 * ```ts
 * import { isObject } from "./types.ts";
 * if (!isObject({ a: 1 }) || isObject([1]) || isObject(null)) throw new Error("plain objects only");
 * ```
 */
export function isObject(value: unknown): value is { [key: string]: unknown } {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
